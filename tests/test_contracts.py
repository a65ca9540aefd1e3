"""Replay every cassette against its generated binding: the contract verification of `make test`.

The matrix comes from the specs (every operation x protocol variant the WSDL declares), so a new
service is verified without a new test. A binding passes when vcrpy, in ``record_mode="none"``
with strict matchers, finds the documented request among the cassette's (so the binding sent
exactly the documented request) and the typed result agrees with the documented response.
"""

from __future__ import annotations

import asyncio
import importlib
from typing import Any

import pytest
import vcr
import yaml
from lxml import etree
from vcr.errors import CannotOverwriteExistingCassetteException

from tests.contracts_support import (
    MATCH_ON,
    SECRET_EMAIL,
    SECRET_KEY,
    Case,
    call_arguments,
    cases,
    register,
)
from tests.oracle import normalise_list_result, obj_plain, xml_plain
from wirekit.scrub import scrub_vcr_request

CASES = cases()


def _recorder(case: Case) -> vcr.VCR:
    recorder = vcr.VCR(
        record_mode="none", match_on=MATCH_ON, before_record_request=scrub_vcr_request
    )
    register(recorder)
    return recorder


def _interaction(case: Case) -> dict[str, Any]:
    assert case.cassette.exists(), f"missing cassette {case.cassette}"
    data = yaml.safe_load(case.cassette.read_text(encoding="utf-8"))
    return data["interactions"][0]  # type: ignore[no-any-return]


def _documented_result(case: Case, interaction: dict[str, Any]) -> Any:
    body = interaction["response"]["body"]["string"].encode()
    root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    if case.protocol.is_soap:
        wrapper = root.find("{*}Body")[0]  # type: ignore[index]
        return wrapper[0] if len(wrapper) else None
    return root


def _call(case: Case, *, use_async: bool) -> Any:
    module = importlib.import_module(f"generated.{case.service.name}")
    interaction = _interaction(case)
    args = call_arguments(case, interaction["request"])
    method = next(
        m
        for m in dir(module.Client)
        if m.replace("_", "") == case.operation.name.lower().replace("_", "")
    )
    with _recorder(case).use_cassette(str(case.cassette)) as cassette:
        if use_async:

            async def run() -> Any:
                async with module.AsyncClient(protocol=case.protocol.value) as client:
                    return await getattr(client, method)(**args)

            result = asyncio.run(run())
        else:
            with module.Client(protocol=case.protocol.value) as client:
                result = getattr(client, method)(**args)
        assert cassette.play_count == 1, "the binding did not send the documented request"
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_binding_honours_contract(case: Case, mode: str) -> None:
    result = _call(case, use_async=mode == "async")
    documented = _documented_result(case, _interaction(case))
    if case.operation.result is None:
        assert result is None
        return
    assert documented is not None
    expected = xml_plain(documented)
    got = obj_plain(result)
    assert got == normalise_list_result(expected, got)


@pytest.mark.parametrize("service", sorted({c.service.name for c in CASES}))
def test_every_protocol_gives_the_same_result(service: str) -> None:
    by_op: dict[str, list[Any]] = {}
    for case in (c for c in CASES if c.service.name == service):
        by_op.setdefault(case.operation.name, []).append(_call(case, use_async=False))
    for op, results in by_op.items():
        assert all(r == results[0] for r in results), f"{op}: protocols disagree"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cassettes_hold_no_secret(case: Case) -> None:
    text = case.cassette.read_text(encoding="utf-8")
    assert SECRET_KEY not in text and SECRET_EMAIL not in text
    assert "@" not in text.replace("redacted@example.invalid", "")


def test_a_request_that_differs_from_the_contract_is_refused() -> None:
    case = next(c for c in CASES if c.protocol.value == "soap11" and c.operation.params)
    module = importlib.import_module(f"generated.{case.service.name}")
    args = call_arguments(case, _interaction(case)["request"])
    # Secrets are scrubbed before matching, so change a parameter that is not one.
    plain = next(
        k for k, v in args.items() if isinstance(v, str) and v not in (SECRET_KEY, SECRET_EMAIL)
    )
    args[plain] = "not-the-documented-value"
    method = next(
        m
        for m in dir(module.Client)
        if m.replace("_", "") == case.operation.name.lower().replace("_", "")
    )
    with (
        _recorder(case).use_cassette(str(case.cassette)),
        module.Client(protocol="soap11") as client,
        pytest.raises(CannotOverwriteExistingCassetteException, match="match_body differs"),
    ):
        getattr(client, method)(**args)


def test_soap_calls_to_one_url_are_told_apart_by_action() -> None:
    soap = [c for c in CASES if c.protocol.value == "soap11"]
    by_service: dict[str, list[Case]] = {}
    for c in soap:
        by_service.setdefault(c.service.name, []).append(c)
    pair = next(v for v in by_service.values() if len(v) > 1)
    with pytest.raises(AssertionError):
        from tests.contracts_support import match_soap_action

        class R:
            def __init__(self, action: str) -> None:
                self.headers = {"SOAPAction": [f'"{action}"'], "Content-Type": ["text/xml"]}

        match_soap_action(
            R(pair[0].operation.variants[0].soap_action),
            R(pair[1].operation.variants[0].soap_action),
        )
