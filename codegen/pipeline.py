"""The passes, in order: read every spec, derive what captures imply, emit every artifact.

::

    specs/<svc>/captures/*.txt ──asmx_pages+asmx_infer──▶ Service ──wsdl──▶ specs/<svc>/<svc>.wsdl
    specs/<svc>/<svc>.wsdl ──read.wsdl──▶ Service (+ exchanges and defects from the captures)
    specs/<svc>/openapi.yaml (+ x-xsd) ──read.openapi──▶ Service (+ examples, defects, webhooks)
    Service ──package──▶ generated/<svc>/      Service ──cassettes──▶ contracts/<svc>/

Everything is rendered in memory first; only then are files written (or, with ``check``,
compared), so a spec error leaves ``specs/``, ``generated/`` and ``contracts/`` untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from codegen.emit.cassettes import emit_cassettes
from codegen.emit.defects import emit_defects
from codegen.emit.format import format_python
from codegen.emit.package import emit_package
from codegen.emit.render import render
from codegen.emit.rest import emit_rest_package
from codegen.emit.rest_cassettes import emit_rest_cassettes
from codegen.emit.wsdl import emit_wsdl
from codegen.errors import SpecError
from codegen.model import Service, SourceLine
from codegen.read.asmx_infer import read_captures
from codegen.read.asmx_pages import looks_like_help_page
from codegen.read.openapi import read_openapi
from codegen.read.wsdl import read_wsdl, read_wsdl_text


@dataclass(frozen=True)
class Outputs:
    services: tuple[Service, ...]
    #: ``specs/<svc>/<svc>.wsdl`` and ``DEFECTS.md`` derived from captures.
    spec_files: tuple[tuple[str, str], ...]
    generated: tuple[tuple[str, str], ...]
    contracts: tuple[tuple[str, str], ...]
    skipped: tuple[str, ...]


def capture_files(folder: Path) -> list[Path]:
    captures = folder / "captures"
    return (
        sorted(p for p in captures.iterdir() if p.is_file() and not p.name.startswith("."))
        if captures.is_dir()
        else []
    )


def load_service(root: Path, folder: Path) -> tuple[Service | None, list[tuple[str, str]], str]:
    """The model of one ``specs/<name>/`` folder, the spec files it derives, or why not."""
    name = folder.name
    wsdl = folder / f"{name}.wsdl"
    captures = capture_files(folder)
    pages = [p for p in captures if looks_like_help_page(p.read_text(encoding="utf-8"))]
    if pages:
        others = [p for p in captures if p not in pages]
        if others:
            shown = others[0].relative_to(root).as_posix()
            raise SpecError(
                SourceLine(shown, 1),
                "not an ASMX help page, unlike the other "
                f"captures of {name!r}; move it to its own spec folder",
            )
        derived = read_captures(name, pages, root)
        wsdl_text = emit_wsdl(derived)
        rel = wsdl.relative_to(root).as_posix()
        spec_files = [(rel, wsdl_text), (f"specs/{name}/DEFECTS.md", emit_defects(derived))]
        # Generation reads the WSDL text just derived (not the file on disk): one pipeline for
        # derived and hand-written WSDLs, with no dependency on write order.
        from_wsdl = read_wsdl_text(wsdl_text.encode("utf-8"), name, rel)
        return (
            replace(from_wsdl, exchanges=derived.exchanges, defects=derived.defects),
            spec_files,
            "",
        )
    if wsdl.exists():
        return read_wsdl(wsdl, name, wsdl.relative_to(root).as_posix()), [], ""
    if (folder / "openapi.yaml").exists():
        service = read_openapi(root, folder)
        return service, [(f"specs/{name}/DEFECTS.md", emit_defects(service))], ""
    if captures:
        shown = captures[0].relative_to(root).as_posix()
        raise SpecError(
            SourceLine(shown, 1),
            "not an ASMX help page, and the folder has no "
            f"{name}.wsdl or openapi.yaml to generate from",
        )
    return None, [], f"{name}: no captures, WSDL or OpenAPI document"


def build(root: Path) -> Outputs:
    services: list[Service] = []
    spec_files: list[tuple[str, str]] = []
    skipped: list[str] = []
    specs = root / "specs"
    for folder in sorted(p for p in specs.iterdir() if p.is_dir() and not p.name.startswith(".")):
        service, files, why = load_service(root, folder)
        spec_files += files
        if service is None:
            skipped.append(why)
        else:
            services.append(service)
    generated: list[tuple[str, str]] = [
        (
            "generated/__init__.py",
            render(
                "generated__init__.py.jinja", services=[s.name for s in services], source="specs/"
            ),
        )
    ]
    contracts: list[tuple[str, str]] = []
    for service in services:
        if service.is_rest:
            generated += emit_rest_package(service, f"generated.{service.name}")
            contracts += emit_rest_cassettes(service)
        else:
            generated += emit_package(service, f"generated.{service.name}")
            contracts += emit_cassettes(service)
    generated = format_python(generated)
    return Outputs(
        tuple(services),
        tuple(spec_files),
        tuple(sorted(generated)),
        tuple(sorted(contracts)),
        tuple(skipped),
    )


def committed(root: Path, outputs: Outputs) -> dict[str, tuple[bytes | None, bytes | None]]:
    """Every output path whose committed bytes differ: ``path → (committed, produced)``."""
    found: dict[str, tuple[bytes | None, bytes | None]] = {}
    for rel, text in outputs.spec_files:
        path = root / rel
        have = path.read_bytes() if path.exists() else None
        if have != text.encode("utf-8"):
            found[rel] = (have, text.encode("utf-8"))
    for top, files in (("generated", outputs.generated), ("contracts", outputs.contracts)):
        want = {rel: text.encode("utf-8") for rel, text in files}
        folder = root / top
        have_files = (
            {
                p.relative_to(root).as_posix(): p.read_bytes()
                for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
            }
            if folder.exists()
            else {}
        )
        for rel in sorted(want.keys() | have_files.keys()):
            if want.get(rel) != have_files.get(rel):
                found[rel] = (have_files.get(rel), want.get(rel))
    return found


def differences(root: Path, outputs: Outputs) -> list[str]:
    """The output paths whose committed content is not what the specs produce."""
    return sorted(committed(root, outputs))
