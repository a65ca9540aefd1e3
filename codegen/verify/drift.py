"""How a live answer drifted from the documented one: fields added, missing, renamed (case),
changed in type, values never documented, and status and content-type differences.

Both answers are flattened into ``path → values`` (XML by local element names, JSON by keys;
list items share a path) and compared path by path, case-insensitively first so that a renamed
field shows as one rename, not as one field missing and another added.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from lxml import etree

from wirekit.transport import media_type
from wirekit.xmlsafe import PARSER

_CONTAINER = "\x00"
#: Kinds of drift that break a client; the others are reported but do not fail the check.
BREAKING = frozenset({"missing", "type", "status", "content-type", "value", "renamed"})
_KINDS = (
    ("nil", re.compile(r"^(\x00)?$")),
    ("boolean", re.compile(r"^(true|false)$", re.IGNORECASE)),
    ("integer", re.compile(r"^[+-]?\d+$")),
    ("decimal", re.compile(r"^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$")),
    ("guid", re.compile(r"^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$")),
    ("dateTime", re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")),
    ("date", re.compile(r"^\d{4}-\d\d-\d\d$")),
)


@dataclass(frozen=True)
class Drift:
    operation: str
    protocol: str
    kind: str
    path: str
    documented: str
    live: str

    @property
    def breaking(self) -> bool:
        # REST bindings match names case-insensitively: a rename by case is news, not a break.
        return self.kind in BREAKING and not (self.kind == "renamed" and self.protocol == "rest")

    def __str__(self) -> str:
        mark = "BREAKING" if self.breaking else "note"
        return (
            f"{mark} {self.operation}/{self.protocol}: {self.kind} at {self.path or '(answer)'}: "
            f"documented {self.documented!r}, live {self.live!r}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "breaking": self.breaking}


def kind_of(value: str) -> str:
    """The lexical kind of a scalar value, as far as its text tells."""
    text = value.strip()
    return next((name for name, pattern in _KINDS if pattern.match(text)), "string")


def _flatten_xml(body: bytes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def walk(el: etree._Element, path: str) -> None:
        name = f"{path}/{etree.QName(el).localname}"
        kids = [c for c in el if isinstance(c.tag, str)]
        # Containers are paths too: one emptied by the service is not a field "added".
        out.setdefault(name, []).append((el.text or "").strip() if not kids else _CONTAINER)
        for kid in kids:
            walk(kid, name)

    walk(etree.fromstring(body, PARSER), "")
    return out


def _flatten_json(
    value: Any, path: str = "", out: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    out = {} if out is None else out
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten_json(item, f"{path}/{key}", out)
    elif isinstance(value, list):
        for item in value:
            _flatten_json(item, f"{path}[]", out)
    else:
        text = "" if value is None else json.dumps(value) if not isinstance(value, str) else value
        out.setdefault(path, []).append(text)
    return out


def flatten(body: bytes, content_type: str | None) -> dict[str, list[str]]:
    """``path → leaf values`` of an answer; ``{}`` for an empty or unreadable body."""
    if not body.strip():
        return {}
    try:
        if "json" in media_type(content_type):
            return _flatten_json(json.loads(body))
        return _flatten_xml(body)
    except (ValueError, etree.XMLSyntaxError):
        return {"(unreadable body)": [body[:80].decode("utf-8", "replace")]}


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def compare(
    operation: str, protocol: str, documented: Answer, live: Answer, enums: frozenset[str]
) -> list[Drift]:
    """Every drift of ``live`` from ``documented``; ``enums`` names paths (upper-cased last
    segment) whose values are a closed set, so a value never documented is a drift."""

    def drift(kind: str, path: str, doc: str, got: str) -> Drift:
        return Drift(operation, protocol, kind, path, doc, got)

    found: list[Drift] = []
    if documented.status != live.status:
        found.append(drift("status", "", str(documented.status), str(live.status)))
    doc_media, live_media = media_type(documented.content_type), media_type(live.content_type)
    if doc_media != live_media:
        found.append(drift("content-type", "", doc_media, live_media))
    doc, got = (
        flatten(documented.body, documented.content_type),
        flatten(live.body, live.content_type),
    )
    by_upper = {p.upper(): p for p in got}
    for path, values in doc.items():
        live_path = by_upper.pop(path.upper(), None)
        if live_path is None:
            found.append(drift("missing", path, ", ".join(values[:2]), ""))
            continue
        if live_path != path:
            found.append(drift("renamed", path, path, live_path))
        found += _values(drift, live_path, values, got[live_path], enums)
    found += [drift("added", p, "", ", ".join(got[p][:2])) for p in sorted(by_upper.values())]
    return found


def _values(
    drift: Any, path: str, documented: list[str], live: list[str], enums: frozenset[str]
) -> list[Drift]:
    doc_kinds = {kind_of(v) for v in documented} - {"nil"}
    live_kinds = {kind_of(v) for v in live} - {"nil"}
    out = []
    if (
        doc_kinds
        and live_kinds
        and not live_kinds <= doc_kinds | _WIDER.get(frozenset(doc_kinds), set())
    ):
        out.append(drift("type", path, "/".join(sorted(doc_kinds)), "/".join(sorted(live_kinds))))
    leaf = path.rsplit("/", 1)[-1].upper()
    if leaf in enums:
        unseen = sorted(set(live) - set(documented))
        if unseen:
            out.append(drift("value", path, ", ".join(documented[:3]), ", ".join(unseen[:3])))
    return out


#: A documented kind that a live value may also take without breaking a client.
_WIDER: dict[frozenset[str], set[str]] = {
    frozenset({"integer"}): set(),
    frozenset({"decimal"}): {"integer"},
    frozenset({"string"}): {"integer", "decimal", "boolean", "guid", "dateTime", "date"},
}
