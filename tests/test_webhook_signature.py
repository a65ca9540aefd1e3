"""Signatures: HMAC-SHA256 of the raw body, the header forms tolerated, and every way a missing
or wrong one is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from hypothesis import given, settings, strategies as st

from tests.webhook_support import EVENT, FORM, FORM_BODY, SECRET, SPEC, signed
from wirekit.webhook import (
    DEFAULT_SIGNATURE_HEADER,
    SignatureError,
    WebhookReceiver,
    parse_webhook,
    sign_body,
    verify_signature,
)


def test_signature_is_base64_hmac_sha256_of_the_raw_body() -> None:
    expected = base64.b64encode(hmac.new(SECRET.encode(), FORM_BODY, hashlib.sha256).digest())
    assert sign_body(FORM_BODY, SECRET) == expected.decode()
    assert sign_body(FORM_BODY, SECRET.encode()) == expected.decode()


def test_good_signature_passes() -> None:
    assert parse_webhook(SPEC, signed(FORM_BODY), FORM_BODY, secret=SECRET) == EVENT


def test_signature_forms_tolerated() -> None:
    digest = hmac.new(SECRET.encode(), FORM_BODY, hashlib.sha256).digest()
    b64 = base64.b64encode(digest).decode()
    for value in (f"  {b64}\r\n", f"sha256={b64}", b64.rstrip("="), f"SHA256={digest.hex()}"):
        verify_signature(FORM_BODY, value, SECRET)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"Content-Type": FORM}, "missing signature"),
        ({"Content-Type": FORM, DEFAULT_SIGNATURE_HEADER: "  "}, "missing signature"),
        (signed(FORM_BODY, secret="other"), "does not match"),
        ({"Content-Type": FORM, DEFAULT_SIGNATURE_HEADER: "not base64!"}, "does not match"),
        ({"Content-Type": FORM, DEFAULT_SIGNATURE_HEADER: "bØgus"}, "does not match"),
        (signed(FORM_BODY, header="X-Signature"), "missing signature"),
    ],
)
def test_bad_signatures(headers: dict[str, str], message: str) -> None:
    with pytest.raises(SignatureError, match=message) as info:
        parse_webhook(SPEC, headers, FORM_BODY, secret=SECRET)
    assert info.value.body == FORM_BODY


def test_configured_header_name_is_used() -> None:
    headers = signed(FORM_BODY, header="X-Signature")
    assert parse_webhook(SPEC, headers, FORM_BODY, secret=SECRET, signature_header="x-signature")
    with pytest.raises(SignatureError):
        parse_webhook(SPEC, signed(FORM_BODY), FORM_BODY, secret=SECRET, signature_header="X-Sig")


def test_signature_is_checked_before_the_body_is_read() -> None:
    with pytest.raises(SignatureError):
        parse_webhook(SPEC, {"Content-Type": "text/plain"}, b"garbage", secret=SECRET)


def test_any_of_repeated_signature_headers_may_match() -> None:
    headers = [("Content-Type", FORM), (DEFAULT_SIGNATURE_HEADER, "")]
    headers.append((DEFAULT_SIGNATURE_HEADER, sign_body(FORM_BODY, SECRET)))
    assert parse_webhook(SPEC, headers, FORM_BODY, secret=SECRET) == EVENT


def test_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="empty webhook secret"):
        parse_webhook(SPEC, {}, FORM_BODY, secret="")
    with pytest.raises(ValueError, match="empty webhook secret"):
        WebhookReceiver(SPEC, print, secret=b"")


@settings(max_examples=200)
@given(body=st.binary(min_size=1, max_size=300), data=st.data())
def test_any_single_byte_change_breaks_the_signature(body: bytes, data: st.DataObject) -> None:
    signature = sign_body(body, SECRET)
    verify_signature(body, signature, SECRET)
    index = data.draw(st.integers(0, len(body) - 1))
    delta = data.draw(st.integers(1, 255))
    damaged = body[:index] + bytes([(body[index] + delta) % 256]) + body[index + 1 :]
    with pytest.raises(SignatureError):
        verify_signature(damaged, signature, SECRET)
