"""Scrubbing: no API key or e-mail address survives, in any place a request or response carries
them, and scrubbing twice changes nothing."""

from __future__ import annotations

import gzip
import io
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote_plus, unquote_plus, urlencode

import httpx
import pytest
import vcr
import yaml
from hypothesis import given, strategies as st
from lxml import etree
from vcr.request import Request

from wirekit.scrub import (
    REDACTED,
    REDACTED_EMAIL,
    ScrubbingFilter,
    is_email_name,
    is_secret_name,
    scrub_body,
    scrub_form,
    scrub_headers,
    scrub_json,
    scrub_query,
    scrub_text,
    scrub_url,
    scrub_vcr_request,
    scrub_vcr_response,
    scrub_xml,
)

SECRET_KEY = "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9"
SECRET_EMAIL = "john@removethebackground.com"
RTB = "http://removethebackground.com/"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
XSD_NS = (
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
)
SOAP_REQUEST = f"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope {XSD_NS} xmlns:soap="{SOAP11}">
  <soap:Body>
    <getImageStatus xmlns="{RTB}">
      <contactEmail>{SECRET_EMAIL}</contactEmail>
      <contactAPIkey>{SECRET_KEY}</contactAPIkey>
      <ImageTicket>0b5a3c1e-8f52-4b8e-a1f0-6d2f3c9e7b11</ImageTicket>
    </getImageStatus>
  </soap:Body>
