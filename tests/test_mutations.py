"""Mutation test of the contract suite: every deliberate wire mutation (``tests/mutants.py``) of
the generated bindings or the runtime must make the contract checks fail.

A mutant is applied to a fresh copy of the service's generated package, imported under a name
of its own (runtime mutants patch ``wirekit`` first, so the copy binds the broken function);
then every contract case of the service runs through ``tests.contract_checks``. A mutant that
passes them all survived, which means a real bug of that kind would pass CI.
"""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from codegen.model import Protocol
from tests.contract_checks import verify_case, verify_required
from tests.contracts_support import ROOT, cases, rest_cases
from tests.mutants import MUTANTS, Mutant

ALL = [c for c in cases() + rest_cases() if c.protocol != Protocol.WEBHOOK]


def _mutated(mutant: Mutant, index: int, tmp: Path) -> ModuleType:
    top = f"polybind_mutant_{index}"
    package = tmp / top / mutant.service
    shutil.copytree(ROOT / "generated" / mutant.service, package)
    (tmp / top / "__init__.py").write_text("")
    if mutant.file:
        path = package / mutant.file
        text = path.read_text()
        assert mutant.old in text, f"mutant {mutant.name!r} no longer applies: {mutant.old!r}"
        path.write_text(text.replace(mutant.old, mutant.new, 1))
    sys.path.insert(0, str(tmp))
    try:
        return importlib.import_module(f"{top}.{mutant.service}")
    finally:
        sys.path.remove(str(tmp))


def _killed(mutant: Mutant, module: ModuleType) -> list[str]:
    """The contract cases that noticed ``mutant``."""
    noticed = []
    for case in (c for c in ALL if c.service.name == mutant.service):
        mutated = dataclasses.replace(case, package=module.__name__)
        try:
            verify_case(mutated, module)
            verify_required(mutated, module)
        except Exception as err:  # any failure of a check is the mutant being noticed
            noticed.append(f"{case.id}: {type(err).__name__}")
    return noticed


@pytest.mark.parametrize("index", range(len(MUTANTS)), ids=[m.name for m in MUTANTS])
def test_every_wire_mutation_is_caught(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mutant = MUTANTS[index]
    if mutant.patch is not None:
        mutant.patch(monkeypatch)
    module = _mutated(mutant, index, tmp_path)
    assert _killed(mutant, module), f"mutant {mutant.name!r} survived the contract checks"


def test_the_unmutated_bindings_pass_every_check(tmp_path: Path) -> None:
    """The control: the same checks on unchanged copies pass, so a kill is the mutation's."""
    for index, service in enumerate(sorted({m.service for m in MUTANTS})):
        module = _mutated(Mutant("none", service), 1000 + index, tmp_path)
        assert _killed(Mutant("none", service), module) == []


def test_there_are_at_least_thirty_mutants() -> None:
    assert len(MUTANTS) >= 30 and len({m.name for m in MUTANTS}) == len(MUTANTS)
