"""``polybind inspect``: what each operation looks like from Python and on the wire.

Like ``python -m zeep WSDL``, but for every protocol a service speaks: the typed method
signature, then per protocol the request line and how the action travels.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .emit.asmx_view import AsmxView
from .emit.imports import Imports
from .emit.json_types import JsonTypes
from .emit.rest import json_models
from .emit.rest_view import RestView
from .model import Protocol, Service


def _wire(service: Service, name: str) -> list[str]:
    op = next(o for o in service.operations if o.name == name)
    address = urlsplit(service.base_url)
    base = f"{address.scheme}://{address.netloc}"
    lines = []
    for v in op.variants:
        url = f"{base}{v.path}"
        if v.protocol == Protocol.REST:  # REST paths are below the address (or their server)
            server = v.rest.server if v.rest is not None and v.rest.server else service.base_url
            url = server.rstrip("/") + v.path
        line = f"    {v.protocol.value:9} {v.http_method} {url}"
        if v.protocol == Protocol.SOAP11:
            line += f'  SOAPAction: "{v.soap_action}"'
        elif v.protocol == Protocol.SOAP12:
            line += f'  action="{v.soap_action}"'
        lines.append(line)
    if any(v.protocol.is_soap for v in op.variants):
        body = op.request_body.clark if op.request_body else f"{{{service.namespace}}}{op.name}"
        extra = [f"    SOAP Body <{body}>"]
        if op.input_headers:
            extra.append("headers " + ", ".join(h.element.name for h in op.input_headers))
        if op.output_headers:
            extra.append("answer headers " + ", ".join(h.element.name for h in op.output_headers))
        if op.one_way:
            extra.append("one-way")
        lines.append("; ".join(extra))
    return lines


def describe(services: tuple[Service, ...]) -> str:
    out: list[str] = []
    for service in services:
        protocols = ", ".join(p.value for p in service.protocols)
        out += [f"{service.name}  ({protocols})  {service.base_url}", f"  from {service.source}"]
        if service.is_rest:
            types = JsonTypes.of(json_models(service)[0]) if service.json_schemas else None
            rest = RestView(service, types).operations(Imports())
            sigs = [
                (o.name, o.method, [(p.py_name, p.annotation) for p in o.params], o.return_type)
                for o in rest
            ]
        else:
            asmx = AsmxView(service).operations(Imports())
            sigs = [
                (o.name, o.method, [(p.py_name, p.annotation) for p in o.params], o.return_type)
                for o in asmx
            ]
        for name, method, params, returns in sigs:
            args = ", ".join(f"{n}: {a}" for n, a in params)
            out.append(f"  {method}({'*, ' if params else ''}{args}) -> {returns}")
            out += _wire(service, name)
        out.append("")
    return "\n".join(out)
