"""The contract test matrix, read from the specs, and the strict vcrpy matchers.

vcrpy's default matcher (method, scheme, host, port, path, query) would hand two SOAP calls to
the same URL each other's answers, and its body matcher is byte-for-byte; these matchers compare
what a server compares: the SOAP action, and the body as canonical XML or as form pairs.
Matchers raise only ``AssertionError`` (anything else aborts vcrpy's matching).
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import vcr
from lxml import etree

from codegen.emit.xml_types import PARAM_RESERVED, unique_avoiding
from codegen.model import Operation, Protocol, Schema, Service, TypeRef
from codegen.naming import pascal, snake
from codegen.pipeline import read_services
from wirekit import scalars
from wirekit.scrub import REDACTED, REDACTED_EMAIL, scrub_vcr_request
from wirekit.testing import ContractTransport, read_contract
from wirekit.testing.contracts import load_yaml

ROOT = Path(__file__).resolve().parent.parent
#: Real-looking secrets the tests send; the cassettes must only ever hold the scrubbed forms.
SECRET_KEY = "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9"
SECRET_EMAIL = "john@removethebackground.com"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


@dataclass(frozen=True)
class Case:
    service: Service
    operation: Operation
    protocol: Protocol
    #: The tree holding ``contracts/``: the repository, or a scratch root built by a test.
    root: Path = ROOT
    #: The generated package's module name (``generated.<service>`` unless imported elsewhere).
    package: str = ""

    @property
    def id(self) -> str:
        return f"{self.service.name}/{self.operation.name}/{self.protocol.value}"

    @property
    def module_name(self) -> str:
        return self.package or f"generated.{self.service.name}"

    @property
    def cassette(self) -> Path:
        return (
            self.root
            / "contracts"
            / self.service.name
            / f"{self.operation.name}.{self.protocol.value}.yaml"
        )


@cache
def services() -> tuple[Service, ...]:
    """The repository's services as read (not emitted: ``read_services``), once per process."""
    return read_services(ROOT)


def cases(
    of: tuple[Service, ...] | None = None, root: Path = ROOT, packages: dict[str, str] | None = None
) -> list[Case]:
    """Every operation x protocol variant of ``of`` (default: the repository's services)."""
    if of is None and root == ROOT and not packages:
        return list(_repo_cases())  # a fresh list: callers may filter or extend it
    packages = packages or {}
    return [
        Case(s, op, v.protocol, root, packages.get(s.name, ""))
        for s in (services() if of is None else of)
        for op in s.operations
        for v in op.variants
        if v.protocol.is_asmx
    ]


def rest_cases(of: tuple[Service, ...] | None = None, root: Path = ROOT) -> list[Case]:
    """Every REST operation and webhook of ``of`` (default: the repository's services)."""
    if of is None and root == ROOT:
        return list(_repo_rest_cases())
    found = []
    for s in services() if of is None else of:
        found += [Case(s, op, Protocol.REST, root) for op in s.operations if s.is_rest]
        found += [
            Case(s, Operation(h.name, h.fields, None, "", ()), Protocol.WEBHOOK, root)
            for h in s.webhooks
        ]
    return found


@cache
def _repo_cases() -> tuple[Case, ...]:
    """The repository's matrix, read once per process however often ``cases()`` is asked."""
    return tuple(cases(services()))


@cache
def _repo_rest_cases() -> tuple[Case, ...]:
    return tuple(rest_cases(services()))


def _canonical(body: bytes) -> str:
    try:
        root = etree.fromstring(body, _PARSER)
        text: str = etree.canonicalize(
            etree.tostring(root).decode(), strip_text=True, rewrite_prefixes=True
        )
        return text
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


def _model_class(case: Case, wire_name: str, namespace: str | None = None) -> Any:
    """The generated class (dataclass or Enum) whose ``Meta.name``/name is ``wire_name`` (and
    whose ``Meta.namespace`` is ``namespace`` when given: two namespaces may share a name)."""
    module = importlib.import_module(f"{case.module_name}.models")
    fallback = None
    for n in dir(module):
        obj = getattr(module, n)
        meta = getattr(obj, "Meta", None)
        if getattr(meta, "name", None) == wire_name:
            if namespace is None or getattr(meta, "namespace", namespace) == namespace:
                return obj
            fallback = fallback or obj
        elif isinstance(obj, type) and n in (wire_name, pascal(wire_name)) and meta is None:
            fallback = fallback or obj
    if fallback is not None:
        return fallback
    raise AssertionError(f"no generated class for {wire_name!r}")


def _scalar(ref: TypeRef, text: str) -> Any:
    decoder = _DECODERS.get(ref.name)
    return decoder(text) if decoder is not None else _secret(text)


XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _simple(case: Case, ref: TypeRef, text: str) -> Any:
    """A scalar, enumeration or ``xs:list`` value from its text."""
    schema: Schema = case.service.schema
    if ref.is_scalar:
        return _scalar(ref, text)
    if schema.enum(ref) is not None:
        return _model_class(case, ref.name, ref.namespace)(text.strip())
    listed = schema.list_type(ref)
    if listed is not None:
        return [_simple(case, listed.item, t) for t in text.split()]
    raise AssertionError(f"unknown simple type {ref}")


def _derived(case: Case, ref: TypeRef, el: etree._Element) -> TypeRef:
    """``ref``, or the derived type an ``xsi:type`` on ``el`` names."""
    given = el.get(XSI_TYPE)
    if not given:
        return ref
    prefix, _, local = given.rpartition(":")
    return TypeRef(el.nsmap.get(prefix or None) or ref.namespace, local)


def value_from_xml(case: Case, ref: TypeRef, el: etree._Element) -> Any:
    """The Python value of documented element ``el`` of type ``ref``, built from the model alone.

    Independent of the generated codecs: it walks the schema and the XML, and instantiates the
    generated dataclasses by their wire names (``xsd`` metadata), so the binding's own encoder
    is what the cassette's body matcher then checks.
    """
    schema: Schema = case.service.schema
    if ref.is_raw:
        return el
    if ref.is_scalar or schema.enum(ref) is not None or schema.list_type(ref) is not None:
        return _simple(case, ref, el.text or "")
    item = schema.array_item(ref)
    if item is not None:
        return [
            None if c.get(XSI_NIL) in ("true", "1") else value_from_xml(case, item.type, c)
            for c in el
            if isinstance(c.tag, str) and etree.QName(c).localname == item.name
        ]
    ref = _derived(case, ref, el)
    ct = schema.complex_type(ref)
    assert ct is not None, f"unknown type {ref}"
    cls = _model_class(case, ref.name, ref.namespace)
    elements = {e.name: e for e in ct.elements if not e.wildcard}
    attributes = {a.name: a for a in ct.attributes}
    kids = [c for c in el if isinstance(c.tag, str)]
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        meta = f.metadata
        kind = meta.get("type", "Element")
        if kind == "Text":
            assert ct.value is not None
            kwargs[f.name] = _simple(case, ct.value, el.text or "")
        elif kind == "Attribute":
            a = attributes[meta["name"]]
            text = el.get(f"{{{a.namespace}}}{a.name}" if a.namespace else a.name)
            if text is not None:
                kwargs[f.name] = _simple(case, a.type, text)
        elif kind == "Wildcard":
            kwargs[f.name] = [c for c in kids if etree.QName(c).localname not in elements]
        elif kind == "Element":
            e = elements[meta.get("wrapper", meta.get("name"))]
            mine = [c for c in kids if etree.QName(c).localname == e.name]
            values = [
                None if c.get(XSI_NIL) in ("true", "1") else value_from_xml(case, e.type, c)
                for c in mine
            ]
            if e.repeated:
                kwargs[f.name] = values
            elif values:
                kwargs[f.name] = values[0]
    return cls(**kwargs)


def _documented_headers(case: Case, env: etree._Element) -> list[Any]:
    """Values of the operation's declared input headers found in the documented envelope."""
    header = env.find("{*}Header")
    if header is None:
        return []
    declared = {h.element.clark: h for h in case.operation.input_headers}
    return [
        value_from_xml(case, declared[str(el.tag)].type, el)
        for el in header
        if isinstance(el.tag, str) and el.tag in declared
    ]


