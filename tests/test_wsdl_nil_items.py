"""Failure #5: a nil item inside a list (``<string xsi:nil="true" />`` in an ASMX
``ArrayOfString``, whose items are ``nillable="true"``) is None in ``list[str | None]``, read
and sent as zeep (the oracle) reads and sends it, instead of failing the whole call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from tests.wsdl_real_support import generated
from tests.zeep_oracle import canonical, envelope_part, zeep_client

NAME = "tags_nil_items"

ANSWER = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>'
    '<GetTagsResponse xmlns="http://tags.fixture.example/"><GetTagsResult>'
    '<string>UPS</string><string xsi:nil="true" /><string>DHL</string>'
    "</GetTagsResult></GetTagsResponse></soap:Body></soap:Envelope>"
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_nil_items")


def test_nil_item_reads_as_none_like_zeep(scratch: Path) -> None:
    g = generated(NAME, scratch)
    zeep = zeep_client(g.root / "specs" / NAME / f"{NAME}.wsdl")
    zop = zeep.service._binding._operations["GetTags"]
    expected = list(zop.output.deserialize(etree.fromstring(ANSWER.encode())))
    assert expected == ["UPS", None, "DHL"]

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=ANSWER, headers={"Content-Type": "text/xml"})

    with g.module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        assert c.get_tags(id=1) == expected


def _sent(module: Any, tags: list[str | None]) -> etree._Element:
    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        text = (
            '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
            '<SetTagsResponse xmlns="http://tags.fixture.example/"/></soap:Body></soap:Envelope>'
        )
        return httpx.Response(200, text=text, headers={"Content-Type": "text/xml"})

    transport = httpx.MockTransport(answer)
    with module.Client(http_client=httpx.Client(transport=transport)) as c:
        c.set_tags(id=1, tags=tags)
    body = envelope_part(etree.fromstring(sent[0]), "Body")
    assert body is not None
    return body


def test_none_item_is_sent_nil(scratch: Path) -> None:
    """zeep agrees on items; of a None item it sends nothing (the list shifts, which loses the
    position), so a None item goes out ``xsi:nil`` as .NET writes a null entry of a string[]."""
    g = generated(NAME, scratch)
    zeep = zeep_client(g.root / "specs" / NAME / f"{NAME}.wsdl")
    theirs = zeep.create_message(zeep.service, "SetTags", id=1, tags={"string": ["a", "b"]})
    assert canonical(_sent(g.module, ["a", "b"])) == canonical(envelope_part(theirs, "Body"))
    items = _sent(g.module, ["a", None, "b"]).findall(".//{http://tags.fixture.example/}string")
    nil = "{http://www.w3.org/2001/XMLSchema-instance}nil"
    assert [(x.text, x.get(nil)) for x in items] == [("a", None), (None, "true"), ("b", None)]
