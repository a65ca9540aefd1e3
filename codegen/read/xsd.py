"""Map XML Schema declarations (``codegen.read.xsd_load``) onto the model: complex types, their
particles and elements here, on ``xsd_simple``'s simple types, attributes and references.

Covers what .NET (ASMX's XmlSerializer, WCF's DataContractSerializer) and contract-first
services publish: several namespaces, anonymous types (named after their element), ``ref=``,
element/attribute forms, restrictions of any built-in, unions, lists, complexContent
extension (real inheritance) and restriction, simpleContent, attributes, ``choice``/``all``,
wildcards and mixed content (raw XML). Anything else stops with a ``SpecError`` at its line,
never a silent drop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from lxml import etree

from ..errors import SpecError
from ..model import (
    ANY_TYPE,
    XSD_NS,
    Attribute,
    ComplexType,
    Element,
    Schema,
    SourceLine,
    TypeRef,
)
from .xsd_load import Doc, Loader, q
from .xsd_simple import SOAP_ENC_NS, WELL_KNOWN, SimpleTypeReader, doc_text


def _max(raw: str | None) -> int | None:
    return None if raw == "unbounded" else int(raw or "1")


class SchemaReader(SimpleTypeReader):
    """Turns loaded declarations into model types, each once, in a deterministic order: the
    complex types, their particles and the elements (simple types and attributes: the base)."""

    # --- complex types -----------------------------------------------------------------------

    def complex_ref(self, node: etree._Element, doc: Doc, name: str) -> TypeRef:
        if node.get("mixed") in ("true", "1") or self._mixed_content(node):
            return ANY_TYPE  # text between elements: only raw XML keeps it
        key = (doc.tns, name)
        if key not in self.complex and key not in self.in_progress:
            self.in_progress.add(key)
            self.complex[key] = self.complex_type(node, doc, name)
            self.in_progress.discard(key)
        return TypeRef(*key)

    @staticmethod
    def _mixed_content(node: etree._Element) -> bool:
        content = node.find(q("complexContent"))
        return content is not None and content.get("mixed") in ("true", "1")

    def anonymous(self, node: etree._Element, doc: Doc, wanted: str) -> TypeRef:
        if node.get("mixed") in ("true", "1") or self._mixed_content(node):
            return ANY_TYPE
        name = self.fresh(doc.tns, wanted)
        key = (doc.tns, name)
        self.complex[key] = self.complex_type(node, doc, name, anonymous=True)
        return TypeRef(*key)

    def complex_type(
        self, node: etree._Element, doc: Doc, name: str, anonymous: bool = False
    ) -> ComplexType:
        elements: list[Element] = []
        attributes: list[Attribute] = []
        base: TypeRef | None = None
        value: TypeRef | None = None
        any_attribute = False
        holder = node
        for content in (node.find(q("complexContent")), node.find(q("simpleContent"))):
            if content is None:
                continue
            derivation = content.find(q("extension"))
            restricted = derivation is None
            if derivation is None:
                derivation = content.find(q("restriction"))
            if derivation is None:
                raise SpecError(doc.at(content), "content without extension or restriction")
            if self.qname(derivation, doc, derivation.get("base", "")) == (SOAP_ENC_NS, "Array"):
                # ASMX's ``StringArray`` (HTTP GET/POST list parameters): its sequence is the
                # item; the rpc/encoded bindings that would need the encoding are refused.
                holder = derivation
                continue
            parent = self.type_ref(derivation, doc, derivation.get("base", ""))
            parent_type = self.complex.get((parent.namespace, parent.name))
            if content.tag == q("simpleContent"):
                if parent_type is not None:
                    value, attributes = parent_type.value, list(parent_type.attributes)
                    any_attribute = parent_type.any_attribute
                else:
                    value = self.value_type(parent, derivation, doc)
                if value is None:
                    raise SpecError(doc.at(derivation), f"{parent.name!r} has no simple content")
            elif parent == ANY_TYPE:
                pass  # extension of anyType: nothing inherited
            elif parent_type is None:
                raise SpecError(
                    doc.at(derivation), f"base {parent.name!r} is not a complex type (or recursive)"
                )
            elif not restricted:
                base = parent
                elements = list(parent_type.elements)
                attributes = list(parent_type.attributes)
                any_attribute = parent_type.any_attribute
            else:  # restriction re-lists the content it keeps: a type of its own in Python
                attributes = list(parent_type.attributes)
                any_attribute = parent_type.any_attribute
            holder = derivation
        elements += self.particles(holder, doc, name)
        own = self.attributes(holder, doc, name)
        names = {(a.namespace, a.name) for a in own}
        attributes = [a for a in attributes if (a.namespace, a.name) not in names] + own
        any_attribute = any_attribute or holder.find(q("anyAttribute")) is not None
        return ComplexType(
            name=name,
            elements=tuple(_merge_wildcards(elements)),
            doc=doc_text(node),
            namespace=doc.tns,
            attributes=tuple(attributes),
            base=base,
            abstract=node.get("abstract") in ("true", "1"),
            any_attribute=any_attribute,
            value=value,
            anonymous=anonymous,
        )

    def particles(
        self,
        holder: etree._Element,
        doc: Doc,
        owner: str,
        optional: bool = False,
        choice: int = 0,
    ) -> list[Element]:
        """The elements of every ``sequence``/``choice``/``all``/``group`` under ``holder``."""
        found: list[Element] = []
        for child in holder:
            tag = child.tag
            if tag == q("element"):
                element = self.local_element(child, doc, owner, optional)
                found.append(replace(element, choice=choice) if choice else element)
            elif tag == q("any"):
                found.append(self.wildcard(child, optional))
            elif tag in (q("sequence"), q("choice"), q("all"), q("group")):
                repeated = _max(child.get("maxOccurs")) != 1
                if tag == q("group"):
                    group, group_doc = self.group(child, doc)
                    found += self.particles(group, group_doc, owner, optional or repeated, choice)
                    continue
                parts = [c for c in child if isinstance(c.tag, str) and c.tag != q("annotation")]
                single = len(parts) == 1 and parts[0].tag in (q("element"), q("any"))
                if repeated and tag != q("all") and single:
                    # One element in a repeated group: that element, repeated (order is kept).
                    group_optional = optional or child.get("minOccurs") == "0"
                    for e in self.particles(child, doc, owner, group_optional, choice):
                        found.append(replace(e, max_occurs=None))
                    continue
                if repeated and tag != q("all"):
                    # Several members, repeated in any order (.NET ``object[] Items`` with one
                    # ``XmlElement`` per type): typed fields would lose the order, so the
                    # members are kept as raw elements, in order, under one field.
                    names = [m.name for m in self.particles(child, doc, owner, True)]
                    found.append(
                        Element(
                            "",
                            ANY_TYPE,
                            0,
                            None,
                            wildcard=True,
                            doc="The repeated choice of "
                            + ", ".join(f"<{n}>" for n in names if n)
                            + " (raw elements, in document order).",
                        )
                    )
                    continue
                member_optional = optional or tag == q("choice") or child.get("minOccurs") == "0"
                if tag == q("choice"):
                    self.choices += 1
                    found += self.particles(child, doc, owner, member_optional, self.choices)
                else:
                    found += self.particles(child, doc, owner, member_optional, choice)
        return found

    def group(self, ref: etree._Element, doc: Doc) -> tuple[etree._Element, Doc]:
        if ref.get("ref") is None:
            return ref, doc
        key = self.qname(ref, doc, ref.get("ref", ""))
        found = self.loaded.groups.get(key)
        if found is None:
            raise SpecError(doc.at(ref), f"group {ref.get('ref')!r} is not defined")
        return found

    def wildcard(self, node: etree._Element, optional: bool) -> Element:
        return Element(
            name="",
            type=ANY_TYPE,
            min_occurs=0 if optional else int(node.get("minOccurs", "1")),
            max_occurs=_max(node.get("maxOccurs")),
            wildcard=True,
        )

    def local_element(self, node: etree._Element, doc: Doc, owner: str, optional: bool) -> Element:
        min_occurs = 0 if optional else int(node.get("minOccurs", "1"))
        max_occurs = _max(node.get("maxOccurs"))
        if node.get("ref"):
            ns, name = self.qname(node, doc, node.get("ref", ""))
            if ns == XSD_NS and name == "schema":  # the .NET DataSet's inline schema
                target = Element(name, ANY_TYPE, 1, 1, namespace=XSD_NS)
            else:
                found = self.loaded.elements.get((ns, name))
                if found is None:
                    raise SpecError(doc.at(node), f"element {node.get('ref')!r} is not defined")
                if (ns, name) in self.substitution_heads:
                    # Its substitutes would be children no field names: refused, not dropped.
                    raise SpecError(
                        doc.at(node),
                        f"element {node.get('ref')!r} heads a substitution group, "
                        "which is not supported",
                    )
                target = self.global_element(*found)
            return Element(
                target.name,
                target.type,
                min_occurs,
                max_occurs,
                target.nillable,
                doc_text(node) or target.doc,
                target.namespace,
                default=target.default,
            )
        form = node.get("form")
        qualified = form == "qualified" if form else doc.qualified_elements
        name = node.get("name", "")
        return Element(
            name,
            self.element_type(node, doc, name, owner),
            min_occurs,
            max_occurs,
            node.get("nillable") in ("true", "1"),
            doc_text(node),
            doc.tns if qualified else "",
            default=node.get("default"),
        )

    def element_type(self, node: etree._Element, doc: Doc, name: str, owner: str) -> TypeRef:
        if node.get("type"):
            return self.type_ref(node, doc, node.get("type", ""))
        inline = node.find(q("complexType"))
        if inline is not None:
            wanted = name  # the element's name, as xsdata and .NET proxies name it …
            if owner and (doc.tns, name) in self.taken:  # … unless taken: qualified by owner
                wanted = f"{owner}{name[:1].upper()}{name[1:]}"
            return self.anonymous(inline, doc, wanted)
        simple = node.find(q("simpleType"))
        if simple is not None:
            return self.simple(simple, doc, f"{owner}{name[:1].upper()}{name[1:]}", anonymous=True)
        return ANY_TYPE  # no type at all: xs:anyType (C# ``object``)

    def global_element(self, node: etree._Element, doc: Doc) -> Element:
        name = node.get("name", "")
        key = (doc.tns, name)
        if key not in self.globals:
            self.globals[key] = self._global_element(node, doc, name)
        return self.globals[key]

    def _global_element(self, node: etree._Element, doc: Doc, name: str) -> Element:
        return Element(
            name,
            self.element_type(node, doc, name, ""),
            1,
            1,
            node.get("nillable") in ("true", "1"),
            doc_text(node),
            doc.tns,
            default=node.get("default"),
        )

    # --- the whole schema ----------------------------------------------------------------------

    def schema(self) -> Schema:
        for (_, name), (node, doc) in sorted(self.loaded.types.items(), key=_order):
            if node.tag == q("simpleType"):
                self.simple(node, doc, name)
            else:
                self.complex_ref(node, doc, name)
        elements = [
            self.global_element(node, doc)
            for (ns, name), (node, doc) in self.loaded.elements.items()
            if ns != XSD_NS
        ]
        return Schema(
            namespace=self.primary,
            complex_types=tuple(v for _, v in sorted(self.complex.items(), key=_order)),
            enums=tuple(v for _, v in sorted(self.enums.items(), key=_order)),
            lists=tuple(v for _, v in sorted(self.lists.items(), key=_order)),
            elements=tuple(elements),
        )


def _order(item: tuple[tuple[str, str], object]) -> tuple[str, str]:
    (ns, name), _ = item
    return name, ns


def _merge_wildcards(elements: list[Element]) -> list[Element]:
    """One wildcard field per type: the first ``xs:any`` takes every unclaimed child (as zeep
    does), so later ones are folded into it, repeated."""
    wild = [e for e in elements if e.wildcard]
    if len(wild) <= 1:
        return elements
    merged = Element("", ANY_TYPE, 0, None, wildcard=True)
    out: list[Element] = []
    for e in elements:
        if not e.wildcard:
            out.append(e)
        elif merged not in out:
            out.append(merged)
    return out


def read_schemas(
    schemas: Sequence[tuple[etree._Element, str]], folder: Path | None, primary_ns: str
) -> Schema:
    """The model of ``schemas`` (``xs:schema`` elements with the file each was read from) and
    of every local file they import or include (relative to ``folder``; never fetched)."""
    loader = Loader(folder)
    for root, shown in schemas:
        loader.add(root, shown)
    return SchemaReader(loader.out, primary_ns).schema()


def resolve_type(schema: Schema, el: etree._Element, qname: str, where: SourceLine) -> TypeRef:
    """The type a WSDL ``part type=`` names (HTTP GET/POST parameters): a built-in or a type
    of ``schema``."""
    prefix, _, name = qname.strip().rpartition(":")
    ns = el.nsmap.get(prefix or None) or ""
    if (ns, name) in WELL_KNOWN:
        return WELL_KNOWN[(ns, name)]
    ref = TypeRef(ns, name)
    if ref.is_scalar or (ns == XSD_NS and name == "anyType"):
        return ANY_TYPE if name == "anyType" else ref
    if schema.complex_type(ref) or schema.enum(ref) or schema.list_type(ref):
        return ref
    raise SpecError(where, f"type {qname!r} is not defined")
