"""Which answers an operation declares: success statuses without content, and error statuses
whose JSON body has a schema (raised as ``ErrorResponse`` carrying the parsed model)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from wirekit.errors import ErrorResponse, excerpt
from wirekit.limits import json_too_deep
from wirekit.transport import is_json

if TYPE_CHECKING:
    from wirekit.rest import RestOperationSpec


def matches(status: int, patterns: tuple[str, ...], *, exact: bool = False) -> bool:
    """Whether ``status`` is one of ``patterns`` (``204``, ``2XX``; ``default`` unless exact)."""
    code = str(status)
    for p in patterns:
        if p == code or (len(p) == 3 and p[1:].upper() == "XX" and p[0] == code[0]):
            return True
        if p == "default" and not exact:
            return True
    return False


def raise_declared(
    spec: RestOperationSpec[Any], body: bytes, status: int, content_type: str | None
) -> None:
    """Raise ``ErrorResponse`` with the declared model of this error status, when the answer
    is JSON of that shape; otherwise the caller reports the plain HTTP failure."""
    code = str(status)
    ranked = sorted(spec.errors, key=lambda e: 0 if e[0] == code else 2 if e[0] == "default" else 1)
    for pattern, model in ranked:
        if not matches(status, (pattern,)) or not is_json(content_type):
            continue
        try:
            data = json.loads(body) if not json_too_deep(body) else None
            parsed = model.model_validate(data)
        except ValueError:
            break
        raise ErrorResponse(
            f"HTTP {status}: {excerpt(body)}",
            parsed=parsed,
            status=status,
            body=body,
            content_type=content_type,
        )


__all__ = ["matches", "raise_declared"]
