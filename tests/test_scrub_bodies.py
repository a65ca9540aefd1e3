"""Scrubbing JSON bodies and headers, and dispatching a body to the right scrubber."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, strategies as st

from tests.scrub_support import (
    NAMES,
    SECRET_EMAIL,
    SECRET_KEY,
    SOAP_REQUEST,
    TEXTS,
    WORDS,
)
from wirekit.scrub import (
    REDACTED,
    REDACTED_EMAIL,
    scrub_body,
    scrub_headers,
    scrub_json,
)

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
