"""Arguments are checked before a request is built, so a bad one is a typed ``RequestError``
naming the parameter, never a malformed request sent or an untyped exception from deep inside
an encoder.

Generated code describes each parameter once (``Param``: its keyword, the kind of value it
takes, whether it is required, whether it is a list); ``check_args`` holds the call to that.
What is refused, and why:

* ``None`` for a required parameter (it would travel as ``"None"``, ``null`` or nothing);
* a value of another type (an ``int`` where the contract says ``xsd:string``);
* text XML 1.0 cannot carry: control characters, lone surrogates, U+FFFE/U+FFFF — written raw
  they make the envelope malformed; no escape exists for them;
* NaN and infinities where the wire has none (JSON, ``xsd:decimal``; ``xsd:double`` has
  them), integers beyond 128 bits (no xsd integer
  type holds them, and Python refuses to print a 5 000-digit one);
* GUID text that is not a GUID.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from uuid import UUID

from wirekit.errors import RequestError
from wirekit.scalars import decode_uuid
from wirekit.uploads import FileUpload

#: Everything outside XML 1.0's ``Char`` production (surrogates and U+FFFE/FFFF included).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: What UTF-8 cannot encode at all: lone surrogates.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")
_MAX_INT_BITS = 128


@dataclass(frozen=True, slots=True)
class Param:
    """One keyword parameter of a generated method."""

    name: str
    #: str (text XML can carry), text (any text UTF-8 can: JSON, URLs), int, float (xsd:double,
    #: NaN included), number (finite: JSON), decimal,
    #: bool, datetime, date, time, bytes, file (bytes or a ``FileUpload``), uuid, uuid|str,
    #: str|uuid, enum (``enum`` names the class), or any (structures: their own fields are typed).
    kind: str
    required: bool = False
    many: bool = False
    enum: type[Enum] | None = None
    #: A list whose items are nillable (ASMX ``ArrayOfString``): a None item goes out as nil.
    nil_items: bool = False
    #: One value of kind ``str``: the case ``check_args`` decides first.
    plain_str: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plain_str", self.kind == "str" and not self.many)


#: What is checked must be what is written, and encoders call ``str()``.
_REWRITTEN = "a str subclass whose str() differs from its text"


def _rewritten(value: str) -> bool:
    return type(value) is not str and str(value) != value


def _text(value: object, allowed: re.Pattern[str] = _NOT_XML) -> str | None:
    if not isinstance(value, str):
        return "expected str"
    if _rewritten(value):
        return _REWRITTEN
    bad = allowed.search(value)
    if bad is not None:
        return f"U+{ord(bad.group()):04X} (at {bad.start()}) cannot be sent"
    return None


def _number(value: object, kinds: tuple[type, ...], *, finite: bool = True) -> str | None:
    if isinstance(value, bool) or not isinstance(value, kinds):
        return f"expected {' or '.join(k.__name__ for k in kinds)}"
    if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        return f"integer of {value.bit_length()} bits is beyond any xsd integer type"
    if finite and isinstance(value, float) and not math.isfinite(value):
        return "NaN and infinities cannot be sent"
    if isinstance(value, Decimal) and not value.is_finite():
        return "NaN and infinities cannot be sent"
    return None


def _guid(value: object, text_first: bool) -> str | None:
    if isinstance(value, UUID):
        return None
    if not isinstance(value, str):
        return "expected str or UUID" if text_first else "expected UUID or str"
    if text_first:
        return _text(value)
    if _rewritten(value):
        return _REWRITTEN
    try:
        decode_uuid(value)
    except ValueError:
        return "text is not a GUID"
    return None


def _instance(value: object, kind: type, exclude: type | None = None) -> str | None:
    if isinstance(value, kind) and not (exclude is not None and isinstance(value, exclude)):
        return None
    return f"expected {kind.__name__}"


def _enum(param: Param, value: object) -> str | None:
    return _instance(value, param.enum) if param.enum else None


# One table built at import, not per call: ``check_args`` runs on every request.
_CHECKS: dict[str, Callable[[Param, object], str | None]] = {
    "str": lambda p, v: _text(v),
    "text": lambda p, v: _text(v, _NOT_UTF8),
    "int": lambda p, v: _number(v, (int,)),
    # xsd:double has NaN and INF; JSON has neither ("number").
    "float": lambda p, v: _number(v, (float, int), finite=False),
    "number": lambda p, v: _number(v, (float, int)),
    "decimal": lambda p, v: _number(v, (Decimal, int)),
    "bool": lambda p, v: _instance(v, bool),
    "datetime": lambda p, v: _instance(v, datetime),
    "date": lambda p, v: _instance(v, date, exclude=datetime),
    "time": lambda p, v: _instance(v, time),
    "bytes": lambda p, v: _instance(v, bytes),
    # A multipart file: its bytes, or a FileUpload naming it (wirekit.uploads).
    "file": lambda p, v: (
        None if isinstance(v, bytes | FileUpload) else "expected bytes or FileUpload"
    ),
    "uuid": lambda p, v: _instance(v, UUID),
    "uuid|str": lambda p, v: _guid(v, text_first=False),
    "str|uuid": lambda p, v: _guid(v, text_first=True),
    "enum": _enum,
}


def problem(param: Param, value: object) -> str | None:
    """What is wrong with one (non-None) value of ``param``, or ``None``."""
    check = _CHECKS.get(param.kind)
    return check(param, value) if check is not None else None


def check_args(operation: str, params: tuple[Param, ...], args: Mapping[str, object]) -> None:
    """Raise ``RequestError`` for the first argument that cannot be sent."""
    for param in params:
        value = args.get(param.name)
        # The common case first, inline: text given for a single str parameter. ``isprintable()``
        # is false for every control (Cc), surrogate (Cs) and noncharacter (Cn: U+FFFE/FFFF),
        # so printable text is XML-legal (tests/test_argument_text.py checks every code point)
        # at half the cost of the search; other text (a tab, a no-break space) is searched.
        if (
            type(value) is str
            and param.plain_str
            and (value.isprintable() or _NOT_XML.search(value) is None)
        ):
            continue
        if value is None:
            if param.required:
                raise RequestError(f"{operation}: {param.name} is required (got None)")
            continue
        if not param.many:
            found = problem(param, value)
            if found is not None:
                raise RequestError(f"{operation}: {found}, in argument {param.name}")
            continue
        if not isinstance(value, list | tuple):
            raise RequestError(f"{operation}: {param.name} expects a list")
        for index, item in enumerate(value):
            if item is None and param.nil_items:
                continue
            found = "required item is None" if item is None else problem(param, item)
            if found is not None:
                # Worded so that no "name: value" pattern invites a log scrubber to eat it.
                raise RequestError(f"{operation}: {found}, in argument {param.name}[{index}]")


__all__ = ["Param", "check_args", "problem"]
