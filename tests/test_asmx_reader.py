"""The help-page reader on the seeds and on damaged copies; the derived WSDL round trip."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from codegen.emit.samples import SampleRenderer
from codegen.emit.wsdl import emit_wsdl
from codegen.model import Element, Protocol, Schema
from codegen.naming import snake
from codegen.pipeline import build
from codegen.read.asmx_infer import read_captures
from codegen.read.wsdl import read_wsdl_text
from tests.contracts_support import ROOT

SEEDS = ROOT / "specs"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"


def _service(tmp_path: Path, name: str, pages: dict[str, str]) -> Path:
    folder = tmp_path / "specs" / name / "captures"
    folder.mkdir(parents=True)
    for file, text in pages.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _seed(service: str) -> list[Path]:
    return sorted((SEEDS / service / "captures").glob("*.txt"))


def test_captures_are_the_verbatim_seeds() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("shared/seeds not beside the repository")
    for path in _seed("pixelz") + _seed("removethebackground"):
        assert path.read_bytes() == (shared / path.name).read_bytes()


def test_non_standard_soap12_namespace_is_reported_and_not_sent() -> None:
    service = read_captures("removethebackground", _seed("removethebackground"), ROOT)
    messages = [str(d) for d in service.defects]
    assert any(
        "002_680302a56f027eff.txt:75" in m and "soap12 envelope namespace" in m for m in messages
    )
    assert any("repeated" in m for m in messages)
    defects_md = (SEEDS / "removethebackground" / "DEFECTS.md").read_text()
    assert "002_680302a56f027eff.txt:75" in defects_md
    cassette = (ROOT / "contracts/removethebackground/getImageStatus.soap12.yaml").read_text()
    assert SOAP12_ENV in cassette and "schemas.xmlsoap.org/soap12" not in cassette


def test_nil_versus_list_is_reported_and_resolved_to_the_list() -> None:
    service = read_captures("pixelz", _seed("pixelz"), ROOT)
    assert any("FinalImagesURL" in d.message for d in service.defects)
    image = next(t for t in service.schema.complex_types if t.name == "ImageStatus")
    final = next(e for e in image.elements if e.name == "FinalImagesURL")
    assert final.nillable and service.schema.array_item(final.type) is not None


def test_derived_wsdl_round_trips_through_the_wsdl_reader() -> None:
    for name in ("pixelz", "removethebackground"):
        derived = read_captures(name, _seed(name), ROOT)
        again = read_wsdl_text(emit_wsdl(derived).encode(), name, derived.source)
        ns = again.namespace
        read_back = replace(
            again,
            doc="",
            ports=(),
            schema=_help_page_form(again.schema),
            operations=tuple(
                replace(
                    op,
                    params=tuple(_implicit(e, ns) for e in op.params),
                    result=_implicit(op.result, ns) if op.result else None,
                )
                for op in again.operations
            ),
        )
        assert replace(derived, exchanges=(), defects=()) == read_back


def _implicit(e: Element, ns: str) -> Element:
    return replace(e, namespace=None) if e.namespace == ns else e


def _help_page_form(schema: Schema) -> Schema:
    """What a help page can say of a schema: its target namespace left implicit (``None``), no
    top-level elements, no anonymous wrapper types (the WSDL reader gives all three)."""
    ns = schema.namespace

    def own(value: str | None) -> str | None:
        return None if value == ns else value

    return Schema(
        ns,
        tuple(
            replace(
                t,
                namespace=own(t.namespace),
                elements=tuple(replace(e, namespace=own(e.namespace)) for e in t.elements),
            )
            for t in schema.complex_types
            if not t.anonymous
        ),
        tuple(replace(t, namespace=own(t.namespace), base=None) for t in schema.enums),
        schema.lists,
    )


def _canonical(text: str) -> str:
    root = etree.fromstring(text.strip().encode())
    canonical: str = etree.canonicalize(etree.tostring(root).decode(), strip_text=True)
    return canonical


@pytest.mark.parametrize("name", ["pixelz", "removethebackground"])
def test_rendered_samples_equal_the_resolved_captures(name: str) -> None:
    service = read_captures(name, _seed(name), ROOT)
    renderer = SampleRenderer(service)
    for exchange in service.exchanges:
        op = next(o for o in service.operations if o.name == exchange.operation)
        rendered = renderer.exchange(op, exchange.protocol)
        if exchange.protocol.is_soap:
            assert _canonical(rendered.request.body) == _canonical(exchange.request.body)
        else:
            # GET: the query's pairs; POST: the form body's. Both parsed by the reader.
            assert rendered.request.pairs == exchange.request.pairs
            assert rendered.request.pairs, "an HTTP sample with no parameters tests nothing"
            assert rendered.request.path == exchange.request.path
        if exchange.response.body.strip():
            assert _canonical(rendered.response.body) == _canonical(exchange.response.body)


def test_truncated_page_names_file_and_line(tmp_path: Path) -> None:
    text = (SEEDS / "pixelz/captures/001_4d6da232b1371c4d.txt").read_text()
    cut = "\n".join(text.splitlines()[:70])
    _service(tmp_path, "broken", {"page.txt": cut})
    (error,) = build(tmp_path).errors
    assert re.match(r"specs/broken/captures/page.txt:\d+: ", str(error)), error


def test_a_page_that_is_not_a_help_page_stops_generation(tmp_path: Path) -> None:
    _service(tmp_path, "other", {"page.txt": "Just some notes\nabout an API\n"})
    outputs = build(tmp_path)
    (error,) = outputs.errors
    assert re.search(r"page\.txt:1: not an ASMX help page", str(error)), error
    assert not outputs.services and not outputs.contracts


def test_missing_sections_declare_fewer_bindings(tmp_path: Path) -> None:
    text = (SEEDS / "pixelz/captures/000_58e422a553adedc0.txt").read_text()
    soap_only = text.split("HTTP GET\n")[0]
    _service(tmp_path, "soaponly", {"page.txt": soap_only})
    (service,) = build(tmp_path).services
    assert service.protocols == (Protocol.SOAP11, Protocol.SOAP12)


def test_unknown_placeholder_is_a_defect_typed_string(tmp_path: Path) -> None:
    text = (SEEDS / "pixelz/captures/000_58e422a553adedc0.txt").read_text()
    text = text.replace(
        "<customerImageId>string</customerImageId>",
        "<customerImageId>sometext</customerImageId>",
        1,
    )
    folder = _service(tmp_path, "odd", {"page.txt": text})
    service = read_captures("odd", sorted(folder.glob("*.txt")), tmp_path)
    assert any("sometext" in d.message for d in service.defects)


def test_new_capture_folder_generates_without_code_change(tmp_path: Path) -> None:
    for name in ("pixelz",):
        shutil.copytree(SEEDS / name / "captures", tmp_path / "specs" / "newsvc" / "captures")
    outputs = build(tmp_path)
    files = dict(outputs.generated)
    assert "generated/newsvc/client.py" in files
    assert len(outputs.contracts) == 8


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("contactAPIkey", "contact_api_key"),
        ("imagesPerPage", "images_per_page"),
        ("FinalImagesURL", "final_images_url"),
        ("ImageURL2", "image_url2"),
        ("getImageStatus", "get_image_status"),
        ("class", "class_"),
    ],
)
def test_snake_names(wire: str, python: str) -> None:
    assert snake(wire) == python
