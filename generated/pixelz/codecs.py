# Generated from specs/pixelz/pixelz.wsdl by `make generate`. Do not edit.
"""Per-type XML codecs of the pixelz service: the client's hot path.

Straight-line code generated per type from the same model as ``models.py``, rather than a
generic metadata-walking parser (see ``make bench`` for the measured difference). Decoders
compare tags exactly and skip elements they do not know; encoders write element content.
"""

from __future__ import annotations

from uuid import UUID

from lxml import etree

from wirekit.asmx import OperationSpec
from wirekit.codec import esc, is_nil, missing, not_nil, null_result
from wirekit.scalars import (
    decode_bool as dec_bool,
    decode_int as dec_int,
    decode_uuid as dec_uuid,
    encode_bool as enc_bool,
    encode_int as enc_int,
    encode_uuid as enc_uuid,
)

from .models import DeleteImageResponse, ImagesListResponse, ImageStatus


def decode_delete_image_response(el: etree._Element) -> DeleteImageResponse:
    return DeleteImageResponse()


def encode_delete_image_response(obj: DeleteImageResponse) -> str:
    return ""


def decode_image_status(el: etree._Element) -> ImageStatus:
    image_ticket: UUID | None = None
    customer_image_id: str | None = None
    product_id: str | None = None
    status_name: str | None = None
    status_id: int | None = None
    is_paid: bool | None = None
    thumbnail_image_url: str | None = None
    final_images_url: list[str] | None = None
    for child in el:
        tag = child.tag
        if tag == "{http://removethebackground.com/}ImageTicket":
            image_ticket = dec_uuid(child.text or "")
        elif tag == "{http://removethebackground.com/}CustomerImageId":
            customer_image_id = child.text or ""
        elif tag == "{http://removethebackground.com/}ProductId":
            product_id = child.text or ""
        elif tag == "{http://removethebackground.com/}StatusName":
            status_name = child.text or ""
        elif tag == "{http://removethebackground.com/}StatusId":
            status_id = dec_int(child.text or "")
        elif tag == "{http://removethebackground.com/}IsPaid":
            is_paid = dec_bool(child.text or "")
        elif tag == "{http://removethebackground.com/}ThumbnailImageURL":
            thumbnail_image_url = child.text or ""
        elif tag == "{http://removethebackground.com/}FinalImagesURL":
            final_images_url = (
                None
                if is_nil(child)
                else [
                    (not_nil(c1).text or "")
                    for c1 in child
                    if c1.tag == "{http://removethebackground.com/}string"
                ]
            )
    if image_ticket is None:
        raise missing("ImageStatus", "ImageTicket")
    if status_id is None:
        raise missing("ImageStatus", "StatusId")
    if is_paid is None:
        raise missing("ImageStatus", "IsPaid")
    return ImageStatus(
        image_ticket=image_ticket,
        customer_image_id=customer_image_id,
        product_id=product_id,
        status_name=status_name,
        status_id=status_id,
        is_paid=is_paid,
        thumbnail_image_url=thumbnail_image_url,
        final_images_url=final_images_url,
    )


def encode_image_status(obj: ImageStatus) -> str:
    return "".join(
        (
            "<ImageTicket>" + enc_uuid(obj.image_ticket) + "</ImageTicket>",
            (
                ""
                if obj.customer_image_id is None
                else "<CustomerImageId>" + esc(obj.customer_image_id) + "</CustomerImageId>"
            ),
            (
                ""
                if obj.product_id is None
                else "<ProductId>" + esc(obj.product_id) + "</ProductId>"
            ),
            (
                ""
                if obj.status_name is None
                else "<StatusName>" + esc(obj.status_name) + "</StatusName>"
            ),
            "<StatusId>" + enc_int(obj.status_id) + "</StatusId>",
            "<IsPaid>" + enc_bool(obj.is_paid) + "</IsPaid>",
            (
                ""
                if obj.thumbnail_image_url is None
                else "<ThumbnailImageURL>" + esc(obj.thumbnail_image_url) + "</ThumbnailImageURL>"
            ),
            (
                '<FinalImagesURL xsi:nil="true" />'
                if obj.final_images_url is None
                else "<FinalImagesURL>"
                + "".join(["<string>" + esc(v1) + "</string>" for v1 in obj.final_images_url])
                + "</FinalImagesURL>"
            ),
        )
    )


def decode_images_list_response(el: etree._Element) -> ImagesListResponse:
    images: list[ImageStatus] = []
    for child in el:
        tag = child.tag
        if tag == "{http://removethebackground.com/}Images":
            images = [
                decode_image_status(not_nil(c1))
                for c1 in child
                if c1.tag == "{http://removethebackground.com/}ImageStatus"
            ]
    return ImagesListResponse(
        images=images,
    )


def encode_images_list_response(obj: ImagesListResponse) -> str:
    return "".join(
        (
            "<Images>"
            + "".join(
                ["<ImageStatus>" + encode_image_status(v1) + "</ImageStatus>" for v1 in obj.images]
            )
            + "</Images>",
        )
    )


