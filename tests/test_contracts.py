"""Replay every cassette against its generated binding: the contract verification of `make test`.

The matrix comes from the specs (every operation x protocol variant the WSDL declares), so a new
service is verified without a new test. A binding passes when vcrpy, in ``record_mode="none"``
with strict matchers, finds the documented request among the cassette's (so the binding sent
exactly the documented request) and the typed result agrees with the documented response.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from vcr.errors import CannotOverwriteExistingCassetteException

from codegen.model import Protocol
from tests.contract_checks import verify_case, verify_required
from tests.contracts_support import (
    SECRET_EMAIL,
    SECRET_KEY,
    Case,
    call,
    call_arguments,
    cases,
    client_method,
    documented_result,
    interaction,
    recorder,
    rest_cases,
)
from tests.oracle import xml_plain

CASES = cases()
REST_CASES = [c for c in rest_cases() if c.protocol == Protocol.REST]


def _call(case: Case, *, use_async: bool) -> Any:
    return call(case, use_async=use_async)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_binding_honours_contract(case: Case, mode: str) -> None:
    verify_case(case, importlib.import_module(case.module_name), use_async=mode == "async")


ANSWERING = [c for c in CASES + REST_CASES if c.operation.result is not None]


@pytest.mark.parametrize("case", ANSWERING, ids=[c.id for c in ANSWERING])
def test_an_answer_lacking_a_required_element_is_refused(case: Case) -> None:
    verify_required(case, importlib.import_module(case.module_name))


@pytest.mark.parametrize("service", sorted({c.service.name for c in CASES}))
def test_every_protocol_gives_the_same_result(service: str) -> None:
    """Wherever the documented answers of an operation agree, so do the typed results (the
    pages may document different answers per protocol: GetImagesList's SOAP samples show nil
    where its HTTP samples show a list)."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for case in (c for c in CASES if c.service.name == service):
        documented = documented_result(case, interaction(case))
        key = (case.operation.name, repr(xml_plain(documented) if documented is not None else None))
        groups.setdefault(key, []).append(_call(case, use_async=False))
    assert groups
    for (op, _), results in groups.items():
        assert all(r == results[0] for r in results), f"{op}: protocols disagree"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cassettes_hold_no_secret(case: Case) -> None:
    text = case.cassette.read_text(encoding="utf-8")
    assert SECRET_KEY not in text and SECRET_EMAIL not in text
    assert "@" not in text.replace("redacted@example.invalid", "")


def test_a_request_that_differs_from_the_contract_is_refused() -> None:
    case = next(c for c in CASES if c.protocol.value == "soap11" and c.operation.params)
    module = importlib.import_module(case.module_name)
    args = call_arguments(case, interaction(case)["request"])
    # Secrets are scrubbed before matching, so change a parameter that is not one.
    plain = next(
        k for k, v in args.items() if isinstance(v, str) and v not in (SECRET_KEY, SECRET_EMAIL)
    )
    args[plain] = "not-the-documented-value"
    method = client_method(module, case.operation.name)
    with (
        recorder().use_cassette(str(case.cassette)),
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
