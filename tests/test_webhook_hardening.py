"""Malformed deliveries: each known way to make the parser or the ASGI app raise something other
than a ``WebhookError`` is pinned here, with the 4xx the app must answer instead.

Every case runs twice: ``parse_webhook`` must raise a ``WebhookPayloadError`` (the one exception
a framework integration is told to expect), and the ASGI app must answer 400 — a 500 would make
the vendor retry a delivery that can never succeed.
"""

from __future__ import annotations

import json

import pytest

from tests.webhook_support import EVENT, FORM, FORM_BODY, SPEC, TICKET, URL, Recorder, call
from wirekit.webhook import WebhookPayloadError, WebhookReceiver, parse_webhook

JSON = "application/json"
JSON_BODY = json.dumps({"imageTicket": TICKET, "ProcessedImageURL": URL}).encode()


def nested_json(depth: int, opener: bytes = b"[") -> bytes:
    closer = b"]" if opener == b"[" else b"}"
    inner = opener if opener == b"[" else b'{"a":'
    return b'{"imageTicket": ' + inner * depth + b"1" + closer * depth + b"}"


def multipart(*parts: bytes, boundary: bytes = b"B") -> bytes:
    return b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts) + b"--B--\r\n"


def nested_multipart(depth: int) -> bytes:
    body = b"x"
    for i in range(depth, 0, -1):
        head = b"Content-Disposition: form-data; name=a\r\nContent-Type: multipart/mixed; "
        body = b"--B%d\r\n%sboundary=B%d\r\n\r\n%s\r\n--B%d--\r\n" % (i - 1, head, i, body, i - 1)
    return body


TICKET_PART = b'Content-Disposition: form-data; name="imageTicket"\r\n'

MALFORMED = [
    # charset parameters naming codecs that are not text encodings, or no codec at all
    *[
        pytest.param(f"{FORM}; charset={name}", FORM_BODY, "not a text encoding", id=name)
        for name in ("undefined", "punycode", "idna", "unicode_escape", "base64", "rot13")
    ],
    pytest.param(f"{JSON}; charset=punycode", JSON_BODY, "not a text encoding", id="json-puny"),
    pytest.param(f"{JSON}; charset=zlib", JSON_BODY, "not a text encoding", id="json-zlib"),
    pytest.param(f"{FORM}; charset=utf\x008", FORM_BODY, "unknown charset", id="nul-charset"),
    pytest.param(f"{FORM}; charset={'x' * 5000}", FORM_BODY, "unknown charset", id="long-charset"),
    pytest.param(f"{JSON}; charset=klingon", JSON_BODY, "unknown charset", id="json-klingon"),
    # bytes that are not text in the declared (or default) charset
    pytest.param(FORM, b"imageTicket=\xc3\x28", "not valid utf-8", id="form-bad-utf8"),
    pytest.param(f"{JSON}; charset=utf-8", b'{"a": "\xff"}', "not valid utf-8", id="json-utf8"),
    pytest.param(JSON, b'{"a": "\xff"}', "malformed JSON", id="json-sniffed-bad-utf8"),
    # json.loads reads UTF-8 bytes with surrogatepass: an encoded surrogate gets through it
    pytest.param(JSON, b'{"a": "\xed\xa0\x80"}', "not valid Unicode", id="json-utf8-surrogate"),
    pytest.param(JSON, b'{"imageTicket": "\\ud800"}', "not valid Unicode", id="lone-surrogate"),
    pytest.param(JSON, b'{"\\udfff": "x"}', "not valid Unicode", id="surrogate-name"),
    pytest.param(f"{FORM}; charset=utf-7", b"imageTicket=+2AA-", "not valid Unicode", id="utf7"),
    # NUL bytes
    pytest.param(None, b"\x00\x00", "malformed form", id="nul-sniffed"),
    pytest.param(JSON, b'{"imageTicket": "\x00"}', "malformed JSON", id="nul-in-json"),
    pytest.param(FORM, b"imageTicket=%00&ProcessedImageURL=u", "guid", id="nul-in-field"),
    # nesting deeper than the interpreter's recursion limit
    pytest.param(JSON, nested_json(100_000), "nested too deeply", id="deep-json-arrays"),
    pytest.param(JSON, nested_json(5_000, b"{"), "nested too deeply", id="deep-json-objects"),
    # deeper than the kit's bound, though within every interpreter's: refused by the bound
    pytest.param(JSON, nested_json(300, b"{"), r"over 256 levels", id="json-past-the-bound"),
    pytest.param(
        "multipart/form-data; boundary=B0",
        nested_multipart(2_000),
        "nested too deeply",
        id="deep-multipart",
    ),
    # numbers too big for int(): kept as text, so only a field that must decode them refuses
    pytest.param(JSON, b'{"imageTicket": ' + b"9" * 5000 + b"}", "guid", id="huge-int"),
    pytest.param(JSON, b'{"imageTicket": 1e999999}', "guid", id="huge-float"),
    # multipart without a boundary, with a broken one, with a bad part charset
    pytest.param("multipart/form-data", multipart(TICKET_PART), "malformed multipart", id="mp"),
    pytest.param(
        'multipart/form-data; boundary=""', multipart(TICKET_PART), "malformed", id="mp-empty"
    ),
    pytest.param(
        "multipart/form-data; boundary=B",
        multipart(TICKET_PART + b"Content-Type: text/plain; charset=idna\r\n\r\nx"),
        "not a text encoding",
        id="mp-idna-part",
    ),
    pytest.param(
        "multipart/form-data; boundary=B",
        multipart(TICKET_PART + b"\r\n\xff"),
        "imageTicket: value is not valid utf-8",
        id="mp-bad-utf8",
    ),
]


