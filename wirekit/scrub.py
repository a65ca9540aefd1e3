"""Secrets never land on disk: API keys and e-mail addresses are scrubbed wherever they travel.

Cassettes and logs are committed, shared and pasted into tickets, and the services this kit
binds take the account's e-mail address and API key as ordinary parameters of every call: in
the query string, the form body, the SOAP body and sometimes headers. Every function here is
idempotent (scrubbing scrubbed data changes nothing), so a recording can be re-scrubbed safely
and a live request scrubbed before matching compares equal to its scrubbed cassette.

Two kinds of evidence mark a value for replacement:

* its *name* (parameter, element, attribute, JSON key, header): see ``is_secret_name`` and
  ``is_email_name``;
* its *shape*: anything that looks like an e-mail address, whatever its name.

Values are replaced by placeholders of the same kind (``REDACTED_EMAIL`` is itself an e-mail
address), so scrubbed requests still pass a server's or a test's validation.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import quote_plus, unquote_plus, urlsplit, urlunsplit

from lxml import etree

REDACTED = "REDACTED"
REDACTED_EMAIL = "redacted@example.invalid"

#: Substrings that make a name secret. "authenticate" (WWW-Authenticate), "cookie" and
#: "credential" are here because those carry credentials as often as the classic names do.
_SECRET_PARTS = (
    "apikey",
    "api_key",
    "api-key",
    "password",
    "passwd",
    "secret",
    "token",
    "authorization",
    "authenticate",
    "cookie",
    "credential",
)
_EMAIL_PARTS = ("email", "e-mail", "e_mail")
#: "key" alone is too common a suffix (monkey, hotkey) to match as a substring.
_KEY_NAME = r"(?:(?:api|developer|contact)[-_]?)?key"
_KEY = re.compile(_KEY_NAME)

# A match may begin only where a run of local-part characters begins. Starting inside a run
# (after a "-", say) would rescan the run from every such point: quadratic on a hyphenated
# megabyte (URL-safe base64, a JWT). Whole runs also keep the replacement idempotent.
_EMAIL_PATTERN = r"(?<![\w.%+-])[\w.%+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"
_EMAIL = re.compile(_EMAIL_PATTERN)
_EMAIL_BYTES = re.compile(_EMAIL_PATTERN.encode("ascii"))

_NAME_PARTS = "|".join(re.escape(p) for p in _SECRET_PARTS + _EMAIL_PARTS)
#: ``name=value`` / ``"name": "value"`` / ``Authorization: Bearer x`` in free text. Only names
#: that ``_replacement`` would act on can match, so a harmless pair (``http://``) never
#: swallows the text after it.
_PAIR = re.compile(
    rf"""(?<![\w.-])(?P<name>[\w.-]*(?:{_NAME_PARTS})[\w.-]*|{_KEY_NAME})"""
    r"""(?P<sep>["']?\s*[=:]\s*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|(?:(?:bearer|basic|digest|negotiate)\s+)?[^\s"'&;,<>()\[\]{}]*)""",
    re.IGNORECASE,
)

#: An element's text in markup that did not parse (a truncated SOAP body, XML in a log line).
_TAG_TEXT = re.compile(r"<(?:[\w.-]+:)?(?P<name>[\w.-]+)(?:\s[^<>]*)?(?<!/)>(?P<text>[^<]+)")

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_BOM = b"\xef\xbb\xbf"
_DECOMPRESS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda b: zlib.decompress(b, zlib.MAX_WBITS | 16),
    "x-gzip": lambda b: zlib.decompress(b, zlib.MAX_WBITS | 16),
    "deflate": zlib.decompress,
}
_LOG_FORMATTER = logging.Formatter()


def is_secret_name(name: str) -> bool:
    """Whether values called ``name`` are credentials.

    Case-insensitive. True when the name contains one of ``_SECRET_PARTS`` (apikey, api_key,
    api-key, password, passwd, secret, token, authorization, authenticate, cookie, credential),
    or is exactly ``key``, optionally after an ``api``/``developer``/``contact`` prefix. Names that
    merely end in "key" (monkey, hotkey) or start with it (keyword) are not secret.
    """
    lowered = name.lower()
    return any(part in lowered for part in _SECRET_PARTS) or _KEY.fullmatch(lowered) is not None


def is_email_name(name: str) -> bool:
    """Names containing "email" carry an address even when the value does not look like one."""
    lowered = name.lower()
    return any(part in lowered for part in _EMAIL_PARTS)


def _replacement(name: str) -> str | None:
    if is_secret_name(name):
        return REDACTED
    if is_email_name(name):
        return REDACTED_EMAIL
    return None


def _value(name: str, value: str) -> str:
    replacement = _replacement(name)
    # A blank value hides nothing, and keeping it blank keeps "the client sent no key" visible.
    if replacement is None or not value.strip():
        return scrub_text(value)
    return replacement


def scrub_text(s: str) -> str:
    """Replace every e-mail address, also the ``%40``-encoded form found in logged URLs."""
    return _EMAIL.sub(REDACTED_EMAIL, s)


