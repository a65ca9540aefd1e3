"""Shared fixtures and helpers of the tests of specs the generator has never seen.

``tests/fixtures/unseen/`` holds services unlike the seeds: a hand-written ASMX WSDL with all
four bindings (``inventory``: every xsd scalar ASMX uses, an enumeration, ``ArrayOfX`` lists
nested two deep, nillable values, parameterless, void and SOAP-only operations, results that are
a scalar, an enum or a list), and ASMX help pages (``shipping``: all protocols, a SOAP-only page,
a list parameter; ``ledger``: SOAP-only markdown captures). A scratch root gets only those specs,
``codegen.pipeline.build`` generates them exactly as ``make generate`` would, and the packages
are imported under unique names (the session fixture ``unseen``, built once per worker).
"""

from __future__ import annotations

import base64
import importlib
import importlib.util
import re
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from lxml import etree

from codegen.model import Service, TypeRef
from codegen.pipeline import Outputs, build, load_service
from codegen.write import write_file, write_tree
from tests.contracts_support import (
    ROOT,
    Case,
    call_arguments,
    cases,
    client_method,
    interaction,
    value_from_xml,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "unseen"
SERVICE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class Built:
    root: Path
    outputs: Outputs
    #: service name -> module name the generated package was imported as
    packages: dict[str, str]

    def service(self, name: str) -> Service:
        return next(s for s in self.outputs.services if s.name == name)

    def package(self, name: str) -> ModuleType:
        return sys.modules[self.packages[name]]

    def module(self, name: str, sub: str) -> ModuleType:
        # Submodules load on first use (wirekit.lazy): import rather than look up.
        return importlib.import_module(f"{self.packages[name]}.{sub}")

    def cases(self) -> list[Case]:
        return cases(self.outputs.services, self.root, self.packages)

    def case(self, case_id: str) -> Case:
        return next(c for c in self.cases() if c.id == case_id)

    def read(self, service: str, type_name: str, element: etree._Element) -> Any:
        """``element`` read as a value of ``type_name`` from the schema alone (no codecs)."""
        case = next(c for c in self.cases() if c.service.name == service)
        return value_from_xml(case, TypeRef(case.service.namespace, type_name), element)


def import_package(name: str, folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _build(root: Path) -> Built:
    for name in SERVICE_NAMES:
        shutil.copytree(FIXTURES / name, root / "specs" / name)
    # What ruff and mypy need to judge generated code as the repository does.
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "wirekit").symlink_to(ROOT / "wirekit", target_is_directory=True)
    outputs = build(root)
    for rel, text in outputs.spec_files:
        write_file(root / rel, text)
    write_tree(root, "generated", outputs.generated)
    write_tree(root, "contracts", outputs.contracts)
    token = uuid.uuid4().hex[:8]
    packages = {}
    for service in outputs.services:
        packages[service.name] = f"_unseen_{token}_{service.name}"
        import_package(packages[service.name], root / "generated" / service.name)
    return Built(root, outputs, packages)


#: The one scratch root of this worker: each test module imports the fixture, which pytest then
#: registers once per module, so the root itself is kept here.
_BUILT: list[Built] = []


@pytest.fixture(scope="session")
def unseen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The fixture specs generated into a scratch root, as `make generate` writes them."""
    if not _BUILT:
        _BUILT.append(_build(tmp_path_factory.mktemp("unseen_root")))
    yield _BUILT[0]
    for package in _BUILT[0].packages.values():
        for module in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
            del sys.modules[module]


# The case matrix is read at collection time from the fixture specs alone (no files written), so
# every xdist worker sees the same test ids.
_MODELS = tuple(
    s for s in (load_service(FIXTURES, FIXTURES / n)[0] for n in SERVICE_NAMES) if s is not None
)
CASE_IDS = [c.id for c in cases(_MODELS)]
PROTOCOLS = ["soap11", "soap12", "http_get", "http_post"]


# --- fake servers ------------------------------------------------------------------------------


def sent(unseen: Built, protocol: str, op: str, args: dict[str, Any]) -> httpx.Request:
    """The request the inventory client sends for ``op(**args)``."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500, text="stop")

    module = unseen.package("inventory")
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        module.Client(protocol=protocol, http_client=http) as client,
        pytest.raises(module.HttpStatusError),
    ):
        getattr(client, op)(**args)
    (request,) = seen
    return request


def soap_payload(request: httpx.Request) -> etree._Element:
    """The operation element inside a SOAP request's Body."""
    return etree.fromstring(request.content, PARSER).find("{*}Body")[0]  # type: ignore[index]


def http_pairs_text(request: httpx.Request, protocol: str) -> str:
    """The query (HTTP GET) or form body (HTTP POST) of a request."""
    return request.url.query.decode() if protocol == "http_get" else request.content.decode()


def replay_with(case: Case, mutate: Callable[[etree._Element], None]) -> Any:
    """Call ``case`` against its documented response, changed by ``mutate(result_element)``."""
    documented = interaction(case)
    body = documented["response"]["body"]["string"].encode()
    tree = etree.fromstring(body, PARSER)
    mutate(tree)
    payload = etree.tostring(tree, xml_declaration=True, encoding="utf-8")
    ctype = documented["response"]["headers"]["Content-Type"][0]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=payload, headers={"Content-Type": ctype})

    module = sys.modules[case.module_name]
    args = call_arguments(case, documented["request"])
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        module.Client(protocol=case.protocol.value, http_client=http) as client,
    ):
        return getattr(client, client_method(module, case.operation.name))(**args)


def canonical(xml: str | bytes) -> str:
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data.strip(), PARSER)
    text: str = etree.canonicalize(
        etree.tostring(root).decode(), strip_text=True, rewrite_prefixes=True
    )
    return text


# --- an independent reading of xsd lexical forms ------------------------------------------------

_TZ = r"(Z|[+-]\d\d:\d\d)?"
_LEXICAL: dict[str, tuple[str, Callable[[str], Any]]] = {
    "string": (r".*", str),
    "boolean": (r"true|false|1|0", lambda t: t in ("true", "1")),
    "int": (r"[+-]?\d+", int),
    "long": (r"[+-]?\d+", int),
    "short": (r"[+-]?\d+", int),
    "decimal": (r"[+-]?(\d+(\.\d*)?|\.\d+)", Decimal),
    "double": (r"[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|[+-]?INF|NaN", float),
    "dateTime": (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?" + _TZ, datetime.fromisoformat),
    "date": (r"\d{4}-\d\d-\d\d", date.fromisoformat),
    "time": (r"\d\d:\d\d:\d\d(\.\d+)?" + _TZ, time.fromisoformat),
    "guid": (r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", uuid.UUID),
    "base64Binary": (r"[A-Za-z0-9+/]*={0,2}", lambda t: base64.b64decode(t, validate=True)),
}


def read_lexical(type_name: str, text: str) -> Any:
    """The value of an xsd lexical form, checked against the xsd grammar and parsed by the
    standard library: nothing of ``wirekit.scalars`` or of the generated codecs."""
    pattern, parse = _LEXICAL[type_name]
    assert re.fullmatch(pattern, text, re.DOTALL), f"{text!r} is no xsd:{type_name}"
    return parse(text)
