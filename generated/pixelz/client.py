# Generated from specs/pixelz/pixelz.wsdl by `make generate`. Do not edit.
"""Sync and async clients of the pixelz service (soap11, soap12, http_get, http_post).

Both classes come from one template macro and differ only in ``async``/``await``; lifecycle,
protocol choice and sending live in their ``wirekit.client`` base classes. Every method returns
the same typed value whichever protocol carried it, and raises only ``BindingError`` subclasses.
"""

from __future__ import annotations

from typing import Literal

from wirekit.client import BaseAsyncClient, BaseClient

from . import codecs
from .models import DeleteImageResponse, ImagesListResponse

#: The protocols this service's spec declares; the first is the default.
ProtocolName = Literal["soap11", "soap12", "http_get", "http_post"]
PROTOCOLS: tuple[ProtocolName, ...] = ("soap11", "soap12", "http_get", "http_post")
#: The service address the spec publishes.
DEFAULT_BASE_URL = "https://api.pixelz.com/soap.asmx"


class Client(BaseClient[ProtocolName]):
    """Synchronous client of the pixelz service; see ``wirekit.client.BaseClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    def delete_image_from_queue(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
        customer_image_id: str | None = None,
    ) -> DeleteImageResponse:
        """Call ``DeleteImageFromQueue``.

        Protocols: soap11, soap12, http_get, http_post.
        """
        return self._call(
            codecs.DELETE_IMAGE_FROM_QUEUE,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "image_ticket": image_ticket,
                "customer_image_id": customer_image_id,
            },
        )

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
        """Call ``GetImagesList``.

        Protocols: soap11, soap12, http_get, http_post.
        """
        return self._call(
            codecs.GET_IMAGES_LIST,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "image_status": image_status,
                "exclude_image_status": exclude_image_status,
                "product_id": product_id,
                "from_date": from_date,
                "to_date": to_date,
                "page": page,
                "images_per_page": images_per_page,
                "sort_by": sort_by,
                "is_descending": is_descending,
            },
        )


class AsyncClient(BaseAsyncClient[ProtocolName]):
    """Asynchronous client of the pixelz service; see ``wirekit.client.BaseAsyncClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    async def delete_image_from_queue(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
        customer_image_id: str | None = None,
    ) -> DeleteImageResponse:
        """Call ``DeleteImageFromQueue``.

        Protocols: soap11, soap12, http_get, http_post.
        """
        return await self._call(
            codecs.DELETE_IMAGE_FROM_QUEUE,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "image_ticket": image_ticket,
                "customer_image_id": customer_image_id,
            },
        )

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
        """Call ``GetImagesList``.

        Protocols: soap11, soap12, http_get, http_post.
        """
        return await self._call(
            codecs.GET_IMAGES_LIST,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "image_status": image_status,
                "exclude_image_status": exclude_image_status,
                "product_id": product_id,
                "from_date": from_date,
                "to_date": to_date,
                "page": page,
                "images_per_page": images_per_page,
                "sort_by": sort_by,
                "is_descending": is_descending,
            },
        )
