"""The only way the runtime turns bytes into XML: no entities, no DTDs, no network, no files.

lxml's defaults resolve internal entities (billion-laughs) and will read external ones when
asked to load a DTD. Here the parser refuses to resolve anything, and any document that carries
a DOCTYPE is rejected outright: SOAP forbids DTDs (SOAP 1.1 §3, SOAP 1.2 part 1 §5) and no ASMX
or WCF service sends one, so a DOCTYPE is an attack or a misrouted HTML page.
"""

from __future__ import annotations

from lxml import etree

from wirekit.errors import ResponseFormatError, excerpt

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: Clark name of ``xsi:nil``; ``"true"`` and ``"1"`` are its true values (xsd:boolean).
XSI_NIL = f"{{{XSI_NS}}}nil"
_TRUE = ("true", "1")

#: The one parser configuration of the kit (runtime and generator): nothing is resolved, loaded
#: or fetched; comments and processing instructions are dropped; line numbers are kept.
PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def parse_xml(
    body: bytes, *, status: int | None = None, content_type: str | None = None
) -> etree._Element:
    """Parse a response body; any problem becomes a ``ResponseFormatError`` that keeps the body."""
    if not body.strip():
        raise ResponseFormatError(
            "empty response body where XML was expected",
            status=status,
            body=body,
            content_type=content_type,
        )
    try:
        root = etree.fromstring(body, PARSER)
    except etree.XMLSyntaxError as err:
        raise ResponseFormatError(
            f"malformed XML ({err.msg}): {excerpt(body, 120)}",
            status=status,
            body=body,
            content_type=content_type,
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # type: ignore[union-attr]
        raise ResponseFormatError(
            "XML response carries a DOCTYPE/entity declarations; refused",
            status=status,
            body=body,
            content_type=content_type,
        )
    return root


def is_nil(el: etree._Element) -> bool:
    """Whether ``el`` carries ``xsi:nil="true"`` (or ``"1"``)."""
    return el.get(XSI_NIL) in _TRUE


__all__ = ["PARSER", "SOAP11_ENV", "SOAP12_ENV", "XSI_NIL", "XSI_NS", "is_nil", "parse_xml"]
