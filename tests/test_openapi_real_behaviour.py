"""What the generated clients of published-shape documents do beyond the documented exchange:
credentials go to exactly the operations whose ``security`` asks for them, and never into
errors or logs; no-content answers are ``None``; declared error answers raise a typed error
carrying the parsed body; date-times without an offset parse; JSON is preferred to XML."""

from __future__ import annotations

import base64
import contextlib
import importlib
import logging
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.openapi_real_support import Real, real
from wirekit.errors import BindingError, ErrorResponse, HttpStatusError
from wirekit.scrub import scrub_vcr_request

__all__ = ["real"]

KEY = "k-7f3a9c1e5b"


def _client(
    real: Real, service: str, answer: httpx.Response, **creds: str
) -> tuple[Any, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return real.modules[service].Client(http_client=http, **creds), sent


def _json(status: int, data: Any) -> httpx.Response:
    return httpx.Response(status, json=data)


def _send(client: Any, method: str, **args: Any) -> None:
    """Make the call for the request it sends; the canned answer may not fit the operation."""
    with contextlib.suppress(BindingError):
        getattr(client, method)(**args)


def test_cookie_key_and_basic_go_to_exactly_the_operations_that_require_them(real: Real) -> None:
    pet = {"id": 1, "name": "Rex", "photo_urls": []}
    client, sent = _client(
        real, "shelter", _json(200, [pet]), api_key=KEY, username="staff", password="pw-9"
    )
    _send(client, "get_pets")  # security: [] (reads)
    _send(client, "post_pets", name="Rex", photo_urls=[])  # global: the cookie key
    _send(client, "delete_pets_pet_id", pet_id=1, x_shelter_branch=2)  # per-operation: basic
    read, create, delete = sent
    assert "cookie" not in read.headers and "authorization" not in read.headers
    assert create.headers["cookie"] == f"SHELTER_SID={KEY}"
    assert "authorization" not in create.headers
    basic = base64.b64encode(b"staff:pw-9").decode()
    assert delete.headers["authorization"] == f"Basic {basic}"
    assert "cookie" not in delete.headers


def test_header_key_is_preferred_and_bearer_and_query_overrides_apply(real: Real) -> None:
    module = real.modules["image_editing"]
    client, sent = _client(real, "image_editing", _json(200, {"status": "ok"}), api_key=KEY)
    _send(client, "get_health")
    assert "x-api-key" not in sent[-1].headers  # security: []
    _send(client, "list_images")
    assert sent[-1].headers["x-api-key"] == KEY  # header and query both allowed: the header
    assert "api_key" not in sent[-1].url.params
    with module.Client(
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: _json(200, {}))),
        token="jwt-abc",
    ) as bearer:
        ops = importlib.import_module(f"{module.__name__}.operations")
        spec = ops.LIST_IMAGES
        request = bearer._build(spec, {})
        assert request.headers["authorization"] == "Bearer jwt-abc"
    download = ops.DOWNLOAD_RENDITION  # per-operation override: query or header key
    assert download.security == (
        (("api_key", "query", "api_key"),),
        (("api_key", "header", "X-Api-Key"),),
    )
    with module.Client(api_key=KEY) as keyed:
        request = keyed._build(download, {"image_id": "00000000-0000-4000-8000-000000000001"})
        assert request.headers["x-api-key"] == KEY and "api_key" not in request.url.params


def test_without_credentials_nothing_is_added_and_unknown_ones_are_refused(real: Real) -> None:
    client, sent = _client(real, "shelter", _json(200, []))
    _send(client, "post_pets", name="Rex", photo_urls=[])
    assert "cookie" not in sent[0].headers
    with pytest.raises(ValueError, match="takes no token="):
        real.modules["shelter"].Client(token="t")


def test_credentials_never_reach_errors_logs_or_cassettes(
    real: Real, caplog: pytest.LogCaptureFixture
) -> None:
    module = real.modules["odd_shapes"]
    echo = httpx.Response(500, text=f"bad appid={KEY} for station", headers={"X": "1"})
    client, sent = _client(real, "odd_shapes", echo, api_key=KEY)
    with caplog.at_level(logging.INFO), pytest.raises(HttpStatusError) as caught:
        client.stations_list()
    assert sent[0].url.params["appid"] == KEY
    assert KEY not in str(caught.value)
    logging.getLogger("httpx").info("HTTP Request: GET %s", sent[0].url)
    assert KEY not in caplog.text and "appid=REDACTED" in caplog.text

    class Rec:
        uri = str(sent[0].url)
        headers: dict[str, str] = {}  # noqa: RUF012
        body = b""
        method = "GET"

    assert KEY not in scrub_vcr_request(Rec()).uri
    assert module.Client.SECRET_NAMES == ("appid",)


def test_no_content_answers_return_none(real: Real) -> None:
    client, _ = _client(real, "shelter", httpx.Response(204))
    assert client.delete_pets_pet_id(pet_id=1, x_shelter_branch=2) is None
    orders, _ = _client(real, "print_orders", httpx.Response(202))
    assert orders.cancel_order(order_id=5) is None


