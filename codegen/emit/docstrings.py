"""Documentation from the specs, carried into generated docstrings and made safe to splice.

Vendors write anything in ``wsdl:documentation`` and OpenAPI descriptions: quotes, backslashes,
triple quotes, control characters. Every docstring of generated code goes through
``docstring()``, which escapes them (as openapi-python-client's ``safe_docstring`` does) and
lays out ``Args:``/``Returns:`` in Google style.
"""

from __future__ import annotations

import textwrap

from .layout import line_length

#: Room for the deepest docstring's indentation (a method's: 8 spaces).
_INDENT = 8


def _safe(text: str) -> str:
    text = "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text


def _wrap(text: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        flat = " ".join(paragraph.split())
        if flat:
            lines += textwrap.wrap(
                flat, line_length() - _INDENT - len(indent), break_on_hyphens=False
            ) or [""]
            lines.append("")
    return [f"{indent}{ln}" if ln else "" for ln in lines[:-1]]


def docstring(
    summary: str,
    *,
    body: str = "",
    args: list[tuple[str, str]] | None = None,
    returns: str = "",
    indent: str = "",
) -> str:
    """A complete triple-quoted docstring literal, indented for its place (first line not)."""
    lines = _wrap(_safe(summary.strip() or "Undocumented.")) or ["Undocumented."]
    if body.strip():
        lines += ["", *_wrap(_safe(body))]
    documented = [(name, doc) for name, doc in args or [] if doc.strip()]
    if documented:
        lines += ["", "Args:"]
        for name, doc in documented:
            wrapped = _wrap(_safe(doc), "        ")
            lines.append(f"    {name}: {wrapped[0].strip()}")
            lines += wrapped[1:]
    if returns.strip():
        lines += ["", "Returns:", *_wrap(_safe(returns), "    ")]
    if lines[-1].endswith('"'):
        lines[-1] += " "
    if len(lines) == 1:
        return f'"""{lines[0]}"""'
    inner = "\n".join(f"{indent}{ln}" if ln else "" for ln in lines[1:])
    return f'"""{lines[0]}\n{inner}\n{indent}"""'
