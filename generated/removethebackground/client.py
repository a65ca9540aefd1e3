# Generated from specs/removethebackground/removethebackground.wsdl by `make generate`. Do not edit.
"""Sync and async clients of the removethebackground service (soap11, soap12, http_get, http_post).

Both classes come from one template macro; they differ only in ``async``/``await`` and the
httpx client they drive. Every method returns the same typed value whichever protocol carried
it, and raises only ``wirekit.errors.BindingError`` subclasses.
"""

from __future__ import annotations

from types import TracebackType

import httpx

from wirekit.binding import build_request, check_protocol, read_response, send, send_async

from . import codecs
from .models import (
    ImageStatusResponse,
)

#: The protocols this service's spec declares, in preference order.
PROTOCOLS: tuple[str, ...] = ('soap11', 'soap12', 'http_get', 'http_post', )
#: The service address the spec publishes.
DEFAULT_BASE_URL = 'https://api.removethebackground.com/soap.asmx'


class Client:
    """Synchronous client of the removethebackground service.

    ``protocol`` is one of soap11, soap12, http_get, http_post; ``base_url`` is the service address
    (default: the spec's). Pass ``http_client`` to reuse a connection pool or inject a
    transport (``httpx.MockTransport``, vcrpy); a client you pass is not closed by this one.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: str = 'soap11',
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

    def get_image_status(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
    ) -> ImageStatusResponse:
        """getImageStatus (soap11, soap12, http_get, http_post)."""
        request = build_request(self.protocol, self.base_url, codecs.GET_IMAGE_STATUS, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'image_ticket': image_ticket,
        })
        response = send(self._http, request)
        return read_response(self.protocol, codecs.GET_IMAGE_STATUS, response)



class AsyncClient:
    """Asynchronous client of the removethebackground service.

    ``protocol`` is one of soap11, soap12, http_get, http_post; ``base_url`` is the service address
    (default: the spec's). Pass ``http_client`` to reuse a connection pool or inject a
    transport (``httpx.MockTransport``, vcrpy); a client you pass is not closed by this one.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: str = 'soap11',
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

    async def get_image_status(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
    ) -> ImageStatusResponse:
        """getImageStatus (soap11, soap12, http_get, http_post)."""
        request = build_request(self.protocol, self.base_url, codecs.GET_IMAGE_STATUS, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'image_ticket': image_ticket,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, codecs.GET_IMAGE_STATUS, response)
