"""XML (SOAP, ASMX) bodies: parsed without resolving anything, scrubbed node by node."""

from __future__ import annotations

from lxml import etree

from wirekit.scrub.names import _replacement, _scrub_raw, scrub_text

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_BOM = b"\xef\xbb\xbf"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _redact_content(el: etree._Element, replacement: str) -> None:
    """Replace every non-blank text inside ``el`` but keep its children: the shape of a
    secret-named container (and xsi:nil, empty elements) still tells what was sent."""
    for node in el.iter():
        if node is not el and node.tail and node.tail.strip():
            node.tail = replacement
        if isinstance(node.tag, str) and node.text and node.text.strip():
            node.text = replacement


def _redact_names(root: etree._Element, typed: frozenset[str]) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = _local(el.tag)
        replacement = None if local in typed else _replacement(local)
        if replacement is not None:
            _redact_content(el, replacement)
        for key, value in el.attrib.items():
            name = _local(str(key))
            replacement = None if name in typed else _replacement(name)
            if replacement is not None and str(value).strip():
                el.set(key, replacement)


def _scrub_node_emails(node: etree._Element) -> None:
    if node.text and not isinstance(node, etree._Entity):  # an entity's text is "&name;"
        node.text = scrub_text(node.text)
    if node.tail:
        node.tail = scrub_text(node.tail)
    for key, value in node.attrib.items() if isinstance(node.tag, str) else ():
        node.set(key, scrub_text(str(value)))


def _redact_emails(root: etree._Element) -> None:
    """Per node, not over the serialised markup: an address right after "<!--" would otherwise
    take the comment's dashes with it (they are valid local-part characters)."""
    for node in root.iter():
        _scrub_node_emails(node)
    for sibling in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        _scrub_node_emails(sibling)  # comments and PIs around the root


def _declaration(tree: etree._ElementTree, body: bytes) -> str:
    head = body.removeprefix(_BOM).lstrip()
    if not (head.startswith(b"<?xml") and head[5:6].isspace()):  # not <?xml-stylesheet?>
        return ""
    info = tree.docinfo
    standalone = ""
    if b"standalone" in head[: head.find(b"?>")]:  # lxml says False also when it is absent
        standalone = f' standalone="{"yes" if info.standalone else "no"}"'
    # Re-encoded to UTF-8 whatever the source said; double quotes as ASMX writes them.
    return f'<?xml version="{info.xml_version or "1.0"}" encoding="utf-8"{standalone}?>\n'


def scrub_xml(body: bytes, typed: frozenset[str] = frozenset()) -> bytes:
    """Scrub an XML (SOAP, ASMX) body; namespaces, structure and declaration survive.

    The parser never resolves entities, loads a DTD or touches the network: a recorded XXE
    payload stays an unexpanded ``&xxe;`` (an internal DTD subset is kept verbatim). A body that
    is not well-formed XML (an HTML error page, a truncated response) is scrubbed as text.
    """
    try:
        # libxml2 refuses a declaration after a BOM and whitespace, which would leave such a
        # body to the weaker fallback.
        root = etree.fromstring(body.removeprefix(_BOM).lstrip(), _XML_PARSER)
    except (etree.LxmlError, ValueError):
        return _scrub_raw(body)
    _redact_names(root, typed)
    _redact_emails(root)
    tree = root.getroottree()
    return (_declaration(tree, body) + etree.tostring(tree, encoding="unicode")).encode("utf-8")


__all__ = ["scrub_xml"]
