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


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Paragraphs of ``text`` wrapped to ``width``; the first line starts with ``first``, the
    others with ``rest`` (both counted); an empty line between paragraphs."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        flat = " ".join(paragraph.split())
        if flat:
            lines += textwrap.wrap(
                flat,
                width,
                initial_indent=rest if lines else first,
                subsequent_indent=rest,
                break_on_hyphens=False,
            ) or [""]
            lines.append("")
    return lines[:-1]


def docstring(
    summary: str,
    *,
    body: str = "",
    args: list[tuple[str, str]] | None = None,
    returns: str = "",
    indent: str = "",
) -> str:
    """A complete triple-quoted docstring literal, indented for its place (first line not),
    every line within the line length, quotes included."""
    width = line_length() - max(len(indent), _INDENT)
    quotes = '"""'
    text = _safe(summary.strip() or "Undocumented.")
    lines = _wrap(text, width, quotes)
    if len(lines) == 1 and len(lines[0]) + len(quotes) > width:  # no room for closing quotes
        lines = _wrap(text, len(lines[0]) - 1, quotes)
    lines = [lines[0][len(quotes) :], *lines[1:]]
    if body.strip():
        lines += ["", *_wrap(_safe(body), width)]
    documented = [(name, doc) for name, doc in args or [] if doc.strip()]
    if documented:
        lines += ["", "Args:"]
        for name, doc in documented:
            lines += _wrap(_safe(doc), width, f"    {name}: ", "        ")
    if returns.strip():
        lines += ["", "Returns:", *_wrap(_safe(returns), width, "    ", "    ")]
    if lines[-1].endswith('"'):
        lines[-1] += " "
    if len(lines) == 1:
        return f"{quotes}{lines[0]}{quotes}"
    inner = "\n".join(f"{indent}{ln}" if ln else "" for ln in lines[1:])
    return f"{quotes}{lines[0]}\n{inner}\n{indent}{quotes}"
