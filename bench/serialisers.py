"""Ways to write GetImagesList XML: the N-image response (scales) and the request (constant).

Every response serialiser produces ``<ImagesListResponse xmlns="http://removethebackground.com/">``
text from its own natural input, built untimed from the same typed object: the dataclass for the
generated codec and xsdata, zeep's own value objects for zeep, plain dicts for the floor. Each
output is parsed back and must decode to that same object.
"""

from __future__ import annotations

import functools
from typing import Any

import httpx
from lxml import etree
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.serializers.config import SerializerConfig

import generated.pixelz as pixelz
from bench import offline_zeep
from bench.contender import Contender, expect, present
from bench.payload import ADDRESS, NS, SOAP11_ENV, plain_images, teach_xsdata_uuid
from generated.pixelz import codecs
from generated.pixelz.models import ImagesListResponse

_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_HTTP = httpx.Client()
#: ``xmlns:xsi`` too, so a nil ``FinalImagesURL`` would still be well-formed outside an envelope.
_OPEN = f'<ImagesListResponse xmlns="{NS}" xmlns:xsi="{_XSI}">'
_CLOSE = "</ImagesListResponse>"


def _esc(text: str) -> str:
    """Element-content escaping, the usual ``str.replace`` chain (faster than ``saxutils``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _verify_response(key: str) -> Any:
    """The output must parse, have the right root, and decode back to the very same object."""

    def verify(text: str, expected: ImagesListResponse) -> None:
        root = etree.fromstring(text.encode("utf-8"))
        expect(root.tag == f"{{{NS}}}ImagesListResponse", f"{key}: root is <{root.tag}>")
        decoded = codecs.decode_images_list_response(root)
        expect(decoded == expected, f"{key}: output does not decode to the input object")

    return verify


# --- response: floor -----------------------------------------------------------------------


def _opt(name: str, value: str | None) -> str:
    return "" if value is None else f"<{name}>{_esc(value)}</{name}>"


def _floor_item(im: dict[str, Any]) -> str:
    urls = im["FinalImagesURL"]
    final = (
        '<FinalImagesURL xsi:nil="true" />'
        if urls is None
        else "<FinalImagesURL>"
        + "".join([f"<string>{_esc(u)}</string>" for u in urls])
        + "</FinalImagesURL>"
    )
    return (
        f"<ImageStatus><ImageTicket>{im['ImageTicket']}</ImageTicket>"
        f"{_opt('CustomerImageId', im['CustomerImageId'])}"
        f"{_opt('ProductId', im['ProductId'])}"
        f"{_opt('StatusName', im['StatusName'])}"
        f"<StatusId>{im['StatusId']}</StatusId>"
        f"<IsPaid>{'true' if im['IsPaid'] else 'false'}</IsPaid>"
        f"{_opt('ThumbnailImageURL', im['ThumbnailImageURL'])}"
        f"{final}</ImageStatus>"
    )


def floor_serialise(images: list[dict[str, Any]]) -> str:
    """A hand-written f-string serialiser over plain dicts holding the same typed values."""
    return f"{_OPEN}<Images>{''.join([_floor_item(im) for im in images])}</Images>{_CLOSE}"


# --- response: generated, xsdata, zeep -------------------------------------------------------


def _generated(obj: ImagesListResponse) -> str:
    # The codec writes the whole element; the root's namespace declarations go in ``extra``.
    return codecs.encode_images_list_response(obj, "ImagesListResponse", _OPEN[19:-1])


@functools.cache
def _xsdata_serializer() -> XmlSerializer:
    teach_xsdata_uuid()
    return XmlSerializer(config=SerializerConfig(xml_declaration=False))


def _xsdata(obj: ImagesListResponse) -> str:
    text: str = _xsdata_serializer().render(obj, ns_map={None: NS})
    return text


def _zeep_value(obj: ImagesListResponse) -> Any:
    """zeep's own objects for the response; its ``s1:guid`` is a string type, so str tickets."""
    image_status = offline_zeep.xsd_type("ImageStatus")
    array_of_string = offline_zeep.xsd_type("ArrayOfString")
    items = [
        image_status(
            ImageTicket=str(im.image_ticket),
            CustomerImageId=im.customer_image_id,
            ProductId=im.product_id,
            StatusName=im.status_name,
            StatusId=im.status_id,
            IsPaid=im.is_paid,
            ThumbnailImageURL=im.thumbnail_image_url,
            FinalImagesURL=None
            if im.final_images_url is None
            else array_of_string(string=im.final_images_url),
        )
        for im in present(obj)
    ]
    return offline_zeep.element("ImagesListResponse")(Images={"ImageStatus": items})


def _zeep(value: Any) -> str:
    parent = etree.Element("root")
    offline_zeep.element("ImagesListResponse").render(parent, value)
    return etree.tostring(parent[0], encoding="unicode")