def encode_delete_image_from_queue_xml(
    *,
    contact_email: str | None = None,
    contact_api_key: str | None = None,
    image_ticket: str | None = None,
    customer_image_id: str | None = None,
) -> str:
    return "".join(
        (
            '<DeleteImageFromQueue xmlns="http://removethebackground.com/">',
            (
                ""
                if contact_email is None
                else "<contactEmail>" + esc(contact_email) + "</contactEmail>"
            ),
            (
                ""
                if contact_api_key is None
                else "<contactAPIkey>" + esc(contact_api_key) + "</contactAPIkey>"
            ),
            (
                ""
                if image_ticket is None
                else "<imageTicket>" + esc(image_ticket) + "</imageTicket>"
            ),
            (
                ""
                if customer_image_id is None
                else "<customerImageId>" + esc(customer_image_id) + "</customerImageId>"
            ),
            "</DeleteImageFromQueue>",
        )
    )


def encode_delete_image_from_queue_pairs(
    *,
    contact_email: str | None = None,
    contact_api_key: str | None = None,
    image_ticket: str | None = None,
    customer_image_id: str | None = None,
) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    pairs.append(("contactEmail", "" if contact_email is None else contact_email))
    pairs.append(("contactAPIkey", "" if contact_api_key is None else contact_api_key))
    pairs.append(("imageTicket", "" if image_ticket is None else image_ticket))
    pairs.append(("customerImageId", "" if customer_image_id is None else customer_image_id))
    return pairs


def decode_delete_image_from_queue_result(el: etree._Element | None) -> DeleteImageResponse:
    if el is None:
        raise null_result("DeleteImageFromQueue")
    return decode_delete_image_response(el)


DELETE_IMAGE_FROM_QUEUE: OperationSpec[DeleteImageResponse] = OperationSpec(
    name="DeleteImageFromQueue",
    protocols=("soap11", "soap12", "http_get", "http_post"),
    soap_action="http://removethebackground.com/DeleteImageFromQueue",
    http_path="/DeleteImageFromQueue",
    response_element="{http://removethebackground.com/}DeleteImageFromQueueResponse",
    result_element="{http://removethebackground.com/}DeleteImageFromQueueResult",
    http_root="{http://removethebackground.com/}DeleteImageResponse",
    encode_xml=encode_delete_image_from_queue_xml,
    encode_pairs=encode_delete_image_from_queue_pairs,
    decode=decode_delete_image_from_queue_result,
)


def encode_get_images_list_xml(
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
) -> str:
    return "".join(
        (
            '<GetImagesList xmlns="http://removethebackground.com/">',
            (
                ""
                if contact_email is None
                else "<contactEmail>" + esc(contact_email) + "</contactEmail>"
            ),
            (
                ""
                if contact_api_key is None
                else "<contactAPIkey>" + esc(contact_api_key) + "</contactAPIkey>"
            ),
            (
                ""
                if image_status is None
                else "<imageStatus>" + esc(image_status) + "</imageStatus>"
            ),
            (
                ""
                if exclude_image_status is None
                else "<excludeImageStatus>" + esc(exclude_image_status) + "</excludeImageStatus>"
            ),
            ("" if product_id is None else "<productId>" + esc(product_id) + "</productId>"),
            ("" if from_date is None else "<fromDate>" + esc(from_date) + "</fromDate>"),
            ("" if to_date is None else "<toDate>" + esc(to_date) + "</toDate>"),
            ("" if page is None else "<page>" + esc(page) + "</page>"),
            (
                ""
                if images_per_page is None
                else "<imagesPerPage>" + esc(images_per_page) + "</imagesPerPage>"
            ),
            ("" if sort_by is None else "<sortBy>" + esc(sort_by) + "</sortBy>"),
            (
                ""
                if is_descending is None
                else "<isDescending>" + esc(is_descending) + "</isDescending>"
            ),
            "</GetImagesList>",
        )
    )


def encode_get_images_list_pairs(
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
) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    pairs.append(("contactEmail", "" if contact_email is None else contact_email))
    pairs.append(("contactAPIkey", "" if contact_api_key is None else contact_api_key))
    pairs.append(("imageStatus", "" if image_status is None else image_status))
    pairs.append(
        ("excludeImageStatus", "" if exclude_image_status is None else exclude_image_status)
    )
    pairs.append(("productId", "" if product_id is None else product_id))
    pairs.append(("fromDate", "" if from_date is None else from_date))
    pairs.append(("toDate", "" if to_date is None else to_date))
    pairs.append(("page", "" if page is None else page))
    pairs.append(("imagesPerPage", "" if images_per_page is None else images_per_page))
    pairs.append(("sortBy", "" if sort_by is None else sort_by))
    pairs.append(("isDescending", "" if is_descending is None else is_descending))
    return pairs


def decode_get_images_list_result(el: etree._Element | None) -> ImagesListResponse:
    if el is None:
        raise null_result("GetImagesList")
    return decode_images_list_response(el)


GET_IMAGES_LIST: OperationSpec[ImagesListResponse] = OperationSpec(
    name="GetImagesList",
    protocols=("soap11", "soap12", "http_get", "http_post"),
    soap_action="http://removethebackground.com/GetImagesList",
    http_path="/GetImagesList",
    response_element="{http://removethebackground.com/}GetImagesListResponse",
    result_element="{http://removethebackground.com/}GetImagesListResult",
    http_root="{http://removethebackground.com/}ImagesListResponse",
    encode_xml=encode_get_images_list_xml,
    encode_pairs=encode_get_images_list_pairs,
    decode=decode_get_images_list_result,
)
