"""The line length generated code is laid out for, and the text wrapped to fit it.

The formatter wraps code; it cannot wrap prose. Docstrings from the specs, the templates' own
module docstrings and the header comment are wrapped here, to the same line length the
formatting step uses (the user's project's, see ``codegen.project_style``), so the output passes
pycodestyle's E501 as well as ``ruff format --check`` in that project. The length is a context
variable: the pipeline sets it around one service's emission (``laid_out_for``), and every
wrapping site reads it, rather than threading it through every view.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: ruff's default line length.
DEFAULT_LINE_LENGTH = 88

_LINE_LENGTH: ContextVar[int] = ContextVar("line_length", default=DEFAULT_LINE_LENGTH)


@contextmanager
def laid_out_for(line_length: int) -> Iterator[None]:
    """Wrap everything emitted inside the block to ``line_length``."""
    token = _LINE_LENGTH.set(line_length)
    try:
        yield
    finally:
        _LINE_LENGTH.reset(token)


def line_length() -> int:
    return _LINE_LENGTH.get()


def wrapped(text: str, width: int) -> list[str]:
    """One paragraph's words in lines of at most ``width`` (a longer word keeps its own line)."""
    return textwrap.wrap(
        " ".join(text.split()), width, break_on_hyphens=False, break_long_words=False
    ) or [""]


def comment(text: str) -> str:
    """``text`` as ``#`` comment lines within the line length."""
    return "\n".join(f"# {ln}" for ln in wrapped(text, line_length() - 2))


def reflow(text: str, indent: int = 0) -> str:
    """A docstring's text (what goes between the quotes; written unindented in the template)
    with its prose paragraphs re-wrapped to the line length, for a docstring indented by
    ``indent``. Paragraphs with indented lines (``::`` examples) and ``::`` itself are kept as
    written. One line when it fits beside both quotes; else the first line follows the opening
    quotes and the text ends with a newline and the indentation of the closing quotes."""
    width = line_length() - indent
    pad = " " * indent
    out: list[str] = []
    for paragraph in text.strip("\n").split("\n\n"):
        if out:
            out.append("")
        lines = paragraph.split("\n")
        if paragraph.strip() == "::" or any(ln.startswith(" ") for ln in lines):
            out += lines
            continue
        # The first line shares its line with the opening quotes (``x`` stands in for them).
        flowed = wrapped(f"xxx {paragraph}" if not out else paragraph, width)
        if not out:
            flowed[0] = flowed[0][4:]
        out += flowed
    if len(out) == 1 and len(out[0]) + 6 <= width:
        return out[0]
    if len(out) == 1:  # two lines, or the formatter puts the closing quotes back beside it
        out = wrapped(f"xxx {out[0]}", len(out[0]) + 3)
        out[0] = out[0][4:]
    return "\n".join([out[0], *(f"{pad}{ln}" if ln else "" for ln in out[1:])]) + f"\n{pad}"
