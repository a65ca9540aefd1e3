"""Small helpers the generated per-type codecs call; kept here so generated code stays short.

Everything generated code imports from the runtime is public and listed in ``__all__``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set as AbstractSet
from copy import deepcopy
from uuid import UUID

from lxml import etree

from wirekit.errors import NullResultError, ResponseFormatError
from wirekit.scalars import decode_uuid
from wirekit.xmlsafe import XSI_NIL, is_nil


def esc(text: str) -> str:
    """XML-escape element content (``&``, ``<``, ``>``); quotes need no escaping in content.

    A carriage return is written as a character reference: a raw one would reach the receiver
    as a line feed (XML end-of-line normalisation), changing the string.
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def esc_attr(text: str) -> str:
    """XML-escape an attribute value: also quotes, and whitespace kept as character references
    (attribute-value normalisation would turn a raw tab or line break into a space)."""
    text = esc(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#9;")
    return text


XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def xsi_type(el: etree._Element) -> tuple[str, str] | None:
    """The ``(namespace, name)`` an element's ``xsi:type`` names, or ``None``."""
    value = el.get(XSI_TYPE)
    if value is None:
        return None
    prefix, _, name = value.strip().rpartition(":")
    return el.nsmap.get(prefix or None) or "", name


def unknown_subtype(type_name: str, el: etree._Element) -> ResponseFormatError:
    return ResponseFormatError(
        f"<{etree.QName(el).localname}> has xsi:type {el.get(XSI_TYPE)!r}, "
        f"which is not a known {type_name}"
    )


def stray(type_name: str, child: etree._Element, known: AbstractSet[str]) -> None:
    """Refuse a child named like a field of ``type_name`` but in another namespace: decoding
    it as absent would lose it silently (an unqualified answer to a qualified schema, say)."""
    tag = child.tag
    if isinstance(tag, str) and etree.QName(tag).localname in known:
        raise ResponseFormatError(
            f"<{type_name}> has child {tag!r}, whose namespace is not the one the schema "
            "declares for it"
        )


def _detached(value: etree._Element, tag: str) -> etree._Element:
    """A copy of ``value`` named ``tag`` that keeps the prefixed namespace declarations in
    scope (attribute values such as ``xsi:type="xsd:string"`` name them) but no default one
    (which would capture unqualified names)."""
    nsmap = {p: u for p, u in value.nsmap.items() if p is not None}
    copy = etree.Element(tag, nsmap=nsmap)
    for key, val in value.attrib.items():
        copy.set(key, val)
    copy.text = value.text
    for child in value:
        copy.append(deepcopy(child))
    return copy


def raw(value: etree._Element, tag: str) -> str:
    """Raw XML (``xs:anyType``, mixed content) as element ``tag`` (a Clark name): the
    value's attributes, text and children as given."""
    return etree.tostring(_detached(value, tag), encoding="unicode", with_tail=False)


def raw_any(values: Iterable[etree._Element]) -> str:
    """The elements an ``xs:any`` wildcard holds, each under its own name."""
    return "".join(raw(v, v.tag) for v in values if isinstance(v.tag, str))


def other_attributes(el: etree._Element, known: frozenset[str]) -> dict[str, str]:
    """Attributes no field claims (``anyAttribute``), by Clark name; xmlns and xsi excluded."""
    return {
        str(k): str(v)
        for k, v in el.attrib.items()
        if k not in known and not str(k).startswith("{http://www.w3.org/2001/XMLSchema-instance}")
    }


def encode_other_attributes(attrs: Mapping[str, str]) -> str:
    """``anyAttribute`` values as attribute text, each namespace declared where it is used."""
    out = []
    for n, (key, value) in enumerate(sorted(attrs.items())):
        if key.startswith("{"):
            ns, _, local = key[1:].partition("}")
            out.append(f' xmlns:a{n}="{esc_attr(ns)}" a{n}:{local}="{esc_attr(value)}"')
        else:
            out.append(f' {key}="{esc_attr(value)}"')
    return "".join(out)


def missing(type_name: str, element: str) -> ResponseFormatError:
    return ResponseFormatError(f"<{type_name}> lacks required element <{element}>")


def duplicate(type_name: str, element: str) -> ResponseFormatError:
    """A second ``<element>`` where the schema allows one: which one the service meant cannot be
    known, so neither is taken (``ErrorCode`` twice could hide a failure)."""
    return ResponseFormatError(f"<{type_name}> has more than one <{element}>")


def null_result(operation: str) -> NullResultError:
    return NullResultError(f"{operation} returned no result (nil or missing)")


def not_nil(el: etree._Element) -> etree._Element:
    """A list item that is ``xsi:nil`` has no value in ``list[T]``: refuse it, never invent one."""
    if is_nil(el):
        raise ResponseFormatError(f"nil item <{etree.QName(el).localname}> in a list")
    return el


def as_uuid(value: UUID | str) -> UUID:
    """A GUID parameter given as returned (``UUID``) or as text (strictly parsed)."""
    return value if isinstance(value, UUID) else decode_uuid(value)


__all__ = [
    "XSI_NIL",
    "XSI_TYPE",
    "as_uuid",
    "duplicate",
    "encode_other_attributes",
    "esc",
    "esc_attr",
    "is_nil",
    "missing",
    "not_nil",
    "null_result",
    "other_attributes",
    "raw",
    "raw_any",
    "stray",
    "unknown_subtype",
    "xsi_type",
]
