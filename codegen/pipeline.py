"""The passes, in order: read every spec, derive what captures imply, emit every artifact.

::

    specs/<svc>/captures/*.txt ──asmx_pages+asmx_infer──▶ Service ──wsdl──▶ specs/<svc>/<svc>.wsdl
    specs/<svc>/<svc>.wsdl ──read.wsdl──▶ Service (+ exchanges and defects from the captures)
    specs/<svc>/openapi.yaml (+ x-xsd) ──read.openapi──▶ Service (+ examples, defects, webhooks)
    Service ──package──▶ <output>/<svc>/      Service ──cassettes──▶ <contracts>/<svc>/
    every .py ──format (ruff)──▶ compiled ──▶ written (codegen.write)

Everything is rendered in memory first; only then are files written (or, with ``check``,
compared). A spec that fails is reported at ``file:line`` and its previous output is left as
it was, while the other services are still generated: one broken spec never blocks the rest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .beside import Beside
from .emit.cassettes import emit_cassettes
from .emit.defects import emit_defects
from .emit.format import format_python
from .emit.layout import DEFAULT_LINE_LENGTH, laid_out_for, line_length
from .emit.package import emit_package
from .emit.render import render
from .emit.rest import emit_rest_package
from .emit.rest_cassettes import emit_rest_cassettes
from .emit.wsdl import emit_wsdl
from .errors import SpecError
from .model import Service, SourceLine
from .naming import package_name
from .project_style import project_line_length
from .read.asmx_infer import read_captures
from .read.asmx_pages import looks_like_help_page
from .read.openapi import read_openapi
from .read.openapi_doc import openapi_file
from .read.wsdl import read_wsdl, read_wsdl_text

Files = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Target:
    """Where the outputs go, relative to ``root`` (the project the generator runs for).

    The defaults are this repository's layout; a user's project names its own package and
    folders (``polybind generate --output src/app/vendors --package app.vendors``).
    """

    root: Path
    output: str = "generated"
    package: str = "generated"
    contracts: str = "contracts"
    #: Write ``<output>/__init__.py`` and remove packages of services that are gone (this
    #: repository's ``generated/``); off when generating into a user's existing package.
    owns_output: bool = True
    #: The line length generated code is formatted and wrapped to; ``None``: the project's
    #: (``codegen.project_style``), which is what ``build`` uses then.
    line_length: int | None = None


@dataclass(frozen=True)
class ServiceOutput:
    """Everything one spec folder produces, or the error that stopped it."""

    folder: str
    service: Service | None = None
    spec_files: Files = ()
    package: Files = ()
    contracts: Files = ()
    error: SpecError | None = None
    skipped: str = ""


@dataclass(frozen=True)
class Outputs:
    target: Target
    results: tuple[ServiceOutput, ...]
    #: Files outside every service's folders (``generated/__init__.py``).
    extras: Files = field(default=())

    @property
    def services(self) -> tuple[Service, ...]:
        return tuple(r.service for r in self.results if r.service is not None)

    @property
    def errors(self) -> tuple[SpecError, ...]:
        return tuple(r.error for r in self.results if r.error is not None)

    @property
    def skipped(self) -> tuple[str, ...]:
        return tuple(r.skipped for r in self.results if r.skipped)

    @property
    def spec_files(self) -> Files:
        return tuple(f for r in self.results for f in r.spec_files)

    @property
    def generated(self) -> Files:
        return tuple(sorted([*self.extras, *(f for r in self.results for f in r.package)]))

    @property
    def contracts(self) -> Files:
        return tuple(sorted(f for r in self.results for f in r.contracts))


def shown(root: Path, path: Path) -> str:
    """``path`` as messages and headers show it: relative to the project, with ``/``."""
    return Path(os.path.relpath(path, root)).as_posix()


def capture_files(folder: Path) -> list[Path]:
    captures = folder / "captures"
    return (
        sorted(p for p in captures.iterdir() if p.is_file() and not p.name.startswith("."))
        if captures.is_dir()
        else []
    )


def _from_captures(root: Path, folder: Path, pages: list[Path]) -> tuple[Service, Files]:
    name = folder.name
    derived = read_captures(name, pages, root)
    wsdl_text = emit_wsdl(derived)
    rel = shown(root, folder / f"{name}.wsdl")
    defects = (shown(root, folder / "DEFECTS.md"), emit_defects(derived))
    # Generation reads the WSDL text just derived (not the file on disk): one pipeline for
    # derived and hand-written WSDLs, with no dependency on write order.
    from_wsdl = read_wsdl_text(wsdl_text.encode("utf-8"), name, rel)
    service = replace(
        from_wsdl, exchanges=derived.exchanges, defects=from_wsdl.defects + derived.defects
    )
    return service, ((rel, wsdl_text), defects)


def load_service(root: Path, folder: Path) -> tuple[Service | None, Files, str]:
    """The model of one spec folder, the spec files it derives, or why there is none."""
    name = folder.name
    wsdl = folder / f"{name}.wsdl"
    captures = capture_files(folder)
    pages = [p for p in captures if looks_like_help_page(p.read_text(encoding="utf-8"))]
    others = [p for p in captures if p not in pages]
    if pages and others:
        raise SpecError(
            SourceLine(shown(root, others[0]), 1),
            f"not an ASMX help page, unlike the other captures of {name!r}; "
            "move it to its own spec folder",
        )
    if pages:
        service, files = _from_captures(root, folder, pages)
        return service, files, ""
    if wsdl.exists():
        return read_wsdl(wsdl, name, shown(root, wsdl)), (), ""
    if openapi_file(folder) is not None:
        service = read_openapi(root, folder)
        return service, ((shown(root, folder / "DEFECTS.md"), emit_defects(service)),), ""
    if captures:
        raise SpecError(
            SourceLine(shown(root, captures[0]), 1),
            f"not an ASMX help page, and the folder has no {name}.wsdl or openapi.yaml "
            "to generate from",
        )
    return None, (), f"{shown(root, folder)}: no captures, WSDL or OpenAPI document"


def _compiled(files: list[tuple[str, str]]) -> None:
    """Every Python file must compile before anything is written."""
    for rel, text in files:
        if rel.endswith((".py", ".pyi")):
            try:
                compile(text, rel, "exec", dont_inherit=True)
            except SyntaxError as err:
                raise SpecError(
                    SourceLine(rel, err.lineno or 1), f"generated code does not compile: {err.msg}"
                ) from None


def emit_service(service: Service, target: Target) -> tuple[Files, Files]:
    """The package and cassettes of one service, formatted and compiled."""
    package = f"{target.package}.{service.name}"
    folder = f"{target.output}/{service.name}"
    # The cassettes only read the model: a large service's are emitted in a second process
    # while this one renders, formats and compiles the package (codegen.beside).
    cassette_emitter = emit_rest_cassettes if service.is_rest else emit_cassettes
    with Beside(cassette_emitter, service) as pending:
        if service.is_rest:
            files = emit_rest_package(service, package)
        else:
            files = emit_package(service, package)
        prefix = package.replace(".", "/")
        moved = [(folder + rel[len(prefix) :], text) for rel, text in files]
        formatted = format_python(moved, line_length())
        _compiled(formatted)
        cassettes = pending.result()
    contracts = tuple((f"{target.contracts}/{service.name}/{rel}", t) for rel, t in cassettes)
    return tuple(formatted), contracts


def build_one(root: Path, folder: Path, target: Target) -> ServiceOutput:
    where = shown(root, folder)
    try:
        service, spec_files, why = load_service(root, folder)
        if service is None:
            return ServiceOutput(where, skipped=why)
        service = replace(service, name=package_name(service.name, where))
        with laid_out_for(target.line_length or DEFAULT_LINE_LENGTH):
            package, contracts = emit_service(service, target)
    except SpecError as err:
        return ServiceOutput(where, error=err)
    return ServiceOutput(where, service, spec_files, package, contracts)


def read_services(root: Path, specs: list[Path] | None = None) -> tuple[Service, ...]:
    """The models ``build`` would emit, named as it names them, without emitting anything: what
    a test needs to enumerate operations (each xdist worker asks, and emitting a 1 000-operation
    service is most of the cost). Services that fail to read are left out, as ``build`` does."""
    found = []
    for folder in [f for s in specs or [root / "specs"] for f in spec_folders(s)]:
        try:
            service, _, _ = load_service(root, folder)
        except SpecError:
            continue
        if service is not None:
            found.append(replace(service, name=package_name(service.name, shown(root, folder))))
    return tuple(found)


def spec_folders(specs: Path) -> list[Path]:
    """``specs`` itself when it is one spec folder, else its spec folders, sorted."""
    if (
        (specs / "captures").is_dir()
        or any(specs.glob("*.wsdl"))
        or openapi_file(specs) is not None
    ):
        return [specs]
    return sorted(p for p in specs.iterdir() if p.is_dir() and not p.name.startswith("."))


def build(root: Path, specs: list[Path] | None = None, target: Target | None = None) -> Outputs:
    """Render everything ``specs`` (default ``root/specs``) produce for ``target``."""
    target = target or Target(root)
    if target.line_length is None:
        target = replace(target, line_length=project_line_length(root, target.output))
    folders = [f for s in specs or [root / "specs"] for f in spec_folders(s)]
    results = tuple(build_one(root, folder, target) for folder in folders)
    extras: Files = ()
    if target.owns_output:
        names = [r.service.name for r in results if r.service is not None]
        with laid_out_for(target.line_length or DEFAULT_LINE_LENGTH):
            init = render("generated__init__.py.jinja", services=names, source="specs/")
            extras = format_python([(f"{target.output}/__init__.py", init)], line_length())  # type: ignore[assignment]
    return Outputs(target, results, tuple(extras))


def committed(outputs: Outputs) -> dict[str, tuple[bytes | None, bytes | None]]:
    """Every output path whose files differ from what is produced: ``path → (have, want)``.

    Services that failed are left out (their files are left as they were); with
    ``owns_output``, packages and contracts of services that no longer exist count too.
    """
    root, target = outputs.target.root, outputs.target
    want: dict[str, bytes] = {rel: t.encode("utf-8") for rel, t in outputs.spec_files}
    want.update((rel, t.encode("utf-8")) for rel, t in outputs.generated)
    want.update((rel, t.encode("utf-8")) for rel, t in outputs.contracts)
    folders = [
        f"{top}/{s.name}" for s in outputs.services for top in (target.output, target.contracts)
    ]
    if target.owns_output:
        folders = [target.output, target.contracts]
        want.update(kept(outputs))
    have = _snapshot(root, folders)
    have.update(_snapshot_files(root, [rel for rel, _ in outputs.spec_files]))
    return {
        rel: (have.get(rel), want.get(rel))
        for rel in sorted(want.keys() | have.keys())
        if have.get(rel) != want.get(rel)
    }


def kept(outputs: Outputs) -> dict[str, bytes]:
    """The existing files of services that failed this time: left exactly as they were."""
    target = outputs.target
    failed = {package_name(Path(r.folder).name) for r in outputs.results if r.error}
    return _snapshot(target.root, [target.output, target.contracts], keep=failed)


def _snapshot(root: Path, folders: list[str], keep: set[str] | None = None) -> dict[str, bytes]:
    """Files under ``folders``; with ``keep``, only those of the named service folders."""
    found: dict[str, bytes] = {}
    for top in folders:
        base = root / top
        for p in base.rglob("*") if base.is_dir() else ():
            rel = p.relative_to(base)
            if not p.is_file() or "__pycache__" in p.parts:
                continue
            if keep is not None and (len(rel.parts) < 2 or rel.parts[0] not in keep):
                continue
            found[f"{top}/{rel.as_posix()}"] = p.read_bytes()
    return found


def _snapshot_files(root: Path, rels: list[str]) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in rels if (root / rel).is_file()}


def differences(outputs: Outputs) -> list[str]:
    """The output paths whose files are not what the specs produce."""
    return sorted(committed(outputs))
