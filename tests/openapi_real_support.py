"""The published-shape OpenAPI fixtures (``tests/fixtures/openapi_real``), generated once per
session into a scratch root as a user would drop them into ``specs/`` (no edits), imported
under private names, with what ruff and mypy need to judge them as the repository does."""

from __future__ import annotations

import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from codegen.model import Service
from codegen.pipeline import Outputs, build
from codegen.write import write_tree
from tests.contracts_support import ROOT
from tests.unseen_support import import_package

FIXTURES = ROOT / "tests" / "fixtures" / "openapi_real"
#: Every fixture that must generate as published (``bad_examples`` must not).
GOOD = ("image_editing", "media_library", "print_orders", "shelter", "simple_json_crud")


@dataclass
class Real:
    root: Path
    outputs: Outputs
    modules: dict[str, ModuleType]

    def service(self, name: str) -> Service:
        return next(s for s in self.outputs.services if s.name == name)


@pytest.fixture(scope="session")
def real() -> Iterator[Real]:
    with tempfile.TemporaryDirectory(prefix="polybind-openapi-real.") as tmp:
        root = Path(tmp)
        for name in GOOD:
            shutil.copytree(FIXTURES / name, root / "specs" / name)
        shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
        (root / "wirekit").symlink_to(ROOT / "wirekit", target_is_directory=True)
        outputs = build(root)
        write_tree(root, "generated", outputs.generated)
        write_tree(root, "contracts", outputs.contracts)
        token = uuid.uuid4().hex[:8]
        modules = {
            s.name: import_package(f"_real_{token}_{s.name}", root / "generated" / s.name)
            for s in outputs.services
        }
        try:
            yield Real(root, outputs, modules)
        finally:
            for key in [k for k in sys.modules if k.startswith(f"_real_{token}")]:
                del sys.modules[key]
