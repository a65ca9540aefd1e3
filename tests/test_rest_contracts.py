"""Contract verification of the REST bindings and webhooks, and their error conventions.

The matrix comes from the OpenAPI specs (``rest_cases``). A REST binding passes when vcrpy, in
``record_mode="none"``, finds its request among the cassette's with strict matchers (method,
path, query as a set, JSON bodies compared as data) and its typed result agrees with the
documented answer, read here independently of the generated decoders (case-insensitively,
as the service's two casings require).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import vcr
import yaml
from hypothesis import given, settings, strategies as st
from lxml import etree

from codegen.model import Location, Protocol
from codegen.naming import snake, unique
from tests.contracts_support import (
    _DECODERS,
    ROOT,
    SECRET_EMAIL,
    SECRET_KEY,
    Case,
    _body,
    _header,
    _secret,
    rest_cases,
)
from tests.oracle import obj_plain, xml_plain
from wirekit.errors import (
    ApiError,
    HttpStatusError,
    ResponseFormatError,
    SignatureError,
    TimeoutError_,
)
from wirekit.scrub import scrub_vcr_request

CASES = rest_cases()
OPS = [c for c in CASES if c.protocol == Protocol.REST]
HOOKS = [c for c in CASES if c.protocol == Protocol.WEBHOOK]
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _media(request: Any) -> str:
    return _header(request, "Content-Type").split(";")[0].strip().lower()


def match_media(r1: Any, r2: Any) -> None:
    assert _media(r1) == _media(r2), f"Content-Type {_media(r1)!r} != {_media(r2)!r}"


def match_data_body(r1: Any, r2: Any) -> None:
    """JSON compared as data, forms as pairs; anything else byte for byte."""
    b1, b2, media = _body(r1), _body(r2), _media(r1)
    if media.endswith("json"):
        try:
            assert json.loads(b1) == json.loads(b2), "JSON bodies differ"
        except ValueError:
            raise AssertionError("body is not JSON") from None
    elif media == "application/x-www-form-urlencoded":
        assert parse_qsl(b1.decode()) == parse_qsl(b2.decode()), "form bodies differ"
    else:
        assert b1 == b2, "bodies differ"


MATCH_ON = ["method", "scheme", "host", "port", "path", "query", "media", "data_body"]


def recorder() -> vcr.VCR:
    rec = vcr.VCR(record_mode="none", match_on=MATCH_ON, before_record_request=scrub_vcr_request)
    rec.register_matcher("media", match_media)
    rec.register_matcher("data_body", match_data_body)
    return rec


def interaction(case: Case) -> dict[str, Any]:
    assert case.cassette.exists(), f"missing cassette {case.cassette}"
    data = yaml.safe_load(case.cassette.read_text(encoding="utf-8"))
    return data["interactions"][0]  # type: ignore[no-any-return]


def _typed(case: Case, wire: str, value: Any) -> Any:
    param = next(p for p in case.operation.params if p.name == wire)
    if not isinstance(value, str):
        return value
    text = _secret(value)
    decode = _DECODERS.get(param.type.name)
    return decode(text) if decode is not None else text


def call_arguments(case: Case, request: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that should make the binding send the cassette's request."""
    op = case.operation
    variant = op.variants[0]
    names = dict(
        zip([p.name for p in op.params], unique([snake(p.name) for p in op.params]), strict=True)
    )
    url = urlsplit(request["uri"])
    values: dict[str, Any] = dict(parse_qsl(url.query, keep_blank_values=True))
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(variant.path)) + "$"
    match = re.search(pattern, url.path)
    assert match is not None, f"{url.path} does not fit {variant.path}"
    values.update(match.groupdict())
    if request["body"]:
        values.update(json.loads(request["body"]))
    return {names[w]: _typed(case, w, v) for w, v in values.items()}


def _module(case: Case) -> Any:
    return importlib.import_module(f"generated.{case.service.name}")


def _method(case: Case) -> str:
    return snake(case.operation.name)


def call(case: Case, *, use_async: bool) -> Any:
    module = _module(case)
    args = call_arguments(case, interaction(case)["request"])
    with recorder().use_cassette(str(case.cassette)) as cassette:
        if use_async:

            async def run() -> Any:
                async with module.AsyncClient() as client:
                    return await getattr(client, _method(case))(**args)

            result = asyncio.run(run())
        else:
            with module.Client() as client:
                result = getattr(client, _method(case))(**args)
        assert cassette.play_count == 1, "the binding did not send the documented request"
    return result


