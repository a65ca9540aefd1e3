"""What the contract suite checks of one binding, as functions: the contract tests call them on
the generated packages, and the mutation test on deliberately broken copies of them.

* ``verify_case``: the documented call sends exactly the documented request (strict contract
  transport) and reads the documented answer to the documented value (independent oracle);
* ``verify_required``: an answer lacking an element the schema requires is refused.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from lxml import etree

from codegen.model import Protocol, Schema, TypeRef
from codegen.pipeline import Outputs, build
from codegen.write import write_tree
from tests.contracts_support import (
    Case,
    call_arguments,
    cases,
    client_method,
    documented_result,
    interaction,
    invoke,
    replay,
)
from tests.oracle import normalise_list_result, obj_plain, xml_plain
from tests.rest_support import call_arguments as rest_arguments, documented_plain, result_plain
from wirekit.errors import ResponseFormatError

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _call_parts(case: Case, module: ModuleType) -> tuple[str, dict[str, Any], str | None]:
    request = interaction(case)["request"]
    if case.protocol == Protocol.REST:
        method = next(
            m for m in dir(module.Client) if m.replace("_", "") == case.operation.name.lower()
        )
        return method, rest_arguments(case, request), None
    return (
        client_method(module, case.operation.name),
        call_arguments(case, request),
        case.protocol.value,
    )


def verify_case(case: Case, module: ModuleType, *, use_async: bool = False) -> None:
    method, args, _ = _call_parts(case, module)
    result = replay(case, module, method, args, use_async=use_async)
    documented = interaction(case)
    if case.protocol == Protocol.REST:
        assert result_plain(result) == documented_plain(
            case, documented["response"]["body"]["string"]
        )
        return
    assert_documented_result(case, result, documented_result(case, documented))


def assert_documented_result(case: Case, result: Any, element: etree._Element | None) -> None:
    """``result`` (a SOAP or HTTP call's) is what the documented result ``element`` holds."""
    if case.operation.result is None:
        assert result is None
        return
    assert element is not None
    if result is None:  # a nil result (a nillable list, say) reads as None, as zeep reads it
        assert element.get("{http://www.w3.org/2001/XMLSchema-instance}nil") in ("true", "1")
        return
    got = obj_plain(result)
    want = normalise_list_result(xml_plain(element), got)
    # An empty element reads as "" in XML and as a structure with nothing set in Python.
    assert got == want or (got in ({}, "") and want in ({}, ""))


def required_names(schema: Schema, ref: TypeRef, seen: set[str] | None = None) -> set[str]:
    """Wire names of the elements ``ref``'s content requires, at any depth."""
    seen = set() if seen is None else seen
    ct = schema.complex_type(ref)
    if ct is None or ref.name in seen:
        return set()
    seen.add(ref.name)
    names = {e.name for e in ct.elements if e.min_occurs >= 1 and not e.nillable}
    for e in ct.elements:
        names |= required_names(schema, e.type, seen)
    return names


def _without(body: bytes, name: str, is_json: bool) -> bytes | None:
    if is_json:
        data = json.loads(body)
        return (
            json.dumps({k: v for k, v in data.items() if k != name}).encode()
            if name in data
            else None
        )
    root = etree.fromstring(body, _PARSER)
    victim = next(
        (
            e
            for e in root.iter()
            if isinstance(e.tag, str) and etree.QName(e).localname.upper() == name.upper()
        ),
        None,
    )
    if victim is None or victim.getparent() is None:
        return None
    victim.getparent().remove(victim)  # type: ignore[union-attr]
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")


def _required(case: Case) -> tuple[set[str], bool]:
    result = case.operation.result
    if result is None:
        return set(), False
    if case.protocol == Protocol.REST and result.type.namespace.startswith("urn:polybind:json"):
        schema = case.service.json_schemas.get(result.type.name, {})
        return set(schema.get("required") or []), True
    return required_names(case.service.schema, result.type), False


def verify_required(case: Case, module: ModuleType) -> None:
    """Each required element, removed from the documented answer, makes the call fail."""
    names, is_json = _required(case)
    answer = interaction(case)["response"]
    body = answer["body"]["string"].encode("utf-8")
    headers = {k: v[0] for k, v in answer["headers"].items()}
    method, args, protocol = _call_parts(case, module)
    for name in sorted(names):
        damaged = _without(body, name, is_json)
        if damaged is None:
            continue
        transport = httpx.MockTransport(
            lambda _r, d=damaged: httpx.Response(
                answer["status"]["code"], headers=headers, content=d
            )
        )
        try:
            invoke(module, method, protocol, args, use_async=False, transport=transport)
        except ResponseFormatError:
            continue
        raise AssertionError(f"{case.id}: an answer without required <{name}> was accepted")


def verify_scratch_service(root: Path, service: str, wsdl: str, top: str) -> Outputs:
    """Generate ``wsdl`` as ``specs/<service>`` of a scratch ``root``, import the package under
    the name ``<top>.<service>`` (this worker's ``generated`` stays as it is) and run every
    contract case of it through ``verify_case``; returns what the build produced."""
    (root / "specs" / service).mkdir(parents=True)
    (root / "specs" / service / f"{service}.wsdl").write_text(wsdl)
    outputs = build(root)
    assert not outputs.errors, outputs.errors
    write_tree(root, "generated", outputs.generated)
    write_tree(root, "contracts", outputs.contracts)
    package = root / "importable" / top
    shutil.copytree(root / "generated" / service, package / service)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(package.parent))
    try:
        module = importlib.import_module(f"{top}.{service}")
        for case in cases(outputs.services, root):
            verify_case(dataclasses.replace(case, package=f"{top}.{service}"), module)
    finally:
        sys.path.remove(str(package.parent))
    return outputs
