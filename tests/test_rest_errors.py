"""REST error conventions: in-band errors, malformed answers and transport failures."""

from __future__ import annotations

import httpx
import pytest

from generated.removethebackground_rest.models import AddImageResponse
from tests.rest_support import module_of, replay, rest_case
from wirekit.errors import ApiError, HttpStatusError, ResponseFormatError, TimeoutError_

# --- in-band errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "<ADDIMAGERESPONSE><ERRORCODE>invalidContactAPIkey</ERRORCODE>"
        "<MESSAGE>Wrong key</MESSAGE></ADDIMAGERESPONSE>",
        '<AddImageResponse xmlns="http://schemas.datacontract.org/2004/07/X" '
        'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ErrorCode>invalidContactAPIkey'
        '</ErrorCode><ImageTicket i:nil="true"/><Message>Wrong key</Message></AddImageResponse>',
    ],
)
def test_rtb_error_code_raises_api_error(body: str) -> None:
    with pytest.raises(ApiError) as caught:
        replay(rest_case("removethebackground_rest", "AddImage"), body, "application/xml")
    assert (caught.value.code, caught.value.api_message) == ("invalidContactAPIkey", "Wrong key")
    parsed = caught.value.parsed
    assert isinstance(parsed, AddImageResponse)
    assert parsed.error_code == "invalidContactAPIkey"
    assert caught.value.body == body.encode()


@pytest.mark.parametrize("status", [200, 403])
def test_pixlab_status_raises_api_error(status: int) -> None:
    body = '{"status": 403, "error": "Invalid API key"}'
    with pytest.raises(ApiError) as caught:
        replay(rest_case("pixlab", "delete"), body, "application/json", status)
    assert (caught.value.code, caught.value.api_message) == ("403", "Invalid API key")
    assert caught.value.parsed == {"status": 403, "error": "Invalid API key"}
    assert caught.value.status == status


def test_pixlab_fields_the_page_does_not_list_are_kept() -> None:
    body = '{"status": 200, "id": "x1", "deleted": true, "ssl_link": "https://s/x1"}'
    result = replay(rest_case("pixlab", "delete"), body, "application/json")
    assert result.deleted is True
    assert result.model_extra == {"ssl_link": "https://s/x1"}


# --- bad input ---------------------------------------------------------------------------------

_RTB = "removethebackground_rest"
_HTML, _JSON, _XML = "text/html", "application/json", "application/xml"
_FORMAT = ResponseFormatError
BAD = [
    ("pixlab", "delete", "<html><body>502 Bad Gateway</body></html>", _HTML, 502, HttpStatusError),
    ("pixlab", "delete", "<html><body>maintenance</body></html>", _HTML, 200, _FORMAT),
    ("pixlab", "delete", '{"status": 200, "id": ', _JSON, 200, _FORMAT),
    ("pixlab", "delete", '{"id": "no status"}', _JSON, 200, _FORMAT),
    (_RTB, "GetTemplates", "<TEMPLATESRESPONSE><ERRORCODE>no", _XML, 200, _FORMAT),
    (_RTB, "GetTemplates", '{"ErrorCode": "noError"}', _JSON, 200, _FORMAT),
    (_RTB, "GetTemplates", "<OTHER><ERRORCODE>noError</ERRORCODE></OTHER>", _XML, 200, _FORMAT),
    (
        _RTB,
        "GetTemplates",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<TEMPLATESRESPONSE><ERRORCODE>&x;</ERRORCODE></TEMPLATESRESPONSE>",
        _XML,
        200,
        _FORMAT,
    ),
    (
        _RTB,
        "GetImageStatus",
        "<IMAGESTATUSRESPONSE><ERRORCODE>noError</ERRORCODE><IMAGESTATUS><IMAGETICKET>not-a-guid"
        "</IMAGETICKET><STATUSID>1</STATUSID></IMAGESTATUS></IMAGESTATUSRESPONSE>",
        _XML,
        200,
        _FORMAT,
    ),
]


@pytest.mark.parametrize(("service", "op", "body", "ctype", "status", "error"), BAD)
def test_bad_answers_raise_typed_errors(
    service: str, op: str, body: str, ctype: str, status: int, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        replay(rest_case(service, op), body, ctype, status)
    assert caught.value.body == body.encode()  # type: ignore[attr-defined]


def test_timeout_is_a_transport_error() -> None:
    case = rest_case("pixlab", "oilpaint")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    module = module_of(case)
    with (
        module.Client(http_client=httpx.Client(transport=httpx.MockTransport(slow))) as c,
        pytest.raises(TimeoutError_),
    ):
        c.oilpaint(img="http://x/y.jpg")
