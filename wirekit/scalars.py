"""XSD scalar lexical codecs used by the generated per-type XML codecs.

These sit on the parsing hot path, so they validate with cheap string calls, and they are strict
where Python is lenient: ``int()`` and ``float()`` accept underscores, non-ASCII digits and words
like ``"inf"``, none of which are in the xsd lexical spaces, and silently accepting them would let
a broken or hostile response decode to a plausible value.

The hottest decoders (boolean, integer, dateTime, guid) first try the exact form servers send
(no padding, no braces) with the cheapest check that admits only valid text, and fall back to
the general strict path for everything else; both paths accept and refuse exactly the same
strings (tests/test_scalars_equivalence.py compares them with the original implementation).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from uuid import UUID, SafeUUID

#: XML whitespace only: xsd's whiteSpace="collapse" strips these and nothing else.
_WS = " \t\r\n"
_SIGNS = ("+", "-")
_BOOLS = {"true": True, "1": True, "false": False, "0": False}
_FLOAT_CHARS = frozenset("0123456789+-.eE")
_FLOAT_SPECIALS = {"INF": math.inf, "+INF": math.inf, "-INF": -math.inf, "NaN": math.nan}
_MINUTE = timedelta(minutes=1)
#: Maps every hex digit to "x", "-" to itself and any other byte to NUL (so that an "x" in the
#: text does not pass for a digit): one comparison with _GUID_SHAPE then checks a guid's layout.
_HEX_AS_X = bytes(
    ord("x") if b in b"0123456789abcdefABCDEF" else b if b == ord("-") else 0 for b in range(256)
)
_GUID_SHAPE = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
#: The unpadded dateTime forms, every field in range but the day of the month and year 0, which
#: ``datetime.fromisoformat`` refuses itself. The ranges must be checked here: fromisoformat
#: reads offset +05:60 as +06:00, and newer Pythons read hour 24 as the next midnight.
_PLAIN_DATETIME = re.compile(
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
).fullmatch
_fromisoformat = datetime.fromisoformat


def _invalid(kind: str, s: str) -> ValueError:
    # Quote the value so a decoding failure is diagnosable from the message alone, but cap it:
    # a base64 image in an exception message would flood logs.
    shown = s if len(s) <= 80 else s[:77] + "..."
    return ValueError(f"not a valid xsd:{kind}: {shown!r}")


def encode_str(v: str) -> str:
    return v


def decode_str(s: str) -> str:
    # xsd:string preserves whitespace, so unlike the other decoders this must not strip.
    return s


def encode_bool(v: bool) -> str:
    return "true" if v else "false"


def decode_bool(s: str) -> bool:
    # What servers send, compared before paying for a strip.
    if s == "true":
        return True
    if s == "false":
        return False
    value = _BOOLS.get(s.strip(_WS))
    if value is None:
        raise _invalid("boolean", s)
    return value


def encode_int(v: int) -> str:
    return str(v)


def decode_int(s: str) -> int:
    """Decode every xsd integer type; range checks are the server's business, not the client's."""
    if s.isascii() and (s.isdigit() or (s[1:].isdigit() and s[0] in _SIGNS)):
        return int(s)  # unpadded ASCII digits, signed or not: int() can read nothing else here
    t = s.strip(_WS)
    digits = t[1:] if t[:1] in _SIGNS else t
    if digits.isdigit() and digits.isascii():
        return int(t)
    raise _invalid("integer", s)


def encode_decimal(v: Decimal) -> str:
    """Render positionally: xsd:decimal has no exponent form, and ``str(Decimal)`` may use one."""
    if not v.is_finite():
        raise ValueError(f"xsd:decimal has no NaN or infinity: {v!r}")
    if v.is_zero():
        v = v.copy_abs()  # "-0" is legal but surprising; the value is the same.
    return format(v, "f")


def decode_decimal(s: str) -> Decimal:
    t = s.strip(_WS)
    body = t[1:] if t[:1] in _SIGNS else t
    whole, _, frac = body.partition(".")
    digits = whole + frac
    if digits.isdigit() and digits.isascii():
        return Decimal(t)
    raise _invalid("decimal", s)


def encode_float(v: float) -> str:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "INF" if v > 0 else "-INF"
    return repr(v)  # shortest text that reads back to the same double


def decode_float(s: str) -> float:
    """Decode xsd:double and xsd:float; only xsd's spellings of the special values are accepted."""
    t = s.strip(_WS)
    special = _FLOAT_SPECIALS.get(t)
    if special is not None:
        return special
    if t and _FLOAT_CHARS.issuperset(t):
        try:
            return float(t)
        except ValueError:
            pass
    raise _invalid("double", s)