def _lower(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k.lower(): _lower(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_lower(v) for v in tree]
    return tree


def documented_plain(case: Case, body: str) -> Any:
    if case.operation.variants[0].response_media_type.endswith("json"):
        return json.loads(body)
    return _lower(xml_plain(etree.fromstring(body.encode(), _PARSER)))


def result_plain(result: Any) -> Any:
    if hasattr(result, "model_dump"):
        return result.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return _lower(obj_plain(result))


# --- contracts --------------------------------------------------------------------------------


def _webhook_contract(case: Case, use_async: bool) -> None:
    """The test sender sends the documented delivery; the parser reads it to the documented
    values."""
    webhooks = importlib.import_module(f"generated.{case.service.name}.webhooks")
    request = interaction(case)["request"]
    pairs = dict(parse_qsl(request["body"], keep_blank_values=True))
    fields = {p.name: p for p in case.operation.params}
    names = dict(zip(fields, unique([snake(n) for n in fields]), strict=True))
    args = {names[w]: _typed(case, w, v) for w, v in pairs.items()}
    with recorder().use_cassette(str(case.cassette)) as cassette:
        if use_async:
            response = asyncio.run(webhooks.send_test_webhook_async(request["uri"], **args))
        else:
            response = webhooks.send_test_webhook(request["uri"], **args)
        assert cassette.play_count == 1, "the test sender did not send the documented delivery"
    assert response.status_code == 200
    headers = {k: v[0] for k, v in request["headers"].items()}
    event = webhooks.parse_webhook(headers, request["body"].encode())
    for name, value in args.items():
        assert getattr(event, name) == value


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_binding_honours_contract(case: Case, mode: str) -> None:
    if case.protocol == Protocol.WEBHOOK:
        _webhook_contract(case, mode == "async")
        return
    result = call(case, use_async=mode == "async")
    documented = interaction(case)["response"]["body"]["string"]
    assert result_plain(result) == documented_plain(case, documented)


def _replay(case: Case, body: str, content_type: str, status: int = 200) -> Any:
    module = _module(case)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body.encode(), headers={"Content-Type": content_type})

    args = call_arguments(case, interaction(case)["request"])
    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        return getattr(c, _method(case))(**args)


ALTERNATES = [
    (c, i)
    for c in OPS
    for i, _ in enumerate(c.service.exchange(c.operation.name, c.protocol).alternates)  # type: ignore[union-attr]
]


@pytest.mark.parametrize(("case", "index"), ALTERNATES, ids=[f"{c.id}/{i}" for c, i in ALTERNATES])
def test_every_documented_form_of_an_answer_gives_the_same_result(case: Case, index: int) -> None:
    """The page's upper-case XML and the WCF service's DataContract XML are one result."""
    exchange = case.service.exchange(case.operation.name, case.protocol)
    assert exchange is not None
    documented = _replay(case, exchange.response.body, "application/xml; charset=utf-8")
    real = _replay(case, exchange.alternates[index].body, "application/xml; charset=utf-8")
    assert real == documented
    assert "IsTrial" in exchange.alternates[index].body  # an unknown element was ignored


@pytest.mark.parametrize("case", OPS, ids=[c.id for c in OPS])
def test_cassettes_hold_no_secret(case: Case) -> None:
    text = case.cassette.read_text(encoding="utf-8")
    for secret in (SECRET_KEY, SECRET_EMAIL, "PIXLAB_API_KEY", "john@"):
        assert secret not in text


def test_casing_is_reported_as_a_defect_at_the_capture_line() -> None:
    service = next(c.service for c in OPS if c.service.name == "removethebackground_rest")
    capture = next((ROOT / "specs/removethebackground_rest/captures").iterdir())
    lines = capture.read_text(encoding="utf-8").splitlines()
    expected = next(i for i, line in enumerate(lines, 1) if "<TEMPLATESRESPONSE>" in line)
    casing = [d for d in service.defects if "differ in case" in d.message]
    assert len(casing) == 3
    assert any(d.where.line == expected and d.where.path.endswith(capture.name) for d in casing)


# --- in-band errors --------------------------------------------------------------------------


def _case(service: str, op: str) -> Case:
    return next(c for c in OPS if c.service.name == service and c.operation.name == op)


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
        _replay(_case("removethebackground_rest", "AddImage"), body, "application/xml")
    assert (caught.value.code, caught.value.api_message) == ("invalidContactAPIkey", "Wrong key")
    assert caught.value.parsed.error_code == "invalidContactAPIkey"
    assert caught.value.body == body.encode()