</soap:Envelope>""".encode()

# --- hypothesis strategies -----------------------------------------------------------------

LOCALS = st.from_regex(r"[a-z][a-z0-9._+-]{0,10}[a-z0-9]", fullmatch=True)
DOMAINS = st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]\.(com|org|co\.uk|example)", fullmatch=True)
EMAILS = st.builds(lambda local, domain: f"{local}@{domain}", LOCALS, DOMAINS)
WORDS = st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)
#: Free text in which the generated addresses sit among words and punctuation.
TEXTS = st.lists(st.one_of(WORDS, EMAILS, st.sampled_from([" ", ", ", "<", "-", "(", ")"]))).map(
    " ".join
)
NAMES = st.sampled_from(
    ["page", "templateId", "contactEmail", "contactAPIkey", "token", "note", "key", "keyword"]
)
PAIRS = st.lists(st.tuples(st.one_of(NAMES, WORDS), TEXTS), max_size=8)


def _no_generated_email_survives(pairs: list[tuple[str, str]], scrubbed_text: str) -> None:
    for _, value in pairs:
        for token in value.split(" "):
            if "@" in token:
                assert token not in scrubbed_text


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "contactAPIkey",
        "ContactAPIkey",
        "developerAPIkey",
        "DeveloperAPIkey",
        "key",
        "KEY",
        "api_key",
        "apiKey",
        "X-Api-Key",
        "developer_key",
        "contactKey",
        "WWW-Authenticate",
        "Authorization",
        "Proxy-Authorization",
        "access_token",
        "client_secret",
        "password",
        "Cookie",
        "Set-Cookie",
    ],
)
def test_secret_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    ["ImageTicket", "templateId", "monkey", "keyword", "page", "link", "SOAPAction", "hotkey"],
)
def test_names_that_are_not_secret(name: str) -> None:
    assert not is_secret_name(name)


@pytest.mark.parametrize("name", ["email", "contactEmail", "ContactEmail", "EMAIL_ADDRESS"])
def test_email_names(name: str) -> None:
    assert is_email_name(name)


@pytest.mark.parametrize("name", ["mail", "contactAPIkey", "page"])
def test_names_that_are_not_email(name: str) -> None:
    assert not is_email_name(name)


# --- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "contact john@removethebackground.com now",
        "mailto:John.Doe+tag@mail.example.co.uk",
        "url?contactEmail=john%40x.com&page=1",
        "<!---joe@x.org-->",
        "-joe@x.org and .joe@x.org",
        "jöhn@bücher.de",
    ],
)
def test_scrub_text_replaces_addresses(text: str) -> None:
    out = scrub_text(text)
    assert REDACTED_EMAIL in out
    assert "john" not in out.lower() and "joe" not in out and "jöhn" not in out


def test_scrub_text_is_linear_on_long_hyphenated_runs() -> None:
    # URL-safe base64 and JWTs are long runs of local-part characters broken by "-"; a pattern
    # that may start a match after every "-" needs about a minute for this.
    started = time.perf_counter()
    assert scrub_text("a-" * 100_000 + "@") == "a-" * 100_000 + "@"
    assert time.perf_counter() - started < 2.0


@given(TEXTS)
def test_scrub_text_removes_every_address_and_is_idempotent(text: str) -> None:
    out = scrub_text(text)
    for token in text.split(" "):
        if "@" in token:
            assert token not in out
    assert scrub_text(out) == out


@given(st.text())
def test_scrub_text_is_idempotent_on_any_text(text: str) -> None:
    once = scrub_text(text)
    assert scrub_text(once) == once


# --- query strings, URLs and forms ---------------------------------------------------------


def test_query_example() -> None:
    out = scrub_query("contactEmail=john%40x.com&contactAPIkey=abc&page=1")
    assert parse_qsl(out) == [
        ("contactEmail", REDACTED_EMAIL),
        ("contactAPIkey", REDACTED),
        ("page", "1"),
    ]
    assert out == urlencode(parse_qsl(out))  # the quote_plus style


def test_query_keeps_order_blanks_and_bare_names() -> None:
    out = scrub_query("b=2&apiKey=&flag&a=x+y&contactAPIkey=k")
    assert out == f"b=2&apiKey=&flag&a=x+y&contactAPIkey={REDACTED}"


def test_query_scrubs_addresses_in_any_value() -> None:
    out = scrub_query("note=write+to+bob%40corp.example.com+today&x=bob@corp.example.com")
    assert "bob" not in out
    assert unquote_plus(out) == f"note=write to {REDACTED_EMAIL} today&x={REDACTED_EMAIL}"


def test_query_with_an_email_name_but_no_address_is_still_replaced() -> None:
    assert scrub_query("contactEmail=someone") == f"contactEmail={quote_plus(REDACTED_EMAIL)}"


@given(PAIRS)
def test_query_property(pairs: list[tuple[str, str]]) -> None:
    query = urlencode(pairs)
    out = scrub_query(query)
    _no_generated_email_survives(pairs, unquote_plus(out))
    got = parse_qsl(out, keep_blank_values=True)
    assert [k for k, _ in got] == [k for k, _ in pairs]
    for (name, value), (_, scrubbed) in zip(pairs, got, strict=True):
        if is_secret_name(name) and value.strip():
            assert scrubbed == REDACTED
    assert scrub_query(out) == out


@given(st.text())
def test_query_is_idempotent_on_any_text(query: str) -> None:
    once = scrub_query(query)
    assert scrub_query(once) == once


def test_scrub_url_keeps_everything_but_the_secrets() -> None:
    url = "https://api.pixelz.com/soap.asmx/GetImagesList?contactEmail=john%40x.com&contactAPIkey=abc&page=1#top"
    assert scrub_url(url) == (
        "https://api.pixelz.com/soap.asmx/GetImagesList"
        "?contactEmail=redacted%40example.invalid&contactAPIkey=REDACTED&page=1#top"
    )


def test_scrub_url_without_secrets_is_unchanged() -> None:
    for url in ["https://api.pixelz.com/soap.asmx", "http://h/p?", "http://h/p?a=1&b=x+y%2F"]:
        assert scrub_url(url) == url


def test_scrub_url_re_encodes_the_query_like_urlencode() -> None:
    assert scrub_url("http://h/p?b=%7E&c=a%20b") == "http://h/p?b=~&c=a+b"


def test_scrub_url_hides_a_password_in_the_userinfo() -> None:
    out = scrub_url("https://bob:hunter2@api.example.com/x")
    assert out == f"https://bob:{REDACTED}@api.example.com/x"
    assert scrub_url(out) == out


def test_form_body() -> None:
    body = f"contactEmail={quote_plus(SECRET_EMAIL)}&contactAPIkey={SECRET_KEY}&page=1".encode()
    out = scrub_form(body)
    assert SECRET_KEY.encode() not in out and b"john" not in out
    assert parse_qsl(out.decode()) == [
        ("contactEmail", REDACTED_EMAIL),
        ("contactAPIkey", REDACTED),
        ("page", "1"),
    ]


def test_form_body_that_is_not_utf8_is_not_corrupted() -> None:
    body = "name=Jos\xe9&mail=jose@x.com".encode("latin-1")
    assert scrub_form(body) == f"name=Jos\xe9&mail={REDACTED_EMAIL}".encode("latin-1")


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


# --- JSON ----------------------------------------------------------------------------------


def test_json_body_with_charset() -> None:
    body = json.dumps(
        {"ContactEmail": SECRET_EMAIL, "ContactAPIkey": SECRET_KEY, "templateId": "2000045"}
    ).encode()
    out = scrub_body(body, "application/json; charset=utf-8")
    assert SECRET_KEY.encode() not in out and SECRET_EMAIL.encode() not in out
    assert json.loads(out) == {
        "ContactEmail": REDACTED_EMAIL,
        "ContactAPIkey": REDACTED,
        "templateId": "2000045",
    }
    assert b", " not in out and b": " not in out  # compact separators


def test_json_nested_secrets_and_non_ascii() -> None:
    body = json.dumps(
        {
            "auth": {"client_secret": "s3", "pin": 1},
            "apiKey": {"value": "v", "n": 42},
            "people": [{"name": "Zoë", "contact": "zoe@x.org"}],
            "emails": ["a@b.co", ""],
            "ok": True,
        }
    ).encode()
    out = json.loads(scrub_json(body))
    assert out == {
        "auth": {"client_secret": REDACTED, "pin": 1},
        "apiKey": {"value": REDACTED, "n": REDACTED},
        "people": [{"name": "Zoë", "contact": REDACTED_EMAIL}],
        "emails": [REDACTED_EMAIL, ""],
        "ok": True,
    }
    assert "Zoë".encode() in scrub_json(body)  # ensure_ascii=False


def test_invalid_json_falls_back_to_text_scrubbing() -> None:
    assert scrub_json(b'{"email": "a@b.co",') == b'{"email": "' + REDACTED_EMAIL.encode() + b'",'


JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), TEXTS)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(NAMES, WORDS), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_json_property(value: Any) -> None:
    out = scrub_json(json.dumps(value).encode())
    assert "@" not in out.decode().replace(REDACTED_EMAIL, "")
    assert scrub_json(out) == out


# --- headers -------------------------------------------------------------------------------


def test_headers() -> None:
    headers: dict[str, str | list[str]] = {
        "Content-Type": 'application/soap+xml; charset=utf-8; action="http://x/GetToken"',
        "SOAPAction": '"http://removethebackground.com/getImageStatus"',
        "WWW-Authenticate": ['Bearer realm="api", error="invalid_token"'],
        "authorization": "Basic am9objpodW50ZXIy",
        "X-Api-Key": SECRET_KEY,
        "Proxy-Authorization": "Digest abc",
        "Cookie": "session=abc",
        "Set-Cookie": ["a=1; Path=/", "b=2"],
        "X-Contact": f"John <{SECRET_EMAIL}>",
        "Location": f"https://x/next?apikey={SECRET_KEY}&page=2",
    }
    out = scrub_headers(headers)
    assert out == {
        "Content-Type": headers["Content-Type"],
        "SOAPAction": headers["SOAPAction"],
        "WWW-Authenticate": [REDACTED],
        "authorization": REDACTED,
        "X-Api-Key": REDACTED,
        "Proxy-Authorization": REDACTED,
        "Cookie": REDACTED,
        "Set-Cookie": [REDACTED, REDACTED],
        "X-Contact": f"John <{REDACTED_EMAIL}>",
        "Location": f"https://x/next?apikey={REDACTED}&page=2",
    }
    assert scrub_headers(out) == out


# --- body dispatch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/xml; charset=utf-8", SOAP_REQUEST),
        ("application/soap+xml; charset=utf-8; action=x", SOAP_REQUEST),
        ("application/xml", SOAP_REQUEST),
        ("Application/JSON", json.dumps({"contactAPIkey": SECRET_KEY}).encode()),
        ("application/problem+json", json.dumps({"apiKey": SECRET_KEY}).encode()),
        ("application/x-www-form-urlencoded", f"contactAPIkey={SECRET_KEY}".encode()),
        (None, b"\xef\xbb\xbf  " + SOAP_REQUEST),
        ("application/octet-stream", json.dumps([{"token": SECRET_KEY}]).encode()),
    ],
)
def test_scrub_body_dispatches_by_type_or_content(content_type: str | None, body: bytes) -> None:
    out = scrub_body(body, content_type)
    assert SECRET_KEY.encode() not in out
    assert REDACTED.encode() in out


def test_scrub_body_plain_text_and_binary() -> None:
    assert scrub_body(b"mail ann@x.org", "text/plain") == b"mail " + REDACTED_EMAIL.encode()
    png = b"\x89PNG\r\n\x1a\n\xff\xfe ann@x.org \x00"
    assert scrub_body(png, "image/png") == png


@given(st.binary(), st.sampled_from([None, "text/xml", "application/json", "text/plain"]))
def test_scrub_body_never_raises_and_is_idempotent(body: bytes, content_type: str | None) -> None:
    once = scrub_body(body, content_type)
    assert scrub_body(once, content_type) == once


# --- vcrpy ---------------------------------------------------------------------------------


def _soap_request(body: Any) -> Request:
    return Request(
        "POST",
        f"https://api.removethebackground.com/soap.asmx?apiKey={SECRET_KEY}&v=1",
        body,
        {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{RTB}getImageStatus"',
            "Authorization": "Bearer xyz",
        },
    )


def test_vcr_request_hook_returns_a_scrubbed_copy() -> None:
    request = _soap_request(SOAP_REQUEST)
    scrubbed = scrub_vcr_request(request)
    assert scrubbed is not request
    assert request.body == SOAP_REQUEST and SECRET_KEY in request.uri  # original untouched
    assert request.headers["Authorization"] == "Bearer xyz"
    assert scrubbed.uri == f"https://api.removethebackground.com/soap.asmx?apiKey={REDACTED}&v=1"
    assert scrubbed.query == [("apiKey", REDACTED), ("v", "1")]
    assert scrubbed.headers["authorization"] == REDACTED  # still vcrpy's case-insensitive dict
    assert scrubbed.headers["SOAPAction"] == f'"{RTB}getImageStatus"'
    assert SECRET_KEY.encode() not in scrubbed.body and SECRET_EMAIL.encode() not in scrubbed.body


@pytest.mark.parametrize(
    "make_body",
    [lambda: io.BytesIO(SOAP_REQUEST), lambda: iter([SOAP_REQUEST[:50], SOAP_REQUEST[50:]])],
    ids=["file", "iterator"],
)
def test_vcr_request_hook_keeps_file_and_iterator_bodies_readable(make_body: Any) -> None:
    scrubbed = scrub_vcr_request(_soap_request(make_body()))
    body = scrubbed.body
    data = body.read() if hasattr(body, "read") else b"".join(body)
    assert not isinstance(body, bytes)  # still a file or an iterator, as vcrpy expects
    assert SECRET_KEY.encode() not in data and b"<contactAPIkey>REDACTED<" in data


def test_vcr_response_hook() -> None:
    body = SOAP_REQUEST.replace(b"getImageStatus", b"getImageStatusResponse")
    response: dict[str, Any] = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["text/xml; charset=utf-8"], "Set-Cookie": ["s=1", "t=2"]},
        "body": {"string": body},
    }
    out = scrub_vcr_response(response)
    assert response["body"]["string"] == body  # the caller's dict is not changed
    assert out["status"] == response["status"]
    assert out["headers"]["Set-Cookie"] == [REDACTED, REDACTED]
    assert isinstance(out["body"]["string"], bytes)
    assert SECRET_KEY.encode() not in out["body"]["string"]
    as_text = scrub_vcr_response({**response, "body": {"string": body.decode()}})
    assert isinstance(as_text["body"]["string"], str)
    assert SECRET_EMAIL not in as_text["body"]["string"]


def test_vcr_response_hook_decodes_gzip_to_scrub_it() -> None:
    body = json.dumps({"email": SECRET_EMAIL}).encode()
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {
            "Content-Type": ["application/json"],
            "Content-Encoding": ["gzip"],
            "Content-Length": ["99"],
        },
        "body": {"string": gzip.compress(body)},
    }
    out = scrub_vcr_response(response)
    assert json.loads(out["body"]["string"]) == {"email": REDACTED_EMAIL}
    assert "Content-Encoding" not in out["headers"]
    assert out["headers"]["Content-Length"] == [str(len(out["body"]["string"]))]


def test_vcrpy_records_scrubbed_and_replays_with_real_secrets(tmp_path: Path) -> None:
    """End to end through vcrpy: the server gets the real secrets, the cassette never does, and
    a replay with the real secrets matches the scrubbed recording."""
    received: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        received.append(request)
        reply = f"<r><owner>{SECRET_EMAIL}</owner><status>ok</status></r>".encode()
        return httpx.Response(
            200,
            headers={"Content-Type": "text/xml", "Set-Cookie": f"sid={SECRET_KEY}"},
            content=reply,
        )

    recorder = vcr.VCR(
        before_record_request=scrub_vcr_request,
        before_record_response=scrub_vcr_response,
        match_on=["method", "uri", "body"],
    )
    cassette = tmp_path / "c.yaml"

    def call() -> httpx.Response:
        with httpx.Client(transport=httpx.MockTransport(server)) as client:
            return client.post(
                f"https://api.removethebackground.com/soap.asmx?apiKey={SECRET_KEY}",
                content=SOAP_REQUEST,
                headers={"Content-Type": "text/xml; charset=utf-8", "X-Api-Key": SECRET_KEY},
            )

    with recorder.use_cassette(str(cassette), record_mode="once"):
        first = call()
    assert len(received) == 1
    assert received[0].content == SOAP_REQUEST  # what was sent is not scrubbed
    assert received[0].headers["X-Api-Key"] == SECRET_KEY
    assert SECRET_EMAIL in first.text

    text = cassette.read_text(encoding="utf-8")
    assert SECRET_KEY not in text and SECRET_EMAIL not in text
    assert "@" not in text.replace(REDACTED_EMAIL, "")
    recorded = yaml.safe_load(text)["interactions"][0]
    # httpx hands vcrpy lower-cased header names.
    headers = {k.lower(): v for k, v in recorded["request"]["headers"].items()}
    assert headers["x-api-key"] == [REDACTED]

    with recorder.use_cassette(str(cassette), record_mode="none") as replay:
        second = call()
        assert replay.play_count == 1
    assert len(received) == 1  # served from the cassette
    assert REDACTED_EMAIL in second.text


# --- logging -------------------------------------------------------------------------------


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubbingFilter())
    logger = logging.getLogger(f"wirekit.test.{id(stream)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger, stream
    logger.removeHandler(handler)


def test_logging_filter_scrubs_arguments_pairs_and_tracebacks(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    url = f"https://api.pixelz.com/x?contactEmail=john%40x.com&contactAPIkey={SECRET_KEY}&page=1"
    logger.info("GET %s for %s", url, SECRET_EMAIL)
    logger.info("headers=%r", {"Authorization": "Bearer abc.def", "Accept": "*/*"})
    logger.warning("password: hunter2, token=%s; done", "t0k3n")
    logger.debug("sent %s", SOAP_REQUEST.decode())
    try:
        raise RuntimeError(f"401 for {url}")
    except RuntimeError:
        logger.exception("call failed")
    out = stream.getvalue()
    for secret in (SECRET_KEY, SECRET_EMAIL, "john", "hunter2", "t0k3n", "abc.def", "Bearer"):
        assert secret not in out
    assert f"contactAPIkey={REDACTED}&page=1" in out
    assert "'Authorization': 'REDACTED', 'Accept': '*/*'" in out
    assert "password: REDACTED, token=REDACTED; done" in out
    assert "<contactAPIkey>REDACTED</contactAPIkey>" in out
    assert "Traceback" in out and "RuntimeError: 401 for https://api.pixelz.com/x?" in out


def test_logging_filter_clears_args_and_survives_bad_arguments() -> None:
    scrubber = ScrubbingFilter()
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "key=%s of %s", ("k",), None)
    assert scrubber.filter(record) is True
    # Too few arguments: formatting fails, and the filter must not raise from inside logging.
    assert record.args == () and record.msg == f"key={REDACTED} of %s ('k',)"
    assert record.getMessage() == record.msg
    assert scrubber.filter(record) is True and record.msg == f"key={REDACTED} of %s ('k',)"
    bad = logging.LogRecord("x", logging.INFO, __file__, 1, "%d", ("ann@x.org",), None)
    assert scrubber.filter(bad) is True
    assert "ann@x.org" not in bad.getMessage()


@given(TEXTS, PAIRS)
def test_logging_filter_is_idempotent(text: str, pairs: list[tuple[str, str]]) -> None:
    message = f"{text} {urlencode(pairs)} {json.dumps(dict(pairs))}"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, message, None, None)
    ScrubbingFilter().filter(record)
    once = record.msg
    ScrubbingFilter().filter(record)
    assert record.msg == once
    assert "@" not in str(once).replace(REDACTED_EMAIL, "")
    _no_generated_email_survives(pairs, str(once))
