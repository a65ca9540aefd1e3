"""The limits every call is held to, so a hostile or broken server costs bounded time and memory.

A server (or anything between it and us) decides how long an answer takes, how large it is and
how it is shaped; none of that may decide how much of *our* time, memory or log space a call
costs. The defaults are generous for the services bound here and can be overridden per client
(``BaseClient(deadline=..., max_response_bytes=...)``):

* ``deadline`` (60 s): connect + send + reading the whole body. httpx's ``timeout`` applies per
  socket operation, so a server dripping one byte every half second would hold a call forever;
* ``max_response_bytes`` (50 MiB, *decoded*): a 100 KB gzip answer may inflate to gigabytes;
* ``MAX_XML_ELEMENTS`` (2,000,000) and ``MAX_XML_DEPTH`` (256): a libxml2 node costs ~120
  bytes, so 50 MB of ``<a/>`` would be 1.5 GB of tree; a 50 MB valid answer has well under 1M;
* ``MAX_JSON_DEPTH`` (256): Python's ``json`` recurses, and so do pydantic and our scrubbers;
* ``MAX_MESSAGE_CHARS`` (2048): ``str(error)`` goes to logs and tickets; the body stays on
  ``error.body`` in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_DEADLINE = 60.0
DEFAULT_MAX_RESPONSE_BYTES = 50 * 2**20
MAX_XML_ELEMENTS = 2_000_000
MAX_XML_DEPTH = 256
MAX_JSON_DEPTH = 256
MAX_MESSAGE_CHARS = 2048


@dataclass(frozen=True, slots=True)
class Limits:
    """What one client allows a single call: seconds end to end, decoded answer bytes."""

    deadline: float = DEFAULT_DEADLINE
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def __post_init__(self) -> None:
        if not self.deadline > 0:
            raise ValueError(f"deadline must be a positive number of seconds, not {self.deadline}")
        if self.max_response_bytes < 1:
            raise ValueError(f"max_response_bytes must be positive, not {self.max_response_bytes}")


DEFAULT_LIMITS = Limits()

#: Where a text may be cut without leaving half of an e-mail address or ``name=value`` behind
#: (half an address no longer looks like one, so the scrubbers would miss it).
_BOUNDARY = re.compile(r"[\s<>&,;\"']")


def head(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, ending at a token boundary when one is near."""
    if len(text) <= limit:
        return text
    start = text[:limit]
    window = start[-200:]
    boundaries = [m.start() for m in _BOUNDARY.finditer(window)]
    return start[: len(start) - len(window) + boundaries[-1]] if boundaries else start


def cut(text: str, limit: int) -> str:
    """``text`` shortened to about ``limit`` characters at a token boundary, marked with "…"."""
    if len(text) <= limit:
        return text
    kept = head(text, limit)
    return f"{kept}… ({len(text) - len(kept)} more characters)"


# A JSON string, unrolled so a megabyte string costs one linear pass and no backtracking.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``body`` nests arrays/objects deeper than ``limit``, checked *before* ``json``
    recurses into it: strings are dropped, then only brackets are counted."""
    shape = _JSON_STRING.sub(b"", body).translate(_BRACKETS, _NOT_BRACKETS)
    if b"(" * (limit + 1) in shape:
        return True
    depth = 0
    for byte in shape:
        depth += 1 if byte == 40 else -1  # "("
        if depth > limit:
            return True
    return False


__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_MESSAGE_CHARS",
    "MAX_XML_DEPTH",
    "MAX_XML_ELEMENTS",
    "Limits",
    "cut",
    "head",
    "json_too_deep",
]
