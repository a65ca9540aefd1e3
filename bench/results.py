"""What a bench run found: timed rows, memory peaks, generation scaling, and the targets.

Every ratio is the median of per-round ratios (see ``bench.measure``), so a target's verdict
rests on what the contenders did side by side, round after round, not on two unrelated bests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.measure import Spread, ratio_spread
from bench.scaling import ScalingRow, growth_exponent

#: Target ratios, as the README states them.
PARSE_TARGET = 2.0
TYPED_PARSE_TARGET = 1.3
SERIALISE_TARGET = 2.0
REQUEST_TARGET = 3.0
ROUND_TRIP_TARGET = 1.3
#: Generation targets: seconds per size, growth exponent, import of the 1000-operation client.
GENERATE_SECONDS = {1000: 10.0, 3000: 30.0}
GROWTH_TARGET = 1.1
#: The growth exponent's target is fitted from this size up: at 10 operations a run is mostly
#: interpreter and ruff start-up, a constant that flattens an all-sizes fit below 1.
TAIL_FROM = 100
IMPORT_N, IMPORT_SECONDS = 1000, 0.5
#: The operations of the round-trip table, and the reference of their targets.
ROUND_TRIPS = ("round trip", "round trip async")


@dataclass(frozen=True)
class TimeRow:
    operation: str  # "parse", "serialise", "request", "round trip", "round trip async"
    n: int | None  # images in the response; None for the constant-size request
    key: str
    label: str
    seconds: float  # median per-call time over the rounds
    ratio: Spread  # per-round ratio to the floor of the same operation and N
    number: int  # calls per round
    samples: tuple[float, ...]  # per-call seconds in each round


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
    #: Interquartile range of the per-round ratios, when the value is one.
    spread: tuple[float, float] | None = None

    @property
    def passed(self) -> bool:
        return self.value <= self.limit

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "MISS"


@dataclass(frozen=True)
class Results:
    times: list[TimeRow] = field(default_factory=list)
    memory: list[MemoryRow] = field(default_factory=list)
    memory_n: int = 0
    scaling: list[ScalingRow] = field(default_factory=list)

    def row(self, operation: str, n: int | None, key: str) -> TimeRow:
        return next(r for r in self.times if (r.operation, r.n, r.key) == (operation, n, key))

    def sizes(self, operation: str) -> list[int]:
        return sorted({r.n for r in self.times if r.operation == operation and r.n is not None})

    def ratio(self, operation: str, n: int | None, key: str, reference: str) -> Spread:
        """Median and spread of ``key``'s per-round ratio to ``reference``'s, same rounds."""
        own, ref = self.row(operation, n, key), self.row(operation, n, reference)
        return ratio_spread(own.samples, ref.samples)

    def _ratio_target(
        self, operation: str, n: int | None, reference: str, limit: float, what: str
    ) -> Target:
        spread = self.ratio(operation, n, "generated", reference)
        where = "" if n is None else f", N={n:,}"
        return Target(
            f"{what} ≤ {limit:g}× {reference}{where}",
            spread.median,
            limit,
            "×",
            (spread.q1, spread.q3),
        )

    def targets(self) -> list[Target]:
        found = self.time_targets()
        if self.memory:
            generated = next(m for m in self.memory if m.key == "generated")
            name = f"peak memory ≤ zeep's, parse N={self.memory_n:,}"
            found.append(Target(name, generated.ratio, 1.0, "× zeep"))
        return found + self.scaling_targets()

    def time_targets(self) -> list[Target]:
        """Parse vs both floors, serialise, whole request, round trips: generated, medians."""
        plan = [
            ("parse", "typed floor", TYPED_PARSE_TARGET, "parse"),
            ("parse", "floor", PARSE_TARGET, "parse"),
            ("serialise", "floor", SERIALISE_TARGET, "serialise"),
        ]
        plan += [(op, "httpx+lxml", ROUND_TRIP_TARGET, op) for op in ROUND_TRIPS]
        found = [
            self._ratio_target(operation, n, reference, limit, what)
            for operation, reference, limit, what in plan
            for n in self.sizes(operation)
        ]
        if any(r.operation == "request" for r in self.times):
            found.append(
                self._ratio_target("request", None, "floor", REQUEST_TARGET, "whole request")
            )
            # Context for the verdict above: what httpx itself costs to build any request.
            found.append(
                self._ratio_target(
                    "request", None, "httpx floor", REQUEST_TARGET, "whole request (httpx floor)"
                )
            )
        return found

    def scaling_targets(self) -> list[Target]:
        rows = {r.operations: r for r in self.scaling}
        found = [
            Target(
                f"generate {n:,} operations < {limit:g} s", rows[n].generate_seconds, limit, " s"
            )
            for n, limit in GENERATE_SECONDS.items()
            if n in rows
        ]
        if len([n for n in rows if n >= TAIL_FROM]) >= 2:
            name = f"generation growth exponent ≤ {GROWTH_TARGET:g} (≥ {TAIL_FROM} operations)"
            found.append(Target(name, self.tail_exponent(), GROWTH_TARGET, ""))
        if IMPORT_N in rows:
            name = f"import {IMPORT_N:,}-operation client ≤ {IMPORT_SECONDS:g} s"
            found.append(Target(name, rows[IMPORT_N].import_seconds, IMPORT_SECONDS, " s"))
        return found

    def exponent(self) -> float:
        return growth_exponent(self.scaling)

    def tail_exponent(self) -> float:
        tail = [r for r in self.scaling if r.operations >= TAIL_FROM]
        return growth_exponent(tail) if len(tail) >= 2 else float("nan")
