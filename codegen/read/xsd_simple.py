"""Simple types and attributes of XML Schema, and the names and references everything uses.

The first half of the schema reader (``codegen.read.xsd`` adds complex types, particles and
elements on top): ``SimpleTypeReader`` holds the reader's state (each type read once, names
kept unique in their namespace), resolves ``type=``/``base=``/``ref=`` QNames, and turns
restrictions, enumerations, lists and unions into the model's scalars, ``EnumType`` and
``ListType``, and attribute declarations (and groups) into ``Attribute``s.
"""

from __future__ import annotations

from lxml import etree

from ..errors import SpecError
from ..model import (
    ANY_TYPE,
    MS_TYPES_NS,
    SER_NS,
    XSD_NS,
    Attribute,
    ComplexType,
    Element,
    EnumType,
    ListType,
    TypeRef,
    scalar,
)
from .xsd_load import Doc, Loaded, q

XML_NS = "http://www.w3.org/XML/1998/namespace"
SOAP_ENC_NS = "http://schemas.xmlsoap.org/soap/encoding/"
STRING = TypeRef(XSD_NS, "string")
#: Well-known .NET simple types read as the built-ins they stand for.
WELL_KNOWN = {
    (MS_TYPES_NS, "guid"): scalar("guid"),
    (MS_TYPES_NS, "char"): scalar("char"),
    (SER_NS, "guid"): scalar("guid"),
    (SER_NS, "char"): scalar("char"),
    (SER_NS, "duration"): scalar("duration"),
}


def doc_text(el: etree._Element) -> str:
    doc = el.find(f"{q('annotation')}/{q('documentation')}")
    return " ".join((doc.text or "").split()) if doc is not None else ""


