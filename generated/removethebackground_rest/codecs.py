# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""Per-type XML codecs of the removethebackground_rest service: the client's hot path.

Straight-line code generated per type from the same model as ``models.py``, rather than a
generic metadata-walking parser (see ``make bench`` for the measured difference). Decoders
compare tags exactly and skip elements they do not know; encoders write element content.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from lxml import etree

from wirekit.codec import esc, is_nil, missing, not_nil
from wirekit.scalars import (
    decode_decimal as dec_decimal,
    decode_int as dec_int,
    decode_uuid as dec_uuid,
    encode_decimal as enc_decimal,
    encode_int as enc_int,
    encode_uuid as enc_uuid,
)

from .models import (
    AddImageResponse,
    ImageStatus,
    ImageStatusResponse,
    Price,
    Template,
    TemplatesResponse,
)


def decode_add_image_response(el: etree._Element) -> AddImageResponse:
    error_code: str | None = None
    message: str | None = None
    image_ticket: UUID | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ErrorCode":
            error_code = child.text or ""
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Message":
            message = None if is_nil(child) else (child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageTicket":
            image_ticket = None if is_nil(child) else dec_uuid(child.text or "")
    if error_code is None:
        raise missing("AddImageResponse", "ErrorCode")
    return AddImageResponse(
        error_code=error_code,
        message=message,
        image_ticket=image_ticket,
    )


def encode_add_image_response(obj: AddImageResponse) -> str:
    return "".join(
        (
            "<ErrorCode>" + esc(obj.error_code) + "</ErrorCode>",
            (
                '<Message xsi:nil="true" />'
                if obj.message is None
                else "<Message>" + esc(obj.message) + "</Message>"
            ),
            (
                '<ImageTicket xsi:nil="true" />'
                if obj.image_ticket is None
                else "<ImageTicket>" + enc_uuid(obj.image_ticket) + "</ImageTicket>"
            ),
        )
    )


def decode_image_status(el: etree._Element) -> ImageStatus:
    final_image_url: str | None = None
    image_ticket: UUID | None = None
    status_id: int | None = None
    status_name: str | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}FinalImageURL":
            final_image_url = None if is_nil(child) else (child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageTicket":
            image_ticket = dec_uuid(child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}StatusID":
            status_id = dec_int(child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}StatusName":
            status_name = None if is_nil(child) else (child.text or "")
    if image_ticket is None:
        raise missing("ImageStatus", "ImageTicket")
    if status_id is None:
        raise missing("ImageStatus", "StatusID")
    return ImageStatus(
        final_image_url=final_image_url,
        image_ticket=image_ticket,
        status_id=status_id,
        status_name=status_name,
    )


def encode_image_status(obj: ImageStatus) -> str:
    return "".join(
        (
            (
                '<FinalImageURL xsi:nil="true" />'
                if obj.final_image_url is None
                else "<FinalImageURL>" + esc(obj.final_image_url) + "</FinalImageURL>"
            ),
            "<ImageTicket>" + enc_uuid(obj.image_ticket) + "</ImageTicket>",
            "<StatusID>" + enc_int(obj.status_id) + "</StatusID>",
            (
                '<StatusName xsi:nil="true" />'
                if obj.status_name is None
                else "<StatusName>" + esc(obj.status_name) + "</StatusName>"
            ),
        )
    )


def decode_image_status_response(el: etree._Element) -> ImageStatusResponse:
    error_code: str | None = None
    message: str | None = None
    image_status: ImageStatus | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ErrorCode":
            error_code = child.text or ""
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Message":
            message = None if is_nil(child) else (child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageStatus":
            image_status = None if is_nil(child) else decode_image_status(child)
    if error_code is None:
        raise missing("ImageStatusResponse", "ErrorCode")
    return ImageStatusResponse(
        error_code=error_code,
        message=message,
        image_status=image_status,
    )


def encode_image_status_response(obj: ImageStatusResponse) -> str:
    return "".join(
        (
            "<ErrorCode>" + esc(obj.error_code) + "</ErrorCode>",
            (
                '<Message xsi:nil="true" />'
                if obj.message is None
                else "<Message>" + esc(obj.message) + "</Message>"
            ),
            (
                '<ImageStatus xsi:nil="true" />'
                if obj.image_status is None
                else "<ImageStatus>" + encode_image_status(obj.image_status) + "</ImageStatus>"
            ),
        )
    )


def decode_price(el: etree._Element) -> Price:
    amount: Decimal | None = None
    currency_id: int | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Amount":
            amount = dec_decimal(child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}CurrencyID":
            currency_id = dec_int(child.text or "")
    if amount is None:
        raise missing("Price", "Amount")
    if currency_id is None:
        raise missing("Price", "CurrencyID")
    return Price(
        amount=amount,
        currency_id=currency_id,
    )


def encode_price(obj: Price) -> str:
    return "".join(
        (
            "<Amount>" + enc_decimal(obj.amount) + "</Amount>",
            "<CurrencyID>" + enc_int(obj.currency_id) + "</CurrencyID>",
        )
    )


def decode_template(el: etree._Element) -> Template:
    price: Price | None = None
    template_id: int | None = None
    template_name: str | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Price":
            price = None if is_nil(child) else decode_price(child)
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}TemplateID":
            template_id = dec_int(child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}TemplateName":
            template_name = None if is_nil(child) else (child.text or "")
    if template_id is None:
        raise missing("Template", "TemplateID")
    return Template(
        price=price,
        template_id=template_id,
        template_name=template_name,
    )


def encode_template(obj: Template) -> str:
    return "".join(
        (
            (
                '<Price xsi:nil="true" />'
                if obj.price is None
                else "<Price>" + encode_price(obj.price) + "</Price>"
            ),
            "<TemplateID>" + enc_int(obj.template_id) + "</TemplateID>",
            (
                '<TemplateName xsi:nil="true" />'
                if obj.template_name is None
                else "<TemplateName>" + esc(obj.template_name) + "</TemplateName>"
            ),
        )
    )


def decode_templates_response(el: etree._Element) -> TemplatesResponse:
    error_code: str | None = None
    message: str | None = None
    templates: list[Template] | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ErrorCode":
            error_code = child.text or ""
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Message":
            message = None if is_nil(child) else (child.text or "")
        elif tag == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Templates":
            templates = (
                None
                if is_nil(child)
                else [
                    decode_template(not_nil(c1))
                    for c1 in child
                    if c1.tag
                    == "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Template"
                ]
            )
    if error_code is None:
        raise missing("TemplatesResponse", "ErrorCode")
    return TemplatesResponse(
        error_code=error_code,
        message=message,
        templates=templates,
    )


def encode_templates_response(obj: TemplatesResponse) -> str:
    return "".join(
        (
            "<ErrorCode>" + esc(obj.error_code) + "</ErrorCode>",
            (
                '<Message xsi:nil="true" />'
                if obj.message is None
                else "<Message>" + esc(obj.message) + "</Message>"
            ),
            (
                '<Templates xsi:nil="true" />'
                if obj.templates is None
                else "<Templates>"
                + "".join(
                    ["<Template>" + encode_template(v1) + "</Template>" for v1 in obj.templates]
                )
                + "</Templates>"
            ),
        )
    )
