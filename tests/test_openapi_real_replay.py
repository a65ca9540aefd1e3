"""Every operation of every published-shape fixture sends its documented request and reads its
documented answer, through cassette replay (vcrpy, ``record_mode="none"``), sync and async.

The call is made from the document's own examples (``Exchange.arguments``), typed by the
generated method's annotations (pydantic ``TypeAdapter``); the answer is compared, as JSON data,
with the documented body (the document's example, or a sample built valid from the schema).
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
import typing
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from codegen.model import Exchange, Location, Service
from codegen.naming import method_name, snake, unique
from tests.contracts_support import SECRET_KEY, _body, _header
from tests.openapi_real_support import GOOD, Real, operation_count, real
from tests.rest_support import MATCH_ON, match_media
from wirekit.rest_params import json_value
from wirekit.scrub import scrub_vcr_request
from wirekit.testing import contract_transport
from wirekit.testing.contracts import contract_file
from wirekit.testing.matching import multipart_parts
from wirekit.uploads import FileUpload

__all__ = ["real"]

CASES = [(service, op) for service in GOOD for op in range(operation_count(service))]


def match_body(r1: Any, r2: Any) -> None:
    """JSON as data, forms as pairs, multipart as named parts; bytes otherwise."""
    b1, b2 = _body(r1), _body(r2)
    media = _header(r1, "Content-Type").split(";")[0].strip().lower()
    if media.endswith("json"):
        assert json.loads(b1) == json.loads(b2), "JSON bodies differ"
    elif media == "application/x-www-form-urlencoded":
        assert parse_qsl(b1.decode()) == parse_qsl(b2.decode()), "form bodies differ"
    elif media.startswith("multipart/"):
        parts = [multipart_parts(b, _header(r, "Content-Type")) for b, r in ((b1, r1), (b2, r2))]
        assert parts[0] == parts[1], f"multipart bodies differ: {parts}"
    else:
        assert b1 == b2, "bodies differ"


def recorder() -> Any:
    import vcr

    rec = vcr.VCR(record_mode="none", match_on=MATCH_ON, before_record_request=scrub_vcr_request)
    rec.register_matcher("media", match_media)
    rec.register_matcher("data_body", match_body)
    return rec


def arguments(service: Service, op_index: int, module: Any) -> tuple[str, dict[str, Any]]:
    """The method name and typed keyword arguments of the documented call."""
    op = service.operations[op_index]
    exchange = service.exchange(op.name, op.variants[0].protocol)
    assert isinstance(exchange, Exchange)
    method = method_name(op.name)
    models = importlib.import_module(f"{module.__name__}.json_models")
    hints = typing.get_type_hints(getattr(module.Client, method), localns=vars(models))
    py_names = unique([snake(p.name) for p in op.params])
    shape = op.variants[0].rest
    files = dict(shape.files) if shape else {}
    args: dict[str, Any] = {}
    for index, value in exchange.arguments:
        wire, py = op.params[index].name, py_names[index]
        where = op.variants[0].locations[index][1]
        files_hints = (bytes, list[bytes], bytes | FileUpload, list[bytes | FileUpload])
        if where == Location.BODY and hints[py] in files_hints:
            raw = value if isinstance(value, list) else [value]
            if wire in files or (shape is not None and shape.body != "json"):
                data = [str(v).encode() for v in raw]  # file content, as documented
            else:
                data = [base64.b64decode(str(v)) for v in raw]  # format: byte in JSON
            args[py] = data if isinstance(value, list) else data[0]
            continue
        args[py] = TypeAdapter(hints[py]).validate_python(value)
    return method, args


def _credentials(module: Any) -> dict[str, Any]:
    wanted = getattr(module.Client, "CREDENTIALS", ())
    given: dict[str, Any] = {
        "api_key": SECRET_KEY,
        "token": SECRET_KEY,
        "username": "ann",
        "password": "pw-1",
        "api_keys": {name: SECRET_KEY for name, _, _ in module.Client.API_KEY_SCHEMES},
    }
    return {k: v for k, v in given.items() if k in wanted}


def _plain(result: Any) -> Any:
    """The result as JSON data, as the kit writes it (a number/decimal is a number)."""
    if hasattr(result, "model_dump"):
        return json_value(result)
    if isinstance(result, list):
        return [_plain(r) for r in result]
    if isinstance(result, bytes):
        return result.decode()
    return to_jsonable_python(result)


def _documented(case: dict[str, Any]) -> Any:
    body = case["response"]["body"]["string"]
    ctype = (case["response"]["headers"].get("Content-Type") or [""])[0]
    if not body:
        return None
    return json.loads(body) if "json" in ctype else body


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("service_name", "index"), CASES)
def test_every_operation_replays_its_contract(
    real: Real, service_name: str, index: int, use_async: bool
) -> None:
    service = real.service(service_name)
    module = real.modules[service_name]
    op = service.operations[index]
    method, args = arguments(service, index, module)
    cassette = real.root / "contracts" / service_name / contract_file(op.name, "rest")
    import yaml

    documented = yaml.safe_load(cassette.read_text())["interactions"][0]
    with recorder().use_cassette(str(cassette)) as tape:
        if use_async:

            async def go() -> Any:
                async with module.AsyncClient(**_credentials(module)) as c:
                    return await getattr(c, method)(**args)

            result = asyncio.run(go())
        else:
            with module.Client(**_credentials(module)) as c:
                result = getattr(c, method)(**args)
        assert tape.play_count == 1
    expected = _documented(documented)
    got = _plain(result)
    if isinstance(expected, dict | list) and isinstance(got, dict | list):
        assert _subset(got, expected), (got, expected)
    else:
        assert got == expected


def _subset(got: Any, want: Any) -> bool:
    """``got`` (what the binding read) holds every documented value (``null`` may be unset)."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(
            (v is None and k not in got) or (k in got and _subset(got[k], v))
            for k, v in want.items()
        )
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(_subset, got, want))
    if isinstance(want, str) and isinstance(got, str) and got != want:
        try:
            return datetime.fromisoformat(got) == datetime.fromisoformat(want)
        except ValueError:
            return False
    return bool(got == want)


@pytest.mark.parametrize(("service_name", "index"), CASES)
def test_the_public_contract_transport_answers_every_operation(
    real: Real, service_name: str, index: int
) -> None:
    """What a user's tests get from ``wirekit.testing.contract_transport``: strict matching of
    method, path, query, Content-Type and body (multipart by parts) against the contract."""
    service = real.service(service_name)
    module = real.modules[service_name]
    method, args = arguments(service, index, module)
    transport = contract_transport(service_name, contracts=real.root / "contracts")
    with module.Client(http_client=httpx.Client(transport=transport), **_credentials(module)) as c:
        getattr(c, method)(**args)
    assert [a.operation for a in transport.answered] == [service.operations[index].name]
