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
    documented_result,
    interaction,
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
    by_op: dict[tuple[str, str], list[Any]] = {}
    for case in (c for c in unseen.cases() if c.service.name == service):
        result = call(case, use_async=False)
        # Each one also equals its own documented answer, read from the schema alone; results
        # agree across protocols wherever their documented answers do.
        documented = documented_result(case, interaction(case))
        key = repr(xml_plain(documented)) if documented is not None else ""
        by_op.setdefault((case.operation.name, key), []).append(result)
        result_type = case.operation.result
        expected = (
            None if result_type is None else value_from_xml(case, result_type.type, documented)
        )
        assert result == expected, f"{case.id}: not the documented result"
    for (op, _), results in by_op.items():
        assert all(r == results[0] for r in results), f"{op}: protocols disagree"
