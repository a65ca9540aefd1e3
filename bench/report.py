"""Text and markdown reports of a bench run, and ``.bench/results.json``."""

from __future__ import annotations

import json
import math
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from bench.results import ROUND_TRIPS, TAIL_FROM, Results, Target, TimeRow
from bench.scaling import growth_exponent

#: Column order of the markdown tables.
_COLUMNS = (
    "floor",
    "typed floor",
    "httpx floor",
    "httpx+lxml",
    "generated",
    "generated xml",
    "xsdata",
    "zeep",
)


def environment() -> dict[str, object]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        **{pkg: version(pkg) for pkg in ("lxml", "httpx", "zeep", "xsdata")},
    }


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:,.2f} ms"
    return f"{seconds:,.3f} s"


def fmt_bytes(count: int) -> str:
    return f"{count / 2**20:,.2f} MiB"


def _n(n: int | None) -> str:
    return "–" if n is None else f"{n:,}"


def _iqr(row: TimeRow) -> str:
    return f"{row.ratio.q1:.2f}–{row.ratio.q3:.2f}"


def _target_line(t: Target, markdown: bool) -> str:
    spread = "" if t.spread is None else f" (IQR {t.spread[0]:.2f}–{t.spread[1]:.2f})"
    if markdown:
        return f"- {t.name}: {t.value:.2f}{t.unit}{spread} — **{t.verdict}**"
    return f"  {t.verdict}  {t.name:<46} {t.value:>7.2f}{t.unit:<7}{spread}"


def _time_lines(results: Results) -> list[str]:
    env = environment()
    lines = [
        "GetImagesList: generated binding vs zeep, xsdata and floors "
        f"(Python {env['python']}, lxml {env['lxml']}, zeep {env['zeep']}, "
        f"xsdata {env['xsdata']}, {env['cpus']} CPUs)",
        "Contenders interleaved round by round (order rotated); times are medians over rounds,",
        "ratios the median of per-round ratios to the group's floor, with IQR and min–max.",
        "",
        f"{'operation':<17} {'N':>6}  {'implementation':<14} {'median/call':>12} {'× floor':>8}"
        f"  {'IQR':>11}  {'min–max':>11}  rounds×calls",
    ]
    lines += [
        f"{r.operation:<17} {_n(r.n):>6}  {r.key:<14} {fmt_time(r.seconds):>12} "
        f"{r.ratio.median:>8.2f}  {_iqr(r):>11}  {r.ratio.low:>5.2f}–{r.ratio.high:<5.2f}"
        f"  {len(r.samples)}×{r.number}"
        for r in results.times
    ]
    return lines


def text_report(results: Results) -> str:
    lines = _time_lines(results) if results.times else []
    if results.memory:
        lines += [
            "",
            f"Peak memory, parse N={results.memory_n:,} (tracemalloc: Python heap only, "
            "libxml2 trees not counted)",
            f"{'implementation':<14} {'peak':>12} {'× zeep':>8}",
        ]
        lines += [
            f"{m.key:<14} {fmt_bytes(m.peak_bytes):>12} {m.ratio:>8.2f}" for m in results.memory
        ]
    if results.scaling:
        lines += ["", "Generation scaling (synthetic ASMX WSDL, fresh subprocesses)"]
        lines += scaling_table(results)
        lines += ["", f"Loading the generated client ({LOAD_TITLE})"]
        lines += load_table(results)
    lines += ["", "Targets"]
    lines += [_target_line(t, markdown=False) for t in results.targets()]
    if results.times:
        lines += ["", "What each row runs"]
        seen = dict.fromkeys((r.operation, r.key, r.label) for r in results.times)
        lines += [f"  {op:<17} {key:<14} {label}" for op, key, label in seen]
    return "\n".join(lines)


def _pivot(results: Results, operations: tuple[str, ...], title: str) -> list[str]:
    """One pivot table: a row per (operation, N), a column per contender present."""
    rows = [r for r in results.times if r.operation in operations]
    keys = [k for k in _COLUMNS if any(r.key == k for r in rows)]
    cells: dict[tuple[str, int | None], dict[str, str]] = {}
    for r in rows:
        cell = f"{fmt_time(r.seconds)} ({r.ratio.median:.2f}×, {_iqr(r)})"
        cells.setdefault((r.operation, r.n), {})[r.key] = cell
    lines = [
        f"| {title} | N | " + " | ".join(keys) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in keys) + " |",
    ]
    lines += [
        f"| {op} | {_n(n)} | " + " | ".join(found.get(k, "–") for k in keys) + " |"
        for (op, n), found in cells.items()
    ]
    return lines


