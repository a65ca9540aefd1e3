"""SOAP header values: how a call's and a client's combine, and how each travels.

An operation lists the header elements its binding declares (``HeaderSpec``); a call sends,
for each, the call's own value of that header's type, else the client's. A value no declared
header takes is refused (``RequestError``): a call's own when its operation does not declare
it, a client's when no operation of the service does (``service_headers``); so is any header
on HTTP GET/POST, which cannot carry one: a header is never dropped without the caller knowing.
A ``wirekit.wssecurity.UsernameToken`` (WS-SecurityPolicy, never a declared header) is sent
with every SOAP call, the call's replacing the client's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from lxml import etree

from wirekit.errors import RequestError
from wirekit.wssecurity import UsernameToken

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SoapHeaders:
    """The SOAP header values a call may send: the client's, and the call's own (``None``:
    the call gave none, so the client's apply)."""

    client: tuple[object, ...] = ()
    call: tuple[object, ...] | None = None


NO_SOAP_HEADERS = SoapHeaders()


def header_values(value: object | Sequence[object] | None) -> tuple[object, ...]:
    """One header value or several, as a tuple (``None``: none)."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)


def header_fields(*groups: object) -> dict[str, object]:
    """The fields of SOAP header values (``Password``, ``ApiKey``…), by name, so an error's
    message is scrubbed of them as of the call's own secret arguments."""
    found: dict[str, object] = {}
    for group in groups:
        for value in header_values(group):
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                found.update({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    return found


@dataclass(frozen=True, slots=True)
class HeaderSpec(Generic[T]):
    """A SOAP header element an operation's binding declares, and its value's class."""

    type: type[T]
    #: Clark name of the header element.
    element: str
    #: The whole header element (start tag with its namespace, content, end tag).
    encode: Callable[[T], str]
    decode: Callable[[etree._Element], T]


def header_xml(
    operation: str,
    declared: tuple[HeaderSpec[Any], ...],
    protocol: str,
    headers: SoapHeaders,
    service_headers: tuple[type, ...] = (),
) -> str:
    """The Header entries of one call of ``operation``, which declares ``declared`` (of the
    header types the service declares, ``service_headers``); see the module docstring."""
    call = headers.call or ()
    tokens = [v for v in call if type(v) is UsernameToken]
    tokens = tokens or [v for v in headers.client if type(v) is UsernameToken]
    if (call or tokens or (headers.client and declared)) and not protocol.startswith("soap"):
        raise RequestError(
            f"{operation}: {protocol} cannot carry SOAP headers; use soap11 or soap12"
        )
    names = ", ".join(h.type.__name__ for h in declared) or "none"
    hint = "; a WS-Security UsernameToken is wirekit.wssecurity.UsernameToken"
    for value in call:
        if type(value) is not UsernameToken and not any(type(value) is h.type for h in declared):
            raise RequestError(
                f"{operation} declares no SOAP header of type {type(value).__name__} "
                f"(declared: {names}{hint})"
            )
    for value in headers.client:
        if type(value) is not UsernameToken and type(value) not in service_headers:
            raise RequestError(
                f"{operation}: the client's SOAP header of type {type(value).__name__} is "
                f"declared by no operation of the service, so it would never be sent "
                f"(declared by {operation}: {names}{hint})"
            )
    out = [t.header_xml() for t in tokens[:1]]
    for h in declared:
        value = next((v for v in call if type(v) is h.type), None)
        if value is None:
            value = next((v for v in headers.client if type(v) is h.type), None)
        if value is not None:
            out.append(h.encode(value))
    return "".join(out)


__all__ = [
    "NO_SOAP_HEADERS",
    "HeaderSpec",
    "SoapHeaders",
    "header_fields",
    "header_values",
    "header_xml",
]
