"""Compare a request with a documented one the way a server would, and show how it departs.

vcrpy's default matchers would hand two SOAP calls to one URL each other's answers and compare
bodies byte for byte. These compare what a server compares, and miss nothing it would notice:

* the method, the path, the query as name/value pairs (order free: servers bind by name);
* the Content-Type, parameters included, and the SOAPAction header *exactly as documented*
  (quotes are part of it: some servers reject an unquoted action);
* XML bodies in canonical form (C14N 2.0, prefixes rewritten) with whitespace *between*
  elements ignored but whitespace *inside* text kept: ``xsd:string`` preserves it;
* form bodies as pairs, JSON bodies as data.

The request is scrubbed of secrets first, as the cassette was when it was written.
"""

from __future__ import annotations

import difflib
import email.policy
import json
from dataclasses import dataclass
from email.parser import BytesParser
from urllib.parse import parse_qsl, urlsplit

import httpx
from lxml import etree

from wirekit.scrub import scrub_body, scrub_headers, scrub_url
from wirekit.testing.contracts import Contract, Documented
from wirekit.transport import media_type

_BLANKS = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True
)


class ContractMismatch(AssertionError):
    """A request departs from its contract; the message shows both in canonical form."""


@dataclass(frozen=True)
class Sent:
    """A request as the contract sees it: scrubbed, its parts separated."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: dict[str, str]
    body: bytes

    @classmethod
    def of(cls, request: httpx.Request) -> Sent:
        url = urlsplit(scrub_url(str(request.url)))
        raw = {k.lower(): v for k, v in request.headers.items()}
        headers = {k: str(v) for k, v in scrub_headers(raw).items()}
        body = scrub_body(request.content, raw.get("content-type")) if request.content else b""
        return cls(request.method, url.path, _pairs(url.query), headers, body)

    @classmethod
    def documented(cls, doc: Documented) -> Sent:
        url = urlsplit(doc.uri)
        headers = {k.lower(): v for k, v in doc.headers}
        return cls(doc.method, url.path, _pairs(url.query), headers, doc.body)


def _pairs(query: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(parse_qsl(query, keep_blank_values=True)))


def _content_type(value: str | None) -> str:
    """``text/xml;charset=utf-8`` and ``text/xml; charset=utf-8`` are one header value; a
    multipart boundary is the sender's choice."""
    parts = [p.strip() for p in (value or "").split(";")]
    if parts[0].lower().startswith("multipart/"):
        return parts[0].lower()
    return "; ".join([parts[0].lower(), *parts[1:]]) if parts[0] else ""


_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def normalized(root: etree._Element) -> str:
    """``root`` in C14N 2.0 with every prefix renamed ``n0``, ``n1``… (by first use, declared
    on the root) and ``xsi:type`` values renamed alike: two documents that differ only in
    prefixes print the same. (lxml's ``rewrite_prefixes`` writes ``xmlns:n2=""`` for an
    unqualified child of a default-namespace parent, which no parser reads back.)"""
    prefix = {ns: f"n{i}" for i, ns in enumerate(_namespaces(root))}
    new = etree.Element(root.tag, nsmap={p: ns for ns, p in prefix.items()})
    _fill(new, root, prefix)
    return str(etree.canonicalize(etree.tostring(new).decode("utf-8")))


def _namespaces(root: etree._Element) -> list[str]:
    """Namespaces of element and attribute names and ``xsi:type`` values, by first use."""
    order: dict[str, None] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        names = [etree.QName(n).namespace for n in (el.tag, *el.attrib)]
        xsi = str(el.get(_XSI_TYPE) or "")
        if ":" in xsi:
            names.append(el.nsmap.get(xsi.partition(":")[0]) or "")
        order.update((ns, None) for ns in names if ns)
    return list(order)


