"""pytest plugin: end `make test` with the contract coverage table (operation x protocol)."""

from __future__ import annotations

from typing import Any

import pytest

PROTOCOLS = ("soap11", "soap12", "http_get", "http_post", "rest", "webhook")
_outcomes: dict[tuple[str, str], list[str]] = {}
#: Seconds each contract replay took (the call phase), for the per-binding cost line.
_durations: list[float] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "test_binding_honours_contract" not in report.nodeid or (
        report.when != "call" and not (report.when == "setup" and report.failed)
    ):
        return
    case = report.nodeid.split("[", 1)[1].rstrip("]").split("-", 1)[-1]
    service_op, _, protocol = case.rpartition("/")
    _outcomes.setdefault((service_op, protocol), []).append(report.outcome)
    if report.when == "call":
        _durations.append(report.duration)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _outcomes:
        return
    from tests.contracts_support import cases, rest_cases

    # The matrix is read once: operation → the protocols it declares (linear in bindings).
    declared: dict[str, set[str]] = {}
    for case in cases() + rest_cases():
        declared.setdefault(f"{case.service.name}/{case.operation.name}", set()).add(
            case.protocol.value
        )
    rows: dict[str, dict[str, str]] = {op: {} for op in declared}
    for (op, protocol), outcomes in _outcomes.items():
        rows.setdefault(op, {})[protocol] = (
            "verified" if all(o == "passed" for o in outcomes) else "FAILED"
        )
    write = terminalreporter.write_line
    write("")
    write("Contract coverage (sync and async clients replayed against each cassette):")
    write(f"{'operation':45} " + " ".join(f"{p:10}" for p in PROTOCOLS))
    verified = total = 0
    for op in sorted(rows):
        cells = []
        for p in PROTOCOLS:
            status = rows[op].get(p, "missing")
            status = status if p in declared.get(op, ()) or status != "missing" else "-"
            total += status != "-"
            verified += status == "verified"
            cells.append(f"{status:10}")
        write(f"{op:45} " + " ".join(cells))
    write(f"{verified}/{total} operation x protocol bindings verified")
    if _durations:
        ordered = sorted(_durations)
        median = ordered[len(ordered) // 2]
        write(
            f"per-binding cost: median {median * 1000:.1f} ms, slowest {ordered[-1] * 1000:.1f} ms "
            f"over {len(ordered)} replays (sync and async)"
        )
