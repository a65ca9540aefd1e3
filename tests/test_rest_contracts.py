"""Contract verification of the REST bindings and webhooks against their cassettes.

See ``tests/rest_support.py`` for the matrix and the strict matchers. A binding's typed result
is compared with the documented answer read independently of the generated decoders.
"""

from __future__ import annotations

import asyncio
import importlib
from urllib.parse import parse_qsl

import pytest

from codegen.model import Protocol
from codegen.naming import snake, unique
from tests.contracts_support import ROOT, SECRET_EMAIL, SECRET_KEY, Case, interaction
from tests.rest_support import (
    CASES,
    OPS,
    call,
    documented_plain,
    recorder,
    replay,
    result_plain,
    typed,
)


def _webhook_contract(case: Case, use_async: bool) -> None:
    """The test sender sends the documented delivery; the parser reads it to the documented
    values."""
    webhooks = importlib.import_module(f"generated.{case.service.name}.webhooks")
    request = interaction(case)["request"]
    pairs = dict(parse_qsl(request["body"], keep_blank_values=True))
    fields = {p.name: p for p in case.operation.params}
    names = dict(zip(fields, unique([snake(n) for n in fields]), strict=True))
    args = {names[w]: typed(case, w, v) for w, v in pairs.items()}
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
    alternate = exchange.alternates[index].body
    documented = replay(case, exchange.response.body, "application/xml; charset=utf-8")
    real = replay(case, alternate, "application/xml; charset=utf-8")
    assert real == documented
    assert "IsTrial" in alternate  # an unknown element was ignored
    # Independently of the decoders: the alternate's own XML, less the element the model lacks.
    expected = {k: v for k, v in documented_plain(case, alternate).items() if k != "istrial"}
    assert result_plain(real) == expected


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
