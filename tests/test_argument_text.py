"""Which text a ``str`` argument may carry is decided by XML 1.0's ``Char`` production, checked
against the production itself at every code point, not against the checker's own regex only."""

from __future__ import annotations

import pytest

from wirekit.arguments import Param, check_args
from wirekit.errors import RequestError


def xml_char(c: int) -> bool:
    # XML 1.0 (fifth edition) section 2.2, production [2], written out.
    return (
        c in (0x9, 0xA, 0xD)
        or 0x20 <= c <= 0xD7FF
        or 0xE000 <= c <= 0xFFFD
        or 0x10000 <= c <= 0x10FFFF
    )


PARAMS = (Param("text", "str"),)


def accepted(text: str) -> bool:
    try:
        check_args("Op", PARAMS, {"text": text})
    except RequestError:
        return False
    return True


def test_every_code_point_alone_and_inside_printable_text() -> None:
    wrong = [
        c
        for c in range(0x110000)
        if accepted(chr(c)) != xml_char(c) or accepted(f"ab{chr(c)}cd") != xml_char(c)
    ]
    assert wrong == []


@pytest.mark.parametrize("c", [0x0, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF])
def test_refusal_names_the_character_and_its_place(c: int) -> None:
    with pytest.raises(
        RequestError, match=rf"U\+{c:04X} \(at 3\) cannot be sent, in argument text"
    ):
        check_args("Op", PARAMS, {"text": f"abc{chr(c)}"})