def scaling_table(results: Results, markdown: bool = False) -> list[str]:
    head = (
        "operations",
        "WSDL",
        "generate (runs)",
        "CPU",
        "generated .py",
        "import",
        "import peak RSS",
    )
    rows = [
        (
            f"{r.operations:,}",
            fmt_bytes(r.wsdl_bytes),
            f"{r.generate_seconds:.2f} s ({', '.join(f'{w:.1f}' for w in r.generate_runs)})",
            f"{r.generate_cpu_seconds:.2f} s",
            fmt_bytes(r.generated_bytes),
            f"{r.import_seconds:.3f} s",
            fmt_bytes(r.import_peak_rss_bytes),
        )
        for r in results.scaling
    ]
    footer = (
        f"growth exponent (least squares on log-log): {results.exponent():.2f} over all sizes, "
        f"{results.tail_exponent():.2f} over ≥ {TAIL_FROM} operations (the target's: below "
        "that, interpreter and ruff start-up dominate)"
    )
    if len(results.scaling) >= 2:
        last = results.scaling[-2:]
        footer += (
            f"; {growth_exponent(last):.2f} from {last[0].operations:,} to "
            f"{last[1].operations:,} operations"
        )
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + " ---: |" * len(head)]
        return [*lines, *("| " + " | ".join(row) + " |" for row in rows), "", footer]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    table = [head, *rows]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in table]
    return [*lines, footer]


#: What the load table measures.
LOAD_TITLE = (
    "fresh interpreter: import the package, then the first call of one operation over "
    "httpx.MockTransport with its documented answer; peak RSS after each"
)


def load_table(results: Results, markdown: bool = False) -> list[str]:
    """Import and first-call time and peak RSS per size, without and with ``.pyc`` files."""
    head = ("operations", ".pyc", "import", "peak RSS", "first call", "peak RSS after call")
    rows = [
        (
            f"{r.operations:,}",
            pyc,
            f"{seconds:.3f} s",
            fmt_bytes(rss),
            f"{call:.3f} s",
            fmt_bytes(call_rss),
        )
        for r in results.scaling
        for pyc, seconds, rss, call, call_rss in (
            ("no", r.import_seconds, r.import_peak_rss_bytes, r.call_seconds,
             r.call_peak_rss_bytes),
            ("yes", r.pyc_import_seconds, r.pyc_import_peak_rss_bytes, r.pyc_call_seconds,
             r.pyc_call_peak_rss_bytes),
        )
    ]  # fmt: skip
    return _table(head, rows, markdown)


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + " ---: |" * len(head)]
        return [*lines, *("| " + " | ".join(row) + " |" for row in rows)]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    table = [head, *rows]
    return ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in table]


def markdown(results: Results) -> str:
    """Pivot tables of times (median ratio to floor, IQR), memory, scaling, then the targets."""
    lines: list[str] = []
    if results.times:
        operations = dict.fromkeys(r.operation for r in results.times)
        codec_ops = tuple(op for op in operations if op not in ROUND_TRIPS)
        lines += _pivot(results, codec_ops, "operation")
        lines += ["", *_pivot(results, ROUND_TRIPS, "end to end")]
    if results.memory:
        lines += [
            "",
            f"| peak memory, parse N={results.memory_n:,} | tracemalloc peak | × zeep |",
            "| --- | ---: | ---: |",
        ]
        lines += [
            f"| {m.key} | {fmt_bytes(m.peak_bytes)} | {m.ratio:.2f}× |" for m in results.memory
        ]
    if results.scaling:
        lines += ["", *scaling_table(results, markdown=True)]
        lines += ["", f"Loading the generated client ({LOAD_TITLE}):", ""]
        lines += load_table(results, markdown=True)
    lines.append("")
    lines += [_target_line(t, markdown=True) for t in results.targets()]
    return "\n".join(lines)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def write_json(results: Results, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document: dict[str, object] = {"environment": environment()}
    if results.times:
        document["times"] = [asdict(r) for r in results.times]
    if results.memory:
        document["memory"] = {"n": results.memory_n, "rows": [asdict(m) for m in results.memory]}
    if results.scaling:
        document["scaling"] = {
            "rows": [asdict(r) for r in results.scaling],
            "exponent": results.exponent(),
            "exponent_from": {"operations": TAIL_FROM, "value": _finite(results.tail_exponent())},
        }
    document["targets"] = [{**asdict(t), "passed": t.passed} for t in results.targets()]
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
