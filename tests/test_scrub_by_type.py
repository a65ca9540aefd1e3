"""Cassette scrubbing goes by declared type: a field whose name says "email" or "key" but whose
type is a number keeps its number (an e-mail placeholder there would make the contract's own
answer unreadable), while text fields so named are still scrubbed."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import sys
from pathlib import Path

from codegen.pipeline import build
from codegen.write import write_tree
from tests.contract_checks import verify_case
from tests.contracts_support import ROOT, cases


def test_a_number_named_like_an_email_keeps_its_value(tmp_path: Path) -> None:
    wsdl = (ROOT / "specs" / "pixelz" / "pixelz.wsdl").read_text()
    (tmp_path / "specs" / "typed").mkdir(parents=True)
    renamed = wsdl.replace('"StatusId"', '"EmailStatusId"').replace('"IsPaid"', '"ApiKeyPaid"')
    (tmp_path / "specs" / "typed" / "typed.wsdl").write_text(renamed)
    outputs = build(tmp_path)
    assert not outputs.errors
    write_tree(tmp_path, "generated", outputs.generated)
    write_tree(tmp_path, "contracts", outputs.contracts)
    answer = (tmp_path / "contracts" / "typed" / "GetImagesList.http_get.yaml").read_text()
    assert "<EmailStatusId>redacted" not in answer and "<ApiKeyPaid>REDACTED" not in answer
    assert "<contactEmail>" not in answer or "redacted@example.invalid" in answer
    top = tmp_path / "importable" / "polybind_typed"
    shutil.copytree(tmp_path / "generated" / "typed", top / "typed")
    (top / "__init__.py").write_text("")
    sys.path.insert(0, str(top.parent))
    try:
        module = importlib.import_module("polybind_typed.typed")
        for case in cases(outputs.services, tmp_path):
            verify_case(dataclasses.replace(case, package="polybind_typed.typed"), module)
    finally:
        sys.path.remove(str(top.parent))
