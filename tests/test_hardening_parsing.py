"""Answers are read within limits: XML element count and depth, JSON depth, one value per
field, bounded and scrubbed messages; faults of either SOAP version; headers kept on errors."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import httpx
import pytest

import generated.pixelz as pixelz
import generated.pixlab as pixlab
import generated.removethebackground_rest as rtb
from tests.hardening_support import ROOT, SECRET_EMAIL, SECRET_KEY, documented
from wirekit.errors import ApiError, HttpStatusError, ResponseFormatError, SoapFault
from wirekit.limits import MAX_MESSAGE_CHARS, MAX_XML_DEPTH, json_too_deep
from wirekit.xmlsafe import parse_xml

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


def mock(status: int, body: bytes, content_type: str, **headers: str) -> httpx.Client:
    answer = {"Content-Type": content_type, **headers}
    return httpx.Client(
        transport=httpx.MockTransport(
            lambda r: httpx.Response(status, headers=answer, content=body)
        )
    )


# --- XML --------------------------------------------------------------------------------------


def test_too_many_elements_is_refused() -> None:
    with pytest.raises(ResponseFormatError, match="more than 1000 elements"):
        parse_xml(b"<r>" + b"<a/>" * 1000 + b"</r>", max_elements=1000)
    assert len(parse_xml(b"<r>" + b"<a/>" * 999 + b"</r>", max_elements=1000)) == 999


def test_too_deep_is_refused_but_the_limit_itself_parses() -> None:
    def nested(depth: int) -> bytes:
        return b"<a>" * depth + b"</a>" * depth

    parse_xml(nested(MAX_XML_DEPTH))
    with pytest.raises(ResponseFormatError, match=f"deeper than {MAX_XML_DEPTH}"):
        parse_xml(nested(MAX_XML_DEPTH + 1))


def test_ten_megabyte_whitespace_and_text_runs_parse() -> None:
    answer = documented("pixelz", "GetImagesList", "http_get")
    blank = answer.body.replace(b"<Images>", b"<Images>" + b" " * 10 * 2**20, 1)
    long_text = answer.body.replace(b"StatusName-1", b"x" * 10 * 2**20, 1)
    for body in (blank, long_text):
        with pixelz.Client(http_client=mock(200, body, "text/xml"), protocol="http_get") as c:
            result = c.get_images_list()
        assert result is not None
        assert len(result.images) == 2


_RSS_PROBE = textwrap.dedent(
    """
    import resource, sys
    sys.path.insert(0, {root!r})
    from wirekit.xmlsafe import parse_xml
    from wirekit.errors import ResponseFormatError
    item = open({item!r}, "rb").read()
    size = 50 * 2**20
    if sys.argv[1] == "valid":
        items = item * (size // len(item))
        body = b"<ImagesListResponse><Images>" + items + b"</Images></ImagesListResponse>"
    else:
        body = b"<r>" + b"<a/>" * (size // 4) + b"</r>"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        parse_xml(body)
        outcome = "parsed"
    except ResponseFormatError as err:
        outcome = str(err)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(grown * 1024 / len(body), outcome)
    """
)


@pytest.mark.parametrize("kind", ["valid", "junk"])
def test_fifty_megabytes_cost_bounded_memory(kind: str, tmp_path: object) -> None:
    """Measured in a fresh process: peak RSS growth while parsing, as a multiple of the body.

    The valid answer is GetImagesList's documented one, ~1.2M elements in 50 MB (~45 bytes per
    element): libxml2's ~120-byte nodes make that ~4.5x; a pretty-printed SOAP answer, whose
    blank runs are dropped while parsing, measures ~3x. Junk is refused at the element limit.
    """
    answer = documented("pixelz", "GetImagesList", "http_get").body
    item = answer[answer.index(b"<ImageStatus>") : answer.rindex(b"</ImageStatus>") + 14]
    path = f"{tmp_path}/item.xml"
    with open(path, "wb") as f:
        f.write(item)
    probe = _RSS_PROBE.format(root=str(ROOT), item=path)
    out = subprocess.run(
        [sys.executable, "-c", probe, kind], capture_output=True, text=True, check=True
    ).stdout
    ratio, _, outcome = out.strip().partition(" ")
    if kind == "valid":
        assert outcome == "parsed"
        assert float(ratio) < 5, out
    else:
        assert "more than 2000000 elements" in outcome
        assert float(ratio) < 5, out  # ~200 MB: refused after a bounded tree, not 1.5 GB


# --- JSON -------------------------------------------------------------------------------------


def test_json_nested_a_thousand_levels_is_a_format_error_not_recursion() -> None:
    for depth in (1000, 100_000):
        body = b'{"status":200,"x":' + b"[" * depth + b"]" * depth + b"}"
        with (
            pixlab.Client(http_client=mock(200, body, "application/json")) as c,
            pytest.raises(ResponseFormatError, match="nested deeper than"),
        ):
            c.oilpaint(img="x")


def test_json_depth_ignores_brackets_inside_strings() -> None:
    assert not json_too_deep(b'{"a": "' + b"[" * 5000 + b'\\"[[["}')
    assert json_too_deep(b"[" * 300 + b"]" * 300)
    assert json_too_deep(b"[[]," * 300 + b"]" * 300)  # never 257 "[" in a row, still too deep


@pytest.mark.parametrize(
    "body",
    [
        b'{"status":500,"status":200,"error":"boom"}',
        b'{"status":200,"status":500,"error":"boom"}',
        b'{"status":200,"link":"a","link":"b"}',
    ],
)
def test_duplicate_json_keys_are_refused(body: bytes) -> None:
    with (
        pixlab.Client(http_client=mock(200, body, "application/json")) as c,
        pytest.raises(ResponseFormatError, match="appears more than once"),
    ):
        c.oilpaint(img="x")


@pytest.mark.parametrize("codes", [("noError", "Failed"), ("Failed", "noError")])
def test_duplicate_xml_error_code_is_refused(codes: tuple[str, str]) -> None:
    body = (
        f"<IMAGESTATUSRESPONSE><ERRORCODE>{codes[0]}</ERRORCODE><ErrorCode>{codes[1]}</ErrorCode>"
        "<message/></IMAGESTATUSRESPONSE>"
    ).encode()
    with (
        rtb.Client(http_client=mock(200, body, "application/xml")) as c,
        pytest.raises(ResponseFormatError, match="appears 2 times"),
    ):
        c.get_image_status(
            image_ticket="33979dfe-5ea7-44ea-b3dd-7fde33bc37e9",
            contact_email=SECRET_EMAIL,
            contact_api_key=SECRET_KEY,
        )


def test_single_error_code_still_raises_api_error() -> None:
    body = b'{"status":500,"error":"quota"}'
    with (
        pixlab.Client(http_client=mock(200, body, "application/json")) as c,
        pytest.raises(ApiError, match="quota"),
    ):
        c.oilpaint(img="x")


# --- errors keep headers; messages are bounded and scrubbed --------------------------------------


def test_http_status_error_keeps_headers() -> None:
    http = mock(503, b"busy", "text/plain", **{"Retry-After": "120"})
    with pixlab.Client(http_client=http) as c, pytest.raises(HttpStatusError) as info:
        c.oilpaint(img="x")
    assert info.value.headers["retry-after"] == "120"


def _fault(version: str, reason: str, qualified: bool = False) -> bytes:
    if version == "1.1":
        p = "soap:" if qualified else ""
        inner = f"<{p}faultcode>soap:Server</{p}faultcode><{p}faultstring>{reason}</{p}faultstring>"
        ns = SOAP11
    else:
        inner = (
            "<soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code>"
            f'<soap:Reason><soap:Text xml:lang="en">{reason}</soap:Text></soap:Reason>'
        )
        ns = SOAP12
    return (
        f'<soap:Envelope xmlns:soap="{ns}"><soap:Body><soap:Fault>{inner}</soap:Fault>'
        "</soap:Body></soap:Envelope>"
    ).encode()


@pytest.mark.parametrize(
    ("protocol", "version", "qualified"),
    [
        ("soap11", "1.2", False),
        ("soap12", "1.1", False),
        ("soap11", "1.1", True),
        ("soap12", "1.1", True),
        ("soap12", "1.2", False),
    ],
)
def test_faults_of_either_version_reach_either_client(
    protocol: str, version: str, qualified: bool
) -> None:
    body = _fault(version, "Invalid API key", qualified)
    http = mock(500, body, "text/xml" if version == "1.1" else "application/soap+xml")
    with (
        pixelz.Client(http_client=http, protocol=protocol) as c,  # type: ignore[arg-type]
        pytest.raises(SoapFault) as info,
    ):
        c.get_images_list()
    assert (info.value.version, info.value.reason) == (version, "Invalid API key")
    assert info.value.code == ("soap:Server" if version == "1.1" else "soap:Receiver")


BIG = "x" * 2**20


@pytest.mark.parametrize(
    ("call", "status", "body", "ctype"),
    [
        ("soap11", 500, _fault("1.1", f"bad key {SECRET_EMAIL} {BIG}"), "text/xml"),
        ("soap12", 500, _fault("1.2", f"contactAPIkey={SECRET_KEY} {BIG}"), "application/soap+xml"),
        ("pixlab", 200, json.dumps({"status": 401, "error": BIG * 5}).encode(), "application/json"),
        ("pixlab", 502, f"{SECRET_EMAIL} {BIG}".encode(), "text/html"),
        ("http_get", 200, f"<html>{SECRET_EMAIL} {BIG}</html>".encode(), "text/html"),
    ],
)
def test_messages_are_bounded_and_scrubbed_but_the_body_is_kept(
    call: str, status: int, body: bytes, ctype: str
) -> None:
    http = mock(status, body, ctype)
    with pytest.raises((SoapFault, ApiError, HttpStatusError, ResponseFormatError)) as info:
        if call == "pixlab":
            pixlab.Client(http_client=http).oilpaint(img="x")
        else:
            pixelz.Client(http_client=http, protocol=call).get_images_list()  # type: ignore[arg-type]
    message = str(info.value)
    assert len(message) <= MAX_MESSAGE_CHARS
    assert SECRET_EMAIL not in message and SECRET_KEY not in message
    assert info.value.body == body


def test_a_bare_secret_echoed_by_the_server_is_removed_from_the_message() -> None:
    """A bare key has no shape to recognise; the call knows its own secret arguments."""
    body = _fault("1.1", f"key {SECRET_KEY} is not valid")
    with (
        pixelz.Client(http_client=mock(500, body, "text/xml")) as c,
        pytest.raises(SoapFault) as info,
    ):
        c.get_images_list(contact_api_key=SECRET_KEY)
    assert SECRET_KEY not in str(info.value)
    assert "key REDACTED is not valid" in str(info.value)
    assert SECRET_KEY in info.value.reason  # the data itself is untouched