@pytest.mark.parametrize(("content_type", "body", "message"), MALFORMED)
async def test_malformed_body_is_a_payload_error_and_a_400(
    content_type: str | None, body: bytes, message: str
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    with pytest.raises(WebhookPayloadError, match=message):
        parse_webhook(SPEC, headers, body)
    handler = Recorder()
    raw_headers = [(b"content-type", content_type.encode("latin-1"))] if content_type else []
    answer = await call(WebhookReceiver(SPEC, handler), body, headers=raw_headers)
    assert answer.status == 400, answer.body
    assert handler.calls == 0


def test_huge_numbers_in_undeclared_fields_are_kept_verbatim() -> None:
    digits = "9" * 5000
    body = JSON_BODY[:-1] + f', "Size": {digits}, "Ratio": 1e999999}}'.encode()
    event = parse_webhook(SPEC, {"Content-Type": JSON}, body)
    assert event.extra == {"Size": digits, "Ratio": "1e999999"}


def test_a_line_break_in_the_content_type_cannot_add_headers_to_a_multipart_body() -> None:
    body = multipart(TICKET_PART + b"\r\n" + TICKET.encode())
    smuggled = "multipart/form-data; boundary=B\r\nContent-Transfer-Encoding: base64"
    with pytest.raises(WebhookPayloadError, match="ProcessedImageURL: required field is missing"):
        parse_webhook(SPEC, {"Content-Type": smuggled}, body)


def length(*values: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"content-type", FORM.encode()), *((b"content-length", v) for v in values)]


SIZE = str(len(FORM_BODY)).encode()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param(length(b"9" * 5000), 413, id="5000-digits"),
        pytest.param(length(b"0" * 5000 + SIZE), 200, id="leading-zeros"),
        pytest.param(length(b"-1"), 400, id="negative"),
        pytest.param(length(b"+" + SIZE), 400, id="plus-sign"),
        pytest.param(length(b"0x10"), 400, id="hex"),
        pytest.param(length(b""), 400, id="empty"),
        pytest.param(length(b"\xd9\xa1\xd9\xa2"), 400, id="arabic-indic-digits"),
        pytest.param(length(b"1e3"), 400, id="exponent"),
        pytest.param(length(SIZE, b"7"), 400, id="repeated-different"),
        pytest.param(length(SIZE + b", 7"), 400, id="list-different"),
        pytest.param(length(SIZE, SIZE), 200, id="repeated-same"),
        pytest.param(length(SIZE + b" , " + SIZE), 200, id="list-same"),
        pytest.param(length(b" " + SIZE + b" "), 200, id="padded"),
    ],
)
async def test_content_length_that_is_not_one_is_a_400(
    headers: list[tuple[bytes, bytes]], status: int
) -> None:
    handler = Recorder()
    answer = await call(WebhookReceiver(SPEC, handler), headers=headers)
    assert answer.status == status, answer.body
    assert handler.events == ([EVENT] if status == 200 else [])


async def test_method_is_still_checked_before_a_bad_content_length() -> None:
    answer = await call(WebhookReceiver(SPEC, Recorder()), method="GET", headers=length(b"-1"))
    assert answer.status == 405
