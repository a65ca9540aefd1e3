"""Query strings, URLs and form bodies: ``name=value`` pairs scrubbed by name and by shape."""

from __future__ import annotations

from urllib.parse import quote_plus, unquote_plus, urlsplit, urlunsplit

from wirekit.scrub.names import REDACTED, _scrub_raw, _value, scrub_text


def _scrub_param(param: str, typed: frozenset[str] = frozenset()) -> str:
    if "=" not in param:
        return quote_plus(scrub_text(unquote_plus(param))) if param else param
    name, _, value = param.partition("=")
    name = unquote_plus(name)
    return quote_plus(scrub_text(name)) + "=" + quote_plus(_value(name, unquote_plus(value), typed))


def scrub_query(query: str, typed: frozenset[str] = frozenset()) -> str:
    """Scrub ``a=b&c=d`` (no leading "?"), re-encoded the way ``urlencode`` encodes.

    Order, blank values and bare names (``flag``) are kept: servers may care about all three.
    """
    return "&".join(_scrub_param(p, typed) for p in query.split("&"))


def scrub_url(url: str, typed: frozenset[str] = frozenset()) -> str:
    """Scrub the query, and also e-mails in the path and a password in the userinfo."""
    parts = urlsplit(url)
    netloc = parts.netloc
    user, at, host = netloc.rpartition("@")
    if at and ":" in user:
        netloc = f"{user.partition(':')[0]}:{REDACTED}@{host}"
    scrubbed = parts._replace(
        netloc=netloc, path=scrub_text(parts.path), query=scrub_query(parts.query, typed)
    )
    return url if scrubbed == parts else urlunsplit(scrubbed)


def scrub_form(body: bytes, typed: frozenset[str] = frozenset()) -> bytes:
    """Scrub an ``application/x-www-form-urlencoded`` body like a query string."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _scrub_raw(body)
    return scrub_query(text, typed).encode("utf-8")


__all__ = ["scrub_form", "scrub_query", "scrub_url"]
