# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""REST operations of the removethebackground_rest service: where each argument travels, how answers decode.

The client hands these specs to ``wirekit.rest``, which builds the request and maps every
failure (HTTP status, unreadable answer, the vendor's in-band error) to a ``BindingError``.
"""

from __future__ import annotations

from uuid import UUID

from lxml import etree

from wirekit.codec import null_result
from wirekit.rest import ApiErrorRule, RestOperationSpec, RestRequest
from wirekit.scalars import encode_uuid as enc_uuid

from . import codecs
from .models import AddImageResponse, ImageStatusResponse, TemplatesResponse

#: Every element the XML schema knows, by upper-cased local name: answers are matched
#: case-insensitively and whatever their namespace (see ``wirekit.rest``).
NAMES: dict[str, str] = {
    "ADDIMAGERESPONSE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}AddImageResponse",
    "AMOUNT": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Amount",
    "CURRENCYID": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}CurrencyID",
    "ERRORCODE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ErrorCode",
    "FINALIMAGEURL": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}FinalImageURL",
    "IMAGESTATUS": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageStatus",
    "IMAGESTATUSRESPONSE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageStatusResponse",
    "IMAGETICKET": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageTicket",
    "MESSAGE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Message",
    "PRICE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Price",
    "STATUSID": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}StatusID",
    "STATUSNAME": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}StatusName",
    "TEMPLATE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Template",
    "TEMPLATEID": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}TemplateID",
    "TEMPLATENAME": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}TemplateName",
    "TEMPLATES": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}Templates",
    "TEMPLATESRESPONSE": "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}TemplatesResponse",
}


def encode_get_templates(
    *,
    contact_email: str,
    contact_api_key: str,
) -> RestRequest:
    query: list[tuple[str, str]] = []
    query.append(("ContactEmail", contact_email))
    query.append(("ContactAPIkey", contact_api_key))
    return RestRequest(
        query=query,
    )


def decode_get_templates(el: etree._Element | None) -> TemplatesResponse:
    if el is None:
        raise null_result("GetTemplates")
    return codecs.decode_templates_response(el)


GET_TEMPLATES: RestOperationSpec[TemplatesResponse] = RestOperationSpec(
    name="GetTemplates",
    method="GET",
    path="/Templates/",
    encode=encode_get_templates,
    response_format="xml",
    decode=decode_get_templates,
    root="{http://schemas.datacontract.org/2004/07/RemoveTheBackground}TemplatesResponse",
    names=NAMES,
    api_error=ApiErrorRule(code="ErrorCode", success=("noError",), message="Message"),
)


def encode_add_image(
    *,
    contact_email: str,
    contact_api_key: str,
    developer_api_key: str | None = None,
    template_id: str | None = None,
    image_url: str,
    image_url2: str | None = None,
    image_requested_delivery_time_in_hours: str | None = None,
    image_callback_url: str | None = None,
) -> RestRequest:
    body: dict[str, object] = {}
    body["ContactEmail"] = contact_email
    body["ContactAPIkey"] = contact_api_key
    if developer_api_key is not None:
        body["developerAPIkey"] = developer_api_key
    if template_id is not None:
        body["templateId"] = template_id
    body["ImageURL"] = image_url
    if image_url2 is not None:
        body["ImageURL2"] = image_url2
    if image_requested_delivery_time_in_hours is not None:
        body["ImageRequestedDeliveryTimeInHours"] = image_requested_delivery_time_in_hours
    if image_callback_url is not None:
        body["ImageCallbackURL"] = image_callback_url
    return RestRequest(
        json=body,
    )


def decode_add_image(el: etree._Element | None) -> AddImageResponse:
    if el is None:
        raise null_result("AddImage")
    return codecs.decode_add_image_response(el)


ADD_IMAGE: RestOperationSpec[AddImageResponse] = RestOperationSpec(
    name="AddImage",
    method="POST",
    path="/Image/",
    encode=encode_add_image,
    response_format="xml",
    decode=decode_add_image,
    root="{http://schemas.datacontract.org/2004/07/RemoveTheBackground}AddImageResponse",
    names=NAMES,
    api_error=ApiErrorRule(code="ErrorCode", success=("noError",), message="Message"),
)


def encode_get_image_status(
    *,
    image_ticket: UUID,
    contact_email: str,
    contact_api_key: str,
) -> RestRequest:
    path: dict[str, str] = {}
    query: list[tuple[str, str]] = []
    path["ImageTicket"] = enc_uuid(image_ticket)
    query.append(("ContactEmail", contact_email))
    query.append(("ContactAPIkey", contact_api_key))
    return RestRequest(
        path=path,
        query=query,
    )


def decode_get_image_status(el: etree._Element | None) -> ImageStatusResponse:
    if el is None:
        raise null_result("GetImageStatus")
    return codecs.decode_image_status_response(el)


GET_IMAGE_STATUS: RestOperationSpec[ImageStatusResponse] = RestOperationSpec(
    name="GetImageStatus",
    method="GET",
    path="/Image/Status/{ImageTicket}/",
    encode=encode_get_image_status,
    response_format="xml",
    decode=decode_get_image_status,
    root="{http://schemas.datacontract.org/2004/07/RemoveTheBackground}ImageStatusResponse",
    names=NAMES,
    api_error=ApiErrorRule(code="ErrorCode", success=("noError",), message="Message"),
)
