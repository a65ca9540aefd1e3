"""zeep as the oracle of the real-WSDL tests: our values as zeep takes them, zeep's and ours
as comparable text trees, canonical SOAP parts, zeep's reply written back as zeep wrote it."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import decimal
import uuid
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from lxml import etree
from zeep.exceptions import Error as ZeepError

from codegen.model import Operation, Schema
from tests.wsdl_real_support import BLANK_PARSER, WSA, XS
from wirekit import scalars
from wirekit.testing.matching import normalized


def zeep_client(wsdl: Path) -> Any:
    from zeep import Client, Settings
    from zeep.transports import Transport

    class Offline(Transport):
        # Base methods through Transport, not super(): mypy's untyped_calls_exclude (zeep)
        # matches the callee's name, which super() does not carry.
        def __init__(self) -> None:
            Transport.__init__(self)

        def load(self, url: str) -> bytes:
            if urlparse(url).scheme in ("http", "https", "ftp"):
                raise RuntimeError(f"zeep tried to fetch {url!r}")
            data: bytes = Transport.load(self, url)
            return data

    return Client(str(wsdl), settings=Settings(strict=False), transport=Offline())


def wire_key(f: dataclasses.Field[Any]) -> str:
    """The name zeep gives a generated field: its wire name; ``_attr_1`` for the open
    attributes, ``_value_1`` for a wildcard or simpleContent text (zeep's own names)."""
    meta = f.metadata
    kind = meta.get("type")
    if kind == "Attributes":
        return "_attr_1"
    if kind in ("Wildcard", "Text"):
        return "_value_1"
    return str(meta.get("wrapper", meta.get("name", f.name)))


def to_zeep(value: Any, client: Any = None) -> Any:
    """Our argument value as zeep takes it: structures as zeep objects of their own type (so a
    derived value gets its ``xsi:type``), or dicts of wire names when zeep has no such type."""
    if isinstance(value, list):
        return [to_zeep(v, client) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, etree._Element):
        # untyped (xs:anyType) content: zeep sends text as bare text; elements it moves
        return copy.deepcopy(value) if len(value) else value.text or ""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _structure(value, client)
    return value


def _structure(value: Any, client: Any) -> Any:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        meta = f.metadata
        if v is None or (meta.get("type") in ("Attributes", "Wildcard") and not v):
            continue
        if "wrapper" in meta and not v and not meta.get("required"):
            continue  # an empty optional array is not sent (ours leaves [] out): not for zeep
        if meta.get("type") == "Wildcard":
            out[wire_key(f)] = [copy.deepcopy(e) for e in v]  # xs:any: copies (zeep moves them)
        elif "wrapper" in meta:
            out[meta["wrapper"]] = {meta["name"]: to_zeep(v, client)}
        else:
            out[wire_key(f)] = to_zeep(v, client)
    meta_cls = getattr(value, "Meta", None)
    if client is None or meta_cls is None:
        return out
    qname = f"{{{getattr(meta_cls, 'namespace', '')}}}{meta_cls.name}"
    try:
        kind = client.get_type(qname)
        if "self" in out:  # zeep's __call__(self, …) clashes (README): positional
            return kind(*[out.pop(n, None) for n, _ in kind.elements], **out)
        return kind(**out)
    except (LookupError, TypeError, ValueError, ZeepError):
        return out  # a type zeep does not name (an anonymous one): a dict


def plain(value: Any) -> Any:
    """Ours or zeep's value as text leaves (dicts of wire names, lists), for comparison."""
    from zeep.helpers import serialize_object

    if value is None:
        return None
    if type(value).__name__ == "Schema" or (
        isinstance(value, etree._Element) and value.tag == f"{{{XS}}}schema"
    ):
        return "<xs:schema>"  # a DataSet's inline schema: zeep compiles it, we keep the XML
    if hasattr(value, "__values__"):
        value = serialize_object(value, dict)
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(next(iter(value.values())), list):
            return plain(next(iter(value.values())))  # an ArrayOfX wrapper: its items
        items = {k: plain(v) for k, v in value.items()}
        # an element with nothing set: zeep reads it as None
        return {k: v for k, v in items.items() if v not in (None, {}, [])} or None
    if isinstance(value, list):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {wire_key(f): plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {k: v for k, v in out.items() if v not in (None, {}, [])} or None
    return _leaf(value)


def _leaf(value: Any) -> Any:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return scalars.encode_bool(value)
    if isinstance(value, datetime.timedelta):
        import isodate  # zeep's own dependency: how it reads xs:duration

        return isodate.duration_isoformat(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, decimal.Decimal | float | int):
        return str(decimal.Decimal(str(value)).normalize())
    if isinstance(value, bytes):
        return scalars.encode_base64(value)
    if isinstance(value, etree._Element):
        if not len(value) and not (value.text or "").strip() and not value.attrib:
            return None  # an empty raw-XML value: zeep reads it as None
        return etree.tostring(value, method="c14n").decode()
    return str(value)


def header_value(cls: type) -> Any:
    """A header instance with a value in every text/int/bool field."""
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        kind = str(f.type)
        if kind.startswith("str"):
            kwargs[f.name] = f"h-{f.name}"
        elif kind.startswith("int"):
            kwargs[f.name] = 7
        elif kind.startswith("bool"):
            kwargs[f.name] = True
    return cls(**kwargs)


def canonical(el: etree._Element | None) -> str:
    if el is None:
        return ""
    copy = etree.fromstring(etree.tostring(el), BLANK_PARSER)
    for victim in [
        c for c in copy.iter() if isinstance(c.tag, str) and c.tag.startswith(f"{{{WSA}}}")
    ]:
        parent = victim.getparent()  # never None: the root is the envelope, not a wsa: header
        assert parent is not None
        parent.remove(victim)  # zeep's WS-Addressing: not part of the contract
    return normalized(copy)


def envelope_part(env: etree._Element, part: str) -> etree._Element | None:
    return next(
        (c for c in env if isinstance(c.tag, str) and etree.QName(c).localname == part), None
    )


def zeep_args(
    schema: Schema, op: Operation, args: dict[str, Any], client: Any, zop: Any
) -> tuple[list[Any], dict[str, Any]]:
    if op.param_is_body:
        value = next(iter(args.values()))
        if dataclasses.is_dataclass(value):  # zeep takes a Bare element's content as kwargs
            return [], to_zeep(value)
        if isinstance(value, etree._Element) and type(zop.input.body.type).__name__ != "AnyType":
            if not len(value):  # the sample's raw element is empty; its xs:any needs one
                etree.SubElement(value, "{urn:polybind:test}Note").text = "n"
            kids = [copy.deepcopy(k) for k in value]  # zeep moves what it is given
            return [], {"_value_1": kids[0] if len(kids) == 1 else kids}
        return [to_zeep(value, client)], {}
    from codegen.emit.xml_types import PARAM_RESERVED, unique_avoiding
    from codegen.naming import snake

    py_names = unique_avoiding([snake(p.name) for p in op.params], PARAM_RESERVED)
    names = dict(zip(py_names, [p.name for p in op.params], strict=True))
    by_name = {p.name: p for p in op.params}
    body = zop.input.body
    zeep_types = {
        n: type(e.type).__name__ for n, e in getattr(getattr(body, "type", None), "elements", [])
    }
    out: dict[str, Any] = {}
    for k, v in args.items():
        wire = names[k]
        item = schema.array_item(by_name[wire].type)
        if v is None:
            continue  # absent: zeep must not see it (a choice takes one member only)
        value = to_zeep(v, client)
        if isinstance(v, etree._Element) and zeep_types.get(wire) not in (None, "AnyType"):
            if not len(v):  # the sample's XmlNode is empty; its xs:any needs one element
                etree.SubElement(v, "{urn:polybind:test}Note").text = "n"
            kids = [copy.deepcopy(k) for k in v]  # zeep moves what it is given into its tree
            value = {"_value_1": kids[0] if len(kids) == 1 else kids}  # mixed/any content
        out[wire] = {item.name: value} if item is not None and v is not None else value
    if "self" in out:  # zeep's create_message(self, ...) clashes: positional (fixtures README)
        return [out.get(p.name) for p in op.params], {}
    return [], out


def header_zeep(value: Any) -> Any:
    """A header value for zeep's ``_soapheaders``: a dict, or the text of a simple-typed one."""
    data = to_zeep(value)
    return data["_value_1"] if isinstance(data, dict) and set(data) == {"_value_1"} else data


def sent_action(request: httpx.Request, protocol: str) -> str:
    if protocol == "soap11":
        return request.headers["soapaction"].strip('"')
    ctype = request.headers["content-type"]
    return ctype.partition('action="')[2].partition('"')[0]


def unwrap_headers(value: Any) -> Any:
    """zeep returns ``{"body": …, "header": …}`` when the answer declares headers."""
    if _has_headers(value):
        body = value.body
        from zeep.helpers import serialize_object

        data = serialize_object(body, dict) if body is not None else None
        if isinstance(data, dict) and len(data) == 1:
            return next(iter(data.values()))
        return data
    return value


def serialize_reply(zop: Any, value: Any) -> bytes:
    """zeep's own reply for the value it read (its unwrapping undone; headers passed back)."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    if _has_headers(value):
        kwargs["_soapheaders"] = dict(value.header.__values__) if value.header else None
        value = value.body
        if hasattr(value, "__values__"):
            kwargs.update(dict(value.__values__))
        elif value is not None:
            args.append(value)  # a simple-typed Body element (README: positional)
    elif zop.output.body is None:  # an rpc answer of no parts: zeep models no Body to write
        raise ZeepError(f"zeep cannot write the empty {zop.name} answer")
    else:
        kind = zop.output.body.type
        children = list(getattr(kind, "elements", []))
        if len(children) == 1 and not getattr(kind, "attributes", []):
            child_name, child = children[0]
            inner = list(getattr(child.type, "elements", []))
            if isinstance(value, list) and child.max_occurs == 1 and len(inner) == 1:
                value = {inner[0][0]: value}  # zeep unwrapped an ArrayOfX to its items too
            kwargs[child_name] = value  # zeep returned the single child
        elif hasattr(value, "__values__"):
            kwargs.update(dict(value.__values__))
        elif value is not None:
            args.append(value)  # a simple-typed Body element (README: positional)
    return etree.tostring(zop.output.serialize(*args, **kwargs).content)


def simple_header(value: Any) -> Any:
    """A simple-typed header as our simpleContent class shows it."""
    return value if hasattr(value, "__values__") else {"_value_1": value}


def _has_headers(value: Any) -> bool:
    return hasattr(value, "__values__") and set(value.__values__) == {"header", "body"}
