"""Emit ``contracts/<service>/<Operation>.<protocol>.yaml``: one vcrpy cassette per variant.

Each cassette is the documented request/response pair of that variant (the captured sample
with reported defects resolved, or one rendered from the WSDL when there is no capture), its
placeholders replaced by deterministic typed example values, secrets scrubbed.
"""

from __future__ import annotations

import copy
from urllib.parse import urlencode, urlsplit

import yaml
from lxml import etree

from codegen.emit.examples import example
from codegen.emit.samples import SampleRenderer, documented_or_rendered
from codegen.model import Exchange, Operation, Protocol, Service
from wirekit.scrub import scrub_body, scrub_headers, scrub_url
from wirekit.xmlsafe import is_nil

HEADER = "# Generated from {source} by `make generate`. Do not edit.\n"


def position(el: etree._Element) -> tuple[int, ...]:
    """Where ``el`` sits among repeated siblings, outermost first (list items only)."""
    found: list[int] = []
    node: etree._Element | None = el
    while node is not None:
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                found.append(same.index(node))
        node = parent
    return tuple(reversed(found))


def fill_xml(sample: etree._Element, root_name: str = "") -> str:
    """The sample (a copy) with every placeholder replaced by its example value.

    ``root_name`` names the root for seeding its value: an HTTP result root is named after its
    type (``<long>``), the SOAP result element after the operation (``<CountItemsResult>``), and
    both must get the same value so every protocol of an operation gives the same result.
    """
    root = copy.deepcopy(sample)
    for el in root.iter():
        if not isinstance(el.tag, str) or is_nil(el):
            continue
        if any(isinstance(c.tag, str) for c in el):
            continue
        placeholder = (el.text or "").strip()
        if placeholder:
            name = root_name if el is root and root_name else etree.QName(el).localname
            el.text = example(placeholder, name, position(el))
    body = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}'


def fill_pairs(
    documented: tuple[tuple[str, str], ...],
    service: Service | None = None,
    op: Operation | None = None,
) -> str:
    """Form/query pairs with example values, typed by the operation's parameters.

    ASMX documents every HTTP GET/POST parameter as ``string``; the value a binding sends is
    typed (``int``, ``guid``, an enumeration…), so the model's type picks the example. A list
    parameter repeats its name; its values are the ones the SOAP sample's items get.
    """
    params = {p.name: p for p in op.params} if op is not None else {}
    renderer = SampleRenderer(service) if service is not None else None
    seen: dict[str, int] = {}
    out = []
    for k, v in documented:
        param = params.get(k)
        if param is None or renderer is None:
            out.append((k, example(v, k)))
            continue
        item = renderer.schema.array_item(param.type)
        if item is None and not param.repeated:
            out.append((k, example(renderer.placeholder(param), k)))
            continue
        index = seen.get(k, 0)
        seen[k] = index + 1
        el = item if item is not None else param
        out.append((k, example(renderer.placeholder(el), el.name, (index,))))
    return urlencode(out)


def _content_type(protocol: Protocol, exchange: Exchange, action: str) -> str | None:
    documented = exchange.request.header("Content-Type")
    if protocol == Protocol.SOAP12:
        return f'application/soap+xml; charset=utf-8; action="{action}"'
    if protocol == Protocol.SOAP11:
        return "text/xml; charset=utf-8"
    return documented


def cassette(service: Service, op: Operation, protocol: Protocol) -> dict[str, object]:
    exchange = documented_or_rendered(service, op, protocol)
    variant = op.variant(protocol)
    assert variant is not None
    request, response = exchange.request, exchange.response
    base = urlsplit(service.base_url)
    uri = f"{base.scheme}://{base.netloc}{request.path}"
    headers: dict[str, list[str]] = {}
    body: str | None = None
    if protocol == Protocol.HTTP_GET:
        query = fill_pairs(request.pairs, service, op)
        uri = f"{uri}?{query}" if query else uri
    elif protocol == Protocol.HTTP_POST:
        body = fill_pairs(request.pairs, service, op)
    else:
        assert request.xml is not None
        body = fill_xml(request.xml)
    ctype = _content_type(protocol, exchange, variant.soap_action)
    if ctype:
        headers["Content-Type"] = [ctype]
    if protocol == Protocol.SOAP11:
        headers["SOAPAction"] = [f'"{variant.soap_action}"']
    rtype = response.header("Content-Type") or "text/xml; charset=utf-8"
    root_name = op.result.name if op.result is not None and not protocol.is_soap else ""
    rbody = fill_xml(response.xml, root_name) if response.xml is not None else ""
    request_body = scrub_body(body.encode("utf-8"), ctype).decode("utf-8") if body else None
    return {
        "interactions": [
            {
                "request": {
                    "method": request.method,
                    "uri": scrub_url(uri),
                    "body": request_body,
                    "headers": scrub_headers(headers),
                },
                "response": {
                    "status": {"code": response.status, "message": response.reason},
                    "headers": {"Content-Type": [rtype]},
                    "body": {"string": scrub_body(rbody.encode("utf-8"), rtype).decode("utf-8")},
                },
            }
        ],
        "version": 1,
    }


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def emit_cassettes(service: Service) -> list[tuple[str, str]]:
    out = []
    for op in service.operations:
        for variant in op.variants:
            data = cassette(service, op, variant.protocol)
            exchange = service.exchange(op.name, variant.protocol)
            source = str(exchange.request.where) if exchange else service.source
            text = HEADER.format(source=source) + yaml.dump(
                data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
            )
            out.append((f"contracts/{service.name}/{op.name}.{variant.protocol.value}.yaml", text))
    return out