class SimpleTypeReader:
    """The reader's state, QName resolution, simple types and attributes (see the module)."""

    def __init__(self, loaded: Loaded, primary_ns: str) -> None:
        self.loaded = loaded
        self.primary = primary_ns
        self.complex: dict[tuple[str, str], ComplexType] = {}
        self.enums: dict[tuple[str, str], EnumType] = {}
        self.lists: dict[tuple[str, str], ListType] = {}
        self.in_progress: set[tuple[str, str]] = set()
        self.globals: dict[tuple[str, str], Element] = {}
        self.choices = 0
        self.substitution_heads = {
            self.qname(node, doc, node.get("substitutionGroup", ""))
            for node, doc in loaded.elements.values()
            if node.get("substitutionGroup")
        }
        self.taken: set[tuple[str, str]] = set(loaded.types)

    # --- names and references ----------------------------------------------------------------

    def qname(self, el: etree._Element, doc: Doc, text: str) -> tuple[str, str]:
        prefix, _, name = text.strip().rpartition(":")
        if prefix == "xml":
            return XML_NS, name
        ns = el.nsmap.get(prefix or None)
        if ns is None:
            if prefix:
                raise SpecError(doc.at(el), f"prefix {prefix!r} of {text!r} is not declared")
            ns = ""
        return ns, name

    def fresh(self, ns: str, wanted: str) -> str:
        """A type name not used in ``ns`` (anonymous types are named after their element)."""
        name, n = wanted, 1
        while (ns, name) in self.taken:
            n += 1
            name = f"{wanted}{n}"
        self.taken.add((ns, name))
        return name

    def type_ref(self, el: etree._Element, doc: Doc, text: str) -> TypeRef:
        """The model type a ``type=``/``base=``/``itemType=`` QName stands for."""
        ns, name = self.qname(el, doc, text)
        if (ns, name) in WELL_KNOWN:
            return WELL_KNOWN[(ns, name)]
        if ns == XSD_NS:
            if name == "anyType":
                return ANY_TYPE
            ref = TypeRef(ns, name)
            if not ref.is_scalar:
                raise SpecError(doc.at(el), f"unsupported built-in type {text!r}")
            return ref
        found = self.loaded.types.get((ns, name))
        if found is None and ns == SOAP_ENC_NS:
            raise SpecError(
                doc.at(el),
                f"{text!r} is a SOAP-encoding type: rpc/encoded services are not supported "
                "(only document/literal)",
            )
        if found is None:
            raise SpecError(doc.at(el), f"type {text!r} ({{{ns}}}{name}) is not defined")
        node, owner = found
        if node.tag == q("simpleType"):
            return self.simple(node, owner, name)
        return self.complex_ref(node, owner, name)

    # --- simple types ------------------------------------------------------------------------

    def simple(self, node: etree._Element, doc: Doc, name: str, anonymous: bool = False) -> TypeRef:
        """A simple type: an enumeration, a list, or (restriction, union) a built-in."""
        key = (doc.tns, name)
        if key in self.enums or key in self.lists:
            return TypeRef(*key)
        restriction = node.find(q("restriction"))
        if restriction is not None:
            base = self.simple_base(restriction, doc, name)
            values = tuple(v.get("value", "") for v in restriction.findall(q("enumeration")))
            if not values:
                return base  # patterns, lengths, ranges: the base's values
            if anonymous:
                key = (doc.tns, self.fresh(doc.tns, name))
            underlying = (
                self.enums[(base.namespace, base.name)].base if self.is_enum(base) else base
            )
            self.enums[key] = EnumType(key[1], values, doc_text(node), doc.tns, underlying)
            return TypeRef(*key)
        listed = node.find(q("list"))
        if listed is not None:
            inner = listed.find(q("simpleType"))
            if inner is not None:
                item = self.simple(inner, doc, f"{name}Item", anonymous=True)
            else:
                item = self.type_ref(listed, doc, listed.get("itemType", ""))
            if not (item.is_scalar or self.is_enum(item)):
                item = STRING  # a list of unions, say: each item as text
            if anonymous:
                key = (doc.tns, self.fresh(doc.tns, name))
            self.lists[key] = ListType(key[1], item, doc_text(node), doc.tns)
            return TypeRef(*key)
        union = node.find(q("union"))
        if union is not None:
            members = [self.type_ref(union, doc, m) for m in union.get("memberTypes", "").split()]
            before = set(self.enums) | set(self.lists)
            members += [
                self.simple(s, doc, f"{name}Member", anonymous=True)
                for s in union.findall(q("simpleType"))
            ]
            for key in (set(self.enums) | set(self.lists)) - before:  # a member only: no class
                self.enums.pop(key, None)
                self.lists.pop(key, None)
            same = {m for m in members}
            if len(same) == 1 and next(iter(same)).is_scalar:
                return next(iter(same))
            return STRING  # values of different kinds: the text as sent
        raise SpecError(doc.at(node), f"simple type {name!r} has no restriction, list or union")

    def simple_base(self, restriction: etree._Element, doc: Doc, name: str) -> TypeRef:
        inner = restriction.find(q("simpleType"))
        if inner is not None:
            return self.simple(inner, doc, f"{name}Base", anonymous=True)
        return self.type_ref(restriction, doc, restriction.get("base", ""))

    def is_enum(self, ref: TypeRef) -> bool:
        return (ref.namespace, ref.name) in self.enums

    def value_type(self, ref: TypeRef, el: etree._Element, doc: Doc) -> TypeRef:
        """``ref`` where only a simple type may stand (attributes, simpleContent)."""
        if ref.is_scalar or self.is_enum(ref) or (ref.namespace, ref.name) in self.lists:
            return ref
        raise SpecError(doc.at(el), f"{ref.name!r} is not a simple type")

    def complex_ref(self, node: etree._Element, doc: Doc, name: str) -> TypeRef:
        """A named complex type (``SchemaReader``): ``type_ref`` needs it for ``type=``."""
        raise NotImplementedError

    def attributes(self, holder: etree._Element, doc: Doc, owner: str) -> list[Attribute]:
        found: list[Attribute] = []
        for child in holder:
            if child.tag == q("attribute"):
                ref = child.get("ref")
                if ref and self.qname(child, doc, ref)[0] == SOAP_ENC_NS:
                    continue  # soapenc:arrayType of an encoded array: rpc/encoded is refused
                found.append(self.attribute(child, doc, owner))
            elif child.tag == q("attributeGroup"):
                key = self.qname(child, doc, child.get("ref", ""))
                group = self.loaded.attribute_groups.get(key)
                if group is None:
                    raise SpecError(doc.at(child), f"attributeGroup {child.get('ref')!r} undefined")
                found += self.attributes(group[0], group[1], owner)
        return found

    def attribute(self, node: etree._Element, doc: Doc, owner: str) -> Attribute:
        required = node.get("use") == "required"
        if node.get("use") == "prohibited":
            required = False
        if node.get("ref"):
            ns, name = self.qname(node, doc, node.get("ref", ""))
            if ns == XML_NS:
                return Attribute(name, STRING, XML_NS, required, node.get("default"))
            found = self.loaded.attributes.get((ns, name))
            if found is None:
                raise SpecError(doc.at(node), f"attribute {node.get('ref')!r} is not defined")
            target = self.attribute(found[0], found[1], owner)
            return Attribute(name, target.type, ns, required, node.get("default") or target.default)
        name = node.get("name", "")
        form = node.get("form")
        top = node.getparent() is doc.root
        qualified = top or (form == "qualified" if form else doc.qualified_attributes)
        if node.get("type"):
            ref = self.type_ref(node, doc, node.get("type", ""))
        elif node.find(q("simpleType")) is not None:
            ref = self.simple(
                node.find(q("simpleType")),  # type: ignore[arg-type]
                doc,
                f"{owner}{name[:1].upper()}{name[1:]}",
                anonymous=True,
            )
        else:
            ref = STRING  # anySimpleType: the text as sent
        return Attribute(
            name,
            self.value_type(ref, node, doc),
            doc.tns if qualified else "",
            required,
            node.get("default") if node.get("default") is not None else node.get("fixed"),
            doc_text(node),
        )


__all__ = ["SOAP_ENC_NS", "STRING", "WELL_KNOWN", "XML_NS", "SimpleTypeReader", "doc_text"]