def _scrub_tag_text(m: re.Match[str]) -> str:
    replacement = _replacement(m["name"])
    if replacement is None or not m["text"].strip():
        return m[0]
    return m[0][: m.start("text") - m.start()] + replacement


def _scrub_pair(m: re.Match[str]) -> str:
    value = m["value"]
    replacement = _replacement(m["name"])
    if replacement is None or not value.strip("\"' \t"):
        return m[0]
    if value[:1] in ("'", '"'):
        replacement = value[0] + replacement + value[0]
    return m["name"] + m["sep"] + replacement


def _scrub_loose(s: str) -> str:
    """For text whose structure is unknown or broken: the structured scrubbers' rules, applied
    to what merely looks like ``<name>value``, ``name=value`` and e-mail addresses."""
    return scrub_text(_PAIR.sub(_scrub_pair, _TAG_TEXT.sub(_scrub_tag_text, s)))


def _scrub_raw(body: bytes) -> bytes:
    """Fallback for a body its declared format cannot parse.

    Non-UTF-8 text (a Latin-1 page) is scrubbed at byte level, e-mail addresses only, rather
    than decoded with replacement characters, which would corrupt every non-ASCII character.
    """
    try:
        return _scrub_loose(body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return _EMAIL_BYTES.sub(REDACTED_EMAIL.encode("ascii"), body)


def _scrub_param(param: str) -> str:
    if "=" not in param:
        return quote_plus(scrub_text(unquote_plus(param))) if param else param
    name, _, value = param.partition("=")
    name = unquote_plus(name)
    return quote_plus(scrub_text(name)) + "=" + quote_plus(_value(name, unquote_plus(value)))


def scrub_query(query: str) -> str:
    """Scrub ``a=b&c=d`` (no leading "?"), re-encoded the way ``urlencode`` encodes.

    Order, blank values and bare names (``flag``) are kept: servers may care about all three.
    """
    return "&".join(_scrub_param(p) for p in query.split("&"))


def scrub_url(url: str) -> str:
    """Scrub the query, and also e-mails in the path and a password in the userinfo."""
    parts = urlsplit(url)
    netloc = parts.netloc
    user, at, host = netloc.rpartition("@")
    if at and ":" in user:
        netloc = f"{user.partition(':')[0]}:{REDACTED}@{host}"
    scrubbed = parts._replace(
        netloc=netloc, path=scrub_text(parts.path), query=scrub_query(parts.query)
    )
    return url if scrubbed == parts else urlunsplit(scrubbed)


def scrub_form(body: bytes) -> bytes:
    """Scrub an ``application/x-www-form-urlencoded`` body like a query string."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _scrub_raw(body)
    return scrub_query(text).encode("utf-8")


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


def _redact_names(root: etree._Element) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        replacement = _replacement(_local(el.tag))
        if replacement is not None:
            _redact_content(el, replacement)
        for key, value in el.attrib.items():
            replacement = _replacement(_local(str(key)))
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


def scrub_xml(body: bytes) -> bytes:
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
    _redact_names(root)
    _redact_emails(root)
    tree = root.getroottree()
    return (_declaration(tree, body) + etree.tostring(tree, encoding="unicode")).encode("utf-8")


def _merge(inherited: str | None, own: str | None) -> str | None:
    return REDACTED if REDACTED in (inherited, own) else own or inherited


def _scrub_json_value(obj: Any, replacement: str | None) -> Any:
    """``replacement`` is inherited: ``{"apiKey": {"value": "..."}}`` hides the nested value."""
    if isinstance(obj, dict):
        return {
            scrub_text(k): _scrub_json_value(v, _merge(replacement, _replacement(k)))
            for k, v in obj.items()
        }
    if isinstance(obj, list):
        return [_scrub_json_value(v, replacement) for v in obj]
    if isinstance(obj, str):
        return replacement if replacement is not None and obj.strip() else scrub_text(obj)
    if replacement == REDACTED and isinstance(obj, int | float) and not isinstance(obj, bool):
        return REDACTED  # numeric PINs and keys are secrets too
    return obj


def scrub_json(body: bytes) -> bytes:
    """Scrub a JSON body, re-serialised compactly; invalid JSON is scrubbed as text instead."""
    try:
        obj = _scrub_json_value(json.loads(body), None)
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return _scrub_raw(body)
    return text.encode("utf-8")


def _scrub_header_value(name: str, value: str) -> str:
    replacement = _replacement(name)
    if replacement is not None:
        return replacement
    # Location/Link headers carry URLs, whose query may hold a key.
    return _scrub_loose(value)


def scrub_headers(headers: Mapping[str, str | list[str]]) -> dict[str, str | list[str]]:
    """Scrub header values; a name maps to a string or a list of strings, as it came in.

    Names are matched case-insensitively (Authorization, WWW-Authenticate, Cookie, Set-Cookie,
    X-Api-Key, ...); SOAPAction and Content-Type carry no secret and pass unchanged.
    """
    out: dict[str, str | list[str]] = {}
    for name, value in headers.items():
        if isinstance(value, str):
            out[name] = _scrub_header_value(name, value)
        else:
            out[name] = [_scrub_header_value(name, v) for v in value]
    return out


def _media_type(content_type: str | None) -> str:
    return (content_type or "").partition(";")[0].strip().lower()


def scrub_body(body: bytes, content_type: str | None) -> bytes:
    """Scrub a body by its media type, or by its first byte when the type says nothing useful."""
    media = _media_type(content_type)
    if "xml" in media:
        return scrub_xml(body)
    if media.endswith("json"):
        return scrub_json(body)
    if media == "application/x-www-form-urlencoded":
        return scrub_form(body)
    start = body.removeprefix(_BOM).lstrip()[:1]
    if start == b"<":
        return scrub_xml(body)
    if start in (b"{", b"["):
        return scrub_json(body)
    try:
        return _scrub_loose(body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return body  # binary (an image): a byte-level match would corrupt it, not protect it


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list):
                return str(value[0]) if value else None
            return str(value)
    return None


def _read_body(body: Any) -> bytes:
    if body is None or isinstance(body, bytes | bytearray):
        return bytes(body or b"")
    if isinstance(body, str):
        return body.encode("utf-8")
    data = (
        body.read()
        if hasattr(body, "read")
        else b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)
    )
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def scrub_vcr_request(request: Any) -> Any:
    """vcrpy ``before_record_request`` hook: a scrubbed copy of ``request``.

    ``vcr.VCR`` deep-copies before calling its hooks, but a ``Cassette`` built directly does
    not, and the same request object is the one sent; so copy here too. vcrpy also runs this
    hook on live requests before matching, so the scrubbed forms are what get compared.
    """
    scrubbed = copy.deepcopy(request)
    scrubbed.uri = scrub_url(request.uri)
    scrubbed.headers = scrub_headers(dict(request.headers))
    original = scrubbed.body
    raw = _read_body(original)
    if raw:
        body = scrub_body(raw, _header(request.headers, "content-type"))
        # Request.body re-wraps file bodies itself, but an iterator body must stay iterable.
        is_iter = isinstance(original, Iterator) and not hasattr(original, "read")
        scrubbed.body = [body] if is_iter else body
    return scrubbed


def _decoded(headers: dict[str, Any], body: bytes) -> tuple[dict[str, Any], bytes] | None:
    """Undo gzip/deflate so the body can be scrubbed at all; None if it cannot be decoded."""
    encoding = (_header(headers, "content-encoding") or "identity").strip().lower()
    if encoding == "identity":
        return headers, body
    decompress = _DECOMPRESS.get(encoding)
    try:
        plain = decompress(body) if decompress else None
    except zlib.error:
        plain = None
    if plain is None:
        return None
    return {k: v for k, v in headers.items() if k.lower() != "content-encoding"}, plain


def _with_length(headers: dict[str, Any], length: int) -> dict[str, Any]:
    """A replayed Content-Length must describe the body as stored, not as it was received."""
    return {
        k: ([str(length)] if isinstance(v, list) else str(length))
        if k.lower() == "content-length"
        else v
        for k, v in headers.items()
    }


def scrub_vcr_response(response: dict[str, Any]) -> dict[str, Any]:
    """vcrpy ``before_record_response`` hook: a scrubbed copy of a serialised response.

    A gzip/deflate body is stored decoded (as vcrpy's ``decode_compressed_response`` would), since
    compressed bytes cannot be scrubbed; any other encoding (br) is stored as received.
    """
    out = dict(response)
    headers = scrub_headers(response.get("headers") or {})
    body = (response.get("body") or {}).get("string")
    raw = body.encode("utf-8") if isinstance(body, str) else body
    decoded = _decoded(headers, raw) if raw else None
    if decoded is not None:
        headers, plain = decoded
        scrubbed = scrub_body(plain, _header(headers, "content-type"))
        headers = _with_length(headers, len(scrubbed))
        text = scrubbed.decode("utf-8", errors="replace") if isinstance(body, str) else scrubbed
        out["body"] = {**response["body"], "string": text}
    out["headers"] = headers
    return out


class ScrubbingFilter(logging.Filter):
    """Scrub log records before any handler writes them.

    The message is formatted here and the arguments dropped, because a secret usually arrives
    as an argument (``log.info("GET %s", url)``) and handlers format after filters run. The
    traceback is formatted and scrubbed too: exception messages quote URLs and bodies.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _scrub_loose(_message(record))
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _LOG_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _scrub_loose(record.exc_text)
        if record.stack_info:
            record.stack_info = _scrub_loose(record.stack_info)
        return True


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a filter must not raise; the handler would have reported it anyway
        return f"{record.msg!s} {record.args!r}"


__all__ = [
    "REDACTED",
    "REDACTED_EMAIL",
    "ScrubbingFilter",
    "is_email_name",
    "is_secret_name",
    "scrub_body",
    "scrub_form",
    "scrub_headers",
    "scrub_json",
    "scrub_query",
    "scrub_text",
    "scrub_url",
    "scrub_vcr_request",
    "scrub_vcr_response",
    "scrub_xml",
]
