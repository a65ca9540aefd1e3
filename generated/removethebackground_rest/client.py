# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""Sync and async clients of the removethebackground_rest service (rest).

Both classes come from one template macro and differ only in ``async``/``await``; lifecycle,
protocol choice and sending live in their ``wirekit.client`` base classes. Every method returns
the same typed value whichever protocol carried it, and raises only ``BindingError`` subclasses.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from wirekit.client import BaseAsyncClient, BaseClient

from . import operations
from .models import AddImageResponse, ImageStatusResponse, TemplatesResponse

#: The protocols this service's spec declares; the first is the default.
ProtocolName = Literal["rest"]
PROTOCOLS: tuple[ProtocolName, ...] = ("rest",)
#: The service address the spec publishes.
DEFAULT_BASE_URL = "http://api.removethebackground.com/REST.svc"


class Client(BaseClient[ProtocolName]):
    """Synchronous client of the removethebackground_rest service; see ``wirekit.client.BaseClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    def get_templates(
        self,
        *,
        contact_email: str,
        contact_api_key: str,
    ) -> TemplatesResponse:
        """Retrieves a list of templates (how the images must be processed).

        GET /Templates/
        """
        return self._call(
            operations.GET_TEMPLATES,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
            },
        )

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
        """Adds an image to the processing queue.

        POST /Image/

        Args:
            contact_email: The customer's e-mail address.
            developer_api_key: Can be the same as ContactAPIkey.
            template_id: Use GetTemplates to find templateID.
            image_url: The source URL of image.
            image_url2: The source URL of second image (combining images).
            image_requested_delivery_time_in_hours: Overwrites template delivery time.
            image_callback_url: Webhook callback URL when image is processed.
        """
        return self._call(
            operations.ADD_IMAGE,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "developer_api_key": developer_api_key,
                "template_id": template_id,
                "image_url": image_url,
                "image_url2": image_url2,
                "image_requested_delivery_time_in_hours": image_requested_delivery_time_in_hours,
                "image_callback_url": image_callback_url,
            },
        )

    def get_image_status(
        self,
        *,
        image_ticket: UUID,
        contact_email: str,
        contact_api_key: str,
    ) -> ImageStatusResponse:
        """Gets the status of image production.

        GET /Image/Status/{ImageTicket}/
        """
        return self._call(
            operations.GET_IMAGE_STATUS,
            {
                "image_ticket": image_ticket,
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
            },
        )


class AsyncClient(BaseAsyncClient[ProtocolName]):
    """Asynchronous client of the removethebackground_rest service; see ``wirekit.client.BaseAsyncClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    async def get_templates(
        self,
        *,
        contact_email: str,
        contact_api_key: str,
    ) -> TemplatesResponse:
        """Retrieves a list of templates (how the images must be processed).

        GET /Templates/
        """
        return await self._call(
            operations.GET_TEMPLATES,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
            },
        )

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
        """Adds an image to the processing queue.

        POST /Image/

        Args:
            contact_email: The customer's e-mail address.
            developer_api_key: Can be the same as ContactAPIkey.
            template_id: Use GetTemplates to find templateID.
            image_url: The source URL of image.
            image_url2: The source URL of second image (combining images).
            image_requested_delivery_time_in_hours: Overwrites template delivery time.
            image_callback_url: Webhook callback URL when image is processed.
        """
        return await self._call(
            operations.ADD_IMAGE,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "developer_api_key": developer_api_key,
                "template_id": template_id,
                "image_url": image_url,
                "image_url2": image_url2,
                "image_requested_delivery_time_in_hours": image_requested_delivery_time_in_hours,
                "image_callback_url": image_callback_url,
            },
        )

    async def get_image_status(
        self,
        *,
        image_ticket: UUID,
        contact_email: str,
        contact_api_key: str,
    ) -> ImageStatusResponse:
        """Gets the status of image production.

        GET /Image/Status/{ImageTicket}/
        """
        return await self._call(
            operations.GET_IMAGE_STATUS,
            {
                "image_ticket": image_ticket,
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
            },
        )
