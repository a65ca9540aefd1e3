"""Five ways to turn the SOAP 1.1 GetImagesList response bytes into a result.

Two are floors: lxml into dicts of strings (what parsing costs with no types at all), and lxml
into the very dataclasses the generated binding returns, with plain ``UUID()``/``int()``/
``== "true"`` conversions (what a typed result costs when written by hand for this one shape).

Every contender gets the same bytes. Untimed is only what a transport would hand over anyway: the
``httpx.Response`` for the generated binding, a ``requests``-like response for zeep.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any
from uuid import UUID

import httpx
from lxml import etree
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler

from bench import offline_zeep
from bench.contender import BenchError, Contender, expect, expect_tickets, present
from bench.payload import NS, SOAP11_ENV, teach_xsdata_uuid
from generated.pixelz import codecs
from generated.pixelz.models import ImagesListResponse, ImageStatus

_CONTENT_TYPE = "text/xml; charset=utf-8"
_RESULT_PATH = f"{{{SOAP11_ENV}}}Body/{{{NS}}}GetImagesListResponse/{{{NS}}}GetImagesListResult"
_IMAGES = f"{{{NS}}}Images"
_NS_LEN = len(NS) + 2


# --- generated binding: what Client.get_images_list does after the HTTP exchange -------------


def _httpx_response(body: bytes) -> httpx.Response:
    return httpx.Response(200, headers={"Content-Type": _CONTENT_TYPE}, content=body)


def _generated(response: httpx.Response) -> ImagesListResponse | None:
    return codecs.GET_IMAGES_LIST.read("soap11", response)


def verify_typed(key: str) -> Any:
    """Typed results must equal the payload's object field for field, not just by ticket."""

    def verify(result: ImagesListResponse | None, expected: ImagesListResponse) -> None:
        if result is None:
            raise BenchError(f"{key}: no result")
        expect_tickets(key, [str(im.image_ticket) for im in present(result)], expected)
        expect(result == expected, f"{key}: result differs from the payload's ImagesListResponse")

    return verify


# --- zeep: the binding's own process_reply, as zeep's service proxy calls it -----------------


def _zeep_response(body: bytes) -> SimpleNamespace:
    """What ``SoapBinding.process_reply`` reads of a ``requests.Response``, and nothing more."""
    return SimpleNamespace(
        status_code=200, content=body, headers={"Content-Type": _CONTENT_TYPE}, encoding="utf-8"
    )


def verify_zeep(result: Any, expected: ImagesListResponse) -> None:
    """zeep unwraps the one-child result to ``ArrayOfImageStatus``; its guids stay strings."""
    items = list(result.ImageStatus)
    expect_tickets("zeep", [im.ImageTicket for im in items], expected)
    wanted = present(expected)
    for got, want in ((items[0], wanted[0]), (items[-1], wanted[-1])):
        expect(got.StatusId == want.status_id, "zeep: StatusId differs")
        expect(got.IsPaid == want.is_paid, "zeep: IsPaid differs")
        expect(list(got.FinalImagesURL.string) == want.final_images_url, "zeep: URLs differ")


# --- xsdata: its generic parser over the same result element ----------------------------------


@functools.cache
def xsdata_parser() -> XmlParser:
    teach_xsdata_uuid()
    return XmlParser(handler=LxmlEventHandler)


def _xsdata(body: bytes) -> ImagesListResponse:
    result_el = etree.fromstring(body).find(_RESULT_PATH)
    parsed: ImagesListResponse = xsdata_parser().parse(result_el, ImagesListResponse)
    return parsed


# --- floor: lxml, then the plainest hand-written walk into dicts ------------------------------


def floor_parse(body: bytes) -> dict[str, list[dict[str, Any]]]:
    """What lxml alone costs: no type conversion, no nil or fault handling, texts as they are."""
    # The floor assumes the elements are there (no missing-element check), and pays nothing
    # for saying so to mypy: not even typing.cast's call.
    result: etree._Element = etree.fromstring(body).find(_RESULT_PATH)  # type: ignore[assignment]
    images = []
    for item in result.find(_IMAGES):  # type: ignore[union-attr]
        record: dict[str, Any] = {}
        for child in item:
            name = child.tag[_NS_LEN:]
            record[name] = [s.text for s in child] if name == "FinalImagesURL" else child.text
        images.append(record)
    return {"Images": images}


# --- typed floor: lxml, then a hand-written walk into the generated dataclasses -------------


def _typed_item(item: etree._Element) -> ImageStatus:
    texts: dict[str, Any] = {}
    urls: list[str | None] | None = None
    for child in item:
        name = child.tag[_NS_LEN:]
        if name == "FinalImagesURL":
            urls = [s.text or "" for s in child]
        else:
            texts[name] = child.text
    return ImageStatus(
        image_ticket=UUID(texts["ImageTicket"]),
        customer_image_id=texts.get("CustomerImageId"),
        product_id=texts.get("ProductId"),
        status_name=texts.get("StatusName"),
        status_id=int(texts["StatusId"]),
        is_paid=texts["IsPaid"] == "true",
        thumbnail_image_url=texts.get("ThumbnailImageURL"),
        final_images_url=urls,
    )


def typed_floor_parse(body: bytes) -> ImagesListResponse:
    """The same dataclasses from lxml by hand: no nil, fault or missing-field handling."""
    result: etree._Element = etree.fromstring(body).find(_RESULT_PATH)  # type: ignore[assignment]
    images: etree._Element = result.find(_IMAGES)  # type: ignore[assignment]
    return ImagesListResponse(images=[_typed_item(item) for item in images])


def _verify_floor(result: dict[str, list[dict[str, Any]]], expected: ImagesListResponse) -> None:
    records = result["Images"]
    expect_tickets("floor", [r["ImageTicket"] for r in records], expected)
    wanted = present(expected)
    for got, want in ((records[0], wanted[0]), (records[-1], wanted[-1])):
        expect(got["StatusId"] == str(want.status_id), "floor: StatusId differs")
        expect(got["FinalImagesURL"] == want.final_images_url, "floor: URLs differ")


def contenders() -> list[Contender]:
    """The parse contenders, floor first (ratios are relative to it)."""
    zeep_reply = functools.partial(
        offline_zeep.soap11_binding().process_reply,
        offline_zeep.client(),
        offline_zeep.get_images_list_operation(),
    )
    return [
        Contender(
            "floor",
            "lxml.etree.fromstring + hand-written walk into dicts of str",
            lambda body: body,
            floor_parse,
            _verify_floor,
        ),
        Contender(
            "typed floor",
            "lxml.etree.fromstring + hand-written walk into the generated dataclasses",
            lambda body: body,
            typed_floor_parse,
            verify_typed("typed floor"),
        ),
        Contender(
            "generated",
            "codecs.GET_IMAGES_LIST.read('soap11', httpx.Response)",
            _httpx_response,
            _generated,
            verify_typed("generated"),
        ),
        Contender(
            "xsdata",
            "lxml.etree.fromstring + find result + XmlParser(LxmlEventHandler).parse",
            lambda body: body,
            _xsdata,
            verify_typed("xsdata"),
        ),
        Contender(
            "zeep",
            "zeep SoapBinding.process_reply(client, operation, response)",
            _zeep_response,
            zeep_reply,
            verify_zeep,
        ),
    ]
