"""Long string literals split at spaces, so formatted code fits the line length (E501).

The formatter never splits a string: a description datamodel-code-generator puts in
``Field(description="…")``, a request's opening tag with its namespace declarations, a long
error message stay one token, however long. Where a formatted line is too long because of such
a literal, it is written as adjacent literals (implicit concatenation, in parentheses unless
already alone in a pair) split before spaces; the formatter then lays the
pieces out one per line. The value is unchanged: Python joins adjacent literals at compile
time. Docstrings, f-strings, triple-quoted and escaped-space literals are left alone, and so is
a literal with no space to split at (a lone URL, which E501 does not count), except as a dict
value, which is parenthesized so that the formatter gives it a line of its own.
"""

from __future__ import annotations

import io
import re
import tokenize

_PREFIX = re.compile(r"^([rRbBuU]*)(['\"])(.*)\2$", re.DOTALL)


def _pieces(body: str, room: int) -> list[str]:
    """``body`` (a literal's source text between its quotes) cut before spaces (and ``<``,
    for XML) into pieces of at most ``room`` characters where possible; never after a
    backslash. Each piece but the first starts with its space, so a piece holding one long word
    (a namespace URI) is one word on its line, which E501 does not count."""
    words = re.split(r"(?<!\\)(?=[ <])", body)
    pieces: list[str] = []
    for word in words:
        if pieces and len(pieces[-1]) + len(word) <= room:
            pieces[-1] += word
        else:
            pieces.append(word)
    return [p for p in pieces if p]


def split_long_strings(source: str, line_length: int) -> str:
    """``source`` with each splittable literal on an over-long line split (see the module)."""
    lines = source.split("\n")
    if all(len(ln) <= line_length for ln in lines):
        return source
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.NL, tokenize.COMMENT)
    ]
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    # Open brackets, each with the token before it: ``Literal[…]`` members cannot be split.
    open_brackets: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.OP and tok.string in "([{":
            open_brackets.append(tokens[i - 1].string if i else "")
        elif tok.type == tokenize.OP and tok.string in ")]}" and open_brackets:
            open_brackets.pop()
        if tok.type != tokenize.STRING or tok.start[0] != tok.end[0]:
            continue
        line = lines[tok.start[0] - 1]
        match = _PREFIX.match(tok.string)
        prev, nxt = tokens[i - 1], tokens[i + 1]
        if (
            len(line) <= line_length
            or match is None
            or match.group(3).startswith(match.group(2) * 2)  # triple-quoted
            or prev.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)  # docstring
            or tokenize.STRING in (prev.type, nxt.type)  # already concatenated
            or "Literal" in open_brackets
            or "\\N{" in match.group(3)  # a named escape holds spaces
        ):
            continue
        prefix, quote, body = match.groups()
        indent = len(line) - len(line.lstrip())
        room = line_length - indent - 4 - len(prefix) - 2 - 1
        pieces = _pieces(body, max(room, 20))
        if len(pieces) < 2:  # fits once on a line of its own: still two, or it stays here
            pieces = _pieces(body, max(len(body) // 2 + 1, 20))
        if len(pieces) < 2:
            if prev.string == ":":
                # One word (a module path, a class name) as a dict value: in parentheses the
                # formatter moves it to a line of its own, which E501 does not count.
                edits.append((tok.start, tok.end, f"({tok.string})"))
            continue
        joined = " ".join(f"{prefix}{quote}{p}{quote}" for p in pieces)
        # Parenthesized (ruff's ISC004 asks for it in collections) unless already alone between
        # parentheses: a call's only argument, or a parenthesized expression (UP034).
        alone = prev.string == "(" and nxt.string == ")"
        edits.append((tok.start, tok.end, joined if alone else f"({joined})"))
    for start, end, text in reversed(edits):
        row = start[0] - 1
        lines[row] = lines[row][: start[1]] + text + lines[row][end[1] :]
    return "\n".join(lines)
