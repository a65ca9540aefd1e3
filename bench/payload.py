"""The GetImagesList payloads every contender is measured on.

The response is the documented SOAP 1.1 sample from the contract cassette with its
``<ImageStatus>`` item repeated N times. Values vary per item (distinct GUIDs and ints, URLs with
``&`` that must be escaped), so no contender profits from repeated strings and every serialiser
pays for escaping. The same per-item values build the typed ``ImagesListResponse``, so every
parse result can be checked against what the bytes are known to hold.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import yaml
from lxml import etree
from xsdata.formats.converter import converter

from bench.contender import present
from generated.pixelz.models import ImagesListResponse, ImageStatus

ROOT = Path(__file__).resolve().parent.parent
CASSETTE = ROOT / "contracts" / "pixelz" / "GetImagesList.soap11.yaml"
WSDL = ROOT / "specs" / "pixelz" / "pixelz.wsdl"
ADDRESS = "https://api.pixelz.com/soap.asmx"
NS = "http://removethebackground.com/"
SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"

_STATUSES = ("Queued", "In Production", "Completed", "Rejected & Refunded")

#: GetImagesList request arguments: Python keyword (generated client) -> (wire name, value).
REQUEST_ARGS: dict[str, tuple[str, str]] = {
    "contact_email": ("contactEmail", "redacted@example.invalid"),
    "contact_api_key": ("contactAPIkey", "REDACTED"),
    "image_status": ("imageStatus", "Completed"),
    "exclude_image_status": ("excludeImageStatus", "Rejected & Refunded"),
    "product_id": ("productId", "product-7"),
    "from_date": ("fromDate", "2024-01-01"),
    "to_date": ("toDate", "2024-12-31"),
    "page": ("page", "1"),
    "images_per_page": ("imagesPerPage", "100"),
    "sort_by": ("sortBy", "date"),
    "is_descending": ("isDescending", "true"),
}

#: Wire name -> how the item's text is written from the typed value (``FinalImagesURL`` aside).
_ITEM_TEXT: dict[str, Callable[[ImageStatus], str | None]] = {
    "ImageTicket": lambda im: str(im.image_ticket),
    "CustomerImageId": lambda im: im.customer_image_id,
    "ProductId": lambda im: im.product_id,
    "StatusName": lambda im: im.status_name,
    "StatusId": lambda im: str(im.status_id),
    "IsPaid": lambda im: "true" if im.is_paid else "false",
    "ThumbnailImageURL": lambda im: im.thumbnail_image_url,
}


def image_status(i: int, rng: random.Random) -> ImageStatus:
    """Item ``i``: every field present, values distinct per item, some needing escaping."""
    return ImageStatus(
        image_ticket=UUID(int=rng.getrandbits(128), version=4),
        customer_image_id=f"customer-{i:06d}",
        product_id=f"product-{i % 13}",
        status_name=_STATUSES[i % len(_STATUSES)],
        status_id=100 + i,
        is_paid=i % 3 != 0,
        thumbnail_image_url=f"https://cdn.pixelz.example/thumb/{i}.jpg?w=200&h=200",
        final_images_url=[
            f"https://cdn.pixelz.example/final/{i}/{k}.png" for k in range(1 + i % 3)
        ],
    )


def images_list(n: int) -> ImagesListResponse:
    """The typed response with ``n`` images; seeded, so every run measures the same bytes."""
    rng = random.Random(20240101 + n)
    return ImagesListResponse(images=[image_status(i, rng) for i in range(n)])


def sample_envelope() -> bytes:
    """The documented SOAP 1.1 response body, exactly as the contract cassette records it."""
    cassette = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))
    body: str = cassette["interactions"][0]["response"]["body"]["string"]
    return body.encode("utf-8")


def soap_body(response: ImagesListResponse) -> bytes:
    """The cassette's envelope with its ``<Images>`` refilled from ``response``.

    The first documented ``<ImageStatus>`` is the template, so element names, namespaces and
    layout stay those of the documentation; only the item count and the texts change.
    """
    root = etree.fromstring(sample_envelope())
    images_el = root.find(f".//{{{NS}}}Images")
    if images_el is None or not len(images_el):
        raise RuntimeError(f"{CASSETTE}: no <Images>/<ImageStatus> in the documented response")
    template = images_el[0]
    for old in list(images_el):
        images_el.remove(old)
    for image in present(response):
        images_el.append(_item(template, image))
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")


def _item(template: etree._Element, image: ImageStatus) -> etree._Element:
    item = copy.deepcopy(template)
    for child in item:
        name = etree.QName(child).localname
        if name == "FinalImagesURL":
            # The documented SOAP sample shows this list as xsi:nil: build its items.
            child.attrib.pop("{http://www.w3.org/2001/XMLSchema-instance}nil", "")
            for old in list(child):
                child.remove(old)
            for url in image.final_images_url or ():
                etree.SubElement(child, f"{{{NS}}}string").text = url
        else:
            child.text = _ITEM_TEXT[name](image)
    return item


def plain_images(response: ImagesListResponse) -> list[dict[str, Any]]:
    """The response as the plain dicts a hand-written serialiser would take (same values)."""
    return [
        {
            "ImageTicket": im.image_ticket,
            "CustomerImageId": im.customer_image_id,
            "ProductId": im.product_id,
            "StatusName": im.status_name,
            "StatusId": im.status_id,
            "IsPaid": im.is_paid,
            "ThumbnailImageURL": im.thumbnail_image_url,
            "FinalImagesURL": im.final_images_url,
        }
        for im in present(response)
    ]


def teach_xsdata_uuid() -> None:
    """Give xsdata a ``UUID`` converter: out of the box it refuses the generated models.

    Without one, xsdata raises ``XmlContextError`` ("Xml Element does not support typing UUID")
    as soon as it builds the metadata of ``ImageStatus.image_ticket``, for parsing and
    serialising alike. ``register_converter`` is xsdata's documented extension point; the
    ``wrapper`` fields (``Images``, nillable ``FinalImagesURL``) then bind without help.
    """
    if UUID not in converter.registry:
        converter.register_converter(UUID, UUID)
