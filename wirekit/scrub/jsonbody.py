"""JSON bodies: a secret name hides every value nested under it."""

from __future__ import annotations

import json
from typing import Any

from wirekit.scrub.names import REDACTED, _replacement, _scrub_raw, scrub_text


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


__all__ = ["scrub_json"]
