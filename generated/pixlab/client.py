# Generated from specs/pixlab/openapi.yaml by `make generate`. Do not edit.
"""Sync and async clients of the pixlab service (rest).

Both classes come from one template macro and differ only in ``async``/``await``; lifecycle,
protocol choice and sending live in their ``wirekit.client`` base classes. Every method returns
the same typed value whichever protocol carried it, and raises only ``BindingError`` subclasses.
"""

from __future__ import annotations

from typing import Literal

from wirekit.client import BaseAsyncClient, BaseClient

from . import operations
from .json_models import DeleteResponse, OilpaintResponse

#: The protocols this service's spec declares; the first is the default.
ProtocolName = Literal["rest"]
PROTOCOLS: tuple[ProtocolName, ...] = ("rest",)
#: The service address the spec publishes.
DEFAULT_BASE_URL = "https://api.pixlab.io"


class Client(BaseClient[ProtocolName]):
    """Synchronous client of the pixlab service; see ``wirekit.client.BaseClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    def delete(
        self,
        *,
        link: str,
        key: str | None = None,
    ) -> DeleteResponse:
        """Remove a previously stored media file.

        GET /delete

        Args:
            link: Target media URL or Unique media ID.
            key: Your PixLab API Key. You can also embed your key in the WWW-Authenticate HTTP header
                and omit this parameter.
        """
        return self._call(
            operations.DELETE,
            {
                "link": link,
                "key": key,
            },
        )

    def oilpaint(
        self,
        *,
        img: str,
        radius: int | None = None,
        key: str | None = None,
    ) -> OilpaintResponse:
        """Generate an oilpaint effect image.

        GET /oilpaint

        Args:
            img: Input media URL.
            radius: Effect radius.
            key: Your PixLab API Key. You can also embed your key in the WWW-Authenticate HTTP header
                and omit this parameter.
        """
        return self._call(
            operations.OILPAINT,
            {
                "img": img,
                "radius": radius,
                "key": key,
            },
        )


class AsyncClient(BaseAsyncClient[ProtocolName]):
    """Asynchronous client of the pixlab service; see ``wirekit.client.BaseAsyncClient``."""

    PROTOCOLS = PROTOCOLS
    DEFAULT_BASE_URL = DEFAULT_BASE_URL

    async def delete(
        self,
        *,
        link: str,
        key: str | None = None,
    ) -> DeleteResponse:
        """Remove a previously stored media file.

        GET /delete

        Args:
            link: Target media URL or Unique media ID.
            key: Your PixLab API Key. You can also embed your key in the WWW-Authenticate HTTP header
                and omit this parameter.
        """
        return await self._call(
            operations.DELETE,
            {
                "link": link,
                "key": key,
            },
        )

    async def oilpaint(
        self,
        *,
        img: str,
        radius: int | None = None,
        key: str | None = None,
    ) -> OilpaintResponse:
        """Generate an oilpaint effect image.

        GET /oilpaint

        Args:
            img: Input media URL.
            radius: Effect radius.
            key: Your PixLab API Key. You can also embed your key in the WWW-Authenticate HTTP header
                and omit this parameter.
        """
        return await self._call(
            operations.OILPAINT,
            {
                "img": img,
                "radius": radius,
                "key": key,
            },
        )