@pytest.mark.parametrize("status", [200, 403])
def test_pixlab_status_raises_api_error(status: int) -> None:
    body = '{"status": 403, "error": "Invalid API key"}'
    with pytest.raises(ApiError) as caught:
        _replay(_case("pixlab", "delete"), body, "application/json", status)
    assert (caught.value.code, caught.value.api_message) == ("403", "Invalid API key")
    assert caught.value.parsed == {"status": 403, "error": "Invalid API key"}
    assert caught.value.status == status


def test_pixlab_fields_the_page_does_not_list_are_kept() -> None:
    body = '{"status": 200, "id": "x1", "deleted": true, "ssl_link": "https://s/x1"}'
    result = _replay(_case("pixlab", "delete"), body, "application/json")
    assert result.deleted is True
    assert result.model_extra == {"ssl_link": "https://s/x1"}


# --- bad input ---------------------------------------------------------------------------------

BAD = [
    (
        "pixlab",
        "delete",
        "<html><body>502 Bad Gateway</body></html>",
        "text/html",
        502,
        HttpStatusError,
    ),
    (
        "pixlab",
        "delete",
        "<html><body>maintenance</body></html>",
        "text/html",
        200,
        ResponseFormatError,
    ),
    ("pixlab", "delete", '{"status": 200, "id": ', "application/json", 200, ResponseFormatError),
    ("pixlab", "delete", '{"id": "no status"}', "application/json", 200, ResponseFormatError),
    (
        "removethebackground_rest",
        "GetTemplates",
        "<TEMPLATESRESPONSE><ERRORCODE>no",
        "application/xml",
        200,
        ResponseFormatError,
    ),
    (
        "removethebackground_rest",
        "GetTemplates",
        '{"ErrorCode": "noError"}',
        "application/json",
        200,
        ResponseFormatError,
    ),
    (
        "removethebackground_rest",
        "GetTemplates",
        "<OTHER><ERRORCODE>noError</ERRORCODE></OTHER>",
        "application/xml",
        200,
        ResponseFormatError,
    ),
    (
        "removethebackground_rest",
        "GetTemplates",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<TEMPLATESRESPONSE><ERRORCODE>&x;</ERRORCODE></TEMPLATESRESPONSE>",
        "application/xml",
        200,
        ResponseFormatError,
    ),
    (
        "removethebackground_rest",
        "GetImageStatus",
        "<IMAGESTATUSRESPONSE><ERRORCODE>noError</ERRORCODE><IMAGESTATUS><IMAGETICKET>not-a-guid"
        "</IMAGETICKET><STATUSID>1</STATUSID></IMAGESTATUS></IMAGESTATUSRESPONSE>",
        "application/xml",
        200,
        ResponseFormatError,
    ),
]


