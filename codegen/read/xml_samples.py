"""Safe parsing of the XML samples printed on documentation pages.

Samples are untrusted text: the parser never resolves entities, never loads a DTD and never
touches the network, exactly like the runtime's parser (``wirekit.xmlsafe``). Line numbers are
mapped back to the capture so every message points at the page a user has open.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from wirekit.xmlsafe import PARSER

from ..errors import SpecError
from ..model import SourceLine


@dataclass(frozen=True)
class ParsedSample:
    root: etree._Element
    #: The body text actually parsed (a trailing repeated fragment cut off).
    text: str
    #: Line number where the body starts in the capture.
    first_line: int
    #: Where trailing junk started, if there was any.
    trailing_junk: SourceLine | None

    def where(self, path: str, el: etree._Element) -> SourceLine:
        return SourceLine(path, self.first_line + line_of(el) - 1)


def parse_sample(text: str, path: str, first_line: int) -> ParsedSample:
    """Parse one sample body; junk after the root element is cut off and reported, not fatal."""
    data = text.strip().encode("utf-8")
    try:
        root = etree.fromstring(data, PARSER)
        return ParsedSample(root, text, first_line, None)
    except etree.XMLSyntaxError as err:
        line = err.position[0] if err.position else 1
        if "Extra content at the end of the document" not in str(err):
            raise SpecError(
                SourceLine(path, first_line + line - 1), f"sample XML is not well-formed: {err.msg}"
            ) from None
    # Cut at the first line of the junk and parse again.
    kept = text.strip().splitlines()[: line - 1]
    try:
        root = etree.fromstring("\n".join(kept).encode("utf-8"), PARSER)
    except etree.XMLSyntaxError as err:  # pragma: no cover - junk mid-line
        raise SpecError(
            SourceLine(path, first_line + line - 1), f"sample XML is not well-formed: {err.msg}"
        ) from None
    return ParsedSample(root, "\n".join(kept), first_line, SourceLine(path, first_line + line - 1))


def line_of(el: etree._Element) -> int:
    """The element's line (lxml-stubs type ``sourceline`` loosely)."""
    line = el.sourceline
    return line if isinstance(line, int) else 1


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


def namespace(el: etree._Element) -> str:
    return etree.QName(el).namespace or ""


def children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]
