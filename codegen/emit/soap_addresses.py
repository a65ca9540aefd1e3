"""Where each SOAP call goes: the client's address per protocol, and an operation's own port.

A client speaks, per protocol, the first port's address (``protocol_addresses``). A WSDL that
binds several interfaces (a WCF service exposing two ``[ServiceContract]``s) puts the second
interface's operations at another port's address; each such operation carries a reference
relative to the client's address (``operation_addresses``), resolved at call time with
``urljoin``, so a ``base_url`` the user gives moves every interface together.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from ..model import Operation, Service


def protocol_addresses(service: Service) -> dict[str, str]:
    """Each protocol's address (its first port's), when they are not all the service's one:
    a WCF SOAP 1.2 endpoint often sits at ``….svc/soap12``."""
    found: dict[str, str] = {}
    for _, _, protocol, address in service.ports:
        found.setdefault(protocol, address)
    return found if any(a != service.base_url for a in found.values()) else {}


def relative_ref(base_path: str, target_path: str) -> str:
    """A reference ``urljoin`` resolves, against an address whose path is ``base_path``, to
    ``target_path``."""
    folder = base_path.rsplit("/", 1)[0] + "/"
    if target_path.startswith(folder):
        return target_path[len(folder) :] or "./"
    tail = "/" if target_path.endswith("/") else ""
    return posixpath.relpath(target_path, folder) + tail


def operation_addresses(service: Service, op: Operation) -> tuple[tuple[str, str], ...]:
    """(protocol, relative reference) for each SOAP variant of ``op`` whose port is not at the
    client's address for that protocol; empty for an operation of the first interface."""
    own = protocol_addresses(service)
    found = []
    for v in op.variants:
        if not v.protocol.is_soap:
            continue
        default = urlsplit(own.get(v.protocol.value, service.base_url)).path
        if v.path != default:
            found.append((v.protocol.value, relative_ref(default, v.path)))
    return tuple(found)