def test_declared_error_answers_raise_a_typed_error_with_the_parsed_body(real: Real) -> None:
    problem = {"type": "about:blank", "title": "Not found", "status": 404}
    client, _ = _client(
        real,
        "media_library",
        httpx.Response(404, json=problem, headers={"Content-Type": "application/problem+json"}),
        token="t",
    )
    with pytest.raises(ErrorResponse) as caught:
        client.get_asset(asset_id="00000000-0000-4000-8000-000000000001")
    parsed: Any = caught.value.parsed  # a model of the module generated into tmp
    assert type(parsed).__name__ == "Problem" and parsed.title == "Not found"
    assert caught.value.status == 404
    # An undeclared status (or a body of another shape) stays a plain HttpStatusError.
    plain, _ = _client(real, "simple_json_crud", httpx.Response(503, text="down"))
    with pytest.raises(HttpStatusError) as other:
        plain.list_checklists()
    assert not isinstance(other.value, ErrorResponse)


def test_a_date_time_without_offset_parses_as_naive(real: Real) -> None:
    client, _ = _client(
        real,
        "odd_shapes",
        _json(200, [{"id": 3, "name": "Pier", "read_at": "2023-11-02T06:30:00"}]),
    )
    (station,) = client.stations_list()
    assert station.read_at == datetime(2023, 11, 2, 6, 30)
    assert station.read_at.tzinfo is None


def test_json_is_preferred_to_xml_and_binary_answers_are_bytes(real: Real) -> None:
    shelter = real.service("shelter")
    op = next(o for o in shelter.operations if o.name == "get_pets_pet_id")
    assert op.variants[0].response_media_type == "application/json"
    photo, sent = _client(
        real,
        "shelter",
        httpx.Response(200, content=b"\x89PNG", headers={"Content-Type": "image/png"}),
    )
    assert photo.get_pets_pet_id_photo(pet_id=1) == b"\x89PNG"
    assert sent[0].headers.get("accept", "*/*")


def test_server_variables_have_defaults_and_can_be_set(real: Real) -> None:
    client = real.modules["image_editing"].Client
    assert client.server_url() == client.DEFAULT_BASE_URL
    regions = dict(client.SERVER_VARIABLES)
    assert "region" in regions
    other = client.server_url(region="us-east")
    assert "us-east" in other and regions["region"] not in other.replace("us-east", "")
    with pytest.raises(ValueError, match="unknown server variable"):
        client.server_url(planet="mars")
    assert real.modules["simple_json_crud"].Client.SERVER_TEMPLATE == ""


def test_an_answer_offered_in_json_and_xml_is_asked_for_in_json(real: Real) -> None:
    pet = {"id": 1, "name": "Rex", "photo_urls": []}
    client, sent = _client(real, "shelter", _json(200, pet))
    assert client.get_pets_pet_id(pet_id=1).name == "Rex"
    assert sent[0].headers["accept"] == "application/json"
    crud, sent = _client(real, "simple_json_crud", _json(200, []))
    crud.list_checklists()
    assert sent[0].headers["accept"] == "*/*"  # one media type: httpx's default stays


def test_recorded_requests_keep_no_credential_of_any_scheme(real: Real) -> None:
    """What a recording (``--record-mode``) writes: every credential the schemes put on the
    wire is scrubbed, whatever the scheme calls it."""
    from vcr.request import Request

    seen: list[httpx.Request] = []
    for service, method, args, creds in (
        ("shelter", "post_pets", {"name": "Rex", "photo_urls": []}, {"api_key": KEY}),
        (
            "shelter",
            "delete_pets_pet_id",
            {"pet_id": 1, "x_shelter_branch": 2},
            {"username": "u", "password": KEY},
        ),
        ("image_editing", "list_images", {}, {"api_key": KEY}),
        ("image_editing", "list_images", {}, {"token": KEY}),
        ("odd_shapes", "stations_list", {}, {"api_key": KEY}),
    ):
        client, sent = _client(real, service, httpx.Response(500), **creds)
        _send(client, method, **args)
        seen += sent
    basic = base64.b64encode(f"u:{KEY}".encode()).decode()
    for request in seen:
        recorded = scrub_vcr_request(
            Request(request.method, str(request.url), request.content, dict(request.headers))
        )
        text = f"{recorded.uri} {recorded.headers} {recorded.body!r}"
        assert KEY not in text and basic not in text, text


def test_live_verification_sends_the_environment_s_credentials(real: Real) -> None:
    from codegen.mock.services import load_services
    from codegen.verify.run import live_request

    (mock,) = load_services(real.root, [real.root / "specs" / "shelter"])
    contract = next(c for c in mock.contracts if c.operation == "delete_pets_pet_id")
    env = {"POLYBIND_SHELTER_USERNAME": "staff", "POLYBIND_SHELTER_PASSWORD": KEY}
    request = live_request(mock, contract, "https://live.example/api", env)
    assert (
        request.headers["authorization"]
        == "Basic " + base64.b64encode(f"staff:{KEY}".encode()).decode()
    )
    (odd,) = load_services(real.root, [real.root / "specs" / "odd_shapes"])
    listing = next(c for c in odd.contracts if c.operation == "stations.list")
    request = live_request(odd, listing, "https://live.example/api/v2", {"POLYBIND_API_KEY": KEY})
    assert request.url.params["appid"] == KEY and "REDACTED" not in str(request.url)


def test_a_number_decimal_is_sent_as_a_json_number(
    real: Real,
) -> None:
    """NSwag's ``type: number, format: decimal``: the schema says number, so ``12.5``, never
    ``"12.50"``."""
    from decimal import Decimal

    answer = _json(200, {"format": "csv", "price": 12.5})
    client, sent = _client(real, "edge_cases", answer)
    got = client.create_export(format="csv", price=Decimal("12.50"))
    assert got.price == Decimal("12.5")
    (request,) = sent
    assert request.content == b'{"format":"csv","price":12.5}'
