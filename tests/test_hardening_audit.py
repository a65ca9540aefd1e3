"""Findings of the second hostile-input audit, each as a test: one value per singleton field in
every XML binding, Content-Length values int() cannot take, requests httpx cannot build, and
secrets in the messages of the exceptions a ``BindingError`` was raised from."""

from __future__ import annotations

import traceback
import uuid

import httpx
import pytest

import generated.pixelz as pixelz
import generated.pixlab as pixlab
import generated.removethebackground_rest as rtb
from tests.hardening_support import documented
from wirekit.errors import RequestError, ResponseFormatError, TransportError

TICKET = uuid.UUID("33979dfe-5ea7-44ea-b3dd-7fde33bc37e9")


def mock(body: bytes, content_type: str, **headers: str) -> httpx.Client:
    # Raw latin-1 bytes, so a header httpx itself would refuse to build can be answered.
    answer = [(b"Content-Type", content_type.encode())]
    answer += [(k.encode(), v.encode("latin-1")) for k, v in headers.items()]
    return httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, headers=answer, content=body))
    )


def recording() -> tuple[httpx.Client, list[httpx.Request]]:
    """A client whose transport keeps what reaches it (the tests assert nothing does)."""
    sent: list[httpx.Request] = []

    def keep(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    return httpx.Client(transport=httpx.MockTransport(keep)), sent


def _twice(body: bytes, start: bytes, end: bytes) -> bytes:
    """``body`` with its first ``start…end`` element written twice in a row."""
    i = body.index(start)
    j = body.index(end, i) + len(end)
    return body[:j] + body[i:j] + body[j:]


@pytest.mark.parametrize("protocol", ["soap11", "soap12", "http_get", "http_post"])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (b"<StatusId>", b"</StatusId>"),  # a field of a list item
        (b"<ProductId>", b"</ProductId>"),  # an optional one
        (b"<Images>", b"</Images>"),  # the list's wrapper
    ],
    ids=["item-field", "optional-field", "wrapper"],
)
def test_a_singleton_element_twice_is_a_format_error(
    protocol: str, start: bytes, end: bytes
) -> None:
    answer = documented("pixelz", "GetImagesList", protocol)
    body = _twice(answer.body, start, end)
    http = mock(body, answer.headers["Content-Type"])
    with (
        pixelz.Client(http_client=http, protocol=protocol) as client,  # type: ignore[arg-type]
        pytest.raises(ResponseFormatError, match="more than one") as caught,
    ):
        client.get_images_list()
    assert caught.value.body == body


@pytest.mark.parametrize(
    ("start", "end"),
    [(b"<GetImagesListResult>", b"</GetImagesListResult>"), (b"<soap:Body>", b"</soap:Body>")],
    ids=["result", "body"],
)
def test_a_second_result_or_body_is_a_format_error(start: bytes, end: bytes) -> None:
    answer = documented("pixelz", "GetImagesList", "soap11")
    http = mock(_twice(answer.body, start, end), "text/xml")
    with (
        pixelz.Client(http_client=http, protocol="soap11") as client,
        pytest.raises(ResponseFormatError, match="more than one"),
    ):
        client.get_images_list()


def test_rest_xml_singleton_twice_is_a_format_error() -> None:
    answer = documented("removethebackground_rest", "GetImageStatus", "rest")
    body = _twice(answer.body, b"<STATUSID>", b"</STATUSID>")
    with (
        rtb.Client(http_client=mock(body, "application/xml")) as client,
        pytest.raises(ResponseFormatError, match="more than one"),
    ):
        client.get_image_status(image_ticket=TICKET, contact_email="a@b.c", contact_api_key="k")


@pytest.mark.parametrize("declared", ["\u00b2", "12a", "9" * 5000, "-1"])
def test_a_content_length_int_cannot_take_is_a_format_error(declared: str) -> None:
    answer = documented("pixelz", "GetImagesList", "http_get")
    http = mock(answer.body, "text/xml", **{"Content-Length": declared})
    with (
        pixelz.Client(http_client=http, protocol="http_get") as client,
        pytest.raises(ResponseFormatError, match="Content-Length"),
    ):
        client.get_images_list()


