"""Every operation x protocol cassette of the unseen specs, replayed against the generated clients.

The strict matchers of ``tests/contracts_support.py`` check that the binding sends the
documented request; the typed result is compared with the documented response read without the
generated codecs (``tests/oracle.py``, ``value_from_xml``).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.contracts_support import (
    call,
    call_arguments,
    documented_result,
    interaction,
    recorder,
    value_from_xml,
)
from tests.oracle import normalise_list_result, obj_plain, xml_plain
from tests.unseen_support import CASE_IDS, SERVICE_NAMES, Built, unseen

__all__ = ["unseen"]


@pytest.mark.parametrize("case_id", CASE_IDS)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_unseen_contract_replays(unseen: Built, case_id: str, mode: str) -> None:
    case = unseen.case(case_id)
    result = call(case, use_async=mode == "async")
    documented = documented_result(case, interaction(case))
    if case.operation.result is None:
        assert result is None
        return
    assert documented is not None
    expected = xml_plain(documented)
    got = obj_plain(result)
    assert got == normalise_list_result(expected, got)


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_unseen_protocols_agree(unseen: Built, service: str) -> None:
    by_op: dict[str, list[Any]] = {}
    for case in (c for c in unseen.cases() if c.service.name == service):
        result = call(case, use_async=False)
        by_op.setdefault(case.operation.name, []).append(result)
        # Each one also equals its own documented answer, read from the schema alone.
        documented = documented_result(case, interaction(case))
        result_type = case.operation.result
        expected = (
            None if result_type is None else value_from_xml(case, result_type.type, documented)
        )
        assert result == expected, f"{case.id}: not the documented result"
    for op, results in by_op.items():
        assert all(r == results[0] for r in results), f"{op}: protocols disagree"


def test_a_changed_argument_is_refused_by_the_cassette(unseen: Built) -> None:
    """The replay can fail: a request departing from the documented one finds no match."""
    from vcr.errors import CannotOverwriteExistingCassetteException

    for protocol in ("soap12", "http_get", "http_post"):
        case = unseen.case(f"inventory/UpdatePrice/{protocol}")
        args = call_arguments(case, interaction(case)["request"])
        args["price"] = args["price"] + 1
        module = unseen.package("inventory")
        with (
            recorder().use_cassette(str(case.cassette)),
            module.Client(protocol=protocol) as client,
            pytest.raises(CannotOverwriteExistingCassetteException),
        ):
            client.update_price(**args)
