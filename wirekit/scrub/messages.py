"""Header maps, and bodies dispatched to the right scrubber by media type or first byte."""

from __future__ import annotations

from collections.abc import Mapping

from wirekit.scrub.jsonbody import scrub_json
from wirekit.scrub.markup import _BOM, scrub_xml
from wirekit.scrub.names import _replacement, scrub_loose
from wirekit.scrub.query import scrub_form


def _scrub_header_value(name: str, value: str) -> str:
    replacement = _replacement(name)
    if replacement is not None:
        return replacement
    # Location/Link headers carry URLs, whose query may hold a key.
    return scrub_loose(value)


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


def scrub_body(body: bytes, content_type: str | None, typed: frozenset[str] = frozenset()) -> bytes:
    """Scrub a body by its media type, or by its first byte when the type says nothing useful.

    ``typed`` names elements and fields whose schema type is not text: they keep their value
    (only e-mail-shaped text inside them is still replaced)."""
    media = _media_type(content_type)
    if "xml" in media:
        return scrub_xml(body, typed)
    if media.endswith("json"):
        return scrub_json(body)
    if media == "application/x-www-form-urlencoded":
        return scrub_form(body, typed)
    start = body.removeprefix(_BOM).lstrip()[:1]
    if start == b"<":
        return scrub_xml(body, typed)
    if start in (b"{", b"["):
        return scrub_json(body)
    try:
        return scrub_loose(body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return body  # binary (an image): a byte-level match would corrupt it, not protect it


__all__ = ["scrub_body", "scrub_headers"]