def _offset(v: datetime | time) -> str:
    off = v.utcoffset()
    if off is None:
        return ""
    if off % _MINUTE:
        # xsd offsets have minute precision; rounding would silently move the instant.
        raise ValueError(f"UTC offset {off} has seconds, which xsd cannot express")
    if not off:
        return "Z"
    minutes = off // _MINUTE
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _fraction(us: int) -> str:
    return f".{us:06d}".rstrip("0") if us else ""


def encode_datetime(v: datetime) -> str:
    """Naive stays naive: ASMX/.NET services send and expect local times without an offset."""
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}"
        f"{_fraction(v.microsecond)}{_offset(v)}"
    )


def _split_offset(s: str, kind: str) -> tuple[str, timezone | None]:
    """Strip ``s`` and take its offset off: the rest, and the offset as a timezone if any."""
    t = s.strip(_WS)
    if not t.isascii():
        raise _invalid(kind, s)
    if t.endswith("Z"):
        return t[:-1], UTC
    if len(t) > 6 and t[-6] in _SIGNS and t[-3] == ":":
        hh, mm = t[-5:-3], t[-2:]
        if not (hh + mm).isdigit() or int(hh) > 23 or int(mm) > 59:
            raise _invalid(kind, s)
        off = timedelta(hours=int(hh), minutes=int(mm))
        return t[:-6], timezone(-off if t[-6] == "-" else off)
    return t, None


def _ymd(t: str, s: str, kind: str) -> tuple[int, int, int]:
    if len(t) != 10 or t[4] != "-" or t[7] != "-" or not (t[:4] + t[5:7] + t[8:]).isdigit():
        raise _invalid(kind, s)
    return int(t[:4]), int(t[5:7]), int(t[8:])


def _clock(t: str, s: str, kind: str) -> tuple[int, int, int, int]:
    """Hours, minutes, seconds, microseconds; extra fraction digits (.NET sends 7) are cut."""
    main, dot, frac = t.partition(".")
    if len(main) != 8 or main[2] != ":" or main[5] != ":":
        raise _invalid(kind, s)
    if not (main[:2] + main[3:5] + main[6:]).isdigit() or (dot and not frac.isdigit()):
        raise _invalid(kind, s)
    us = int(frac[:6].ljust(6, "0")) if frac else 0
    return int(main[:2]), int(main[3:5]), int(main[6:]), us


def decode_datetime(s: str) -> datetime:
    if _PLAIN_DATETIME(s) is not None:
        # Fraction digits past the sixth are cut, as _clock cuts them.
        try:
            return _fromisoformat(s)
        except ValueError:  # February 30th, year 0
            raise _invalid("dateTime", s) from None
    t, tz = _split_offset(s, "dateTime")
    day, sep, clock = t.partition("T")
    if not sep:
        raise _invalid("dateTime", s)
    y, mo, d = _ymd(day, s, "dateTime")
    h, mi, sec, us = _clock(clock, s, "dateTime")
    try:
        return datetime(y, mo, d, h, mi, sec, us, tzinfo=tz)
    except ValueError:  # month 13, February 30th, hour 24...
        raise _invalid("dateTime", s) from None


def encode_date(v: date) -> str:
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"


def decode_date(s: str) -> date:
    """A date's offset is dropped: ``date`` cannot hold one and the calendar day is what counts."""
    t, _ = _split_offset(s, "date")
    try:
        return date(*_ymd(t, s, "date"))
    except ValueError:
        raise _invalid("date", s) from None


def encode_time(v: time) -> str:
    return f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}{_fraction(v.microsecond)}{_offset(v)}"


def decode_time(s: str) -> time:
    t, tz = _split_offset(s, "time")
    h, mi, sec, us = _clock(t, s, "time")
    try:
        return time(h, mi, sec, us, tzinfo=tz)
    except ValueError:
        raise _invalid("time", s) from None


def encode_uuid(v: UUID) -> str:
    return str(v)


def _is_guid(t: str) -> bool:
    """8-4-4-4-12 ASCII hex digits and hyphens, nothing else."""
    return t.isascii() and t.encode().translate(_HEX_AS_X) == _GUID_SHAPE


def _uuid_via_init(n: int) -> UUID:
    return UUID(int=n)


