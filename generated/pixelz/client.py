# Generated from specs/pixelz/pixelz.wsdl by `make generate`. Do not edit.
"""Sync and async clients of the pixelz service (soap11, soap12, http_get, http_post).

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
    DeleteImageResponse,
    ImagesListResponse,
)

#: The protocols this service's spec declares, in preference order.
PROTOCOLS: tuple[str, ...] = ('soap11', 'soap12', 'http_get', 'http_post', )
#: The service address the spec publishes.
DEFAULT_BASE_URL = 'https://api.pixelz.com/soap.asmx'


class Client:
    """Synchronous client of the pixelz service.

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

    def delete_image_from_queue(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
        customer_image_id: str | None = None,
    ) -> DeleteImageResponse:
        """DeleteImageFromQueue (soap11, soap12, http_get, http_post)."""
        request = build_request(self.protocol, self.base_url, codecs.DELETE_IMAGE_FROM_QUEUE, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'image_ticket': image_ticket,
            'customer_image_id': customer_image_id,
        })
        response = send(self._http, request)
        return read_response(self.protocol, codecs.DELETE_IMAGE_FROM_QUEUE, response)

    def get_images_list(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_status: str | None = None,
        exclude_image_status: str | None = None,
        product_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        page: str | None = None,
        images_per_page: str | None = None,
        sort_by: str | None = None,
        is_descending: str | None = None,
    ) -> ImagesListResponse:
        """GetImagesList (soap11, soap12, http_get, http_post)."""
        request = build_request(self.protocol, self.base_url, codecs.GET_IMAGES_LIST, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'image_status': image_status,
            'exclude_image_status': exclude_image_status,
            'product_id': product_id,
            'from_date': from_date,
            'to_date': to_date,
            'page': page,
            'images_per_page': images_per_page,
            'sort_by': sort_by,
            'is_descending': is_descending,
        })
        response = send(self._http, request)
        return read_response(self.protocol, codecs.GET_IMAGES_LIST, response)



class AsyncClient:
    """Asynchronous client of the pixelz service.

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

    async def delete_image_from_queue(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
        customer_image_id: str | None = None,
    ) -> DeleteImageResponse:
        """DeleteImageFromQueue (soap11, soap12, http_get, http_post)."""
        request = build_request(self.protocol, self.base_url, codecs.DELETE_IMAGE_FROM_QUEUE, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'image_ticket': image_ticket,
            'customer_image_id': customer_image_id,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, codecs.DELETE_IMAGE_FROM_QUEUE, response)

    async def get_images_list(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_status: str | None = None,
        exclude_image_status: str | None = None,
        product_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        page: str | None = None,
        images_per_page: str | None = None,
        sort_by: str | None = None,
        is_descending: str | None = None,
    ) -> ImagesListResponse:
        """GetImagesList (soap11, soap12, http_get, http_post)."""
        request = build_request(self.protocol, self.base_url, codecs.GET_IMAGES_LIST, {
            'contact_email': contact_email,
            'contact_api_key': contact_api_key,
            'image_status': image_status,
            'exclude_image_status': exclude_image_status,
            'product_id': product_id,
            'from_date': from_date,
            'to_date': to_date,
            'page': page,
            'images_per_page': images_per_page,
            'sort_by': sort_by,
            'is_descending': is_descending,
        })
        response = await send_async(self._http, request)
        return read_response(self.protocol, codecs.GET_IMAGES_LIST, response)
