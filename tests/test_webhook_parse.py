"""parse_webhook: every body shape (form, JSON, multipart, sniffed), charsets, field matching and
the errors that name the field at fault; round-trip properties."""

from __future__ import annotations

import json
from urllib.parse import urlencode
from uuid import UUID

import pytest
from hypothesis import given, strategies as st

from tests.webhook_support import (
    EVENT,
    FORM,
    FORM_BODY,
    SECRET,
    SPEC,
    TICKET,
    URL,
    build_event,
    form,
)
from wirekit.errors import BindingError
from wirekit.scalars import decode_uuid
from wirekit.webhook import (
    WebhookError,
    WebhookField,
    WebhookPayloadError,
    WebhookSpec,
    parse_webhook,
    sign_body,
)


def test_form_and_json_bodies_give_the_same_event() -> None:
    json_body = json.dumps({"imageTicket": TICKET, "ProcessedImageURL": URL}).encode()
    from_form = parse_webhook(SPEC, {"Content-Type": FORM}, FORM_BODY)
    from_json = parse_webhook(SPEC, {"content-type": "application/json"}, json_body)
    assert from_form == from_json == EVENT


def test_field_names_match_case_insensitively_and_headers_come_in_any_shape() -> None:
    body = form(IMAGETICKET=TICKET, processedimageurl=URL)
    for headers in (
        {"CONTENT-TYPE": FORM},
        [(b"content-type", FORM.encode())],
        [("Content-Type", FORM)],
        {b"Content-Type": FORM.encode()},
    ):
        assert parse_webhook(SPEC, headers, body) == EVENT


def test_unknown_fields_are_kept_and_json_scalars_become_text() -> None:
    body = json.dumps(
        {"imageTicket": TICKET, "ProcessedImageURL": URL, "Status": 3, "Ok": True, "Ratio": 1.10}
    ).encode()
    event = parse_webhook(SPEC, {"Content-Type": "application/json"}, body.replace(b"1.1", b"1.10"))
    assert event.extra == {"Status": "3", "Ok": "true", "Ratio": "1.10"}


def test_braced_upper_case_guid_decodes_like_the_dotnet_form() -> None:
    body = form(imageTicket="{" + TICKET.upper() + "}", ProcessedImageURL=URL)
    assert parse_webhook(SPEC, {"Content-Type": FORM}, body) == EVENT


def test_missing_content_type_is_sniffed() -> None:
    assert parse_webhook(SPEC, {}, FORM_BODY) == EVENT
    json_body = b' {"imageTicket": "%s", "ProcessedImageURL": "%s"}' % (
        TICKET.encode(),
        URL.encode(),
    )
    assert parse_webhook(SPEC, {}, json_body) == EVENT
    assert parse_webhook(SPEC, {}, b"\xef\xbb\xbf" + json_body.lstrip()) == EVENT


def test_charset_parameter_is_honoured() -> None:
    latin = f"imageTicket={TICKET}&ProcessedImageURL=https://x/caf\xe9.png".encode("latin-1")
    event = parse_webhook(SPEC, {"Content-Type": f"{FORM}; charset=ISO-8859-1"}, latin)
    assert event.processed_image_url == "https://x/caf\xe9.png"
    utf16 = json.dumps({"imageTicket": TICKET, "ProcessedImageURL": URL}).encode("utf-16")
    headers = {"Content-Type": 'application/json; charset="utf-16"'}
    assert parse_webhook(SPEC, headers, utf16) == EVENT


def test_multipart_form_data() -> None:
    body = (
        b"--B0und\r\n"
        b'Content-Disposition: form-data; name="imageTicket"\r\n\r\n' + TICKET.encode() + b"\r\n"
        b"--B0und\r\n"
        b'Content-Disposition: form-data; name="ProcessedImageURL"\r\n\r\n' + URL.encode() + b"\r\n"
        b"--B0und--\r\n"
    )
    headers = {"Content-Type": "multipart/form-data; boundary=B0und"}
    assert parse_webhook(SPEC, headers, body) == EVENT
    with pytest.raises(WebhookPayloadError, match="malformed multipart"):
        parse_webhook(SPEC, headers, body[:70])


