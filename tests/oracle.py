"""An independent reading of XML and of result objects, for comparing the two.

It shares nothing with the generated codecs: it walks the documented XML generically, and walks
result dataclasses through their xsdata field metadata (wire names, ``wrapper``). Both sides
become ``{wire name: [values]}`` trees whose leaves are the XML text, so a codec that drops,
renames, mis-types or reorders anything makes the two differ.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from lxml import etree

from wirekit import scalars

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def xml_plain(el: etree._Element) -> Any:
    kids = [c for c in el if isinstance(c.tag, str)]
    if not kids:
        return (el.text or "").strip()
    out: dict[str, list[Any]] = {}
    for kid in kids:
        if kid.get(XSI_NIL) == "true":
            continue
        out.setdefault(etree.QName(kid).localname, []).append(xml_plain(kid))
    return out


def _leaf(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):  # before int: bool is an int
        return scalars.encode_bool(value)
    if isinstance(value, int):
        return scalars.encode_int(value)
    if isinstance(value, float):
        return scalars.encode_float(value)
    import datetime
    import decimal
    import uuid

    if isinstance(value, datetime.datetime):
        return scalars.encode_datetime(value)
    if isinstance(value, datetime.date):
        return scalars.encode_date(value)
    if isinstance(value, decimal.Decimal):
        return scalars.encode_decimal(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return scalars.encode_base64(value)
    return str(value)


def obj_plain(obj: Any) -> Any:
    if isinstance(obj, etree._Element):  # raw XML (xs:anyType, an XmlNode result)
        return xml_plain(obj)
    if isinstance(obj, list):
        return {"*": [obj_plain(v) for v in obj]}
    if not dataclasses.is_dataclass(obj):
        return _leaf(obj)
    out: dict[str, list[Any]] = {}
    fields = dataclasses.fields(obj)
    text = next((f for f in fields if f.metadata.get("type") == "Text"), None)
    if text is not None:  # simpleContent: xml_plain reads the text (attributes are not read)
        return _leaf(getattr(obj, text.name))
    for f in fields:
        value = getattr(obj, f.name)
        kind = f.metadata.get("type", "Element")
        if value is None or kind in ("Attribute", "Attributes"):
            continue
        if kind == "Wildcard":  # raw elements, read as xml_plain reads any child
            for el in value:
                out.setdefault(etree.QName(el).localname, []).append(xml_plain(el))
            continue
        _field_plain(out, f.metadata, value)
    return out if out or dataclasses.fields(obj) else ""


def _field_plain(out: dict[str, list[Any]], meta: Any, value: Any) -> None:
    if isinstance(value, etree._Element):
        out[meta["name"]] = [xml_plain(value)]
    elif meta.get("tokens"):  # an xs:list: one element, its items space-separated
        out[meta["name"]] = [" ".join(_leaf(v) for v in value)]
    elif "wrapper" in meta:
        out[meta["wrapper"]] = [{meta["name"]: [obj_plain(v) for v in value]} if value else ""]
    elif isinstance(value, list):
        out[meta["name"]] = [obj_plain(v) for v in value]
    else:
        out[meta["name"]] = [obj_plain(value)]


def normalise_list_result(xml: Any, result: Any) -> Any:
    """A list-typed result: compare the items whatever the item element's name."""
    if isinstance(result, dict) and set(result) == {"*"} and isinstance(xml, dict):
        return {"*": [v for values in xml.values() for v in values]}
    return xml