def _uuid_via_slots(n: int) -> UUID:
    """``UUID(int=n)`` without re-checking what ``decode_uuid`` already checked: set the two
    slots ``UUID.__init__`` sets, as ``copy`` and ``pickle`` do when they restore a UUID."""
    uuid = _new_object(UUID)
    _set_uuid_int(uuid, n)
    _set_uuid_is_safe(uuid, _SAFE_UNKNOWN)
    return uuid


_new_object = object.__new__
_SAFE_UNKNOWN = SafeUUID.unknown  # an Enum member lookup costs more than the rest of the call
_make_uuid: Callable[[int], UUID] = _uuid_via_init
if UUID.__slots__ == ("int", "is_safe", "__weakref__"):  # false on a UUID with other state
    _set_uuid_int: Callable[[UUID, int], None] = vars(UUID)["int"].__set__
    _set_uuid_is_safe: Callable[[UUID, SafeUUID], None] = vars(UUID)["is_safe"].__set__
    _make_uuid = _uuid_via_slots


def decode_uuid(s: str) -> UUID:
    """Accept .NET's ``{...}`` display form, but only the hyphenated layout inside it.

    ``UUID()`` alone would also take 32 bare digits, ``urn:uuid:`` and, through ``int()``,
    underscores; none of those is a serialised ``Guid``.
    """
    if not (s.isascii() and s.encode().translate(_HEX_AS_X) == _GUID_SHAPE):  # _is_guid(s)
        return _decode_wrapped_uuid(s)
    return _make_uuid(int(s.replace("-", ""), 16))


def _decode_wrapped_uuid(s: str) -> UUID:
    t = s.strip(_WS)
    if t[:1] == "{" and t[-1:] == "}":
        t = t[1:-1]
    if not _is_guid(t):
        raise _invalid("guid", s)
    return _make_uuid(int(t.replace("-", ""), 16))


def encode_base64(v: bytes) -> str:
    return base64.b64encode(v).decode("ascii")


def decode_base64(s: str) -> bytes:
    """Strict, so that truncated or corrupted payloads fail here rather than decode to garbage."""
    try:
        return base64.b64decode("".join(s.split()), validate=True)
    except (binascii.Error, ValueError):  # ValueError: non-ASCII characters
        raise _invalid("base64Binary", s) from None


def encode_hex(v: bytes) -> str:
    return v.hex().upper()


def decode_hex(s: str) -> bytes:
    try:
        return bytes.fromhex(s.strip())
    except ValueError:
        raise _invalid("hexBinary", s) from None


#: The names generated codecs import (``from wirekit.scalars import dec_int``): short, distinct
#: from the ``decode_<type>`` functions a service's own types get (a type named ``Date``),
#: and imported without ``as``, so isort's ``combine-as-imports`` setting, whichever way a
#: user's project sets it, cannot disagree with the generated import block.
dec_base64 = decode_base64
dec_bool = decode_bool
dec_date = decode_date
dec_datetime = decode_datetime
dec_decimal = decode_decimal
dec_float = decode_float
dec_hex = decode_hex
dec_int = decode_int
dec_str = decode_str
dec_time = decode_time
dec_uuid = decode_uuid
enc_base64 = encode_base64
enc_bool = encode_bool
enc_date = encode_date
enc_datetime = encode_datetime
enc_decimal = encode_decimal
enc_float = encode_float
enc_hex = encode_hex
enc_int = encode_int
enc_str = encode_str
enc_time = encode_time
enc_uuid = encode_uuid

__all__ = [
    "dec_base64",
    "dec_bool",
    "dec_date",
    "dec_datetime",
    "dec_decimal",
    "dec_float",
    "dec_hex",
    "dec_int",
    "dec_str",
    "dec_time",
    "dec_uuid",
    "decode_base64",
    "decode_bool",
    "decode_date",
    "decode_datetime",
    "decode_decimal",
    "decode_float",
    "decode_hex",
    "decode_int",
    "decode_str",
    "decode_time",
    "decode_uuid",
    "enc_base64",
    "enc_bool",
    "enc_date",
    "enc_datetime",
    "enc_decimal",
    "enc_float",
    "enc_hex",
    "enc_int",
    "enc_str",
    "enc_time",
    "enc_uuid",
    "encode_base64",
    "encode_bool",
    "encode_date",
    "encode_datetime",
    "encode_decimal",
    "encode_float",
    "encode_hex",
    "encode_int",
    "encode_str",
    "encode_time",
    "encode_uuid",
]
