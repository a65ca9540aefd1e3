"""Results of one run: the text report, the README markdown, the targets and the JSON file."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

#: Target ratios, as the README states them.
PARSE_TARGET = 2.0
SERIALISE_TARGET = 2.0
#: Column order of the markdown table.
_COLUMNS = ("generated", "generated xml", "xsdata", "zeep", "floor")


@dataclass(frozen=True)
class TimeRow:
    operation: str  # "parse", "serialise" or "request"
    n: int | None  # images in the response; None for the constant-size request
    key: str
    label: str
    seconds: float
    ratio: float  # to the floor of the same operation and N
    number: int
    repeats: int


@dataclass(frozen=True)
class MemoryRow:
    key: str
    label: str
    peak_bytes: int
    ratio: float  # to zeep


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    limit: float
    unit: str

    @property
    def passed(self) -> bool:
        return self.value <= self.limit


@dataclass(frozen=True)
class Results:
    times: list[TimeRow]
    memory: list[MemoryRow]
    memory_n: int

    def row(self, operation: str, n: int | None, key: str) -> TimeRow:
        return next(r for r in self.times if (r.operation, r.n, r.key) == (operation, n, key))

    def targets(self) -> list[Target]:
        """Parse within 2x the lxml floor, serialise within 2x the f-string one, memory <= zeep."""
        sizes = sorted({r.n for r in self.times if r.n is not None})
        found = []
        for operation, limit in (("parse", PARSE_TARGET), ("serialise", SERIALISE_TARGET)):
            found += [
                Target(
                    f"{operation} ≤ {limit:g}× floor, N={n:,}",
                    self.row(operation, n, "generated").ratio,
                    limit,
                    "×",
                )
                for n in sizes
            ]
        generated = next(m for m in self.memory if m.key == "generated")
        name = f"peak memory ≤ zeep's, parse N={self.memory_n:,}"
        found.append(Target(name, generated.ratio, 1.0, "× zeep"))
        return found


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


def text_report(results: Results) -> str:
    env = environment()
    lines = [
        "GetImagesList: generated binding vs zeep, xsdata and floors "
        f"(Python {env['python']}, lxml {env['lxml']}, zeep {env['zeep']}, "
        f"xsdata {env['xsdata']}, {env['cpus']} CPUs)",
        "",
        f"{'operation':<10} {'N':>6}  {'implementation':<14} {'time/call':>12} {'× floor':>8}"
        "   best of",
    ]
    for r in results.times:
        lines.append(
            f"{r.operation:<10} {_n(r.n):>6}  {r.key:<14} {fmt_time(r.seconds):>12} "
            f"{r.ratio:>8.2f}   {r.repeats}×{r.number}"
        )
    lines += [
        "",
        f"Peak memory, parse N={results.memory_n:,} (tracemalloc: Python heap only, "
        "libxml2 trees not counted)",
        f"{'implementation':<14} {'peak':>12} {'× zeep':>8}",
    ]
    lines += [f"{m.key:<14} {fmt_bytes(m.peak_bytes):>12} {m.ratio:>8.2f}" for m in results.memory]
    lines += ["", "Targets"]
    lines += [
        f"  {t.name:<40} {t.value:>6.2f}{t.unit:<8} {'PASS' if t.passed else 'MISS'}"
        for t in results.targets()
    ]
    lines += ["", "What each row runs"]
    seen: set[tuple[str, str]] = set()
    for r in results.times:
        if (r.operation, r.key) not in seen:
            seen.add((r.operation, r.key))
            lines.append(f"  {r.operation:<10} {r.key:<14} {r.label}")
    return "\n".join(lines)


def markdown(results: Results) -> str:
    """One pivot table of times (ratio to floor in brackets), one of memory, then the targets."""
    keys = [k for k in _COLUMNS if any(r.key == k for r in results.times)]
    groups = list(dict.fromkeys((r.operation, r.n) for r in results.times))
    lines = [
        "| operation | N | " + " | ".join(keys) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in keys) + " |",
    ]
    for operation, n in groups:
        cells = []
        for key in keys:
            row = next(
                (r for r in results.times if (r.operation, r.n, r.key) == (operation, n, key)), None
            )
            cells.append("–" if row is None else f"{fmt_time(row.seconds)} ({row.ratio:.2f}×)")
        lines.append(f"| {operation} | {_n(n)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"| peak memory, parse N={results.memory_n:,} | tracemalloc peak | × zeep |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {m.key} | {fmt_bytes(m.peak_bytes)} | {m.ratio:.2f}× |" for m in results.memory]
    lines.append("")
    lines += [
        f"- {t.name}: {t.value:.2f}{t.unit} — **{'PASS' if t.passed else 'MISS'}**"
        for t in results.targets()
    ]
    return "\n".join(lines)


def write_json(results: Results, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "environment": environment(),
        "times": [asdict(r) for r in results.times],
        "memory": {"n": results.memory_n, "rows": [asdict(m) for m in results.memory]},
        "targets": [{**asdict(t), "passed": t.passed} for t in results.targets()],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
