# Generated from specs/pixelz/pixelz.wsdl by `make generate`. Do not edit.
"""Typed models of the pixelz service.

Dataclasses carry xsdata field metadata (wire name, namespace, ``wrapper`` for ASMX ``ArrayOfX``
lists), so ``xsdata.formats.dataclass.parsers.XmlParser`` can bind them too; the generated
``codecs`` module is the fast path the client uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

__NAMESPACE__ = "http://removethebackground.com/"


@dataclass(slots=True, kw_only=True)
class DeleteImageResponse:
    """The ``DeleteImageResponse`` type of the service."""

    class Meta:
        name = "DeleteImageResponse"
        namespace = "http://removethebackground.com/"


@dataclass(slots=True, kw_only=True)
class ImageStatus:
    """The ``ImageStatus`` type of the service."""

    class Meta:
        name = "ImageStatus"
        namespace = "http://removethebackground.com/"

    image_ticket: UUID = field(
        metadata={
            "name": "ImageTicket",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
            "required": True,
        },
    )

    customer_image_id: str | None = field(
        default=None,
        metadata={
            "name": "CustomerImageId",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )

    product_id: str | None = field(
        default=None,
        metadata={
            "name": "ProductId",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )

    status_name: str | None = field(
        default=None,
        metadata={
            "name": "StatusName",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )

    status_id: int = field(
        metadata={
            "name": "StatusId",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
            "required": True,
        },
    )

    is_paid: bool = field(
        metadata={
            "name": "IsPaid",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
            "required": True,
        },
    )

    thumbnail_image_url: str | None = field(
        default=None,
        metadata={
            "name": "ThumbnailImageURL",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )

    final_images_url: list[str] | None = field(
        default=None,
        metadata={
            "wrapper": "FinalImagesURL",
            "name": "string",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
            "nillable": True,
        },
    )


@dataclass(slots=True, kw_only=True)
class ImagesListResponse:
    """The ``ImagesListResponse`` type of the service."""

    class Meta:
        name = "ImagesListResponse"
        namespace = "http://removethebackground.com/"

    images: list[ImageStatus] = field(
        default_factory=list,
        metadata={
            "wrapper": "Images",
            "name": "ImageStatus",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )


__all__ = [
    "DeleteImageResponse",
    "ImageStatus",
    "ImagesListResponse",
]
