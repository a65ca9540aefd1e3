# Generated from specs/removethebackground/removethebackground.wsdl by `make generate`. Do not edit.
"""Typed models of the removethebackground service.

Dataclasses carry xsdata field metadata (wire name, namespace, ``wrapper`` for ASMX ``ArrayOfX``
lists), so ``xsdata.formats.dataclass.parsers.XmlParser`` can bind them too; the generated
``codecs`` module is the fast path the client uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

__NAMESPACE__ = "http://removethebackground.com/"


@dataclass(slots=True, kw_only=True)
class ImageStatus:
    """The ``ImageStatus`` type of the service."""

    class Meta:
        name = "ImageStatus"
        namespace = "http://removethebackground.com/"

    image_ticket: UUID = field(
        metadata={
            "name": "imageTicket",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
            "required": True,
        },
    )

    status_name: str | None = field(
        default=None,
        metadata={
            "name": "statusName",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )

    status_id: int = field(
        metadata={
            "name": "statusId",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
            "required": True,
        },
    )

    final_image_url: str | None = field(
        default=None,
        metadata={
            "name": "finalImageURL",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )


@dataclass(slots=True, kw_only=True)
class ImageStatusResponse:
    """The ``imageStatusResponse`` type of the service."""

    class Meta:
        name = "imageStatusResponse"
        namespace = "http://removethebackground.com/"

    image_status: ImageStatus | None = field(
        default=None,
        metadata={
            "name": "imageStatus",
            "type": "Element",
            "namespace": "http://removethebackground.com/",
        },
    )


__all__ = [
    "ImageStatus",
    "ImageStatusResponse",
]
