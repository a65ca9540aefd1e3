"""``python -m bench [--markdown]``: time, check and report every contender in one process.

All figures come from one process so they share interpreter, libraries, CPU frequency and heap
state; a ratio between separate runs would mostly measure the machine. The process always exits
0 when the contenders are correct: a missed target is a finding to report, not a crash. A wrong
answer from any contender (``BenchError``) does stop the run, since its timing would be void.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from bench import parsers, serialisers
from bench.contender import Contender
from bench.measure import best_time, peak_bytes
from bench.payload import REQUEST_ARGS, ROOT, images_list, soap_body
from bench.report import MemoryRow, Results, TimeRow, markdown, text_report, write_json

SIZES = (1, 100, 10_000)
MEMORY_N = 10_000
RESULTS_JSON = ROOT / ".bench" / "results.json"


def _schedule(n: int | None) -> tuple[int, float]:
    """(repeats, minimum seconds per repeat) for a payload of ``n`` images.

    Small payloads get 7 repeats of a loop lasting at least 50 ms. At 10 000 images one zeep or
    xsdata call takes over half a second, so 5 single-call repeats keep the run under a minute.
    """
    if n is not None and n >= 10_000:
        return 5, 0.0
    return 7, 0.05


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def time_group(
    operation: str, n: int | None, contenders: Sequence[Contender], source: Any, expected: Any
) -> list[TimeRow]:
    """Verify every contender on ``source``, then time each; ratios are to the first (floor)."""
    args = [c.prepare(source) for c in contenders]
    for contender, arg in zip(contenders, args, strict=True):
        contender.verify(contender.run(arg), expected)
    repeats, min_seconds = _schedule(n)
    timings = []
    for contender, arg in zip(contenders, args, strict=True):
        _progress(f"  {operation} N={'-' if n is None else f'{n:,}'}: {contender.key}")
        timings.append(best_time(contender.run, arg, repeats=repeats, min_seconds=min_seconds))
    floor = timings[0].seconds
    return [
        TimeRow(operation, n, c.key, c.label, t.seconds, t.seconds / floor, t.number, t.repeats)
        for c, t in zip(contenders, timings, strict=True)
    ]


def memory_rows(contenders: Sequence[Contender], body: bytes) -> list[MemoryRow]:
    """Peak heap of one parse per contender, each in its own tracemalloc session."""
    peaks = {}
    for contender in contenders:
        _progress(f"  memory N={MEMORY_N:,}: {contender.key}")
        peaks[contender.key] = (contender.label, peak_bytes(contender.run, contender.prepare(body)))
    zeep_peak = peaks["zeep"][1]
    return [MemoryRow(key, label, peak, peak / zeep_peak) for key, (label, peak) in peaks.items()]


def run() -> Results:
    parse_contenders = parsers.contenders()
    serialise_contenders = serialisers.response_contenders()
    times: list[TimeRow] = []
    bodies: dict[int, bytes] = {}
    for n in SIZES:
        expected = images_list(n)
        body = bodies[n] = soap_body(expected)
        _progress(f"N={n:,}: SOAP 1.1 response of {len(body):,} bytes")
        times += time_group("parse", n, parse_contenders, body, expected)
        times += time_group("serialise", n, serialise_contenders, expected, expected)
    request_fields = [(wire, value) for wire, value in REQUEST_ARGS.values()]
    times += time_group(
        "request", None, serialisers.request_contenders(), REQUEST_ARGS, request_fields
    )
    memory_body = bodies.get(MEMORY_N) or soap_body(images_list(MEMORY_N))
    return Results(
        times=times, memory=memory_rows(parse_contenders, memory_body), memory_n=MEMORY_N
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--markdown", action="store_true", help="print only the markdown tables for the README"
    )
    options = parser.parse_args(argv)
    results = run()
    write_json(results, RESULTS_JSON)
    _progress(f"wrote {RESULTS_JSON.relative_to(ROOT)}")
    print(markdown(results) if options.markdown else text_report(results))
    if not options.markdown:
        print("\nMarkdown for the README:\n")
        print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