@pytest.mark.parametrize(
    ("content_type", "body", "field", "message"),
    [
        (FORM, form(imageTicket=TICKET), "ProcessedImageURL", "missing"),
        (FORM, form(imageTicket=TICKET, ProcessedImageURL=" "), "ProcessedImageURL", "empty"),
        (FORM, form(imageTicket="not-a-guid", ProcessedImageURL=URL), "imageTicket", "guid"),
        (
            "application/json",
            json.dumps({"imageTicket": None, "ProcessedImageURL": URL}).encode(),
            "imageTicket",
            "missing",
        ),
        (
            "application/json",
            json.dumps({"imageTicket": {"id": TICKET}, "ProcessedImageURL": URL}).encode(),
            "imageTicket",
            "object",
        ),
        (
            "application/json",
            json.dumps({"imageTicket": TICKET, "ProcessedImageURL": [URL]}).encode(),
            "ProcessedImageURL",
            "array",
        ),
        (
            FORM,
            FORM_BODY + b"&imageticket=" + str(UUID(int=1)).encode(),
            "imageTicket",
            "twice",
        ),
    ],
)
def test_field_errors_name_the_field(
    content_type: str, body: bytes, field: str, message: str
) -> None:
    with pytest.raises(WebhookPayloadError, match=message) as info:
        parse_webhook(SPEC, {"Content-Type": content_type}, body)
    assert info.value.field == field
    assert str(info.value).startswith(field)
    assert info.value.body == body  # nothing lost
    assert info.value.content_type == content_type
    assert isinstance(info.value, WebhookError | BindingError)


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/json", b'{"imageTicket": ', "malformed JSON"),
        ("application/json", b'["imageTicket"]', "must be an object"),
        ("application/json", b'{"imageTicket": NaN}', "malformed JSON"),
        ("text/plain", FORM_BODY, "unsupported content type 'text/plain'"),
        ("text/xml", b"<x/>", "unsupported content type"),
        (FORM, b"imageTicket", "malformed form"),
        (FORM, b"imageTicket=%FF", "malformed form"),
        (FORM + "; charset=klingon", FORM_BODY, "unknown charset"),
        (FORM, b"imageTicket=\xff", "not valid utf-8"),
    ],
)
def test_body_errors(content_type: str, body: bytes, message: str) -> None:
    with pytest.raises(WebhookPayloadError, match=message) as info:
        parse_webhook(SPEC, {"Content-Type": content_type}, body)
    assert info.value.field is None
    assert info.value.body == body


def test_repeated_identical_field_is_accepted() -> None:
    assert parse_webhook(
        SPEC, {"Content-Type": FORM}, FORM_BODY + b"&IMAGETICKET=" + TICKET.encode()
    )


def test_spec_validation() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        WebhookSpec(
            "X", (WebhookField("a", "a", True, str), WebhookField("A", "b", True, str)), build_event
        )
    with pytest.raises(ValueError, match="key_fields"):
        WebhookSpec("X", (WebhookField("a", "a", True, str),), build_event, key_fields=("nope",))
    assert SPEC.idempotency_fields == ("image_ticket", "processed_image_url")


def test_optional_fields_are_none_when_absent_or_blank() -> None:
    spec = WebhookSpec(
        "X",
        (
            WebhookField("imageTicket", "t", True, decode_uuid),
            WebhookField("Note", "n", False, str),
        ),
        lambda fields, extra: fields,
    )
    assert parse_webhook(spec, {}, form(imageTicket=TICKET)) == {"t": UUID(TICKET), "n": None}
    assert parse_webhook(spec, {}, form(imageTicket=TICKET, Note=""))["n"] is None


# --------------------------------------------------------------------------------------------
# Properties

URLISH = st.text(st.characters(codec="utf-8"), min_size=1, max_size=200).filter(
    lambda s: bool(s.strip())
)


@given(ticket=st.uuids(), url=URLISH, upper=st.booleans())
def test_form_round_trip(ticket: UUID, url: str, upper: bool) -> None:
    text = str(ticket).upper() if upper else str(ticket)
    body = urlencode({"imageTicket": text, "ProcessedImageURL": url}).encode("ascii")
    headers = {"Content-Type": FORM, "X-Sig": sign_body(body, SECRET)}
    event = parse_webhook(SPEC, headers, body, secret=SECRET, signature_header="X-Sig")
    assert (event.image_ticket, event.processed_image_url) == (ticket, url)


@given(ticket=st.uuids(), url=URLISH)
def test_json_round_trip(ticket: UUID, url: str) -> None:
    body = json.dumps({"IMAGETICKET": str(ticket), "processedImageUrl": url}).encode()
    event = parse_webhook(SPEC, {}, body)
    assert (event.image_ticket, event.processed_image_url) == (ticket, url)
