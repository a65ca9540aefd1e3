"""Best-of-N wall-clock timing and tracemalloc peaks, for one prepared call at a time.

Timing follows ``timeit.Timer.autorange`` (grow the loop count 1, 2, 5, 10, 20, … until one
repeat takes long enough to dwarf the clock's resolution) and reports the best repeat, because
the minimum is the figure least disturbed by the rest of the machine. Unlike ``timeit``, the
garbage collector stays enabled: parsers that allocate a Python object per element pay for
collection in real use, and hiding that would flatter them against the floors.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Any


@dataclass(frozen=True)
class Timing:
    seconds: float  # best time per call
    number: int  # calls per repeat
    repeats: int


def _loop(call: Callable[[Any], Any], arg: Any, number: int) -> float:
    start = perf_counter()
    for _ in range(number):
        call(arg)
    return perf_counter() - start


def _autorange(call: Callable[[Any], Any], arg: Any, min_seconds: float) -> tuple[int, float]:
    """The loop count whose repeat lasts at least ``min_seconds`` (and that repeat's time)."""
    base = 1
    while True:
        for factor in (1, 2, 5):
            number = base * factor
            elapsed = _loop(call, arg, number)
            if elapsed >= min_seconds:
                return number, elapsed
        base *= 10


def best_time(call: Callable[[Any], Any], arg: Any, *, repeats: int, min_seconds: float) -> Timing:
    """Best time per call over ``repeats`` repeats (the calibration counts as a warm-up)."""
    gc.collect()
    number, _ = _autorange(call, arg, min_seconds)
    best = min(_loop(call, arg, number) for _ in range(repeats))
    return Timing(seconds=best / number, number=number, repeats=repeats)


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
