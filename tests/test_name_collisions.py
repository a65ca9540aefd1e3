"""A result type named ``<Operation>Result`` (what many real services and the scaling bench's
synthetic WSDL call it) must not collide with the operation's own functions: once it did, and
every call of such a service recursed until Python gave up."""

from __future__ import annotations

from pathlib import Path

from bench.scaling import synthetic_wsdl
from tests.contract_checks import verify_scratch_service


def test_a_type_named_like_the_operations_result_decodes(tmp_path: Path) -> None:
    outputs = verify_scratch_service(tmp_path, "big", synthetic_wsdl(2), "polybind_collision")
    assert any(t.name.endswith("Result") for t in outputs.services[0].schema.complex_types)
