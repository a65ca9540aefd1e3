# Generated from specs/removethebackground/removethebackground.wsdl by `make generate`. Do not edit.
"""Sync and async clients of the removethebackground service (soap11, soap12, http_get, http_post).

Both classes come from one template macro and differ only in ``async``/``await``; lifecycle,
protocol choice and sending live in their ``wirekit.client`` base classes. Every method returns
the same typed value whichever protocol carried it, and raises only ``BindingError`` subclasses.
"""

from __future__ import annotations

from typing import Literal

from wirekit.client import BaseAsyncClient, BaseClient

from . import codecs
from .models import ImageStatusResponse

#: The protocols this service's spec declares; the first is the default.
ProtocolName = Literal["soap11", "soap12", "http_get", "http_post"]
PROTOCOLS: tuple[ProtocolName, ...] = ("soap11", "soap12", "http_get", "http_post")
#: The service address the spec publishes.
DEFAULT_BASE_URL = "https://api.removethebackground.com/soap.asmx"


class Client(BaseClient[ProtocolName]):
    """Synchronous client of the removethebackground service; see ``wirekit.client.BaseClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    def get_image_status(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
    ) -> ImageStatusResponse:
        """Call ``getImageStatus``.

        Protocols: soap11, soap12, http_get, http_post.
        """
        return self._call(
            codecs.GET_IMAGE_STATUS,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "image_ticket": image_ticket,
            },
        )


class AsyncClient(BaseAsyncClient[ProtocolName]):
    """Asynchronous client of the removethebackground service; see ``wirekit.client.BaseAsyncClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    async def get_image_status(
        self,
        *,
        contact_email: str | None = None,
        contact_api_key: str | None = None,
        image_ticket: str | None = None,
    ) -> ImageStatusResponse:
        """Call ``getImageStatus``.

        Protocols: soap11, soap12, http_get, http_post.
        """
        return await self._call(
            codecs.GET_IMAGE_STATUS,
            {
                "contact_email": contact_email,
                "contact_api_key": contact_api_key,
                "image_ticket": image_ticket,
            },
        )
