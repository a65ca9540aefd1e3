"""Interleaved round-by-round timing, ratios taken within a round, and tracemalloc peaks.

On a shared machine the speed of the CPU drifts over seconds: timing contenders one block after
another, keeping each one's best, lets that drift decide which one looks faster, and verdicts
flip between runs. So contenders run in *rounds*: each round runs every contender once on the
same input (``number`` calls, calibrated per contender so a round lasts long enough to dwarf the
clock's resolution), in an order rotated by one each round, so no contender is always first
after a collection or always last. A contender's ratio to a floor is taken *within* each round,
where both saw the same machine, and reported as the median over rounds with its spread.

Unlike ``timeit``, the garbage collector stays enabled: parsers that allocate a Python object
per element pay for collection in real use, and hiding that would flatter them against floors.
Each turn starts after an untimed full collection, so the collections a contender pays for are
the ones its own allocations trigger.
"""

from __future__ import annotations

import gc
import statistics
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter
from typing import Any

#: ``timer(number)`` runs ``number`` calls and returns the seconds they took.
Timer = Callable[[int], float]


@dataclass(frozen=True)
class Samples:
    #: Seconds per call, one figure per round, in round order.
    seconds: tuple[float, ...]
    #: Calls per round.
    number: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass(frozen=True)
class Spread:
    """Median of per-round ratios, with the interquartile range and the extremes."""

    median: float
    q1: float
    q3: float
    low: float
    high: float


def loop_timer(call: Callable[[Any], Any], arg: Any) -> Timer:
    def timer(number: int) -> float:
        start = perf_counter()
        for _ in range(number):
            call(arg)
        return perf_counter() - start

    return timer


def calibrate(timer: Timer, min_seconds: float) -> int:
    """``timeit.Timer.autorange``'s loop count: 1, 2, 5, 10, 20, … until a loop is long enough."""
    base = 1
    while True:
        for factor in (1, 2, 5):
            number = base * factor
            if timer(number) >= min_seconds:
                return number
        base *= 10


def interleaved(timers: Sequence[Timer], *, rounds: int, min_seconds: float) -> list[Samples]:
    """Per-call seconds of every timer in each of ``rounds`` rounds, order rotated per round.

    Calibration doubles as the warm-up. A full collection (untimed) before every contender's
    turn starts each one with an empty young generation: it pays for the collections its own
    allocations trigger, not for the garbage the previous contender left behind.
    """
    numbers = [calibrate(timer, min_seconds) for timer in timers]
    per_round: list[list[float]] = [[] for _ in timers]
    count = len(timers)
    for r in range(rounds):
        for i in [(r + k) % count for k in range(count)]:
            gc.collect()
            per_round[i].append(timers[i](numbers[i]) / numbers[i])
    return [
        Samples(tuple(seconds), number) for seconds, number in zip(per_round, numbers, strict=True)
    ]


def spread(values: Sequence[float]) -> Spread:
    if len(values) == 1:
        return Spread(values[0], values[0], values[0], values[0], values[0])
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(median, q1, q3, min(values), max(values))


def ratio_spread(samples: Sequence[float], reference: Sequence[float]) -> Spread:
    """Spread of per-round ratios ``samples[r] / reference[r]`` (same rounds, same machine)."""
    return spread([s / ref for s, ref in zip(samples, reference, strict=True)])


def peak_bytes(call: Callable[[Any], Any], arg: Any) -> int:
    """Peak Python heap during one call, result included, input excluded.

    Each measurement starts its own tracemalloc session after a full collection, so neither
    earlier garbage nor an earlier contender's peak is counted. tracemalloc sees only memory
    allocated through Python's allocators: libxml2's tree (lxml) is invisible to it.
    """
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = call(arg)
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak
