"""Replay every cassette against its generated binding: the contract verification of `make test`.

The matrix comes from the specs (every operation x protocol variant the WSDL declares), so a new
service is verified without a new test. A binding passes when vcrpy, in ``record_mode="none"``
with strict matchers, finds the documented request among the cassette's (so the binding sent
exactly the documented request) and the typed result agrees with the documented response.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest

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
    replay,
    rest_cases,
)
from tests.oracle import obj_plain, xml_plain
from wirekit.testing import ContractMismatch, read_contract
from wirekit.testing.transport import find_contract

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
        # compared as text trees: raw XML values (a DataSet) are lxml elements, equal by content
        first = obj_plain(results[0])
        assert all(obj_plain(r) == first for r in results), f"{op}: protocols disagree"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cassettes_hold_no_secret(case: Case) -> None:
    text = case.cassette.read_text(encoding="utf-8")
    assert SECRET_KEY not in text and SECRET_EMAIL not in text
    assert "@" not in text.replace("redacted@example.invalid", "")


def _changed(value: Any) -> Any:
    """A different value of the same type, or None when there is no obvious one."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float | Decimal):
        return value + 1
    if isinstance(value, str) and value not in (SECRET_KEY, SECRET_EMAIL):
        return value + "-changed"
    if isinstance(value, UUID):
        return UUID(int=value.int ^ 1)
    return None


def _departing(case: Case) -> tuple[str, Any] | None:
    """A parameter of ``case``'s documented call and a changed value for it, if any."""
    args = call_arguments(case, interaction(case)["request"])
    return next(((k, _changed(v)) for k, v in args.items() if _changed(v) is not None), None)


DEPARTING = [c for c in CASES if _departing(c) is not None]


@pytest.mark.parametrize("case", DEPARTING, ids=[c.id for c in DEPARTING])
def test_a_request_that_differs_from_the_contract_is_refused(case: Case) -> None:
    module = importlib.import_module(case.module_name)
    args = call_arguments(case, interaction(case)["request"])
    name, value = _departing(case)  # type: ignore[misc]
    args[name] = value
    with pytest.raises(ContractMismatch, match="--- documented"):
        replay(case, module, client_method(module, case.operation.name), args, use_async=False)


SOAP_GROUPS = sorted({(c.service.name, c.protocol.value) for c in CASES if c.protocol.is_soap})


@pytest.mark.parametrize(("service", "protocol"), SOAP_GROUPS)
def test_soap_calls_to_one_url_reach_their_own_contract(service: str, protocol: str) -> None:
    """Operations at one SOAP address are told apart by their action, or by the payload
    element when they share one: each documented request routes to its own contract.
    (One test per service and protocol: a pair per test would be quadratic in operations.)"""
    group = [c for c in CASES if c.service.name == service and c.protocol.value == protocol]
    contracts = [read_contract(c.cassette) for c in group]
    for case, contract in zip(group, contracts, strict=True):
        doc = contract.request
        request = httpx.Request(doc.method, doc.uri, headers=list(doc.headers), content=doc.body)
        assert find_contract(contracts, request) is contract, case.id
