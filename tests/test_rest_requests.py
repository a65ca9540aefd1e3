"""What the generated REST bindings put on the wire, read back from the raw request."""

from __future__ import annotations

import importlib
import json
from typing import Any
from urllib.parse import parse_qsl

import httpx
import vcr
from hypothesis import given, settings, strategies as st

from codegen.model import Location
from tests.contracts_support import SECRET_KEY
from tests.rest_support import capturing_http, rest_case
from wirekit.scrub import scrub_vcr_request


def _xml(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"Content-Type": "application/xml"})


def test_pixlab_key_may_travel_in_www_authenticate() -> None:
    """The page allows the key in the header instead of the query; the scrubber hides it."""
    sent: list[httpx.Request] = []
    answer = httpx.Response(200, json={"status": 200, "id": "x", "deleted": True})
    module = importlib.import_module("generated.pixlab")
    http = capturing_http(sent, answer, headers={"WWW-Authenticate": SECRET_KEY})
    with module.Client(http_client=http) as client:
        assert client.delete(link="x").deleted is True
    assert "key" not in dict(sent[0].url.params)
    assert sent[0].headers["WWW-Authenticate"] == SECRET_KEY
    scrubbed = scrub_vcr_request(
        vcr.request.Request("GET", str(sent[0].url), None, dict(sent[0].headers))
    )
    assert SECRET_KEY not in str(scrubbed.headers)


@settings(max_examples=60, deadline=None)
@given(
    ticket=st.uuids(),
    email=st.text(min_size=1, max_size=30),
    key=st.text(min_size=1, max_size=30),
)
def test_path_and_query_arguments_arrive_intact(ticket: Any, email: str, key: str) -> None:
    """Whatever the values, the service can read back exactly what was passed."""
    sent: list[httpx.Request] = []
    answer = _xml(b"<IMAGESTATUSRESPONSE><ERRORCODE>noError</ERRORCODE></IMAGESTATUSRESPONSE>")
    module = importlib.import_module("generated.removethebackground_rest")
    with module.Client(http_client=capturing_http(sent, answer)) as c:
        c.get_image_status(image_ticket=ticket, contact_email=email, contact_api_key=key)
    url = sent[0].url
    segments = url.raw_path.split(b"?")[0].split(b"/")
    assert str(ticket).encode() in segments
    assert dict(parse_qsl(url.query.decode(), keep_blank_values=True)) == {
        "ContactEmail": email,
        "ContactAPIkey": key,
    }


@settings(max_examples=60, deadline=None)
@given(url=st.text(min_size=1, max_size=40), hours=st.one_of(st.none(), st.text(max_size=5)))
def test_json_body_carries_exactly_the_arguments(url: str, hours: str | None) -> None:
    sent: list[httpx.Request] = []
    answer = _xml(b"<AddImageResponse><ErrorCode>noError</ErrorCode></AddImageResponse>")
    module = importlib.import_module("generated.removethebackground_rest")
    with module.Client(http_client=capturing_http(sent, answer)) as c:
        c.add_image(
            contact_email="a@b.c",
            contact_api_key="k",
            image_url=url,
            image_requested_delivery_time_in_hours=hours,
        )
    expected = {"ContactEmail": "a@b.c", "ContactAPIkey": "k", "ImageURL": url}
    if hours is not None:
        expected["ImageRequestedDeliveryTimeInHours"] = hours
    assert json.loads(sent[0].content) == expected


def test_rest_parameters_travel_where_the_spec_says() -> None:
    """Every parameter location the reader found shows up in the generated encoder."""
    case = rest_case("removethebackground_rest", "GetImageStatus")
    where = dict(case.operation.variants[0].locations)
    assert where == {
        "ImageTicket": Location.PATH,
        "ContactEmail": Location.QUERY,
        "ContactAPIkey": Location.QUERY,
    }
