"""What the mock server knows of each service: the model, its contracts and its schemas.

Read straight from ``specs/`` with the generator's own readers (no generated package needed),
so ``polybind mock`` serves exactly what ``polybind generate`` would bind to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import xmlschema
from lxml import etree

from wirekit.testing.contracts import Contract, contract_from_data, load_yaml
from wirekit.xmlsafe import PARSER

from ..emit.cassettes import emit_cassettes
from ..emit.rest_cassettes import emit_rest_cassettes
from ..model import Operation, Protocol, Service
from ..naming import package_name
from ..pipeline import load_service, shown, spec_folders

log = logging.getLogger("polybind.mock")

_WSDL_SCHEMA = "{http://schemas.xmlsoap.org/wsdl/}types/{http://www.w3.org/2001/XMLSchema}schema"


@dataclass
class MockService:
    """One service as served: its model, its contracts and, for SOAP, its XML Schema."""

    service: Service
    contracts: list[Contract]
    schema: xmlschema.XMLSchema | None = None
    #: JSON Schema root (``components/schemas``) for REST request bodies.
    json_root: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.service.name

    def operation(self, name: str) -> Operation | None:
        return next((op for op in self.service.operations if op.name == name), None)


def _xml_schema(root: Path, service: Service) -> xmlschema.XMLSchema | None:
    """The WSDL's inline schemas as one ``xmlschema`` schema (never fetched from the network)."""
    source = root / service.source
    if service.is_rest or source.suffix != ".wsdl" or not source.is_file():
        return None
    doc = etree.parse(str(source), PARSER)
    schemas = [etree.tostring(s, encoding="unicode") for s in doc.findall(_WSDL_SCHEMA)]
    if not schemas:
        return None
    sources: Any = schemas if len(schemas) > 1 else schemas[0]
    # Includes and imports of .xsd files next to the WSDL resolve inside the spec folder only
    # ("sandbox": never the network). A schema xmlschema cannot build (the .NET
    # [XmlAnyElement]-after-optional shape breaks its Unique Particle Attribution check) is
    # built leniently; requests are still routed and answered, only validated less.
    base = str(source.parent)
    try:
        return xmlschema.XMLSchema(sources, allow="sandbox", base_url=base)
    except xmlschema.XMLSchemaException:
        log.warning(
            "%s: XML Schema validation is lenient (the schema is not deterministic)", source
        )
        return xmlschema.XMLSchema(sources, allow="sandbox", base_url=base, validation="lax")


def _contracts(service: Service, root: Path, folder: Path) -> list[Contract]:
    files = emit_rest_cassettes(service) if service.is_rest else emit_cassettes(service)
    return [
        contract_from_data(load_yaml(text), folder / rel)
        for rel, text in files
        if not rel.endswith(".webhook.yaml")
    ]


def load_services(root: Path, specs: list[Path]) -> list[MockService]:
    """Every service under ``specs`` (spec folders, or folders of them)."""
    found = []
    for folder in [f for s in specs for f in spec_folders(s)]:
        service, _, _ = load_service(root, folder)
        if service is None:
            continue
        service = replace(service, name=package_name(service.name, shown(root, folder)))
        contracts = _contracts(service, root, folder)
        json_root = {"components": {"schemas": service.json_schemas}}
        found.append(MockService(service, contracts, _xml_schema(root, service), json_root))
    return found


def webhook_contract(service: MockService) -> dict[str, Any] | None:
    """The documented delivery of the service's (first) webhook, as a cassette mapping."""
    for rel, text in emit_rest_cassettes(service.service) if service.service.is_rest else []:
        if rel.endswith(".webhook.yaml"):
            data: dict[str, Any] = load_yaml(text)
            return data
    return None


def is_protocol(contract: Contract, protocol: Protocol) -> bool:
    return contract.protocol == protocol.value
