"""One protocol section of a help page, read: what its request and response samples show.

Parsed samples become shapes (``read.shapes``) and a ``Sample`` record per section; header and
envelope departures from the standards are recorded as defects on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV

from ..errors import SpecError
from ..model import Defect, HttpMessage, Protocol, SourceLine
from ..read.asmx_pages import HelpPage, PageSection
from ..read.shapes import Shape, WhereOf, infer
from ..read.xml_samples import ParsedSample, children, local, namespace, parse_sample

ENVELOPES = {Protocol.SOAP11: SOAP11_ENV, Protocol.SOAP12: SOAP12_ENV}
CONTENT_TYPES = {
    Protocol.SOAP11: "text/xml",
    Protocol.SOAP12: "application/soap+xml",
    Protocol.HTTP_POST: "application/x-www-form-urlencoded",
}


@dataclass
class Sample:
    """One section's parsed request and response, and what they show."""

    section: PageSection
    params: list[tuple[str, Shape]]
    operation: str
    namespace: str
    result_root: str  # HTTP: root element name; SOAP: the result element's name
    result: Shape | None
    result_el: etree._Element | None
    request_body: str
    response_tree: etree._Element | None
    response_text: str
    #: SOAP: the ``<soap:Header>`` entries the request and the response samples show:
    #: (element name, namespace, shape).
    headers: list[tuple[str, str, Shape]] = field(default_factory=list)
    response_headers: list[tuple[str, str, Shape]] = field(default_factory=list)


def read_section(page: HelpPage, section: PageSection, defects: list[Defect]) -> Sample:
    """What one protocol section's samples show."""
    _check_headers(section, defects)
    if section.protocol.is_soap:
        return _soap_section(page.path, section, defects)
    return _http_section(page.path, section, defects)


def _soap_section(path: str, section: PageSection, defects: list[Defect]) -> Sample:
    protocol = section.protocol
    request, response = section.request, section.response
    req_parsed = parse_sample(request.body, path, request.body_line)
    req = _soap_body(req_parsed, protocol, path, defects, request)
    resp_parsed = parse_sample(response.body, path, response.body_line)
    if resp_parsed.trailing_junk:
        defects.append(
            Defect(
                resp_parsed.trailing_junk,
                "a fragment of the sample is repeated after the end of the document",
                "ignored",
            )
        )
    resp = _soap_body(resp_parsed, protocol, path, defects, response)
    where = WhereOf(path, request.body_line)
    params = [(local(k), infer(k, where, defects)) for k in children(req)]
    operation, ns = local(req), namespace(req)
    wrapper = resp
    expected = f"{operation}Response"
    if local(wrapper) != expected:
        defects.append(
            Defect(
                WhereOf(path, response.body_line)(wrapper),
                f"SOAP response element <{local(wrapper)}> should be <{expected}>",
                f"<{expected}>",
            )
        )
    result_els = children(wrapper)
    result_el = result_els[0] if result_els else None
    rwhere = WhereOf(path, response.body_line)
    return Sample(
        section,
        params,
        operation,
        ns,
        local(result_el) if result_el is not None else "",
        infer(result_el, rwhere, defects) if result_el is not None else None,
        result_el,
        fixed_body(request.body, protocol),
        resp_parsed.root,
        fixed_body(resp_parsed.text, protocol),
        _header_entries(req_parsed.root, where, defects),
        _header_entries(resp_parsed.root, rwhere, defects),
    )


def _header_entries(
    env: etree._Element, where: WhereOf, defects: list[Defect]
) -> list[tuple[str, str, Shape]]:
    """The entries of a sample's ``<soap:Header>`` (ASMX's ``SoapHeader`` classes), typed from
    their placeholders like parameters: never dropped."""
    header = next((c for c in children(env) if local(c) == "Header"), None)
    if header is None:
        return []
    return [(local(c), namespace(c), infer(c, where, defects)) for c in children(header)]


def _http_section(path: str, section: PageSection, defects: list[Defect]) -> Sample:
    request, response = section.request, section.response
    method, target = request.method, request.target
    url = urlsplit(target)
    operation = url.path.rsplit("/", 1)[-1]
    pairs = parse_qsl(
        url.query if method == "GET" else request.body.strip(), keep_blank_values=True
    )
    at = request.where if method == "GET" else SourceLine(path, request.body_line)
    params: list[tuple[str, Shape]] = []
    for pname, value in pairs:
        # A list parameter travels as the same name repeated (``ids=string&ids=string``).
        if all(pname != known for known, _ in params):
            params.append((pname, _placeholder_shape(value, at, defects)))
    if not response.body.strip():
        return Sample(section, params, operation, "", "", None, None, request.body, None, "")
    resp_parsed = parse_sample(response.body, path, response.body_line)
    root = resp_parsed.root
    rwhere = WhereOf(path, response.body_line)
    return Sample(
        section,
        params,
        operation,
        namespace(root),
        local(root),
        infer(root, rwhere, defects),
        root,
        request.body,
        root,
        resp_parsed.text,
    )


def _placeholder_shape(value: str, where: SourceLine, defects: list[Defect]) -> Shape:
    el = etree.Element("v")
    el.text = value
    return infer(el, lambda _el: where, defects)  # type: ignore[arg-type]


def fixed_body(text: str, protocol: Protocol) -> str:
    """The body with a non-standard envelope namespace replaced by the standard one."""
    if protocol == Protocol.SOAP12:
        return text.replace("http://schemas.xmlsoap.org/soap12/envelope/", SOAP12_ENV)
    return text


def _soap_body(
    parsed: ParsedSample, protocol: Protocol, path: str, defects: list[Defect], message: HttpMessage
) -> etree._Element:
    env = parsed.root
    where = WhereOf(path, parsed.first_line)
    standard = ENVELOPES[protocol]
    if local(env) != "Envelope":
        raise SpecError(where(env), f"SOAP sample root is <{local(env)}>, not an Envelope")
    if namespace(env) != standard:
        defects.append(
            Defect(
                where(env),
                f"{protocol.value} envelope namespace is "
                f"{namespace(env)!r}; {_version(protocol)} requires {standard!r}",
                f"the binding sends {standard!r}",
            )
        )
    body = next((c for c in children(env) if local(c) == "Body"), None)
    if body is None or not children(body):
        raise SpecError(where(env), "SOAP sample has no Body with a payload element")
    return children(body)[0]


def _version(protocol: Protocol) -> str:
    return "SOAP 1.1" if protocol == Protocol.SOAP11 else "SOAP 1.2"


def _check_headers(section: PageSection, defects: list[Defect]) -> None:
    protocol, request = section.protocol, section.request
    expected = CONTENT_TYPES.get(protocol)
    got = (request.header("Content-Type") or "").split(";")[0].strip()
    if expected and got != expected:
        defects.append(
            Defect(
                request.where,
                f"{protocol.value} request Content-Type is {got!r}, expected {expected!r}",
                f"the binding sends {expected!r}",
            )
        )
    if protocol == Protocol.SOAP11 and not request.header("SOAPAction"):
        defects.append(
            Defect(
                request.where,
                "SOAP 1.1 request has no SOAPAction header",
                "namespace + operation name",
            )
        )
