# Generated from specs/pixlab/openapi.yaml by `make generate`. Do not edit.
"""Sync and async clients of the pixlab service (rest).

Both classes come from one template macro; they differ only in ``async``/``await`` and the
httpx client they drive. Every method returns the same typed value whichever protocol carried
it, and raises only ``wirekit.errors.BindingError`` subclasses.
"""

from __future__ import annotations

from types import TracebackType

import httpx

from wirekit.rest import build_request, check_protocol, read_response, send, send_async

from . import operations
from .json_models import (
    DeleteResponse,
    OilpaintResponse,
)

#: The protocols this service's spec declares, in preference order.
PROTOCOLS: tuple[str, ...] = ('rest', )
#: The service address the spec publishes.
DEFAULT_BASE_URL = 'https://api.pixlab.io'


class Client:
    """Synchronous client of the pixlab service.

    ``protocol`` is one of rest; ``base_url`` is the service address
    (default: the spec's). Pass ``http_client`` to reuse a connection pool or inject a
    transport (``httpx.MockTransport``, vcrpy); a client you pass is not closed by this one.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: str = 'rest',
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.protocol = check_protocol(protocol, PROTOCOLS)
        self.base_url = base_url or DEFAULT_BASE_URL
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def delete(
        self,
        *,
        link: str,
        key: str | None = None,
    ) -> DeleteResponse:
        """Remove a previously stored media file."""
        request = build_request(self.protocol, self.base_url, operations.DELETE, {
            'link': link,
            'key': key,
        })
        response = send(self._http, request)
        return read_response(self.protocol, operations.DELETE, response)

    def oilpaint(
        self,
        *,
        img: str,
        radius: int | None = None,
        key: str | None = None,
    ) -> OilpaintResponse:
        """Generate an oilpaint effect image."""
        request = build_request(self.protocol, self.base_url, operations.OILPAINT, {
            'img': img,
            'radius': radius,
            'key': key,
        })
        response = send(self._http, request)
        return read_response(self.protocol, operations.OILPAINT, response)



class AsyncClient:
    """Asynchronous client of the pixlab service.

    ``protocol`` is one of rest; ``base_url`` is the service address
    (default: the spec's). Pass ``http_client`` to reuse a connection pool or inject a
    transport (``httpx.MockTransport``, vcrpy); a client you pass is not closed by this one.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: str = 'rest',
        http_client: httpx.AsyncClient | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.protocol = check_protocol(protocol, PROTOCOLS)
        self.base_url = base_url or DEFAULT_BASE_URL
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def delete(
        self,
        *,
        link: str,
        key: str | None = None,
    ) -> DeleteResponse:
        """Remove a previously stored media file."""
        request = build_request(self.protocol, self.base_url, operations.DELETE, {
            'link': link,
            'key': key,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, operations.DELETE, response)

    async def oilpaint(
        self,
        *,
        img: str,
        radius: int | None = None,
        key: str | None = None,
    ) -> OilpaintResponse:
        """Generate an oilpaint effect image."""
        request = build_request(self.protocol, self.base_url, operations.OILPAINT, {
            'img': img,
            'radius': radius,
            'key': key,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, operations.OILPAINT, response)