def call_arguments(case: Case, request: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that should make the binding send the cassette's request.

    Read from the documented request itself (SOAP payload children, query or form pairs), typed
    by the WSDL's parameter types; scrubbed secrets become real-looking ones. A list parameter
    is its wrapper's items (SOAP) or its repeated pairs (HTTP GET/POST).
    """
    params = case.operation.params
    names = dict(
        zip(
            [p.name for p in params],
            unique_avoiding([snake(p.name) for p in params], PARAM_RESERVED),
            strict=True,
        )
    )
    types = {p.name: p for p in params}
    schema = case.service.schema
    args: dict[str, Any] = {}
    if case.protocol.is_soap:
        env = etree.fromstring(request["body"].encode(), _PARSER)
        payload = env.find("{*}Body")[0]  # type: ignore[index]
        headers = _documented_headers(case, env)
        if headers:  # the declared SOAP headers the contract documents, sent per call
            args["soap_headers"] = headers
        if case.operation.param_is_body:  # a Bare simple-type part: the Body element is it
            param = params[0]
            args[names[param.name]] = value_from_xml(case, param.type, payload)
            return args
        for child in payload:
            if not isinstance(child.tag, str):
                continue
            param = types[etree.QName(child).localname]
            nil = child.get(XSI_NIL) in ("true", "1")
            value = None if nil else value_from_xml(case, param.type, child)
            if param.repeated:
                args.setdefault(names[param.name], []).append(value)
            else:
                args[names[param.name]] = value
        return args
    if case.protocol == Protocol.HTTP_GET:
        pairs = parse_qsl(urlsplit(request["uri"]).query, keep_blank_values=True)
    else:
        pairs = parse_qsl(request["body"] or "", keep_blank_values=True)
    for wire, text in pairs:
        param = types[wire]
        item = schema.array_item(param.type)
        ref = item.type if item is not None else param.type
        enum = schema.enum(ref)
        value = _model_class(case, enum.name)(text) if enum is not None else _scalar(ref, text)
        if item is not None or param.repeated:
            args.setdefault(names[wire], []).append(value)
        else:
            args[names[wire]] = value
    return args


# --- replaying one case --------------------------------------------------------------------------


def recorder() -> vcr.VCR:
    """vcrpy that only replays, matching requests strictly (see ``MATCH_ON``)."""
    rec = vcr.VCR(record_mode="none", match_on=MATCH_ON, before_record_request=scrub_vcr_request)
    register(rec)
    return rec


def interaction(case: Case) -> dict[str, Any]:
    assert case.cassette.exists(), f"missing cassette {case.cassette}"
    data = load_yaml(case.cassette.read_text(encoding="utf-8"))
    return data["interactions"][0]  # type: ignore[no-any-return]


def documented_result(case: Case, documented: dict[str, Any]) -> Any:
    """The cassette's result element (SOAP ``…Result``, or the HTTP root), or ``None``."""
    text = documented["response"]["body"]["string"]
    if not text.strip():
        return None
    root = etree.fromstring(text.encode(), _PARSER)
    if case.protocol.is_soap:
        wrapper = root.find("{*}Body")[0]  # type: ignore[index]
        result = case.operation.result
        if case.operation.result_is_body or (result is not None and result.repeated):
            return wrapper  # the Body element, or the wrapper of a repeated result
        return wrapper[0] if len(wrapper) else None
    return root


def client_method(module: ModuleType, operation: str) -> str:
    """The client method of ``operation``: the one whose operation constant describes it
    (``GetItem`` and ``getItem`` are ``get_item`` and ``get_item_2``), else by name."""
    for ops_module in ("codecs", "operations"):
        try:
            ops = importlib.import_module(f"{module.__name__}.{ops_module}")
        except ImportError:
            continue
        for const in dir(ops):
            spec = getattr(ops, const)
            named = const.isupper() and getattr(spec, "name", None) == operation
            if named and hasattr(module.Client, const.lower()):
                return const.lower()
    return next(
        m for m in dir(module.Client) if m.replace("_", "") == operation.lower().replace("_", "")
    )


def invoke(
    module: ModuleType,
    method: str,
    protocol: str | None,
    args: dict[str, Any],
    *,
    use_async: bool,
    transport: Any = None,
    base_url: str | None = None,
) -> Any:
    """Call ``method`` on the package's ``Client`` (or ``AsyncClient``) over ``transport`` (an
    httpx transport) or, without one, over the network to ``base_url`` (loopback only)."""
    options: dict[str, Any] = {} if protocol is None else {"protocol": protocol}
    if use_async:

        async def run() -> Any:
            http = httpx.AsyncClient(transport=transport) if transport is not None else None
            try:
                async with module.AsyncClient(base_url, http_client=http, **options) as client:
                    return await getattr(client, method)(**args)
            finally:
                if http is not None:
                    await http.aclose()

        return asyncio.run(run())
    http = httpx.Client(transport=transport) if transport is not None else None
    try:
        with module.Client(base_url, http_client=http, **options) as client:
            return getattr(client, method)(**args)
    finally:
        if http is not None:
            http.close()


def replay(
    case: Case, module: ModuleType, method: str, args: dict[str, Any], *, use_async: bool
) -> Any:
    """Call through ``wirekit.testing``'s contract transport: the documented request or a
    ``ContractMismatch`` with the diff; then the documented response."""
    transport = ContractTransport([read_contract(case.cassette)])
    protocol = None if case.protocol == Protocol.REST else case.protocol.value
    result = invoke(module, method, protocol, args, use_async=use_async, transport=transport)
    assert len(transport.answered) == 1, "the binding did not send the documented request"
    return result


def call(case: Case, *, use_async: bool) -> Any:
    """Call the case's operation through the generated client, replaying its contract."""
    module = importlib.import_module(case.module_name)
    args = call_arguments(case, interaction(case)["request"])
    method = client_method(module, case.operation.name)
    return replay(case, module, method, args, use_async=use_async)
