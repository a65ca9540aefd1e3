"""The contract test matrix, read from the specs, and the strict vcrpy matchers.

vcrpy's default matcher (method, scheme, host, port, path, query) would hand two SOAP calls to
the same URL each other's answers, and its body matcher is byte-for-byte; these matchers compare
what a server compares: the SOAP action, and the body as canonical XML or as form pairs.
Matchers raise only ``AssertionError`` (anything else aborts vcrpy's matching).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from codegen.model import Operation, Protocol, Service
from codegen.naming import snake, unique
from codegen.pipeline import build
from wirekit import scalars
from wirekit.scrub import REDACTED, REDACTED_EMAIL

ROOT = Path(__file__).resolve().parent.parent
#: Real-looking secrets the tests send; the cassettes must only ever hold the scrubbed forms.
SECRET_KEY = "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9"
SECRET_EMAIL = "john@removethebackground.com"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class Case:
    service: Service
    operation: Operation
    protocol: Protocol

    @property
    def id(self) -> str:
        return f"{self.service.name}/{self.operation.name}/{self.protocol.value}"

    @property
    def cassette(self) -> Path:
        return (
            ROOT
            / "contracts"
            / self.service.name
            / f"{self.operation.name}.{self.protocol.value}.yaml"
        )


@cache
def services() -> tuple[Service, ...]:
    return build(ROOT).services


def cases() -> list[Case]:
    return [Case(s, op, v.protocol) for s in services() for op in s.operations for v in op.variants]


def _canonical(body: bytes) -> str:
    try:
        root = etree.fromstring(body, _PARSER)
        return etree.canonicalize(
            etree.tostring(root).decode(), strip_text=True, rewrite_prefixes=True
        )
    except (etree.XMLSyntaxError, ValueError) as err:
        raise AssertionError(f"body is not XML: {err}") from None


def _body(request: Any) -> bytes:
    body = request.body or b""
    return body.encode("utf-8") if isinstance(body, str) else body


def _header(request: Any, name: str) -> str:
    for key, value in request.headers.items():
        if key.lower() == name.lower():
            return value[0] if isinstance(value, list) else str(value)
    return ""


def _action(request: Any) -> tuple[str, str]:
    ctype = _header(request, "Content-Type")
    params = [p.strip() for p in ctype.split(";")[1:]]
    action = next((p.split("=", 1)[1].strip('"') for p in params if p.startswith("action=")), "")
    return _header(request, "SOAPAction").strip('"'), action


def match_soap_action(r1: Any, r2: Any) -> None:
    assert _action(r1) == _action(r2), f"SOAP action {_action(r1)} != {_action(r2)}"


def match_media_type(r1: Any, r2: Any) -> None:
    m1 = _header(r1, "Content-Type").split(";")[0].strip()
    m2 = _header(r2, "Content-Type").split(";")[0].strip()
    assert m1 == m2, f"Content-Type {m1!r} != {m2!r}"


def match_body(r1: Any, r2: Any) -> None:
    b1, b2 = _body(r1), _body(r2)
    media = _header(r1, "Content-Type").split(";")[0].strip().lower()
    if "xml" in media:
        assert _canonical(b1) == _canonical(b2), "XML bodies differ (canonical form)"
    elif media == "application/x-www-form-urlencoded":
        p1 = parse_qsl(b1.decode(), keep_blank_values=True)
        p2 = parse_qsl(b2.decode(), keep_blank_values=True)
        assert p1 == p2, f"form bodies differ: {p1} != {p2}"
    else:
        assert b1 == b2, "bodies differ"


MATCH_ON = [
    "method",
    "scheme",
    "host",
    "port",
    "path",
    "query",
    "media_type",
    "soap_action",
    "canonical_body",
]


def register(vcr: Any) -> None:
    vcr.register_matcher("soap_action", match_soap_action)
    vcr.register_matcher("canonical_body", match_body)
    vcr.register_matcher("media_type", match_media_type)


def _secret(text: str) -> str:
    return {REDACTED: SECRET_KEY, REDACTED_EMAIL: SECRET_EMAIL}.get(text, text)


_DECODERS = {
    "boolean": scalars.decode_bool,
    "int": scalars.decode_int,
    "long": scalars.decode_int,
    "short": scalars.decode_int,
    "byte": scalars.decode_int,
    "decimal": scalars.decode_decimal,
    "double": scalars.decode_float,
    "float": scalars.decode_float,
    "dateTime": scalars.decode_datetime,
    "date": scalars.decode_date,
    "time": scalars.decode_time,
    "guid": scalars.decode_uuid,
    "base64Binary": scalars.decode_base64,
    "unsignedInt": scalars.decode_int,
    "unsignedShort": scalars.decode_int,
    "unsignedLong": scalars.decode_int,
    "unsignedByte": scalars.decode_int,
    "char": scalars.decode_int,
    "integer": scalars.decode_int,
}


def call_arguments(case: Case, request: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that should make the binding send the cassette's request.

    Read from the documented request itself (SOAP payload children, query or form pairs), typed
    by the WSDL's parameter types; scrubbed secrets become real-looking ones.
    """
    if case.protocol.is_soap:
        env = etree.fromstring(request["body"].encode(), _PARSER)
        payload = env[0][0] if len(env) == 1 else env.find("{*}Body")[0]  # type: ignore[index]
        pairs = [(etree.QName(c).localname, c.text or "") for c in payload]
    elif case.protocol == Protocol.HTTP_GET:
        pairs = parse_qsl(urlsplit(request["uri"]).query, keep_blank_values=True)
    else:
        pairs = parse_qsl(request["body"] or "", keep_blank_values=True)
    params = case.operation.params
    names = dict(
        zip([p.name for p in params], unique([snake(p.name) for p in params]), strict=True)
    )
    types = {p.name: p for p in params}
    schema = case.service.schema
    args: dict[str, Any] = {}
    for wire, text in pairs:
        param = types[wire]
        enum = schema.enum(param.type)
        if enum is not None:
            module = __import__(f"generated.{case.service.name}.models", fromlist=["x"])
            cls = next(
                getattr(module, n)
                for n in dir(module)
                if getattr(getattr(module, n), "__name__", "") == enum.name
                or n.lower() == enum.name.lower()
            )
            args[names[wire]] = cls(text)
        elif param.type.name in _DECODERS:
            args[names[wire]] = _DECODERS[param.type.name](text)
        else:
            args[names[wire]] = _secret(text)
    return args
