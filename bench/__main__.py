"""``python -m bench [--markdown] [--scaling] [--full]``: time, check and report every contender.

All timing figures come from one process so they share interpreter, libraries, CPU frequency and
heap state; a ratio between separate runs would mostly measure the machine. Within the process,
contenders of one group run interleaved round by round and every ratio is a median of per-round
ratios (``bench.measure``), so verdicts do not hinge on which contender had the quiet second.
The generation-scaling section (``bench.scaling``) runs the generator in subprocesses.

The process always exits 0 when the contenders are correct: a missed target is a finding to
report, not a crash. A wrong answer from any contender (``BenchError``) does stop the run, since
its timing would be void.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from bench import parsers, roundtrip, scaling, serialisers
from bench.contender import Contender
from bench.measure import interleaved, peak_bytes, ratio_spread
from bench.payload import REQUEST_ARGS, ROOT, images_list, soap_body
from bench.report import markdown, text_report, write_json
from bench.results import MemoryRow, Results, TimeRow

SIZES = (1, 100, 10_000)
ROUND_TRIP_SIZES = (1, 100)
MEMORY_N = 10_000
RESULTS_JSON = ROOT / ".bench" / "results.json"
SCALING_JSON = ROOT / ".bench" / "scaling.json"


def _schedule(n: int | None) -> tuple[int, float]:
    """(rounds, minimum seconds per contender per round) for a payload of ``n`` images.

    Small payloads get 15 rounds, each contender looping for at least 20 ms per round. At
    10 000 images one zeep or xsdata call takes about a second, so 7 single-call rounds keep
    the whole run near a minute.
    """
    if n is not None and n >= 10_000:
        return 7, 0.0
    return 15, 0.02


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def time_group(
    operation: str, n: int | None, contenders: Sequence[Contender], source: Any, expected: Any
) -> list[TimeRow]:
    """Verify every contender on ``source``, then time them interleaved; floor first."""
    args = [c.prepare(source) for c in contenders]
    for contender, arg in zip(contenders, args, strict=True):
        contender.verify(contender.run(arg), expected)
    rounds, min_seconds = _schedule(n)
    _progress(f"  {operation} N={'-' if n is None else f'{n:,}'}: {len(contenders)} × {rounds}")
    timers = [c.make_timer(arg) for c, arg in zip(contenders, args, strict=True)]
    samples = interleaved(timers, rounds=rounds, min_seconds=min_seconds)
    floor = samples[0].seconds
    return [
        TimeRow(
            operation,
            n,
            c.key,
            c.label,
            s.median,
            ratio_spread(s.seconds, floor),
            s.number,
            s.seconds,
        )
        for c, s in zip(contenders, samples, strict=True)
    ]


def memory_rows(contenders: Sequence[Contender], body: bytes) -> list[MemoryRow]:
    """Peak heap of one parse per contender, each in its own tracemalloc session."""
    peaks = {}
    for contender in contenders:
        _progress(f"  memory N={MEMORY_N:,}: {contender.key}")
        peaks[contender.key] = (contender.label, peak_bytes(contender.run, contender.prepare(body)))
    zeep_peak = peaks["zeep"][1]
    return [MemoryRow(key, label, peak, peak / zeep_peak) for key, (label, peak) in peaks.items()]


def run_codecs(bodies: dict[int, bytes]) -> list[TimeRow]:
    """Parse and serialise at every size, then the constant-size request."""
    parse_contenders = parsers.contenders()
    serialise_contenders = serialisers.response_contenders()
    times: list[TimeRow] = []
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
    return times


def run_round_trips(bodies: dict[int, bytes]) -> list[TimeRow]:
    times: list[TimeRow] = []
    groups = (
        ("round trip", roundtrip.sync_contenders()),
        ("round trip async", roundtrip.async_contenders()),
    )
    for operation, contenders in groups:
        for n in ROUND_TRIP_SIZES:
            expected = images_list(n)
            times += time_group(operation, n, contenders, bodies[n], expected)
    return times


def run_scaling(full: bool) -> list[scaling.ScalingRow]:
    rows = []
    for n in scaling.FULL_SIZES if full else scaling.QUICK_SIZES:
        _progress(f"generation scaling: {n:,} operations")
        rows.append(scaling.measure_size(n))
    return rows


def run(*, timings: bool, scaled: bool, full: bool) -> Results:
    if not timings:
        return Results(scaling=run_scaling(full))
    bodies: dict[int, bytes] = {}
    times = run_codecs(bodies)
    times += run_round_trips(bodies)
    memory = memory_rows(parsers.contenders(), bodies[MEMORY_N])
    rows = run_scaling(full) if scaled else []
    return Results(times=times, memory=memory, memory_n=MEMORY_N, scaling=rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--markdown", action="store_true", help="print only the markdown tables for the README"
    )
    parser.add_argument(
        "--scaling", action="store_true", help="only the generation-scaling section"
    )
    parser.add_argument(
        "--full", action="store_true", help="scaling up to 3000 operations (about 6 minutes)"
    )
    parser.add_argument(
        "--no-scaling", action="store_true", help="skip the generation-scaling section"
    )
    options = parser.parse_args(argv)
    results = run(timings=not options.scaling, scaled=not options.no_scaling, full=options.full)
    path = SCALING_JSON if options.scaling else RESULTS_JSON
    write_json(results, path)
    _progress(f"wrote {path.relative_to(ROOT)}")
    print(markdown(results) if options.markdown else text_report(results))
    if not options.markdown:
        print("\nMarkdown for the README:\n")
        print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
