"""The contracts of a service, read from its cassettes (``contracts/<service>/*.yaml``).

Each cassette is a vcrpy cassette (so vcrpy and pytest-recording can replay it) with one more
top-level key, ``polybind``, that says which operation and protocol it documents and how to
route a request to it: the service address, the route (a path template for REST) and the SOAP
action. Nothing here needs the generator or the specs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import yaml

from wirekit.transport import media_type


@dataclass(frozen=True)
class Documented:
    """One documented HTTP message of a cassette."""

    method: str
    uri: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


@dataclass(frozen=True)
class Contract:
    """One operation in one protocol: its documented request and response."""

    service: str
    operation: str
    protocol: str
    #: The service address the spec publishes (``https://host/soap.asmx``).
    address: str
    #: The request path on the vendor's host, ``{name}`` for REST path parameters.
    route: str
    action: str
    request: Documented
    response: Documented
    path: Path
    #: Local name of the SOAP Body element the request carries (how a server routes operations
    #: sharing one action, or an empty one); the operation's name unless the spec says otherwise.
    element: str = ""

    @property
    def body_element(self) -> str:
        return self.element or self.operation

    @property
    def id(self) -> str:
        return f"{self.service}/{self.operation}/{self.protocol}"

    @cached_property
    def _route(self) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}/]+\})", self.route)
        pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        return re.compile(pattern.rstrip("/") + "/?")

    def relative_route(self) -> str:
        """The route below the service address (``/GetImagesList``; ``""`` for SOAP)."""
        base = urlsplit(self.address).path.rstrip("/")
        return self.route[len(base) :] if self.route.startswith(base) else self.route

    def routes(self, method: str, path: str) -> bool:
        """Whether a request ``method path`` (a path on the vendor's host) is this operation's."""
        return method.upper() == self.request.method and self._route.fullmatch(path) is not None

    def soap_action(self, headers: Any) -> str | None:
        """The action a request carries (SOAPAction, or Content-Type's ``action``), unquoted."""
        if self.protocol == "soap11":
            value = headers.get("soapaction")
            return None if value is None else value.strip().strip('"')
        if self.protocol == "soap12":
            match = re.search(r'action\s*=\s*"?([^";]*)"?', headers.get("content-type") or "")
            return match.group(1) if match else None
        return ""

    def media(self) -> str:
        return media_type(self.request.header("Content-Type"))


def _documented(raw: dict[str, Any], *, response: bool) -> Documented:
    headers = tuple(
        (str(name), str(value))
        for name, values in (raw.get("headers") or {}).items()
        for value in (values if isinstance(values, list) else [values])
    )
    if response:
        body = (raw.get("body") or {}).get("string") or ""
        status = raw.get("status") or {}
        return Documented(
            "",
            "",
            int(status.get("code", 200)),
            str(status.get("message", "")),
            headers,
            body.encode("utf-8") if isinstance(body, str) else bytes(body),
        )
    body = raw.get("body") or ""
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    return Documented(str(raw["method"]).upper(), str(raw["uri"]), 0, "", headers, data)


def read_contract(path: Path) -> Contract:
    """One cassette; it must carry the ``polybind`` key ``polybind generate`` writes."""
    return contract_from_data(load_yaml(path.read_text(encoding="utf-8")), path)


def load_yaml(text: str) -> Any:
    """YAML as ``yaml.safe_load`` reads it, with libyaml's C loader when it is there (a large
    service has thousands of cassettes)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def contract_from_data(data: Any, path: Path) -> Contract:
    """A contract from a cassette's parsed YAML; ``path`` names it in messages."""
    meta = data.get("polybind") if isinstance(data, dict) else None
    if not isinstance(meta, dict):
        raise ValueError(f"{path}: not a polybind contract (no 'polybind' key; regenerate it)")
    interaction = data["interactions"][0]
    return Contract(
        service=str(meta["service"]),
        operation=str(meta["operation"]),
        protocol=str(meta["protocol"]),
        address=str(meta["address"]),
        route=str(meta["route"]),
        action=str(meta.get("action") or ""),
        request=_documented(interaction["request"], response=False),
        response=_documented(interaction["response"], response=True),
        path=path,
        element=str(meta.get("element") or ""),
    )


def contract_file(operation: str, protocol: str) -> str:
    """The file name of an operation's contract (or recording): ``<operation>.<protocol>.yaml``
    with every character a file name cannot safely hold percent-encoded, so an operationId
    such as ``orders/list`` or ``..`` stays one file in the service's folder, and two
    operations never share a name (``orders/list`` → ``orders%2Flist``, ``orders_list`` kept)."""
    name = quote(operation, safe="")
    if name.startswith("."):
        name = "%2E" + name[1:]
    return f"{name}.{protocol}.yaml"


def load_contracts(service: str, contracts: str | Path = "contracts") -> list[Contract]:
    """Every contract of ``service`` under ``contracts`` (a folder holding ``<service>/``)."""
    folder = Path(contracts) / service
    if not folder.is_dir():
        raise FileNotFoundError(f"no contracts for {service!r} at {folder} (run polybind generate)")
    return [read_contract(p) for p in sorted(folder.glob("*.yaml"))]


def services(contracts: str | Path = "contracts") -> list[str]:
    """The services that have contracts under ``contracts``."""
    return sorted(p.name for p in Path(contracts).iterdir() if p.is_dir() and any(p.glob("*.yaml")))


__all__ = [
    "Contract",
    "Documented",
    "contract_file",
    "contract_from_data",
    "load_contracts",
    "load_yaml",
    "read_contract",
    "services",
]
