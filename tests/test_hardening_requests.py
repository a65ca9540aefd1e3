"""The request side under hostile arguments: 300 seeded argument sets per binding kind, sync and
async. Every call either raises ``RequestError`` (typed, naming the parameter, never quoting the
value) before anything is sent, or sends a well-formed request: an envelope that parses as XML,
pairs that decode, JSON without NaN, a path that keeps its segments."""

from __future__ import annotations

import asyncio
import json
import math
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from lxml import etree

from generated import pixelz, pixlab, removethebackground_rest
from wirekit.errors import BindingError, RequestError

SECRET = "S3CR3T-key-9f8e"
HOSTILE: list[Any] = [
    None,
    "",
    " ",
    "\x00",
    "\x01",
    "a\x1fb",
    "\ud800",
    "x\udfffy",
    "\ufffe",
    "\uffff",
    "\x7f",
    "..",
    ".",
    "/",
    "a/../b",
    "%2e%2e",
    "<&>'\"",
    "\r\n",
    "é😀",
    "a" * 3000,
    0,
    -1,
    1 << 200,
    1 << 4000,
    1.5,
    math.nan,
    math.inf,
    -math.inf,
    True,
    b"bytes",
    Decimal("NaN"),
    Decimal("1.5"),
    [],
    ["x"],
    {"k": "v"},
    object(),
    SECRET,
    f"{SECRET}\x01",
]
KINDS: dict[str, tuple[Any, str, str | None]] = {
    "soap11": (pixelz, "get_images_list", "soap11"),
    "soap12": (pixelz, "get_images_list", "soap12"),
    "http_get": (pixelz, "get_images_list", "http_get"),
    "http_post": (pixelz, "get_images_list", "http_post"),
    "rest_xml": (removethebackground_rest, "add_image", None),
    "rest_path": (removethebackground_rest, "get_image_status", None),
    "rest_json": (pixlab, "oilpaint", None),
}
GUID = "a37a1f55-7cd4-4474-db19-ac03e85538a7"
#: Valid arguments of each method; every argument set replaces some of them by hostile values.
VALID: dict[str, dict[str, Any]] = {
    "get_images_list": {n: "ok" for n in ("contact_email", "contact_api_key", "page", "sort_by")},
    "add_image": {
        "contact_email": "me@example.com",
        "contact_api_key": "k",
        "image_url": "https://example.com/a.jpg",
        "template_id": "1",
    },
    "get_image_status": {"image_ticket": GUID, "contact_email": "m@e.com", "contact_api_key": "k"},
    "oilpaint": {"img": "https://example.com/a.jpg", "radius": 3, "key": "k"},
}


def _arguments(method: str, rng: random.Random) -> dict[str, Any]:
    args = dict(VALID[method])
    if rng.random() < 0.25:  # valid sets too, so that the checks on sent requests run
        return args
    for name in rng.sample(sorted(args), rng.randint(1, len(args))):
        args[name] = rng.choice(HOSTILE)
    return args


def _well_formed(request: httpx.Request, kind: str) -> None:
    body = request.content
    if kind.startswith("soap"):
        etree.fromstring(body, etree.XMLParser(resolve_entities=False, recover=False))
    elif kind == "http_post":
        parse_qsl(body.decode("ascii"), strict_parsing=False)
    elif kind == "rest_json" or (kind == "rest_xml" and body):
        json.loads(body, parse_constant=lambda c: pytest.fail(f"{c} sent in JSON"))
    if kind == "rest_path":
        parts = request.url.raw_path.split(b"?")[0].split(b"/")
        assert b".." not in parts and b"." not in parts and len(parts) == 6, request.url


def _call(kind: str, args: dict[str, Any], use_async: bool) -> list[httpx.Request]:
    module, method, protocol = KINDS[kind]
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    transport = httpx.MockTransport(answer)
    options = {"protocol": protocol} if protocol else {}
    if use_async:

        async def run() -> None:
            async with module.AsyncClient(
                http_client=httpx.AsyncClient(transport=transport), **options
            ) as client:
                await getattr(client, method)(**args)

        asyncio.run(run())
    else:
        with module.Client(http_client=httpx.Client(transport=transport), **options) as client:
            getattr(client, method)(**args)
    return sent


def _one(kind: str, args: dict[str, Any], use_async: bool, seen: Callable[[str], None]) -> None:
    try:
        sent = _call(kind, args, use_async)
    except RequestError as err:
        assert SECRET not in str(err) and len(str(err)) < 600
        seen("refused")
        return
    except BindingError:
        sent = []  # the mock's 500: the request went out; checked below
    except TypeError as err:  # a keyword the method does not take would be a test bug
        raise AssertionError(f"untyped error for {kind}: {err}") from err
    seen("sent")
    for request in sent:
        _well_formed(request, kind)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_arguments_are_refused_typed_or_sent_well_formed(
    kind: str, use_async: bool
) -> None:
    rng = random.Random(f"{kind}/{use_async}")
    outcomes: dict[str, int] = {}
    for _ in range(300):
        args = _arguments(KINDS[kind][1], rng)
        _one(kind, args, use_async, lambda o: outcomes.__setitem__(o, outcomes.get(o, 0) + 1))
    assert outcomes.get("refused", 0) > 50 and outcomes.get("sent", 0) > 10, outcomes


def test_a_required_none_and_a_control_character_name_the_parameter() -> None:
    with pixelz.Client(protocol="soap11") as client, pytest.raises(RequestError, match="page"):
        client.get_images_list(page="a\x01b")
    with removethebackground_rest.Client() as rtb, pytest.raises(RequestError, match="required"):
        rtb.get_templates(contact_email=None, contact_api_key="k")  # type: ignore[arg-type]


def test_a_query_too_long_for_a_url_is_refused_with_the_protocols_that_carry_it() -> None:
    with (
        pixelz.Client(protocol="http_get") as client,
        pytest.raises(RequestError, match="http_post"),
    ):
        client.get_images_list(sort_by="x" * 5000)
