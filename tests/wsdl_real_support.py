"""What the real-WSDL tests share: the fixtures, what is pending, and one generated
package per fixture per session (generation is the slow part)."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from lxml import etree

from codegen.model import Service
from codegen.pipeline import build
from codegen.write import write_tree
from tests.contracts_support import Case, cases

ROOT = Path(__file__).resolve().parent.parent


REAL = ROOT / "tests" / "fixtures" / "wsdl_real"


BINDINGS = ROOT / "tests" / "fixtures" / "wsdl_bindings"


REFUSED = "legacy_rpc_encoded_refused"


FIXTURES = {
    p.name: p
    for base in (REAL, BINDINGS)
    for p in sorted(base.iterdir())
    if p.is_dir() and (p / f"{p.name}.wsdl").exists() and p.name != REFUSED
}


#: Checks a fixture does not pass yet, by test (strict expected failures: the day one passes,
#: it must leave this table).
PENDING: dict[str, frozenset[str]] = {
    # The mock validates requests against the schema: these samples are not valid yet (an
    # abstract PrintItem without xsi:type, an empty required xs:any, a union value outside it).
    "mock": frozenset({"labels_contract_first", "ledger_raw_xml", "printshop_asmx"}),
}


#: zeep bugs the fixtures' README lists, excluded from the result comparison by name: zeep's
#: reading of these answers is wrong, so it cannot be the oracle there (the request still is).
ZEEP_MISREADS = {
    # DataTable shape: zeep ignores xs:any namespace=, the first wildcard takes the schema and
    # the diffgram, and it writes back nothing we could read.
    ("photolab_asmx", "GetContactSheet"),
    # XmlElement result: zeep reads an empty <UploadArtworkResult/> (mixed, one xs:any) as None
    # and writes back no element at all, which our client reports as a missing result.
    ("printshop_asmx", "UploadArtwork"),
}


#: Operations zeep cannot build at all, by name: it keys a binding's operations by name, so of
#: ASMX overloads (one name, MessageName AddInt/AddDouble) it keeps one. The contract replay
#: and routing tests still check both.
ZEEP_UNKNOWN = {("calc_overloads", "AddInt"), ("calc_overloads", "AddDouble")}


WSA = "http://www.w3.org/2005/08/addressing"


XS = "http://www.w3.org/2001/XMLSchema"


BLANK_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def fixtures(check: str = "") -> list[Any]:
    """Every fixture, those in ``PENDING[check]`` marked as expected (strict) failures."""
    out = []
    for name in sorted(FIXTURES):
        pending = name in PENDING.get(check, frozenset())
        marks = [pytest.mark.xfail(strict=True, reason="issue 8, XSD half")] if pending else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


@dataclasses.dataclass
class Generated:
    name: str
    root: Path
    service: Service
    module: ModuleType
    cases: list[Case]


_CACHE: dict[str, Generated] = {}


def generated(name: str, tmp_root: Path) -> Generated:
    """Generate fixture ``name`` once per session (per worker) and import its package."""
    if name in _CACHE:
        return _CACHE[name]
    root = tmp_root / name
    shutil.copytree(FIXTURES[name], root / "specs" / name)
    # What ruff and mypy need to judge generated code as the repository does.
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "wirekit").symlink_to(ROOT / "wirekit", target_is_directory=True)
    outputs = build(root)
    assert not outputs.errors, outputs.errors
    write_tree(root, "generated", outputs.generated)
    write_tree(root, "contracts", outputs.contracts)
    top = f"wsdlreal_{name}"
    package = root / "importable" / top
    shutil.copytree(root / "generated" / name, package / name)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(package.parent))
    module = importlib.import_module(f"{top}.{name}")
    service = outputs.services[0]
    found = [dataclasses.replace(c, package=f"{top}.{name}") for c in cases(outputs.services, root)]
    _CACHE[name] = Generated(name, root, service, module, found)
    return _CACHE[name]


def header_class(g: Generated, type_name: str) -> type:
    models = importlib.import_module(f"{g.module.__name__}.models")
    cls: type = next(
        getattr(models, n)
        for n in dir(models)
        if getattr(getattr(models, n), "__name__", "").lower() == type_name.lower()
    )
    return cls


def kiosk_call(g: Generated, reply: bytes, status: int = 200, **options: Any) -> Any:
    """A sync kiosk client over a transport answering ``reply``; returns (client, sent)."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(status, headers={"Content-Type": "text/xml"}, content=reply)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    return g.module.Client(http_client=http, **options), sent
