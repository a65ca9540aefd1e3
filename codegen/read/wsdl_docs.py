"""The WSDL documents one service is made of: the file itself and every ``wsdl:import``.

WCF publishes a service whose contract namespace differs from the service namespace as two
documents (``?wsdl`` importing ``?wsdl=wsdl0``); saved next to each other they form one
description. Imports are resolved as files relative to the importing document's folder, never
over the network: a ``location`` with a URL scheme, an absolute path, a path leaving the spec
folder or a missing file is a ``SpecError`` at the import's line, naming the file.

Definitions (messages, port types, bindings, services) are indexed by qualified name, the
namespace being the defining document's ``targetNamespace`` (as WSDL 1.1 says), so
``i0:PositionReport_Headers`` finds the message of the imported contract document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from wirekit.xmlsafe import PARSER

from ..errors import SpecError
from ..model import QName, SourceLine
from ..read.xml_samples import line_of

WSDL = "http://schemas.xmlsoap.org/wsdl/"


def q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


@dataclass(frozen=True)
class Doc:
    """One parsed WSDL (or XSD) document and how errors name it."""

    root: etree._Element
    shown: str
    path: Path | None

    def at(self, el: etree._Element) -> SourceLine:
        return SourceLine(self.shown, line_of(el))


def parse(data: bytes, shown: str, path: Path | None) -> Doc:
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as err:
        line = err.position[0] if err.position else 1
        raise SpecError(SourceLine(shown, line), f"WSDL is not well-formed: {err.msg}") from None
    return Doc(root, shown, path)


def local_file(
    doc: Doc, el: etree._Element, location: str, folder: Path | None = None
) -> tuple[Path, str]:
    """The file ``location`` (an import's) names next to ``doc``, and how to show it.

    Relative paths inside the spec ``folder`` (the first document's) are read; a published URL
    (WCF's ``Service.svc?wsdl=wsdl0``) only names a file saved next to the WSDL as
    ``<wsdl name>.wsdl0.wsdl`` or under the URL's last path segment. Nothing is fetched.
    """
    if doc.path is None:
        raise SpecError(doc.at(el), f"cannot resolve import of {location!r} without a folder")
    folder = folder or doc.path.parent
    parts = urlsplit(location)
    base = PurePosixPath(doc.shown).parent
    if parts.scheme or parts.netloc or not location:
        names = [PurePosixPath(parts.path).name]
        query = parse_qs(parts.query).get("wsdl")
        if query:
            names.insert(0, f"{PurePosixPath(doc.shown).stem}.{query[0]}.wsdl")
        for name in names:
            if name and (folder / name).is_file():
                return (folder / name).resolve(), str(base / name)
        raise SpecError(
            doc.at(el),
            f"import of {location!r} is not a local file next to the WSDL; nothing is fetched "
            f"over the network: save it into the spec folder as {names[0]!r}",
        )
    target = (doc.path.parent / parts.path).resolve()
    shown = str(base / parts.path)
    if location.startswith("/") or not target.is_relative_to(folder.resolve()):
        raise SpecError(doc.at(el), f"import of {location!r} is not a local file next to the WSDL")
    if not target.is_file():
        raise SpecError(doc.at(el), f"imported file {location!r} not found ({shown})")
    return target, shown


@dataclass
class Definitions:
    """Every document of a service, with its definitions by qualified name (first wins)."""

    docs: list[Doc] = field(default_factory=list)
    messages: dict[QName, tuple[Doc, etree._Element]] = field(default_factory=dict)
    port_types: dict[QName, tuple[Doc, etree._Element]] = field(default_factory=dict)
    bindings: dict[QName, tuple[Doc, etree._Element]] = field(default_factory=dict)
    services: list[tuple[Doc, etree._Element]] = field(default_factory=list)

    def add(self, doc: Doc) -> None:
        """Index ``doc`` and, depth first, the documents it imports."""
        if any(d.path is not None and d.path == doc.path for d in self.docs):
            return
        self.docs.append(doc)
        root = doc.root
        tns = root.get("targetNamespace", "")
        for kind, table in (
            ("message", self.messages),
            ("portType", self.port_types),
            ("binding", self.bindings),
        ):
            for el in root.findall(q(WSDL, kind)):
                table.setdefault(QName(tns, el.get("name", "")), (doc, el))
        self.services += [(doc, s) for s in root.findall(q(WSDL, "service"))]
        for imp in root.findall(q(WSDL, "import")):
            first = self.docs[0].path
            path, shown = local_file(
                doc, imp, imp.get("location", ""), first.parent if first else None
            )
            imported = parse(path.read_bytes(), shown, path)
            if imported.root.tag != q(WSDL, "definitions"):
                # A wsdl:import of a schema: allowed by WSDL 1.1, used by some toolkits.
                self.docs.append(imported)
                continue
            self.add(imported)

    def lookup(
        self,
        table: dict[QName, tuple[Doc, etree._Element]],
        doc: Doc,
        at: etree._Element,
        ref: str,
        what: str,
    ) -> tuple[Doc, etree._Element]:
        """The definition ``ref`` (a prefixed name written on ``at``) names."""
        name = resolve_qname(at, ref)
        found = table.get(name)
        if found is None:  # a name without the right prefix: accept a unique local match
            same = [v for k, v in table.items() if k.name == name.name]
            found = same[0] if len(same) == 1 else None
        if found is None:
            raise SpecError(doc.at(at), f"{what} {ref!r} is not defined")
        return found


def resolve_qname(at: etree._Element, ref: str) -> QName:
    prefix, _, name = ref.rpartition(":")
    return QName(at.nsmap.get(prefix or None, "") or "", name)
