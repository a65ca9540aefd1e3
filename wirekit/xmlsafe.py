"""The only way the runtime turns bytes into XML: no entities, no DTDs, no network, no files.

lxml's defaults resolve internal entities (billion-laughs) and will read external ones when
asked to load a DTD. Here the parser refuses to resolve anything, and any document that carries
a DOCTYPE is rejected outright: SOAP forbids DTDs (SOAP 1.1 §3, SOAP 1.2 part 1 §5) and no ASMX
or WCF service sends one, so a DOCTYPE is an attack or a misrouted HTML page.

Answers are parsed incrementally, counting elements and depth as they arrive
(``wirekit.limits``), so 50 MB of tiny elements is refused after a bounded amount of tree
rather than costing gigabytes. libxml2's own "huge" guards are off for answers because they
refuse legitimate shapes (a 10 MB text or whitespace run); these counts replace them. Blank
text between elements is dropped while parsing: no binding reads it, and it is half the nodes
of a pretty-printed answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from lxml import etree

from wirekit.errors import ResponseFormatError, excerpt
from wirekit.limits import MAX_XML_DEPTH, MAX_XML_ELEMENTS

if TYPE_CHECKING:
    from wirekit.xmlstream import Predecoded

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: Clark name of ``xsi:nil``; ``"true"`` and ``"1"`` are its true values (xsd:boolean).
XSI_NIL = f"{{{XSI_NS}}}nil"
_TRUE = ("true", "1")


#: The one safe configuration of the kit (runtime and generator): nothing is resolved, loaded
#: or fetched; comments and processing instructions are dropped.
class _Safe(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    dtd_validation: bool
    remove_comments: bool
    remove_pis: bool


SAFE = _Safe(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)
#: The parser for documents read as written (specs, samples): line numbers are kept.
PARSER = etree.XMLParser(huge_tree=False, **SAFE)


#: Bytes fed to the incremental parser at a time.
_FEED = 1 << 16
#: libxml2 refuses nesting deeper than this when its "huge" mode is off.
_LIBXML2_DEPTH = 256
#: The smallest element (``<a/>``) takes four bytes.
_MIN_ELEMENT_BYTES = 4
#: For answers that cannot hold too many elements, a one-shot parse in C: the same limits,
#: without a Python loop over every element (the hot path of every call). libxml2 itself
#: stops nesting at 256, and refuses a single text node over 10 MB, which only a body larger
#: than this could hold.
_ONE_SHOT = etree.XMLParser(huge_tree=False, remove_blank_text=True, **SAFE)
_ONE_SHOT_MAX_BYTES = 8 * 2**20
#: Answers from this size on are decoded while parsed where the operation allows it: the
#: incremental parser is what they get anyway.
STREAM_MIN_BYTES = _ONE_SHOT_MAX_BYTES


def _answer_parser() -> etree.XMLPullParser:
    return etree.XMLPullParser(
        events=("start", "end"), huge_tree=True, remove_blank_text=True, **SAFE
    )


def _parse_counted(
    body: bytes, max_elements: int, max_depth: int, stream: Predecoded | None = None
) -> etree._Element:
    """Parse ``body`` feeding it piecewise; raise ``ValueError`` once a limit is passed.

    With ``stream``, every completed element is offered to it (with the path of tags that
    leads to it), so list items are decoded and freed as they arrive (``wirekit.xmlstream``).
    """
    parser = _answer_parser()
    elements = depth = 0
    tags: list[str] = []
    view = memoryview(body)
    for start in range(0, len(body), _FEED):
        parser.feed(bytes(view[start : start + _FEED]))
        for event, el in parser.read_events():
            if event == "end":
                depth -= 1
                if stream is not None:
                    stream.ended(tags, el)  # type: ignore[arg-type]
                    tags.pop()
                continue
            elements += 1
            depth += 1
            if elements > max_elements:
                raise ValueError(f"more than {max_elements} elements")
            if depth > max_depth:
                raise ValueError(f"nested deeper than {max_depth} elements")
            if stream is not None:
                tags.append(el.tag)  # type: ignore[union-attr]  # start/end events: elements
    root: etree._Element = parser.close()
    for _ in parser.read_events():
        pass
    return root


def parse_xml(
    body: bytes,
    *,
    status: int | None = None,
    content_type: str | None = None,
    max_elements: int = MAX_XML_ELEMENTS,
    max_depth: int = MAX_XML_DEPTH,
    stream: Predecoded | None = None,
) -> etree._Element:
    """Parse a response body; any problem becomes a ``ResponseFormatError`` that keeps the body.

    ``stream`` (answers larger than ``STREAM_MIN_BYTES`` only; smaller ones parse in one go in
    C, faster than any Python loop over their elements) decodes list items while parsing.
    """
    if not body.strip():
        raise ResponseFormatError(
            "empty response body where XML was expected",
            status=status,
            body=body,
            content_type=content_type,
        )
    one_shot = (
        len(body) <= min(_ONE_SHOT_MAX_BYTES, max_elements * _MIN_ELEMENT_BYTES)
        and max_depth >= _LIBXML2_DEPTH
        and stream is None
    )
    try:
        root = (
            etree.fromstring(body, _ONE_SHOT)
            if one_shot
            else _parse_counted(body, max_elements, max_depth, stream)
        )
    except etree.XMLSyntaxError as err:
        if "Excessive depth" in (err.msg or ""):  # libxml2's own depth guard, one-shot path
            raise ResponseFormatError(
                f"XML answer refused: nested deeper than {_LIBXML2_DEPTH} elements",
                status=status,
                body=body,
                content_type=content_type,
            ) from None
        raise ResponseFormatError(
            f"malformed XML ({err.msg}): {excerpt(body, 120)}",
            status=status,
            body=body,
            content_type=content_type,
        ) from None
    except ValueError as err:
        raise ResponseFormatError(
            f"XML answer refused: {err}", status=status, body=body, content_type=content_type
        ) from None
    docinfo: Any = root.getroottree().docinfo  # lxml-stubs lacks DocInfo.doctype
    if docinfo.doctype or docinfo.internalDTD is not None:
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


__all__ = [
    "PARSER",
    "SAFE",
    "SOAP11_ENV",
    "SOAP12_ENV",
    "STREAM_MIN_BYTES",
    "XSI_NIL",
    "XSI_NS",
    "is_nil",
    "parse_xml",
]
