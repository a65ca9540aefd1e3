"""SOAP Faults of either version, read from the Fault element itself.

The fault's own namespace says its version, not the protocol the client chose: a service that
answers a SOAP 1.2 request with a 1.1 fault (or the reverse) still reported a fault, and that is
what the caller must see. SOAP 1.1 fault children are unqualified by the standard, but some
toolkits qualify them; both are read.
"""

from __future__ import annotations

from lxml import etree

from wirekit.errors import SoapFault
from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV

_VERSIONS = {f"{{{SOAP11_ENV}}}Fault": "1.1", f"{{{SOAP12_ENV}}}Fault": "1.2"}


def _text(el: etree._Element | None) -> str:
    return "".join(str(t) for t in el.itertext()).strip() if el is not None else ""


def _child(parent: etree._Element | None, ns: str, name: str) -> etree._Element | None:
    """``parent``'s child ``name``, unqualified or in ``ns``."""
    if parent is None:
        return None
    found = parent.find(name)
    return found if found is not None else parent.find(f"{{{ns}}}{name}")


def _detail(detail_el: etree._Element | None) -> str:
    if detail_el is None or not (len(detail_el) or (detail_el.text or "").strip()):
        return ""
    return etree.tostring(detail_el, encoding="unicode", with_tail=False)


def _fault11(fault: etree._Element) -> SoapFault:
    ns = SOAP11_ENV
    return SoapFault(
        version="1.1",
        code=_text(_child(fault, ns, "faultcode")) or "(no code)",
        reason=_text(_child(fault, ns, "faultstring")) or "(no reason)",
        actor=_text(_child(fault, ns, "faultactor")) or None,
        detail=_detail(_child(fault, ns, "detail")),
    )


def _fault12(fault: etree._Element) -> SoapFault:
    ns = f"{{{SOAP12_ENV}}}"
    code_el = fault.find(f"{ns}Code")
    subcodes = []
    sub = code_el.find(f"{ns}Subcode") if code_el is not None else None
    while sub is not None:
        subcodes.append(_text(sub.find(f"{ns}Value")))
        sub = sub.find(f"{ns}Subcode")
    reason_el = fault.find(f"{ns}Reason")
    return SoapFault(
        version="1.2",
        code=(_text(code_el.find(f"{ns}Value")) if code_el is not None else "") or "(no code)",
        reason=(_text(reason_el.find(f"{ns}Text")) if reason_el is not None else "")
        or "(no reason)",
        subcodes=tuple(subcodes),
        actor=_text(fault.find(f"{ns}Role")) or _text(fault.find(f"{ns}Node")) or None,
        detail=_detail(fault.find(f"{ns}Detail")),
    )


def find_fault(el: etree._Element | None) -> SoapFault | None:
    """The ``SoapFault`` that ``el`` (the first child of a SOAP Body) is, or ``None``."""
    version = _VERSIONS.get(el.tag) if el is not None and isinstance(el.tag, str) else None
    if el is None or version is None:
        return None
    return _fault11(el) if version == "1.1" else _fault12(el)


__all__ = ["find_fault"]