@pytest.mark.parametrize("key", ["\u00e9t\u00e9-key", "key\ud800", "key\r\nX-Evil: 1", "key\x00"])
def test_a_credential_no_header_can_carry_is_a_request_error(key: str) -> None:
    http, sent = recording()
    with (
        pytest.raises(RequestError) as caught,
        pixlab.Client(http_client=http, api_key=key) as client,
    ):
        client.oilpaint(img="https://example.com/a.png")
    assert not sent
    assert key not in str(caught.value)


def test_secrets_leave_the_exceptions_a_transport_error_was_raised_from() -> None:
    """httpx's own exception (kept as ``__cause__``) may quote the header or URL it choked on;
    a traceback prints it, so it is scrubbed too, in the forms a message quotes a value."""
    key = "PiXlAbApIsEcReT55aa77\n"

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.LocalProtocolError(f"Illegal header value {key.encode()!r} in {request.url}")

    http = httpx.Client(transport=httpx.MockTransport(refuse))
    with (
        pixlab.Client(http_client=http, api_key=key.strip()) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.oilpaint(img="https://example.com/a.png")
    printed = "".join(traceback.format_exception(caught.value))
    assert "PiXlAbApIsEcReT55aa77" not in printed
    assert "LocalProtocolError" in printed


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_json_answers_with_nan_or_infinity_are_format_errors(literal: bytes) -> None:
    body = b'{"status":200,"link":"https://x/y.png","id":' + literal + b"}"
    with (
        pixlab.Client(http_client=mock(body, "application/json"), api_key="k1234") as client,
        pytest.raises(ResponseFormatError, match="not a JSON value"),
    ):
        client.oilpaint(img="https://example.com/a.png")


def test_a_second_answer_element_in_the_body_is_a_format_error() -> None:
    answer = documented("pixelz", "GetImagesList", "soap11")
    body = _twice(answer.body, b"<GetImagesListResponse", b"</GetImagesListResponse>")
    with (
        pixelz.Client(http_client=mock(body, "text/xml"), protocol="soap11") as client,
        pytest.raises(ResponseFormatError, match="more than one"),
    ):
        client.get_images_list()


@pytest.mark.parametrize(
    "second",
    [b'<FinalImagesURL xsi:nil="true"/>', b"<FinalImagesURL><string>x</string></FinalImagesURL>"],
    ids=["nil-twice", "nil-then-value"],
)
def test_a_nillable_singleton_twice_is_a_format_error(second: bytes) -> None:
    answer = documented("pixelz", "GetImagesList", "soap11")
    nil = b'<FinalImagesURL xsi:nil="true"/>'
    assert nil in answer.body
    body = answer.body.replace(nil, nil + second, 1)
    with (
        pixelz.Client(http_client=mock(body, "text/xml"), protocol="soap11") as client,
        pytest.raises(ResponseFormatError, match="more than one <FinalImagesURL>"),
    ):
        client.get_images_list()


@pytest.mark.parametrize("key", [1, True, "k\x85ey", "key\n"])
def test_a_credential_that_is_not_clean_text_is_a_request_error(key: object) -> None:
    with pytest.raises(RequestError, match="credential 'api_key' must be text") as caught:
        pixlab.Client(api_key=key)  # type: ignore[arg-type]
    assert "REDACTED" not in str(caught.value)  # the message itself is not taken for a secret


class _Sneaky(str):
    def __str__(self) -> str:
        return "\x01sneaky"


def test_a_str_subclass_is_checked_as_it_will_be_written() -> None:
    http, sent = recording()
    with (
        pixelz.Client(http_client=http, protocol="soap11") as client,
        pytest.raises(RequestError, match="str subclass"),
    ):
        client.get_images_list(page=_Sneaky("1"))
    assert not sent


@pytest.mark.parametrize("img", ["x" * 100_000, "\u00e9" * 1500], ids=["100-kb", "9-kb-encoded"])
def test_a_rest_url_over_8_kb_is_a_request_error(img: str) -> None:
    """Refused before httpx sees it: 100 KB (httpx's own limit is 64 KB per component) and
    1 500 characters that percent-encode to 9 KB."""
    http, sent = recording()
    with (
        pixlab.Client(http_client=http, api_key="k1234") as client,
        pytest.raises(RequestError, match=r"URL longer than servers accept \(8192 bytes\)"),
    ):
        client.oilpaint(img=img)
    assert not sent
