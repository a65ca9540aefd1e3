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
import yaml

from codegen.model import Service
from codegen.pipeline import Outputs, build
from codegen.write import write_tree
from tests.contracts_support import ROOT
from tests.unseen_support import import_package

FIXTURES = ROOT / "tests" / "fixtures" / "openapi_real"
#: Our own further shapes (``tests/fixtures/openapi_more/README.md``).
MORE = ROOT / "tests" / "fixtures" / "openapi_more"
#: Every fixture, which must generate as published (``bad_examples`` too: its bad answer
#: example is a defect, the contract answers with a valid sample), and its folder: any
#: document dropped into either fixture folder is picked up.
FOLDERS = {
    p.name: p
    for base in (FIXTURES, MORE)
    for p in sorted(base.iterdir())
    if p.is_dir() and any(p.glob("openapi.*"))
}
GOOD = tuple(FOLDERS)
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def operation_count(name: str) -> int:
    """How many operations the fixture's document declares (read without the generator)."""
    folder = FOLDERS[name]
    path = next(p for p in folder.iterdir() if p.name.startswith("openapi."))
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return sum(1 for item in doc["paths"].values() for m in _METHODS if m in item)


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
        for name, folder in FOLDERS.items():
            shutil.copytree(folder, root / "specs" / name)
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
