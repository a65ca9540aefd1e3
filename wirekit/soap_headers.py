"""SOAP header values: how a call's and a client's combine, and how each travels.

An operation lists the header elements its binding declares (``HeaderSpec``); a call sends,
for each, the call's own value of that header's type, else the client's. A value no declared
header takes is refused (``RequestError``), and so is any header on HTTP GET/POST, which cannot
carry one: a header is never dropped without the caller knowing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from lxml import etree

from wirekit.errors import RequestError

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
    operation: str, declared: tuple[HeaderSpec[Any], ...], protocol: str, headers: SoapHeaders
) -> str:
    """The Header entries of one call of ``operation``, which declares ``declared``; see the
    module docstring for the rules."""
    call = headers.call or ()
    if (call or (headers.client and declared)) and not protocol.startswith("soap"):
        raise RequestError(
            f"{operation}: {protocol} cannot carry SOAP headers; use soap11 or soap12"
        )
    for value in call:
        if not any(type(value) is h.type for h in declared):
            names = ", ".join(h.type.__name__ for h in declared) or "none"
            raise RequestError(
                f"{operation} declares no SOAP header of type {type(value).__name__} "
                f"(declared: {names})"
            )
    out = []
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
