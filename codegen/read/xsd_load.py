"""Load the XML Schema documents of a service: inline schemas plus local imports and includes.

Why not xsdata's ``SchemaParser``: it binds each ``xs:sequence`` into separate lists of
elements, choices and wildcards (the order between them survives only as an element counter),
keeps no source lines (every refusal here must name ``file:line``), turns ``schemaLocation``
into URLs (and well-known namespaces into files bundled with xsdata) and parses with its own
handler rather than ``wirekit.xmlsafe``. Walking the lxml tree we parsed ourselves keeps the
document order, the lines and the no-network guarantee; ``codegen.read.xsd`` maps it onto the
model.

Nothing is ever fetched: a ``schemaLocation`` is a path relative to the including document,
inside the spec folder; an ``xs:import`` without one names a namespace that another loaded
schema (inline, usually) must define.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from wirekit.xmlsafe import PARSER

from ..errors import SpecError
from ..model import XSD_NS, SourceLine
from .xml_samples import line_of

XS = XSD_NS


def q(name: str) -> str:
    return f"{{{XS}}}{name}"


@dataclass
class Doc:
    """One ``xs:schema``: where it was read and the defaults its declarations inherit."""

    root: etree._Element
    shown: str
    tns: str
    qualified_elements: bool
    qualified_attributes: bool
    #: The folder its ``schemaLocation``s are relative to.
    folder: Path | None = None

    def at(self, el: etree._Element) -> SourceLine:
        return SourceLine(self.shown, line_of(el))


@dataclass
class Loaded:
    """Every schema document, and the global declarations by qualified name."""

    docs: list[Doc] = field(default_factory=list)
    types: dict[tuple[str, str], tuple[etree._Element, Doc]] = field(default_factory=dict)
    elements: dict[tuple[str, str], tuple[etree._Element, Doc]] = field(default_factory=dict)
    attributes: dict[tuple[str, str], tuple[etree._Element, Doc]] = field(default_factory=dict)
    groups: dict[tuple[str, str], tuple[etree._Element, Doc]] = field(default_factory=dict)
    attribute_groups: dict[tuple[str, str], tuple[etree._Element, Doc]] = field(
        default_factory=dict
    )


class Loader:
    """Collects schema documents, following includes and imports inside ``folder``."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder.resolve() if folder is not None else None
        self.seen: set[Path] = set()
        self.out = Loaded()

    def add(
        self,
        root: etree._Element,
        shown: str,
        tns: str | None = None,
        folder: Path | None = None,
    ) -> None:
        """Add one ``xs:schema`` element (``tns``: the includer's, for a chameleon include;
        ``folder``: where its relative locations point, the spec folder by default)."""
        own = root.get("targetNamespace")
        doc = Doc(
            root,
            shown,
            own if own is not None else (tns or ""),
            root.get("elementFormDefault") == "qualified",
            root.get("attributeFormDefault") == "qualified",
            folder or self.folder,
        )
        self.out.docs.append(doc)
        tables = {
            q("complexType"): self.out.types,
            q("simpleType"): self.out.types,
            q("element"): self.out.elements,
            q("attribute"): self.out.attributes,
            q("group"): self.out.groups,
            q("attributeGroup"): self.out.attribute_groups,
        }
        for child in root:
            table = tables.get(str(child.tag))
            if table is not None and child.get("name") is not None:
                table.setdefault((doc.tns, child.get("name", "")), (child, doc))
        for child in root:
            if child.tag in (q("include"), q("import"), q("redefine"), q("override")):
                self._follow(child, doc)

    def _follow(self, el: etree._Element, doc: Doc) -> None:
        kind = etree.QName(el).localname
        location = el.get("schemaLocation")
        if kind in ("redefine", "override"):
            raise SpecError(doc.at(el), f"xs:{kind} is not supported")
        if not location:
            if kind == "include":
                raise SpecError(doc.at(el), "xs:include without a schemaLocation")
            return  # an import of a namespace another loaded schema defines (or a built-in)
        path, shown = self._local(location, el, doc)
        if path in self.seen:
            return
        self.seen.add(path)
        try:
            root = etree.fromstring(path.read_bytes(), PARSER)
        except etree.XMLSyntaxError as err:
            line = err.position[0] if err.position else 1
            raise SpecError(SourceLine(shown, line), f"not well-formed: {err.msg}") from None
        if root.tag != q("schema"):
            raise SpecError(SourceLine(shown, 1), "not an XML Schema (no xs:schema root)")
        if kind == "import":
            expected = el.get("namespace", "")
            if root.get("targetNamespace", "") != expected:
                raise SpecError(
                    doc.at(el),
                    f"{location!r} has targetNamespace {root.get('targetNamespace', '')!r}, "
                    f"not the imported {expected!r}",
                )
            self.add(root, shown, folder=path.parent)
        else:
            self.add(root, shown, doc.tns, folder=path.parent)

    def _local(self, location: str, el: etree._Element, doc: Doc) -> tuple[Path, str]:
        """The file a ``schemaLocation`` names, inside the spec folder; never a URL."""
        if self.folder is None or doc.folder is None:
            raise SpecError(doc.at(el), f"schemaLocation {location!r} cannot be resolved here")
        parts = urlsplit(location)
        base = PurePosixPath(doc.shown).parent
        if parts.scheme or parts.netloc:
            # A published URL (WCF ``Service.svc?xsd=xsd0``): only a file saved next to the WSDL
            # under the URL's last path segment (plus the query's ``xsdN``) is accepted.
            names = [PurePosixPath(parts.path).name]
            query = parse_qs(parts.query).get("xsd")
            if query:  # saved as ``<service>.xsd0.xsd`` (the spec folder's name)
                names = [f"{self.folder.name}.{query[0]}.xsd", *names]
            for name in names:
                if name and (self.folder / name).is_file():
                    return (self.folder / name).resolve(), str(base / name)
            raise SpecError(
                doc.at(el),
                f"schemaLocation {location!r} is a URL; nothing is fetched: save it next to the "
                f"WSDL as {names[0]!r}",
            )
        relative = PurePosixPath(doc.shown).parent / parts.path
        path = (doc.folder / parts.path).resolve()
        if not path.is_relative_to(self.folder):
            raise SpecError(doc.at(el), f"schemaLocation {location!r} leaves the spec folder")
        if not path.is_file():
            raise SpecError(
                doc.at(el), f"schemaLocation {location!r}: file {relative} does not exist"
            )
        return path, str(relative)