@pytest.mark.parametrize(("service", "op", "body", "ctype", "status", "error"), BAD)
def test_bad_answers_raise_typed_errors(
    service: str, op: str, body: str, ctype: str, status: int, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        _replay(_case(service, op), body, ctype, status)
    assert caught.value.body == body.encode()  # type: ignore[attr-defined]


def test_timeout_is_a_transport_error() -> None:
    case = _case("pixlab", "oilpaint")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    module = _module(case)
    with (
        module.Client(http_client=httpx.Client(transport=httpx.MockTransport(slow))) as c,
        pytest.raises(TimeoutError_),
    ):
        c.oilpaint(img="http://x/y.jpg")


def test_pixlab_key_may_travel_in_www_authenticate() -> None:
    """The page allows the key in the header instead of the query; the scrubber hides it."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"status": 200, "id": "x", "deleted": True})

    module = importlib.import_module("generated.pixlab")
    http = httpx.Client(
        transport=httpx.MockTransport(answer), headers={"WWW-Authenticate": SECRET_KEY}
    )
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

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(
            200,
            content=b"<IMAGESTATUSRESPONSE><ERRORCODE>noError</ERRORCODE></IMAGESTATUSRESPONSE>",
            headers={"Content-Type": "application/xml"},
        )

    module = importlib.import_module("generated.removethebackground_rest")
    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
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

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(
            200,
            content=b"<AddImageResponse><ErrorCode>noError</ErrorCode></AddImageResponse>",
            headers={"Content-Type": "application/xml"},
        )

    module = importlib.import_module("generated.removethebackground_rest")
    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
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


# --- the webhook receiver, as generated ------------------------------------------------------


def _asgi_post(app: Any, body: bytes, headers: list[tuple[bytes, bytes]]) -> int:
    sent: list[dict[str, Any]] = []

    async def run() -> None:
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, Any]:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/cb", "headers": headers}
        await app(scope, receive, send)

    asyncio.run(run())
    return int(next(m["status"] for m in sent if m["type"] == "http.response.start"))


def test_generated_receiver_verifies_signature_and_suppresses_duplicates() -> None:
    webhooks = importlib.import_module("generated.removethebackground_rest.webhooks")
    from wirekit.webhook import sign_body

    seen: list[Any] = []
    app = webhooks.webhook_receiver(seen.append, secret="s3cret")
    body = b"imageTicket=33979dfe-5ea7-44ea-b3dd-7fde33bc37e9&ProcessedImageURL=http%3A%2F%2Fx%2Fy"
    signature = sign_body(body, "s3cret").encode()
    form = (b"content-type", b"application/x-www-form-urlencoded")
    header = webhooks.SIGNATURE_HEADER.lower().encode()
    assert _asgi_post(app, body, [form, (header, b"bad")]) == 401
    assert _asgi_post(app, body, [form, (header, signature)]) == 200
    assert _asgi_post(app, body, [form, (header, signature)]) == 200  # the vendor's retry
    assert len(seen) == 1
    assert str(seen[0].image_ticket) == "33979dfe-5ea7-44ea-b3dd-7fde33bc37e9"
    assert seen[0].processed_image_url == "http://x/y"
    with pytest.raises(SignatureError):
        webhooks.parse_webhook(
            {"Content-Type": "application/x-www-form-urlencoded"}, body, secret="s3cret"
        )


def test_webhook_json_and_form_deliveries_are_the_same_event() -> None:
    webhooks = importlib.import_module("generated.removethebackground_rest.webhooks")
    ticket = "33979dfe-5ea7-44ea-b3dd-7fde33bc37e9"
    form = webhooks.parse_webhook(
        {"Content-Type": "application/x-www-form-urlencoded"},
        f"imageTicket={ticket}&ProcessedImageURL=u".encode(),
    )
    data = webhooks.parse_webhook(
        {"Content-Type": "application/json"},
        json.dumps({"ImageTicket": ticket, "processedImageUrl": "u", "Extra": 1}).encode(),
    )
    assert (form.image_ticket, form.processed_image_url) == (
        data.image_ticket,
        data.processed_image_url,
    )
    assert data.extra == {"Extra": "1"}


def test_rest_parameters_travel_where_the_spec_says() -> None:
    """Every parameter location the reader found shows up in the generated encoder."""
    case = _case("removethebackground_rest", "GetImageStatus")
    where = dict(case.operation.variants[0].locations)
    assert where == {
        "ImageTicket": Location.PATH,
        "ContactEmail": Location.QUERY,
        "ContactAPIkey": Location.QUERY,
    }


# --- a REST spec the generator has never seen ----------------------------------------------------


def test_an_unseen_openapi_spec_needs_no_code_change(tmp_path: Any) -> None:
    """Path, query and JSON-body parameters of other types, JSON results with decimals, dates
    and lists, a boolean in-band error flag: generated, imported and replayed from its own
    cassettes."""
    import importlib.util
    import shutil
    import sys
    import uuid
    from datetime import date
    from decimal import Decimal

    from codegen.pipeline import build
    from codegen.write import write_tree

    shutil.copytree(ROOT / "tests/fixtures/rest_unseen", tmp_path / "specs")
    outputs = build(tmp_path)
    write_tree(tmp_path, "generated", outputs.generated)
    write_tree(tmp_path, "contracts", outputs.contracts)
    name = f"_rest_unseen_{uuid.uuid4().hex[:8]}"
    folder = tmp_path / "generated" / "catalog"
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        (service,) = outputs.services
        results = {}
        for case in rest_cases((service,), tmp_path):
            args = call_arguments(case, interaction(case)["request"])
            with recorder().use_cassette(str(case.cassette)) as cassette, module.Client() as c:
                results[case.operation.name] = getattr(c, snake(case.operation.name))(**args)
                assert cassette.play_count == 1
        item = results["GetItem"]
        assert (item.item_id, item.price, item.tags, item.added) == (
            42,
            Decimal("9.95"),
            ["a", "b"],
            date(2024, 1, 2),
        )
        assert results["AddItem"].item_id == 43

        def failing(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"ok": False, "reason": "no such item"})

        http = httpx.Client(transport=httpx.MockTransport(failing))
        with module.Client(http_client=http) as c, pytest.raises(ApiError) as caught:
            c.get_item(item_id=1, api_key="k")
        assert (caught.value.code, caught.value.api_message) == ("false", "no such item")
    finally:
        for key in [k for k in sys.modules if k.startswith(name)]:
            del sys.modules[key]
