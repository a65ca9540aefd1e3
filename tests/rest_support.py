"""Shared helpers of the REST and webhook contract tests (``tests/test_rest_*.py``).

The matrix comes from the OpenAPI specs (``rest_cases``). A REST binding passes when vcrpy, in
``record_mode="none"``, finds its request among the cassette's with strict matchers (method,
path, query as a set, JSON bodies compared as data) and its typed result agrees with the
documented answer, read here independently of the generated decoders (case-insensitively,
as the service's two casings require).
"""

from __future__ import annotations

import importlib
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import vcr
from lxml import etree

from codegen.model import Protocol
from codegen.naming import snake, unique
from tests.contracts_support import (
    _DECODERS,
    Case,
    _body,
    _header,
    _secret,
    interaction,
    replay as replay_contract,
    rest_cases,
)
from tests.oracle import obj_plain, xml_plain
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


def typed(case: Case, wire: str, value: Any) -> Any:
    """A documented wire value as the Python value of its parameter's type."""
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
    return {names[w]: typed(case, w, v) for w, v in values.items()}


def module_of(case: Case) -> Any:
    return importlib.import_module(f"generated.{case.service.name}")


def method_of(case: Case) -> str:
    return snake(case.operation.name)


def call(case: Case, *, use_async: bool) -> Any:
    args = call_arguments(case, interaction(case)["request"])
    return replay_contract(case, module_of(case), method_of(case), args, use_async=use_async)


def _lower(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k.lower(): _lower(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_lower(v) for v in tree]
    return tree


def documented_plain(case: Case, body: str) -> Any:
    """The documented answer as plain data, read without the generated decoders."""
    if case.operation.variants[0].response_media_type.endswith("json"):
        return json.loads(body)
    return _lower(xml_plain(etree.fromstring(body.encode(), _PARSER)))


def result_plain(result: Any) -> Any:
    if hasattr(result, "model_dump"):
        return result.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return _lower(obj_plain(result))


def replay(case: Case, body: str, content_type: str, status: int = 200) -> Any:
    """Call ``case`` with its documented arguments against a server answering ``body``."""
    module = module_of(case)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body.encode(), headers={"Content-Type": content_type})

    args = call_arguments(case, interaction(case)["request"])
    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        return getattr(c, method_of(case))(**args)


def rest_case(service: str, op: str) -> Case:
    return next(c for c in OPS if c.service.name == service and c.operation.name == op)


def capturing_http(
    sent: list[httpx.Request], response: httpx.Response, **kwargs: Any
) -> httpx.Client:
    """An HTTP client that records each request it is given and answers ``response``."""

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return response

    return httpx.Client(transport=httpx.MockTransport(answer), **kwargs)
