"""Secrets never land on disk: API keys and e-mail addresses are scrubbed everywhere."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

REDACTED = "REDACTED"
REDACTED_EMAIL = "redacted@example.invalid"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_SECRET = re.compile(
    r"api[-_]?key|password|passwd|secret|token|authorization|authenticate|"
    r"cookie|^(?:developer|contact)?key$",
    re.IGNORECASE,
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def is_secret_name(name: str) -> bool:
    return bool(_SECRET.search(name))


def is_email_name(name: str) -> bool:
    return "email" in name.lower()


def scrub_text(s: str) -> str:
    return _EMAIL.sub(REDACTED_EMAIL, s)


def _value(name: str, value: str) -> str:
    if is_secret_name(name):
        return REDACTED
    if is_email_name(name):
        return REDACTED_EMAIL
    return scrub_text(value)


def scrub_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, _value(k, v)) for k, v in pairs])


def scrub_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=scrub_query(parts.query))) if parts.query else url


def scrub_form(body: bytes) -> bytes:
    return scrub_query(body.decode("utf-8", errors="replace")).encode("ascii")


def scrub_xml(body: bytes) -> bytes:
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return scrub_text(body.decode("utf-8", errors="replace")).encode("utf-8")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if el.text and el.text.strip():
            el.text = _value(name, el.text)
        for key, value in el.attrib.items():
            el.set(key, scrub_text(str(value)))
    decl = body.lstrip().startswith(b"<?xml")
    out = etree.tostring(root, encoding="unicode")
    return (('<?xml version="1.0" encoding="utf-8"?>\n' if decl else "") + out).encode("utf-8")


def _json(obj: Any, key: str = "") -> Any:
    if isinstance(obj, dict):
        return {k: _json(v, k) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_json(v, key) for v in obj]
    if isinstance(obj, str):
        return _value(key, obj) if key else scrub_text(obj)
    return obj


def scrub_json(body: bytes) -> bytes:
    try:
        obj = json.loads(body)
    except ValueError:
        return scrub_text(body.decode("utf-8", errors="replace")).encode("utf-8")
    return json.dumps(_json(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def scrub_headers(headers: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in headers.items():
        if is_secret_name(name) or name.lower() in ("cookie", "set-cookie"):
            out[name] = [REDACTED] * len(value) if isinstance(value, list) else REDACTED
        elif isinstance(value, list):
            out[name] = [scrub_text(v) for v in value]
        else:
            out[name] = scrub_text(value)
    return out


def scrub_body(body: bytes, content_type: str | None) -> bytes:
    media = (content_type or "").split(";")[0].strip().lower()
    if "xml" in media:
        return scrub_xml(body)
    if media.endswith("json"):
        return scrub_json(body)
    if media == "application/x-www-form-urlencoded":
        return scrub_form(body)
    stripped = body.lstrip()
    if stripped.startswith(b"<"):
        return scrub_xml(body)
    if stripped[:1] in (b"{", b"["):
        return scrub_json(body)
    try:
        return scrub_text(body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return body


def scrub_vcr_request(request: Any) -> Any:
    """vcrpy ``before_record_request`` hook (vcrpy passes a copy, so mutating it is safe)."""
    request.uri = scrub_url(request.uri)
    ctype = request.headers.get("Content-Type") or request.headers.get("content-type")
    if request.body:
        body = request.body if isinstance(request.body, bytes) else request.body.encode()
        request.body = scrub_body(body, ctype)
    for name in list(request.headers):
        if is_secret_name(name):
            request.headers[name] = REDACTED
    return request


def scrub_vcr_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    response["headers"] = scrub_headers(headers)
    body = response.get("body", {}).get("string")
    if body:
        ctype = next(
            (
                v[0] if isinstance(v, list) else v
                for k, v in headers.items()
                if k.lower() == "content-type"
            ),
            None,
        )
        raw = body if isinstance(body, bytes) else body.encode()
        response["body"]["string"] = scrub_body(raw, ctype)
    return response
