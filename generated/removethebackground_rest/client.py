# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""Sync and async clients of the removethebackground_rest service (rest).

Both classes come from one template macro; they differ only in ``async``/``await`` and the
httpx client they drive. Every method returns the same typed value whichever protocol carried
it, and raises only ``wirekit.errors.BindingError`` subclasses.
"""

from __future__ import annotations

from types import TracebackType
from uuid import UUID

import httpx

from wirekit.rest import build_request, check_protocol, read_response, send, send_async

from . import operations
from .models import (
    AddImageResponse,
    ImageStatusResponse,
    TemplatesResponse,
)

#: The protocols this service's spec declares, in preference order.
PROTOCOLS: tuple[str, ...] = ('rest', )
#: The service address the spec publishes.
DEFAULT_BASE_URL = 'http://api.removethebackground.com/REST.svc'


class Client:
    """Synchronous client of the removethebackground_rest service.

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

    def get_templates(
        self,
        *,
        contact_email: str,
        contact_api_key: str,
    ) -> TemplatesResponse:
        """Retrieves a list of templates (how the images must be processed)."""
        request = build_request(self.protocol, self.base_url, operations.GET_TEMPLATES, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
        })
        response = send(self._http, request)
        return read_response(self.protocol, operations.GET_TEMPLATES, response)

    def add_image(
        self,
        *,
        contact_email: str,
        contact_api_key: str,
        developer_api_key: str | None = None,
        template_id: str | None = None,
        image_url: str,
        image_url2: str | None = None,
        image_requested_delivery_time_in_hours: str | None = None,
        image_callback_url: str | None = None,
    ) -> AddImageResponse:
        """Adds an image to the processing queue."""
        request = build_request(self.protocol, self.base_url, operations.ADD_IMAGE, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'developer_api_key': developer_api_key,
            'template_id': template_id,
            'image_url': image_url,
            'image_url2': image_url2,
            'image_requested_delivery_time_in_hours': image_requested_delivery_time_in_hours,
            'image_callback_url': image_callback_url,
        })
        response = send(self._http, request)
        return read_response(self.protocol, operations.ADD_IMAGE, response)

    def get_image_status(
        self,
        *,
        image_ticket: UUID,
        contact_email: str,
        contact_api_key: str,
    ) -> ImageStatusResponse:
        """Gets the status of image production."""
        request = build_request(self.protocol, self.base_url, operations.GET_IMAGE_STATUS, {
            'image_ticket': image_ticket,
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
        })
        response = send(self._http, request)
        return read_response(self.protocol, operations.GET_IMAGE_STATUS, response)



class AsyncClient:
    """Asynchronous client of the removethebackground_rest service.

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

    async def get_templates(
        self,
        *,
        contact_email: str,
        contact_api_key: str,
    ) -> TemplatesResponse:
        """Retrieves a list of templates (how the images must be processed)."""
        request = build_request(self.protocol, self.base_url, operations.GET_TEMPLATES, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, operations.GET_TEMPLATES, response)

    async def add_image(
        self,
        *,
        contact_email: str,
        contact_api_key: str,
        developer_api_key: str | None = None,
        template_id: str | None = None,
        image_url: str,
        image_url2: str | None = None,
        image_requested_delivery_time_in_hours: str | None = None,
        image_callback_url: str | None = None,
    ) -> AddImageResponse:
        """Adds an image to the processing queue."""
        request = build_request(self.protocol, self.base_url, operations.ADD_IMAGE, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'developer_api_key': developer_api_key,
            'template_id': template_id,
            'image_url': image_url,
            'image_url2': image_url2,
            'image_requested_delivery_time_in_hours': image_requested_delivery_time_in_hours,
            'image_callback_url': image_callback_url,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, operations.ADD_IMAGE, response)

    async def get_image_status(
        self,
        *,
        image_ticket: UUID,
        contact_email: str,
        contact_api_key: str,
    ) -> ImageStatusResponse:
        """Gets the status of image production."""
        request = build_request(self.protocol, self.base_url, operations.GET_IMAGE_STATUS, {
            'image_ticket': image_ticket,
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, operations.GET_IMAGE_STATUS, response)