def response_contenders() -> list[Contender]:
    """The response serialisers, floor first (ratios are relative to it)."""
    return [
        Contender(
            "floor",
            "f-string/''.join over plain dicts, str.replace escaping",
            plain_images,
            floor_serialise,
            _verify_response("floor"),
        ),
        Contender(
            "generated",
            "'<ImagesListResponse …>' + codecs.encode_images_list_response(obj) + '</…>'",
            lambda obj: obj,
            _generated,
            _verify_response("generated"),
        ),
        Contender(
            "xsdata",
            "XmlSerializer(xml_declaration=False).render(obj, ns_map={None: ns})",
            lambda obj: obj,
            _xsdata,
            _verify_response("xsdata"),
        ),
        Contender(
            "zeep",
            "zeep xsd Element('ImagesListResponse').render(parent, zeep objects) + tostring",
            _zeep_value,
            _zeep,
            _verify_response("zeep"),
        ),
    ]


# --- request (constant size) -----------------------------------------------------------------

_ENV_OPEN = (
    '<?xml version="1.0" encoding="utf-8"?>'
    f'<soap:Envelope xmlns:xsi="{_XSI}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
    f'xmlns:soap="{SOAP11_ENV}"><soap:Body>'
)
_ENV_CLOSE = "</soap:Body></soap:Envelope>"


def floor_request(pairs: list[tuple[str, str]]) -> bytes:
    fields = "".join([f"<{name}>{_esc(value)}</{name}>" for name, value in pairs])
    return (f'{_ENV_OPEN}<GetImagesList xmlns="{NS}">{fields}</GetImagesList>{_ENV_CLOSE}').encode()


_FLOOR_HEADERS = {
    "Content-Type": "text/xml; charset=utf-8",
    "SOAPAction": '"http://removethebackground.com/GetImagesList"',
}


def _httpx_floor_request(pairs: list[tuple[str, str]]) -> httpx.Request:
    # The least any httpx-based client pays: the f-string envelope handed to build_request.
    return _HTTP.build_request(
        "POST", ADDRESS, headers=_FLOOR_HEADERS, content=floor_request(pairs)
    )


_CLIENT = pixelz.Client(http_client=_HTTP, protocol="soap11", base_url=ADDRESS)


def _generated_request(kwargs: dict[str, str]) -> httpx.Request:
    # What a call does before sending: argument checks, the variant's parts, and the request
    # built on the user's httpx client (copied from the first one: wirekit.prototypes).
    return _CLIENT._build(codecs.GET_IMAGES_LIST, kwargs)


def _generated_request_xml(kwargs: dict[str, str]) -> bytes:
    return (_ENV_OPEN + codecs.GET_IMAGES_LIST.encode_xml(**kwargs) + _ENV_CLOSE).encode()


def _zeep_request(kwargs: dict[str, str]) -> bytes:
    client = offline_zeep.client()
    message = client.create_message(offline_zeep.soap11_service(), "GetImagesList", **kwargs)
    return etree.tostring(message, xml_declaration=True, encoding="utf-8")


def _request_fields(body: bytes) -> list[tuple[str, str | None]]:
    envelope = etree.fromstring(body)
    operation = envelope.find(f"{{{SOAP11_ENV}}}Body/{{{NS}}}GetImagesList")
    if operation is None:
        return []
    return [(etree.QName(el).localname, el.text) for el in operation]


def _verify_request(key: str) -> Any:
    """Same envelope version, same operation element, same fields in the same order."""

    def verify(result: bytes | httpx.Request, expected: list[tuple[str, str]]) -> None:
        body = result.content if isinstance(result, httpx.Request) else result
        expect(_request_fields(body) == expected, f"{key}: request fields differ")

    return verify


def request_contenders() -> list[Contender]:
    """The request serialisers; their input is ``payload.REQUEST_ARGS``."""
    return [
        Contender(
            "floor",
            "f-string envelope over (wire name, value) pairs, str.replace escaping",
            lambda args: [(wire, value) for wire, value in args.values()],
            floor_request,
            _verify_request("floor"),
        ),
        Contender(
            "httpx floor",
            "httpx.Client.build_request('POST', url, headers=…, content=f-string envelope)",
            lambda args: [(wire, value) for wire, value in args.values()],
            _httpx_floor_request,
            _verify_request("httpx floor"),
        ),
        Contender(
            "generated",
            "Client._build: argument checks, GET_IMAGES_LIST.request(...), request on the client",
            lambda args: {key: value for key, (_, value) in args.items()},
            _generated_request,
            _verify_request("generated"),
        ),
        Contender(
            "generated xml",
            "envelope f-string around codecs.GET_IMAGES_LIST.encode_xml(**kwargs), no httpx",
            lambda args: {key: value for key, (_, value) in args.items()},
            _generated_request_xml,
            _verify_request("generated xml"),
        ),
        Contender(
            "zeep",
            "zeep client.create_message(service, 'GetImagesList', …) + etree.tostring",
            lambda args: dict(args.values()),
            _zeep_request,
            _verify_request("zeep"),
        ),
    ]
