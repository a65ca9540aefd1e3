"""Generation grows linearly with a service's operations (issue "scale to thousands of operations").

Wall-clock timing belongs to ``bench.scaling``; here the measure is mostly the number of Python
calls (``cProfile``'s count, generator resumptions included), which is deterministic: a lookup
that scans every type or every operation in Python shows up as calls growing faster than size.
"""

from __future__ import annotations

import cProfile
import gc
import pstats
from collections.abc import Callable
from dataclasses import replace
from time import perf_counter

from bench.scaling import synthetic_wsdl
from codegen.emit.cassettes import emit_cassettes
from codegen.emit.package import emit_package
from codegen.model import (
    XSD_NS,
    ComplexType,
    Element,
    EnumType,
    Exchange,
    HttpMessage,
    Operation,
    Protocol,
    Schema,
    Service,
    SourceLine,
    TypeRef,
    Variant,
    scalar,
)
from codegen.read.wsdl import read_wsdl_text

SMALL, LARGE = 25, 100
#: Calls may grow by the size ratio with this much slack (fixed costs shrink, never grow).
SLACK = 1.15


def _service(n: int) -> Service:
    return read_wsdl_text(synthetic_wsdl(n).encode("utf-8"), "big", "specs/big/big.wsdl")


def _calls(work: Callable[[], object]) -> int:
    profile = cProfile.Profile()
    profile.runcall(work)
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined,no-any-return]


def _assert_linear(step: Callable[[Service], object]) -> None:
    small, large = _service(SMALL), _service(LARGE)
    step(small)  # warm caches (imports, templates) outside the count
    ratio = _calls(lambda: step(large)) / _calls(lambda: step(small))
    assert ratio <= LARGE / SMALL * SLACK, f"calls grew {ratio:.2f}x for {LARGE / SMALL:.0f}x ops"


def test_reading_a_wsdl_is_linear() -> None:
    """Timed (the reader's scans would run in lxml, where no call is counted): best of five,
    sizes interleaved, the collector off so a full collection of a busy worker's heap is not
    charged to whichever run it lands in. Linear is about 4x for 4x the operations; a message
    and portType scan per operation made it 14x and more.
    """
    data = {n: synthetic_wsdl(n).encode("utf-8") for n in (LARGE, 4 * LARGE)}
    best = dict.fromkeys(data, float("inf"))
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            for n, text in data.items():
                start = perf_counter()
                read_wsdl_text(text, "big", "specs/big/big.wsdl")
                best[n] = min(best[n], perf_counter() - start)
    finally:
        gc.enable()
    ratio = best[4 * LARGE] / best[LARGE]
    assert ratio < 10, f"reading 4x the operations took {ratio:.1f}x as long"


def test_cassettes_are_linear() -> None:
    _assert_linear(emit_cassettes)


def test_package_is_linear() -> None:
    _assert_linear(lambda s: emit_package(s, "generated.big"))


# --- the indexes behind the lookups answer as the scans they replaced -------------------------


def _schema() -> Schema:
    a1 = ComplexType("A", (Element("x", scalar("int")),))
    a2 = ComplexType("A", (Element("y", scalar("int")),))
    return Schema("urn:t", (a1, a2), (EnumType("E", ("p",)), EnumType("E", ("q",))))


def test_schema_lookups_first_wins_and_namespace() -> None:
    schema = _schema()
    assert schema.complex_type(TypeRef("urn:t", "A")) is schema.complex_types[0]
    assert schema.enum(TypeRef("urn:t", "E")) is schema.enums[0]
    assert schema.complex_type(TypeRef("urn:other", "A")) is None
    assert schema.enum(TypeRef("urn:t", "A")) is None
    assert schema.complex_type(TypeRef(XSD_NS, "int")) is None


def test_indexes_are_not_part_of_equality() -> None:
    schema = _schema()
    schema.complex_type(TypeRef("urn:t", "A"))  # builds the index on this instance only
    assert schema == _schema() and replace(schema) == schema
    assert repr(schema) == repr(_schema())


def test_service_lookups() -> None:
    where = SourceLine("x", 1)
    v11, v12 = Variant(Protocol.SOAP11, "POST", "/s"), Variant(Protocol.SOAP12, "POST", "/s")
    op = Operation("Op", (), None, "", (v11, v12))
    twin = Operation("Op", (), None, "", (v12,))
    first = Exchange("Op", Protocol.SOAP11, HttpMessage(where, method="POST"), HttpMessage(where))
    second = replace(first, request=HttpMessage(where, method="GET"))
    service = Service(
        "s", "S", "urn:t", "https://h/", _schema(), (op, twin), exchanges=(first, second)
    )
    assert op.variant(Protocol.SOAP12) is v12 and op.variant(Protocol.HTTP_GET) is None
    assert service.operation("Op") is op and service.operation("Nope") is None
    assert service.exchange("Op", Protocol.SOAP11) is first
    assert service.exchange("Op", Protocol.SOAP12) is None
    assert service.protocols == (Protocol.SOAP11, Protocol.SOAP12) and not service.is_rest