def _fill(new: etree._Element, el: etree._Element, prefix: dict[str, str]) -> None:
    """Copy ``el``'s attributes, text and element children (comments dropped) into ``new``."""
    for key, raw in el.attrib.items():
        value = str(raw)
        ns = el.nsmap.get(value.partition(":")[0]) if key == _XSI_TYPE else None
        renamed = f"{prefix[ns]}:{value.partition(':')[2]}" if ns and ns in prefix else value
        new.set(key, renamed)
    new.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            sub = etree.SubElement(new, child.tag)
            _fill(sub, child, prefix)
            sub.tail = child.tail
        elif len(new):
            new[-1].tail = (new[-1].tail or "") + (child.tail or "")
        else:
            new.text = (new.text or "") + (child.tail or "")


def canonical_body(body: bytes, content_type: str | None) -> str:
    """The body as a server compares it, printed for a diff."""
    media = media_type(content_type)
    if not body.strip():
        return ""
    if "xml" in media:
        try:
            root = etree.fromstring(body, _BLANKS)
        except etree.XMLSyntaxError as err:
            return f"<not XML: {err.msg}>\n{body.decode('utf-8', 'replace')}"
        text = normalized(root)
        pretty = etree.fromstring(text.encode("utf-8"), _BLANKS)
        return etree.tostring(pretty, pretty_print=True, encoding="unicode")
    if media == "application/x-www-form-urlencoded":
        return "\n".join(f"{k}={v}" for k, v in _pairs(body.decode("utf-8", "replace")))
    if media.startswith("multipart/"):
        return multipart_parts(body, content_type or "")
    if media.endswith("json"):
        try:
            return json.dumps(json.loads(body), indent=1, sort_keys=True, ensure_ascii=False)
        except ValueError:
            return f"<not JSON>\n{body.decode('utf-8', 'replace')}"
    return body.decode("utf-8", "replace")


def multipart_parts(body: bytes, content_type: str) -> str:
    """A multipart body as its parts, one a line (sorted): name, file name, type, content."""
    message = BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        return f"<not multipart>\n{body.decode('utf-8', 'replace')}"
    lines = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        kind = part.get_content_type() if filename else ""
        shown = f"{name}" + (f" (file {filename}, {kind})" if filename else "")
        lines.append(f"{shown}: {content}")
    return "\n".join(sorted(lines))  # a server reads parts by name, in any order


def canonical(sent: Sent, contract: Contract) -> str:
    """Everything a server compares, one item a line, in a fixed order."""
    lines = [f"{sent.method} {sent.path}"]
    lines += [f"?{k}={v}" for k, v in sent.query]
    lines.append(f"Content-Type: {_content_type(sent.headers.get('content-type'))}")
    if contract.protocol == "soap11":
        lines.append(f"SOAPAction: {sent.headers.get('soapaction')}")
    lines.append(canonical_body(sent.body, sent.headers.get("content-type")))
    return "\n".join(lines).rstrip("\n") + "\n"


def departures(request: httpx.Request, contract: Contract) -> str:
    """ "" when ``request`` is the documented one; else a unified diff, documented vs sent."""
    sent = canonical(Sent.of(request), contract)
    expected = canonical(Sent.documented(contract.request), contract)
    if sent == expected:
        return ""
    diff = difflib.unified_diff(
        expected.splitlines(), sent.splitlines(), "documented", "sent", lineterm=""
    )
    return "\n".join(diff)


def payload_name(body: bytes) -> str:
    """The local name of a SOAP Body's first element (how ASMX routes when several operations
    share one action, or a SOAP 1.2 request names none), or ""."""
    try:
        root = etree.fromstring(body, _BLANKS)
    except etree.XMLSyntaxError:
        return ""
    kids = [c for b in root if etree.QName(b).localname == "Body" for c in b]
    return etree.QName(kids[0]).localname if kids and isinstance(kids[0].tag, str) else ""


def check(request: httpx.Request, contract: Contract) -> None:
    """Raise ``ContractMismatch`` (with the diff) unless ``request`` is the documented one."""
    diff = departures(request, contract)
    if diff:
        raise ContractMismatch(
            f"{contract.id}: the request departs from the contract ({contract.path}):\n{diff}"
        )


__all__ = [
    "ContractMismatch",
    "Sent",
    "canonical",
    "canonical_body",
    "check",
    "departures",
    "normalized",
    "payload_name",
]
