"""Arbitrary bytes and headers, thrown at ``parse_webhook`` and at the ASGI app.

The contract under test is the one the hardening tests pin case by case: ``parse_webhook`` raises
nothing but ``WebhookError`` subclasses, and the app answers nothing but 200 or a 4xx (a 5xx or
an escaping exception would make the vendor retry a delivery that can never succeed). The
strategies aim near the edges — real content types with odd parameters, bodies that are almost
a valid form, JSON document or multipart message — because random bytes alone rarely get past
the first check.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.webhook_support import (
    FORM,
    FORM_BODY,
    SECRET,
    SPEC,
    TICKET,
    URL,
    ImageProcessed,
    Recorder,
    call,
)
from wirekit.webhook import (
    DEFAULT_SIGNATURE_HEADER,
    WebhookError,
    WebhookReceiver,
    parse_webhook,
    sign_body,
)

MEDIA = ["", FORM, "application/json", "multipart/form-data", "text/plain", "a/b+json"]
CHARSETS = ["utf-8", "latin-1", "utf-16", "utf-7", "utf-32-be", "cp1252", "shift_jis", "ascii"]
ODD_CHARSETS = ["undefined", "punycode", "idna", "base64", "rot13", "unicode_escape", "x" * 50]
HEADER_TEXT = st.text(st.characters(max_codepoint=255), max_size=40)


@st.composite
def content_types(draw: st.DrawFn) -> str | None:
    """Mostly a real media type with a charset and other parameters, sometimes anything."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.none() | HEADER_TEXT)
    charset = draw(st.sampled_from(CHARSETS + ODD_CHARSETS) | HEADER_TEXT)
    others = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["boundary", "CHARSET", "x"]),
                st.sampled_from(["B", '"B"', "", *ODD_CHARSETS]) | HEADER_TEXT,
            ),
            max_size=2,
        )
    )
    params = [("charset", charset)] if draw(st.booleans()) else []
    params += others
    return draw(st.sampled_from(MEDIA)) + "".join(f"; {k}={v}" for k, v in params)


JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON_DOCS = st.recursive(
    JSON_LEAVES,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=10), kids),
    max_leaves=10,
)
NAMES = st.sampled_from(["imageTicket", "ProcessedImageURL", "IMAGETICKET", "x"]) | st.text()
VALUES = st.sampled_from([TICKET, URL, "", " ", "{" + TICKET + "}"]) | st.text(max_size=30)


def _json_body(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


def _form_body(pairs: list[tuple[str, str]]) -> bytes:
    text = "&".join(
        f"{quote(k, errors='surrogatepass')}={quote(v, errors='surrogatepass')}" for k, v in pairs
    )
    return text.encode("ascii")


def _multipart_body(parts: list[tuple[bytes, bytes]]) -> bytes:
    out = b"".join(b"--B\r\n" + head + b"\r\n\r\n" + value + b"\r\n" for head, value in parts)
    return out + b"--B--\r\n"


@st.composite
def mutated(draw: st.DrawFn, body: bytes) -> bytes:
    """A valid body with a few bytes inserted, dropped or replaced."""
    data = bytearray(body)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        data[at : at + draw(st.integers(0, 3))] = draw(st.binary(max_size=3))
    return bytes(data)


BODIES = st.one_of(
    st.binary(max_size=300),
    st.lists(st.tuples(NAMES, VALUES), max_size=5).map(_form_body),
    JSON_DOCS.map(_json_body),
    st.fixed_dictionaries({"imageTicket": VALUES, "ProcessedImageURL": VALUES | JSON_DOCS}).map(
        _json_body
    ),
    st.lists(st.tuples(st.binary(max_size=80), st.binary(max_size=40)), max_size=3).map(
        _multipart_body
    ),
    st.lists(
        st.tuples(
            st.sampled_from([b'name="imageTicket"', b"name=x", b'name="a"; filename="f"', b""]).map(
                lambda p: b"Content-Disposition: form-data; " + p
            ),
            st.binary(max_size=40),
        ),
        max_size=3,
    ).map(_multipart_body),
    mutated(FORM_BODY),
    mutated(_json_body({"imageTicket": TICKET, "ProcessedImageURL": URL})),
)


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """Headers (as ASGI bytes, repeats allowed) and a body; sometimes correctly signed, so the
    body gets past the signature check and into the parser."""
    body = draw(BODIES)
    content_type = draw(content_types())
    headers: list[tuple[bytes, bytes]] = []
    if content_type is not None:
        headers.append((b"content-type", content_type.encode("latin-1")))
    signature = draw(st.sampled_from(["good", "good", "none", "junk"]))
    if signature == "good":
        headers.append(
            (DEFAULT_SIGNATURE_HEADER.lower().encode(), sign_body(body, SECRET).encode())
        )
    elif signature == "junk":
        headers.append((DEFAULT_SIGNATURE_HEADER.lower().encode(), draw(st.binary(max_size=50))))
    extra = st.tuples(st.binary(max_size=20), st.binary(max_size=40))
    headers.extend(draw(st.lists(extra, max_size=2)))
    return headers, body


FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(delivery=deliveries(), secret=st.sampled_from([None, SECRET]))
def test_parse_webhook_raises_only_webhook_errors(
    delivery: tuple[list[tuple[bytes, bytes]], bytes], secret: str | None
) -> None:
    headers, body = delivery
    try:
        event = parse_webhook(SPEC, headers, body, secret=secret)
    except WebhookError:
        return
    assert isinstance(event, ImageProcessed)


LENGTHS = st.sampled_from(["none", "right", "digits", "junk", "twice"])


@FUZZ
@given(
    delivery=deliveries(),
    secret=st.sampled_from([None, SECRET]),
    length=LENGTHS,
    junk=st.binary(max_size=30),
    digits=st.text("0123456789", min_size=1, max_size=6000),
    method=st.sampled_from(["POST", "POST", "post", "GET", ""]),
)
def test_the_app_answers_only_200_or_4xx(
    delivery: tuple[list[tuple[bytes, bytes]], bytes],
    secret: str | None,
    length: str,
    junk: bytes,
    digits: str,
    method: str,
) -> None:
    headers, body = delivery
    declared = {
        "none": [],
        "right": [str(len(body)).encode()],
        "digits": [digits.encode()],
        "junk": [junk],
        "twice": [str(len(body)).encode(), junk],
    }[length]
    headers = headers + [(b"content-length", value) for value in declared]
    handler = Recorder()
    app = WebhookReceiver(SPEC, handler, secret=secret, max_body_bytes=2000)
    answer = asyncio.run(call(app, body, headers=headers, method=method))
    assert answer.status == 200 or 400 <= answer.status < 500, (answer.status, answer.body)
    assert handler.calls <= 1
