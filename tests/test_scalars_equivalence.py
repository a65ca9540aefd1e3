"""The fast paths of the hot scalar decoders (and date and time, which share their offset
parsing) accept and refuse exactly what the original strict implementation did, with the same
values and the same error messages.

``Reference`` below is a verbatim copy of the decoders as they were before their fast paths
were added; it pins the behaviour, so do not "fix" it along with wirekit.scalars.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from uuid import UUID

import pytest
from hypothesis import example, given, strategies as st

from wirekit import scalars


class Reference:
    _WS = " \t\r\n"
    _SIGNS = ("+", "-")
    _BOOLS = {"true": True, "1": True, "false": False, "0": False}  # noqa: RUF012
    _HEX = frozenset("0123456789abcdefABCDEF")

    @staticmethod
    def _invalid(kind: str, s: str) -> ValueError:
        shown = s if len(s) <= 80 else s[:77] + "..."
        return ValueError(f"not a valid xsd:{kind}: {shown!r}")

    @classmethod
    def decode_bool(cls, s: str) -> bool:
        value = cls._BOOLS.get(s.strip(cls._WS))
        if value is None:
            raise cls._invalid("boolean", s)
        return value

    @classmethod
    def decode_int(cls, s: str) -> int:
        t = s.strip(cls._WS)
        digits = t[1:] if t[:1] in cls._SIGNS else t
        if digits.isdigit() and digits.isascii():
            return int(t)
        raise cls._invalid("integer", s)

    @classmethod
    def _split_offset(cls, t: str, s: str, kind: str) -> tuple[str, timezone | None]:
        if t.endswith("Z"):
            return t[:-1], UTC
        if len(t) > 6 and t[-6] in cls._SIGNS and t[-3] == ":":
            hh, mm = t[-5:-3], t[-2:]
            if not (hh + mm).isdigit() or int(hh) > 23 or int(mm) > 59:
                raise cls._invalid(kind, s)
            off = timedelta(hours=int(hh), minutes=int(mm))
            return t[:-6], timezone(-off if t[-6] == "-" else off)
        return t, None

    @classmethod
    def _ymd(cls, t: str, s: str, kind: str) -> tuple[int, int, int]:
        if len(t) != 10 or t[4] != "-" or t[7] != "-" or not (t[:4] + t[5:7] + t[8:]).isdigit():
            raise cls._invalid(kind, s)
        return int(t[:4]), int(t[5:7]), int(t[8:])

    @classmethod
    def _clock(cls, t: str, s: str, kind: str) -> tuple[int, int, int, int]:
        main, dot, frac = t.partition(".")
        if len(main) != 8 or main[2] != ":" or main[5] != ":":
            raise cls._invalid(kind, s)
        if not (main[:2] + main[3:5] + main[6:]).isdigit() or (dot and not frac.isdigit()):
            raise cls._invalid(kind, s)
        us = int(frac[:6].ljust(6, "0")) if frac else 0
        return int(main[:2]), int(main[3:5]), int(main[6:]), us

    @classmethod
    def decode_datetime(cls, s: str) -> datetime:
        t = s.strip(cls._WS)
        if not t.isascii():
            raise cls._invalid("dateTime", s)
        t, tz = cls._split_offset(t, s, "dateTime")
        day, sep, clock = t.partition("T")
        if not sep:
            raise cls._invalid("dateTime", s)
        y, mo, d = cls._ymd(day, s, "dateTime")
        h, mi, sec, us = cls._clock(clock, s, "dateTime")
        try:
            return datetime(y, mo, d, h, mi, sec, us, tzinfo=tz)
        except ValueError:
            raise cls._invalid("dateTime", s) from None

    @classmethod
    def decode_date(cls, s: str) -> date:
        t = s.strip(cls._WS)
        if not t.isascii():
            raise cls._invalid("date", s)
        t, _ = cls._split_offset(t, s, "date")
        try:
            return date(*cls._ymd(t, s, "date"))
        except ValueError:
            raise cls._invalid("date", s) from None

    @classmethod
    def decode_time(cls, s: str) -> time:
        t = s.strip(cls._WS)
        if not t.isascii():
            raise cls._invalid("time", s)
        t, tz = cls._split_offset(t, s, "time")
        h, mi, sec, us = cls._clock(t, s, "time")
        try:
            return time(h, mi, sec, us, tzinfo=tz)
        except ValueError:
            raise cls._invalid("time", s) from None

    @classmethod
    def decode_uuid(cls, s: str) -> UUID:
        t = s.strip(cls._WS)
        if t[:1] == "{" and t[-1:] == "}":
            t = t[1:-1]
        if len(t) != 36 or t[8] + t[13] + t[18] + t[23] != "----":
            raise cls._invalid("guid", s)
        if not cls._HEX.issuperset(t[:8] + t[9:13] + t[14:18] + t[19:23] + t[24:]):
            raise cls._invalid("guid", s)
        return UUID(t)


def _outcome(decode: Callable[[str], Any], s: str) -> tuple[Any, ...]:
    """What a caller can observe: the value with its exact type, offset and tzinfo kind (an
    aware datetime compares equal across offsets), or the error message."""
    try:
        v = decode(s)
    except ValueError as err:
        return ("error", str(err))
    if isinstance(v, datetime | time):
        return ("ok", type(v), v, v.utcoffset(), v.tzinfo is None, v.tzname())
    if isinstance(v, UUID):
        return ("ok", type(v), v, v.is_safe, str(v), hash(v))
    return ("ok", type(v), v)


#: Characters that come close to valid text: look-alike digits, lenient int() spellings, the
#: separators of every format, XML and non-XML whitespace.
TRICKY = st.sampled_from(
    [
        *"0123456789aAfFgG_+-:.TtZz{}xX \t\r\n\u00a0\u2003\x00",
        *["\u0661", "\uff10", "\u00b2", "\u200b", "\ud800", "e", "E", "24", "60", "00"],
    ]
)


@st.composite
def mutated(draw: st.DrawFn, valid: st.SearchStrategy[str]) -> str:
    """A valid spelling with up to three characters replaced, inserted or deleted, or padded."""
    s = draw(valid)
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(s)))
        ch = draw(st.one_of(TRICKY, st.characters()))
        op = draw(st.sampled_from(["replace", "insert", "delete", "pad"]))
        if op == "replace":
            s = s[:i] + ch + s[i + 1 :]
        elif op == "insert":
            s = s[:i] + ch + s[i:]
        elif op == "delete":
            s = s[:i] + s[i + 1 :]
        else:
            s = draw(st.sampled_from(["", " ", "\n", "\u00a0", "{"])) + s + ch
    return s


OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
BOOLS = st.sampled_from(["true", "false", "1", "0", "True", "TRUE", "yes", "01"])
INTS = st.one_of(
    st.integers().map(str),
    st.from_regex(r"[+-]?[0-9]{1,30}", fullmatch=True),
)
#: Right layout, any ASCII digits: hour 24, minute 60, month 13, February 30th, year 0000,
#: offset +05:60 and seven or more fraction digits all come out of this.
DATETIME_SHAPES = st.from_regex(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,12})?(Z|[+-][0-9]{2}:[0-9]{2})?",
    fullmatch=True,
)
DATETIMES = st.one_of(
    st.datetimes(timezones=st.one_of(st.none(), OFFSETS)).map(scalars.encode_datetime),
    DATETIME_SHAPES,
)
UUID_TEXTS = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: "{" + str(u).upper() + "}"),
    st.from_regex(
        r"[0-9a-zA-Z_]{8}-[0-9a-fA-Fx]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F+]{4}-[0-9a-fA-F]{12}",
        fullmatch=True,
    ),
)

CASES = [
    (scalars.decode_bool, Reference.decode_bool, BOOLS),
    (scalars.decode_int, Reference.decode_int, INTS),
    (scalars.decode_datetime, Reference.decode_datetime, DATETIMES),
    (scalars.decode_uuid, Reference.decode_uuid, UUID_TEXTS),
    # No fast paths, but they share the offset splitting with decode_datetime.
    (scalars.decode_date, Reference.decode_date, DATETIMES.map(lambda t: t[:10] + t[19:])),
    (scalars.decode_time, Reference.decode_time, DATETIMES.map(lambda t: t[11:])),
]
IDS = [new.__name__ for new, _, _ in CASES]


@pytest.mark.parametrize(("new", "old", "valid"), CASES, ids=IDS)
@given(data=st.data())
def test_same_outcome_on_any_text(
    new: Callable[[str], Any], old: Callable[[str], Any], valid: Any, data: st.DataObject
) -> None:
    s = data.draw(st.text())
    assert _outcome(new, s) == _outcome(old, s)


@pytest.mark.parametrize(("new", "old", "valid"), CASES, ids=IDS)
@given(data=st.data())
def test_same_outcome_on_valid_and_near_valid_text(
    new: Callable[[str], Any], old: Callable[[str], Any], valid: Any, data: st.DataObject
) -> None:
    s = data.draw(st.one_of(valid, mutated(valid)))
    assert _outcome(new, s) == _outcome(old, s)


@pytest.mark.parametrize(
    "text",
    [
        "true",
        " true",
        "false\n",
        "1",
        "\u00a0true",
        "+5",
        "-0",
        "+-1",
        "-",
        "\u0661\u0662",
        "1_000",
        "0x10",
        "2024-03-05T24:00:00",
        "2024-03-05T23:59:60",
        "2024-02-30T10:11:12",
        "0000-01-01T00:00:00",
        "2024-03-05T10:11:12+05:60",
        "2024-03-05T10:11:12-24:00",
        "2024-03-05T10:11:12.1234567891Z",
        "2024-03-05T10:11:12,5",
        "2024-03-05 10:11:12",
        "20240305T101112",
        "2024-03-05T10:11:12+0530",
        "2024-03-05T10:11:12+05:30:00",
        "2024-03-05T10:11:12Z ",
        "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9",
        " {44979DFE-5AA7-44EA-B3DD-7FAE33BC37E9}\n",
        "0x979dfe-5aa7-44ea-b3dd-7fae33bc37e9",
        "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "\x00\x00\x00\x00\x00\x00\x00\x00-5aa7-44ea-b3dd-7fae33bc37e9",
        "44979dfe-5aa7-44ea-b3dd-7fae33bc37e\u0669",
        "44979dfe-5aa7-44ea-b3dd_7fae33bc37e9",
        "+4979dfe-5aa7-44ea-b3dd-7fae33bc37e9",
        "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9-",
        "{}",
        "",
    ],
)
@pytest.mark.parametrize(("new", "old", "valid"), CASES, ids=IDS)
def test_same_outcome_on_known_traps(
    new: Callable[[str], Any], old: Callable[[str], Any], valid: Any, text: str
) -> None:
    assert _outcome(new, text) == _outcome(old, text)


@given(st.uuids())
@example(UUID(int=0))
@example(UUID(int=2**128 - 1))
def test_fast_uuid_is_an_ordinary_uuid(v: UUID) -> None:
    got = scalars.decode_uuid(str(v))
    assert type(got) is UUID
    assert (got, got.int, got.is_safe, hash(got), repr(got)) == (
        v,
        v.int,
        v.is_safe,
        hash(v),
        repr(v),
    )
    assert got.version == v.version and got.variant == v.variant
    assert scalars._uuid_via_init(v.int) == got  # the fallback for a UUID with other slots


def test_fast_datetime_keeps_offsets_and_utc() -> None:
    assert scalars.decode_datetime("2024-03-05T10:11:12Z").tzinfo is UTC
    got = scalars.decode_datetime("2024-03-05T10:11:12.5-03:30")
    assert got.utcoffset() == -timedelta(hours=3, minutes=30)
    assert got.time() == time(10, 11, 12, 500000)
