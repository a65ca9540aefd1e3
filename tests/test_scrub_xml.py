"""Scrubbing XML bodies: secrets go, shape and declaration stay, nothing is ever resolved."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
from lxml import etree

from tests.scrub_support import (
    RTB,
    SECRET_EMAIL,
    SECRET_KEY,
    SOAP11,
    SOAP_REQUEST,
    TEXTS,
)
from wirekit.scrub import (
    REDACTED,
    REDACTED_EMAIL,
    scrub_xml,
)

# --- XML -----------------------------------------------------------------------------------


def test_soap_envelope_loses_its_secrets_and_keeps_its_shape() -> None:
    out = scrub_xml(SOAP_REQUEST)
    assert SECRET_KEY.encode() not in out and SECRET_EMAIL.encode() not in out
    assert out.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope')
    root = etree.fromstring(out)
    assert root.tag == f"{{{SOAP11}}}Envelope"
    payload = root.find(f"{{{SOAP11}}}Body/{{{RTB}}}getImageStatus")
    assert payload is not None
    assert payload.findtext(f"{{{RTB}}}contactEmail") == REDACTED_EMAIL
    assert payload.findtext(f"{{{RTB}}}contactAPIkey") == REDACTED
    ticket = payload.findtext(f"{{{RTB}}}ImageTicket")
    assert ticket == "0b5a3c1e-8f52-4b8e-a1f0-6d2f3c9e7b11"
    assert [etree.QName(c).localname for c in payload] == [
        "contactEmail",
        "contactAPIkey",
        "ImageTicket",
    ]


def test_xml_without_declaration_gets_none_and_encoding_becomes_utf8() -> None:
    assert scrub_xml(b"<a>x</a>") == b"<a>x</a>"
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Jos\xe9</a>'.encode("latin-1")
    assert scrub_xml(latin) == '<?xml version="1.0" encoding="utf-8"?>\n<a>Jos\xe9</a>'.encode()


def test_xml_addresses_in_attributes_comments_and_secret_attributes() -> None:
    body = (
        b'<r xmlns:p="urn:p"><!-- owner: ann@x.org --><u p:apiKey="k1" href="mailto:ann@x.org"/>'
        b"<Authorization><User>ann</User><Pass>pw</Pass></Authorization>"
        b"<empty><apiKey/></empty><note>mixed <b>ann@x.org</b> tail</note></r>"
    )
    out = scrub_xml(body)
    assert b"ann@" not in out and b"k1" not in out and b"pw" not in out
    root = etree.fromstring(out)
    assert root.find("u").get("{urn:p}apiKey") == REDACTED  # type: ignore[union-attr]
    auth = root.find("Authorization")
    assert auth is not None and [c.text for c in auth] == [REDACTED, REDACTED]
    assert root.find("empty/apiKey").text is None  # type: ignore[union-attr]
    assert root.findtext("note") == "mixed "


def test_xml_comment_that_starts_with_an_address_stays_well_formed() -> None:
    out = scrub_xml(b"<r><!---joe@x.org--><!--x--></r>")
    comments = etree.fromstring(out).xpath("//comment()")
    assert [c.text for c in comments] == [REDACTED_EMAIL, "x"]  # type: ignore[union-attr]


def test_xxe_payload_is_never_resolved() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<r><apiKey>&xxe;</apiKey><v>&xxe;</v><w>&lol2;</w></r>"""
    out = scrub_xml(body)
    assert b"root:" not in out
    assert b"&xxe;" in out  # kept as an unexpanded reference
    assert b"lollol" not in out
    assert scrub_xml(out) == out


def test_external_dtd_is_not_loaded() -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r>x</r>'
    assert b"root:" not in scrub_xml(body)


@pytest.mark.parametrize(
    "body",
    [
        b"<a><b>john@x.com</a>",
        b"<html><body>Contact john@x.com<br></body></html>",
        b"",
        b"<soap:Envelope xmlns:soap='" + SOAP11.encode() + b"'><contactEmail>john@x.com</con",
    ],
)
def test_malformed_xml_falls_back_to_text_scrubbing(body: bytes) -> None:
    out = scrub_xml(body)
    assert b"john@x.com" not in out
    assert out == body.replace(b"john@x.com", REDACTED_EMAIL.encode())


def test_truncated_soap_body_still_loses_name_marked_secrets() -> None:
    truncated = SOAP_REQUEST[: SOAP_REQUEST.index(b"<ImageTicket>") + 20]
    out = scrub_xml(truncated)
    assert SECRET_KEY.encode() not in out and SECRET_EMAIL.encode() not in out
    assert b"<contactAPIkey>REDACTED</contactAPIkey>" in out
    assert out.endswith(truncated[-20:])  # the rest is left as it was
    assert scrub_xml(out) == out


def test_xml_after_bom_and_whitespace_is_parsed() -> None:
    out = scrub_xml(b"\xef\xbb\xbf\n  " + SOAP_REQUEST)
    assert out.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope')
    assert SECRET_KEY.encode() not in out


XML_NAMES = st.sampled_from(["a", "contactEmail", "contactAPIkey", "token", "note", "ImageTicket"])


@st.composite
def xml_documents(draw: st.DrawFn) -> bytes:
    root = etree.Element(f"{{{RTB}}}{draw(XML_NAMES)}")
    nodes = [root]
    for _ in range(draw(st.integers(0, 8))):
        parent = draw(st.sampled_from(nodes))
        child = etree.SubElement(parent, f"{{{RTB}}}{draw(XML_NAMES)}")
        child.text = draw(st.one_of(st.none(), TEXTS))
        child.tail = draw(st.one_of(st.none(), TEXTS))
        if draw(st.booleans()):
            child.set(draw(XML_NAMES), draw(TEXTS))
        nodes.append(child)
    declaration = draw(st.booleans())
    return bytes(etree.tostring(root, xml_declaration=declaration, encoding="utf-8"))


@given(xml_documents())
def test_xml_property(body: bytes) -> None:
    out = scrub_xml(body)
    root = etree.fromstring(out)  # still well-formed
    for el in root.iter():
        assert "@" not in (el.text or "").replace(REDACTED_EMAIL, "")
        assert "@" not in (el.tail or "").replace(REDACTED_EMAIL, "")
        assert all("@" not in str(v).replace(REDACTED_EMAIL, "") for v in el.attrib.values())
        if etree.QName(el).localname in ("contactAPIkey", "token") and (el.text or "").strip():
            assert el.text == REDACTED
    assert scrub_xml(out) == out
