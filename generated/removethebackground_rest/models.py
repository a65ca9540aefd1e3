# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""Typed models of the removethebackground_rest service.

Dataclasses carry xsdata field metadata (wire name, namespace, ``wrapper`` for ASMX ``ArrayOfX``
lists), so ``xsdata.formats.dataclass.parsers.XmlParser`` can bind them too; the generated
``codecs`` module is the fast path the client uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

__NAMESPACE__ = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"


@dataclass(slots=True, kw_only=True)
class AddImageResponse:
    """Answer of POST Image."""

    class Meta:
        name = "AddImageResponse"
        namespace = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"

    error_code: str = field(
        metadata={
            "name": "ErrorCode",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    message: str | None = field(
        default=None,
        metadata={
            "name": "Message",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )

    image_ticket: UUID | None = field(
        default=None,
        metadata={
            "name": "ImageTicket",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )


@dataclass(slots=True, kw_only=True)
class ImageStatus:
    """The ``ImageStatus`` type of the service."""

    class Meta:
        name = "ImageStatus"
        namespace = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"

    final_image_url: str | None = field(
        default=None,
        metadata={
            "name": "FinalImageURL",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )

    image_ticket: UUID = field(
        metadata={
            "name": "ImageTicket",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    status_id: int = field(
        metadata={
            "name": "StatusID",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    status_name: str | None = field(
        default=None,
        metadata={
            "name": "StatusName",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )


@dataclass(slots=True, kw_only=True)
class ImageStatusResponse:
    """Answer of GET Status."""

    class Meta:
        name = "ImageStatusResponse"
        namespace = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"

    error_code: str = field(
        metadata={
            "name": "ErrorCode",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    message: str | None = field(
        default=None,
        metadata={
            "name": "Message",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )

    image_status: ImageStatus | None = field(
        default=None,
        metadata={
            "name": "ImageStatus",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )


@dataclass(slots=True, kw_only=True)
class Price:
    """The ``Price`` type of the service."""

    class Meta:
        name = "Price"
        namespace = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"

    amount: Decimal = field(
        metadata={
            "name": "Amount",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    currency_id: int = field(
        metadata={
            "name": "CurrencyID",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )


@dataclass(slots=True, kw_only=True)
class Template:
    """A set of instructions on how images must be processed."""

    class Meta:
        name = "Template"
        namespace = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"

    price: Price | None = field(
        default=None,
        metadata={
            "name": "Price",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )

    template_id: int = field(
        metadata={
            "name": "TemplateID",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    template_name: str | None = field(
        default=None,
        metadata={
            "name": "TemplateName",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )


@dataclass(slots=True, kw_only=True)
class TemplatesResponse:
    """Answer of GET Templates."""

    class Meta:
        name = "TemplatesResponse"
        namespace = "http://schemas.datacontract.org/2004/07/RemoveTheBackground"

    error_code: str = field(
        metadata={
            "name": "ErrorCode",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "required": True,
        },
    )

    message: str | None = field(
        default=None,
        metadata={
            "name": "Message",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )

    templates: list[Template] | None = field(
        default=None,
        metadata={
            "wrapper": "Templates",
            "name": "Template",
            "type": "Element",
            "namespace": "http://schemas.datacontract.org/2004/07/RemoveTheBackground",
            "nillable": True,
        },
    )


__all__ = [
    "AddImageResponse",
    "ImageStatus",
    "ImageStatusResponse",
    "Price",
    "Template",
    "TemplatesResponse",
]
