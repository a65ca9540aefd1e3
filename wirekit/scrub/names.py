"""The rules every scrubber shares: which names are secret, what replaces their values, and
the e-mail and ``name=value`` patterns used on free text and on bodies that did not parse."""

from __future__ import annotations

import re

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


#: Wire names a generated client declares secret (its API-key parameters), lower-cased.
_DECLARED: set[str] = set()


def add_secret_names(names: tuple[str, ...] | list[str]) -> None:
    """Treat values called ``names`` as credentials from now on (a service's API-key
    parameter may be called anything: ``appid``, ``X-Auth``)."""
    _DECLARED.update(n.lower() for n in names)


def is_secret_name(name: str) -> bool:
    """Whether values called ``name`` are credentials.

    Case-insensitive. True when the name contains one of ``_SECRET_PARTS`` (apikey, api_key,
    api-key, password, passwd, secret, token, authorization, authenticate, cookie, credential),
    or is exactly ``key``, optionally after an ``api``/``developer``/``contact`` prefix. Names that
    merely end in "key" (monkey, hotkey) or start with it (keyword) are not secret.
    """
    lowered = name.lower()
    return (
        any(part in lowered for part in _SECRET_PARTS)
        or _KEY.fullmatch(lowered) is not None
        or lowered in _DECLARED
    )


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


def _value(name: str, value: str, typed: frozenset[str] = frozenset()) -> str:
    """``typed``: names whose values the schema types as numbers, booleans, dates… : an
    e-mail or key placeholder there would break the value (``emailCount`` is a count)."""
    replacement = None if name in typed else _replacement(name)
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


_VALUE = r"""(?P<value>"[^"]*"|'[^']*'|[^\s"'&;,<>()\[\]{}]*)"""
_declared_cache: dict[frozenset[str], re.Pattern[str]] = {}


def _declared_pairs() -> re.Pattern[str] | None:
    """``name=value`` for the names clients declared secret (``appid=…``), if any."""
    if not _DECLARED:
        return None
    key = frozenset(_DECLARED)
    if key not in _declared_cache:
        names = "|".join(re.escape(n) for n in sorted(key, key=len, reverse=True))
        _declared_cache[key] = re.compile(
            rf"(?<![\w.-])(?P<name>{names})(?P<sep>[\"']?\s*[=:]\s*){_VALUE}", re.IGNORECASE
        )
    return _declared_cache[key]


def scrub_loose(s: str) -> str:
    """For text whose structure is unknown or broken: the structured scrubbers' rules, applied
    to what merely looks like ``<name>value``, ``name=value`` and e-mail addresses."""
    text = _PAIR.sub(_scrub_pair, _TAG_TEXT.sub(_scrub_tag_text, s))
    declared = _declared_pairs()
    if declared is not None:
        text = declared.sub(_scrub_pair, text)
    return scrub_text(text)


def _scrub_raw(body: bytes) -> bytes:
    """Fallback for a body its declared format cannot parse.

    Non-UTF-8 text (a Latin-1 page) is scrubbed at byte level, e-mail addresses only, rather
    than decoded with replacement characters, which would corrupt every non-ASCII character.
    """
    try:
        return scrub_loose(body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return _EMAIL_BYTES.sub(REDACTED_EMAIL.encode("ascii"), body)


__all__ = [
    "REDACTED",
    "REDACTED_EMAIL",
    "add_secret_names",
    "is_email_name",
    "is_secret_name",
    "scrub_text",
]
