"""A result type named ``<Operation>Result`` (what many real services and the scaling bench's
synthetic WSDL call it) must not collide with the operation's own functions: once it did, and
every call of such a service recursed until Python gave up."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import sys
from pathlib import Path

from bench.scaling import synthetic_wsdl
from codegen.pipeline import build
from codegen.write import write_tree
from tests.contract_checks import verify_case
from tests.contracts_support import cases


def test_a_type_named_like_the_operations_result_decodes(tmp_path: Path) -> None:
    (tmp_path / "specs" / "big").mkdir(parents=True)
    (tmp_path / "specs" / "big" / "big.wsdl").write_text(synthetic_wsdl(2))
    outputs = build(tmp_path)
    assert not outputs.errors
    write_tree(tmp_path, "generated", outputs.generated)
    write_tree(tmp_path, "contracts", outputs.contracts)
    # Imported under a package name of its own: this worker's ``generated`` stays as it is.
    top = tmp_path / "importable" / "polybind_collision"
    shutil.copytree(tmp_path / "generated" / "big", top / "big")
    (top / "__init__.py").write_text("")
    sys.path.insert(0, str(top.parent))
    try:
        module = importlib.import_module("polybind_collision.big")
        assert any(t.name.endswith("Result") for t in outputs.services[0].schema.complex_types)
        for case in cases(outputs.services, tmp_path):
            verify_case(dataclasses.replace(case, package="polybind_collision.big"), module)
    finally:
        sys.path.remove(str(top.parent))
