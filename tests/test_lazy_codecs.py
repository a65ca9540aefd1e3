"""Calling one operation loads that operation's codecs and models, not the whole service's.

A 1 000-operation service used to compile 177 000 lines of codecs and 80 000 of models on its
first call (1.7 s and 445 MiB without ``.pyc``). Each check runs in a fresh interpreter, so
``sys.modules`` shows exactly what one import and one call loaded.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import yaml

from bench.scaling import synthetic_wsdl
from codegen.emit.placement import SHARED, place_types, reach
from codegen.emit.xml_view import XmlTypes
from codegen.model import ComplexType, Element, Schema, TypeRef
from tests.contract_checks import verify_scratch_service

ROOT = Path(__file__).resolve().parent.parent
NS = "http://removethebackground.com/"

#: Imports the client, calls ``GetImagesList`` over ``httpx.MockTransport`` with the documented
#: answer (argv[1]), and reports what of the package was loaded and defined.
_PROBE = """
import json, sys
import httpx
import generated.pixelz as pixelz

body = sys.argv[1].encode()
def answer(request):
    return httpx.Response(200, headers={"Content-Type": "text/xml; charset=utf-8"}, content=body)

with pixelz.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as api:
    page = api.get_images_list(contact_email="a@example.com", contact_api_key="k")
names = sorted(n for n in sys.modules if n.startswith("generated.pixelz"))
# Each module's own namespace: ``vars()`` of a lazy index would load the rest first.
raw = type(sys).__dict__["__dict__"].__get__
loaded = {n: sorted(raw(sys.modules[n])) for n in names}
print(json.dumps({"images": len(page.images), "loaded": loaded}))
"""


def _documented_answer() -> str:
    cassette = yaml.safe_load((ROOT / "contracts/pixelz/GetImagesList.soap11.yaml").read_text())
    return str(cassette["interactions"][0]["response"]["body"]["string"])


def test_one_call_loads_only_its_own_operation() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, _documented_answer()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["images"] >= 1
    loaded: dict[str, list[str]] = found["loaded"]
    assert "generated.pixelz.codecs.get_images_list" in loaded
    assert "generated.pixelz.models.get_images_list" in loaded
    others = [n for n in loaded if n.endswith("delete_image_from_queue")]
    assert not others, f"the other operation's modules were loaded: {others}"
    # Nothing loaded defines the other operation's codecs (a single codecs module would).
    defined = {name for names in loaded.values() for name in names}
    assert not {"DELETE_IMAGE_FROM_QUEUE", "request_xml_delete_image_from_queue"} & defined
    assert not {"DeleteImageResponse", "decode_delete_image_response"} & defined


def _ref(name: str) -> TypeRef:
    return TypeRef(NS, name)


def _type(name: str, *children: str, base: str | None = None) -> ComplexType:
    elements = tuple(Element(c.lower(), _ref(c)) for c in children)
    return ComplexType(name, elements, namespace=NS, base=_ref(base) if base else None)


def test_shared_types_are_closed_and_owned_types_stay_with_their_operation() -> None:
    """``A`` only for op ``one``, ``B`` for both (so ``Leaf``, which ``B`` reaches, is shared
    too, though only ``B`` names it), ``Derived`` of ``A``'s base ``Base``, ``Unused`` by
    neither: shared, with what it reaches."""
    types = (
        _type("A", "Base"),
        _type("Base"),
        _type("Derived", base="Base"),
        _type("B", "Leaf"),
        _type("Leaf"),
        _type("C", "B"),
        _type("Unused", "Orphan"),
        _type("Orphan"),
    )
    schema = Schema(NS, complex_types=types)
    xml = XmlTypes(schema, "test.wsdl")
    ops = [("one", [_ref("A"), _ref("B")]), ("two", [_ref("C")])]
    where = place_types(xml, ops)
    homes = {ref.name: home for ref, home in where.homes.items()}
    assert homes["A"] == homes["Base"] == homes["Derived"] == "one"
    assert homes["C"] == "two"
    assert homes["B"] == homes["Leaf"] == homes["Unused"] == homes["Orphan"] == SHARED
    for ref, home in where.homes.items():  # closure: a shared type reaches only shared ones
        if home == SHARED:
            assert all(where.homes.get(r, SHARED) == SHARED for r in reach(schema, [ref]))
    resolve = where.resolver("codecs", "one")
    assert resolve(".codecs", "decode_a") is None
    assert resolve(".codecs", "decode_b") == f".{SHARED}"
    assert resolve(".models", "A") == "..models.one"


def test_an_operation_module_never_shadows_a_codec_function(tmp_path: Path) -> None:
    """Operation ``DecodeGetThing0000Item`` beside type ``GetThing0000Item``: the module of the
    one and the decoder of the other would both be ``decode_get_thing0000_item``, and an
    imported submodule becomes an attribute of its package."""
    wsdl = synthetic_wsdl(2).replace("GetThing0001", "DecodeGetThing0000Item")
    verify_scratch_service(tmp_path, "big", wsdl, "polybind_shadow")
    sys.path.insert(0, str(tmp_path / "importable"))
    try:
        codecs = importlib.import_module("polybind_shadow.big.codecs")
        assert codecs.DECODE_GET_THING0000_ITEM.name == "DecodeGetThing0000Item"
        assert callable(codecs.decode_get_thing0000_item)  # the decoder, not a module
    finally:
        sys.path.remove(str(tmp_path / "importable"))
