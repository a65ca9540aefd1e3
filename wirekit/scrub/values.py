"""Secrets known by value: the credentials clients hold, and the secret arguments of the call
in progress.

Names and shapes (``names``) catch a key where it is labelled (``?key=…``, ``<apiKey>``), but a
server may echo it anywhere: ``Set-Cookie: session=<key>``, a custom response header that
httpcore's DEBUG record prints as a tuple repr. The kit knows the values themselves, so the log
filter also replaces those. The call's arguments are published through a ``ContextVar`` (set
and reset once per call, a few hundred nanoseconds); which of them are secret, and in which
forms a message may quote them, is only worked out when a record is actually written.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from urllib.parse import quote, quote_plus

from wirekit.scrub.names import REDACTED, is_email_name, is_secret_name

#: Client credentials seen in this process, newest last; bounded so that a process creating
#: clients with ever new keys does not grow without end (the oldest are dropped first).
_KNOWN: dict[str, None] = {}
MAX_KNOWN = 1024
#: ``redaction_forms(_KNOWN)``, kept by ``remember``.
_KNOWN_FORMS: list[str] = []
#: The arguments of the call in progress; the base client sets and resets it around each call
#: (a ``ContextVar``: threads and tasks each see their own).
CALL_ARGUMENTS: ContextVar[Mapping[str, object] | None] = ContextVar(
    "wirekit_call_args", default=None
)


def value_forms(value: str) -> set[str]:
    """How a message may quote ``value``: as is, trimmed, repr-escaped (a key read from a file
    keeps its newline), URL-encoded; forms shorter than 4 characters are too common to replace."""
    # surrogatepass: a lone surrogate (refused on the wire anyway) must not make this raise.
    url = quote(value, safe="", errors="surrogatepass")
    plus = quote_plus(value, errors="surrogatepass")
    forms = {value, value.strip(), repr(value)[1:-1], url, plus}
    return {f for f in forms if len(f.strip()) >= 4}


def remember(values: Iterable[object]) -> None:
    """Keep a client's credential values (non-text ones skipped) for the log filter."""
    before = set(_KNOWN)
    for value in values:
        if isinstance(value, str):
            _KNOWN.pop(value, None)
            _KNOWN[value] = None
    while len(_KNOWN) > MAX_KNOWN:
        del _KNOWN[next(iter(_KNOWN))]
    if before != _KNOWN.keys():
        # Worked out when the set changes, not for every log record the filter scrubs.
        _KNOWN_FORMS[:] = redaction_forms(_KNOWN)


def secret_values(args: Mapping[str, object]) -> list[str]:
    """The secret arguments' values (by name: keys, passwords, e-mail addresses)."""
    return [
        str(value)
        for name, value in args.items()
        if value is not None and (is_secret_name(name) or is_email_name(name))
    ]


def redaction_forms(values: Iterable[str]) -> list[str]:
    """Every form of ``values`` (``value_forms``), longest first: a secret that contains another
    is replaced whole before the shorter one could cut it in two."""
    return sorted({f for v in values for f in value_forms(v)}, key=len, reverse=True)


def redact(text: str, forms: Iterable[str]) -> str:
    """``text`` with each of ``forms`` (from ``redaction_forms``) replaced by ``REDACTED``."""
    for form in forms:
        if form in text:
            text = text.replace(form, REDACTED)
    return text


def scrub_known(text: str) -> str:
    """``text`` with every known credential and the current call's secrets replaced."""
    args = CALL_ARGUMENTS.get()
    call = redaction_forms(secret_values(args)) if args else []
    if not call:
        return redact(text, _KNOWN_FORMS)
    # Both lists are longest first, and so is their merge (see ``redaction_forms``).
    return redact(text, heapq.merge(_KNOWN_FORMS, call, key=len, reverse=True))


__all__ = [
    "CALL_ARGUMENTS",
    "MAX_KNOWN",
    "redact",
    "redaction_forms",
    "remember",
    "scrub_known",
    "secret_values",
    "value_forms",
]
