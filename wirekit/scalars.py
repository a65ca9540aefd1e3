"""XSD scalar lexical codecs used by the generated per-type XML codecs."""

from __future__ import annotations

import base64
import binascii
import math
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from uuid import UUID

_WS = " \t\r\n"


def encode_str(v: str) -> str:
    return v


def decode_str(s: str) -> str:
    return s


def encode_bool(v: bool) -> str:
    return "true" if v else "false"


def decode_bool(s: str) -> bool:
    t = s.strip(_WS)
    if t in ("true", "1"):
        return True
    if t in ("false", "0"):
        return False
    raise ValueError(f"not an xsd:boolean: {s!r}")


def encode_int(v: int) -> str:
    return str(v)


def decode_int(s: str) -> int:
    t = s.strip(_WS)
    body = t[1:] if t[:1] in "+-" else t
    if not body.isdigit() or not body.isascii():
        raise ValueError(f"not an xsd integer: {s!r}")
    return int(t)


def encode_decimal(v: Decimal) -> str:
    text = format(v, "f")
    return "0" if text in ("-0", "0") else text


def decode_decimal(s: str) -> Decimal:
    t = s.strip(_WS)
    body = t[1:] if t[:1] in "+-" else t
    whole, _, frac = body.partition(".")
    if not (whole or frac) or not (whole + frac).isdigit() or not body.isascii():
        raise ValueError(f"not an xsd:decimal: {s!r}")
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - excluded above
        raise ValueError(f"not an xsd:decimal: {s!r}") from None


def encode_float(v: float) -> str:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "INF" if v > 0 else "-INF"
    return repr(v)


def decode_float(s: str) -> float:
    t = s.strip(_WS)
    special = {"INF": math.inf, "+INF": math.inf, "-INF": -math.inf, "NaN": math.nan}
    if t in special:
        return special[t]
    if not t or any(c.isalpha() and c not in "eE" for c in t):
        raise ValueError(f"not an xsd:double: {s!r}")
    return float(t)


def _offset(tz: timezone | None, v: datetime | time) -> str:
    off = v.utcoffset()
    if off is None:
        return ""
    if off == timedelta(0):
        return "Z"
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _fraction(us: int) -> str:
    return f".{us:06d}".rstrip("0") if us else ""


def encode_datetime(v: datetime) -> str:
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}"
        f"{_fraction(v.microsecond)}{_offset(None, v)}"
    )


def _split_offset(t: str) -> tuple[str, timezone | None]:
    if t.endswith("Z"):
        return t[:-1], UTC
    if len(t) > 6 and t[-6] in "+-" and t[-3] == ":":
        sign = 1 if t[-6] == "+" else -1
        hours, minutes = int(t[-5:-3]), int(t[-2:])
        return t[:-6], timezone(sign * timedelta(hours=hours, minutes=minutes))
    return t, None


def _clock(t: str, s: str) -> tuple[int, int, int, int]:
    main, _, frac = t.partition(".")
    parts = main.split(":")
    if len(parts) != 3 or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise ValueError(f"not an xsd time of day: {s!r}")
    if frac and (not frac.isdigit() or len(frac) > 7):
        raise ValueError(f"bad fraction of a second: {s!r}")
    return int(parts[0]), int(parts[1]), int(parts[2]), int((frac + "000000")[:6]) if frac else 0


def decode_datetime(s: str) -> datetime:
    t, tz = _split_offset(s.strip(_WS))
    day, sep, clock = t.partition("T")
    if not sep:
        raise ValueError(f"not an xsd:dateTime: {s!r}")
    d = decode_date(day)
    h, m, sec, us = _clock(clock, s)
    return datetime(d.year, d.month, d.day, h, m, sec, us, tzinfo=tz)


def encode_date(v: date) -> str:
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"


def decode_date(s: str) -> date:
    t, _ = _split_offset(s.strip(_WS))
    parts = t.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"not an xsd:date: {s!r}")
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def encode_time(v: time) -> str:
    return f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}{_fraction(v.microsecond)}{_offset(None, v)}"


def decode_time(s: str) -> time:
    t, tz = _split_offset(s.strip(_WS))
    h, m, sec, us = _clock(t, s)
    return time(h, m, sec, us, tzinfo=tz)


def encode_uuid(v: UUID) -> str:
    return str(v)


def decode_uuid(s: str) -> UUID:
    t = s.strip(_WS)
    if t.startswith("{") and t.endswith("}"):
        t = t[1:-1]
    if len(t) != 36:
        raise ValueError(f"not a guid: {s!r}")
    return UUID(t)


def encode_base64(v: bytes) -> str:
    return base64.b64encode(v).decode("ascii")


def decode_base64(s: str) -> bytes:
    try:
        return base64.b64decode("".join(s.split()), validate=True)
    except binascii.Error as err:
        raise ValueError(f"not xsd:base64Binary: {err}") from None
