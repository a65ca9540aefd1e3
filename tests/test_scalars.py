"""The xsd scalar codecs: lossless round trips, and xsd's lexical space rather than Python's."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, strategies as st

from wirekit import scalars

#: Fixed offsets at minute precision, as xsd can express them (|offset| < 24h for Python).
OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
ZONES = st.one_of(st.none(), OFFSETS)

DECODERS: list[Callable[[str], Any]] = [
    scalars.decode_bool,
    scalars.decode_int,
    scalars.decode_decimal,
    scalars.decode_float,
    scalars.decode_datetime,
    scalars.decode_date,
    scalars.decode_time,
    scalars.decode_uuid,
    scalars.decode_base64,
]


# --- round trips ---------------------------------------------------------------------------


@given(st.text())
def test_str_round_trip_keeps_whitespace(v: str) -> None:
    assert scalars.decode_str(scalars.encode_str(v)) == v


@given(st.booleans())
def test_bool_round_trip(v: bool) -> None:
    assert scalars.decode_bool(scalars.encode_bool(v)) is v


@given(st.integers())
def test_int_round_trip(v: int) -> None:
    assert scalars.decode_int(scalars.encode_int(v)) == v


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_decimal_round_trip_never_uses_an_exponent(v: Decimal) -> None:
    text = scalars.encode_decimal(v)
    assert "e" not in text.lower()
    if v.is_zero():
        assert not text.startswith("-")
    assert scalars.decode_decimal(text) == v


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float_round_trip(v: float) -> None:
    back = scalars.decode_float(scalars.encode_float(v))
    if math.isnan(v):
        assert math.isnan(back)
    else:
        assert back == v
        assert math.copysign(1.0, back) == math.copysign(1.0, v)


@given(st.datetimes(timezones=ZONES))
def test_datetime_round_trip_naive_and_aware(v: datetime) -> None:
    back = scalars.decode_datetime(scalars.encode_datetime(v))
    assert back == v
    assert back.utcoffset() == v.utcoffset()  # the offset itself survives, not only the instant


@given(st.datetimes(), st.integers(0, 9))
def test_dotnet_seventh_fraction_digit_is_truncated(v: datetime, digit: int) -> None:
    text = f"{scalars.encode_datetime(v.replace(microsecond=0))}.{v.microsecond:06d}{digit}"
    assert scalars.decode_datetime(text) == v


@given(st.dates())
def test_date_round_trip(v: date) -> None:
    assert scalars.decode_date(scalars.encode_date(v)) == v


@given(st.times(timezones=ZONES))
def test_time_round_trip(v: time) -> None:
    back = scalars.decode_time(scalars.encode_time(v))
    assert back == v
    assert back.utcoffset() == v.utcoffset()


@given(st.uuids())
def test_uuid_round_trip_and_dotnet_spellings(v: UUID) -> None:
    text = scalars.encode_uuid(v)
    assert text == text.lower() and len(text) == 36
    assert scalars.decode_uuid(text) == v
    assert scalars.decode_uuid(text.upper()) == v
    assert scalars.decode_uuid("{" + text.upper() + "}") == v


@given(st.binary())
def test_base64_round_trip(v: bytes) -> None:
    assert scalars.decode_base64(scalars.encode_base64(v)) == v


@given(st.binary(min_size=1))
def test_base64_accepts_line_wrapped_text(v: bytes) -> None:
    text = scalars.encode_base64(v)
    wrapped = "\n".join(text[i : i + 4] for i in range(0, len(text), 4))
    assert scalars.decode_base64(f"\n  {wrapped}\r\n") == v


@pytest.mark.parametrize("decode", DECODERS, ids=lambda f: f.__name__)
@given(text=st.text())
def test_decoders_fail_only_with_value_error(decode: Callable[[str], Any], text: str) -> None:
    with contextlib.suppress(ValueError):
        decode(text)


# --- booleans and numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("1", True), ("false", False), ("0", False), (" \ttrue\r\n", True)],
)
def test_bool_lexical_forms(text: str, value: bool) -> None:
    assert scalars.decode_bool(text) is value


@pytest.mark.parametrize("text", ["True", "yes", "", "2", "t", "\u00a0true"])
def test_bool_rejects_and_quotes_the_value(text: str) -> None:
    with pytest.raises(ValueError, match="boolean") as err:
        scalars.decode_bool(text)
    assert repr(text) in str(err.value)


@pytest.mark.parametrize(
    ("text", "value"), [("42", 42), ("+7", 7), ("-0012", -12), (" 5\n", 5), ("-0", 0)]
)
def test_int_accepts(text: str, value: int) -> None:
    assert scalars.decode_int(text) == value


@pytest.mark.parametrize("text", ["1.0", "", "abc", "+", "1_000", "١٢", "1e3", "--1", "0x10"])
def test_int_rejects_what_python_int_might_take(text: str) -> None:
    with pytest.raises(ValueError, match="integer"):
        scalars.decode_int(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1E+2"), "100"),
        (Decimal("0.95"), "0.95"),
        (Decimal("-0"), "0"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("1.5E-7"), "0.00000015"),
        (Decimal("-12.340"), "-12.340"),
    ],
)
def test_decimal_encodes_positionally(value: Decimal, text: str) -> None:
    assert scalars.encode_decimal(value) == text


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_decimal_refuses_to_encode_non_finite(value: Decimal) -> None:
    with pytest.raises(ValueError, match="decimal"):
        scalars.encode_decimal(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.", Decimal(1)), (".5", Decimal("0.5")), ("+3.10", Decimal("3.10")), (" -2 ", -2)],
)
def test_decimal_accepts_xsd_forms(text: str, value: Decimal) -> None:
    assert scalars.decode_decimal(text) == value


@pytest.mark.parametrize(
    "text", ["NaN", "Infinity", "-inf", "1E5", "1e-2", "", ".", "1.2.3", "1_0"]
)
def test_decimal_rejects_non_xsd_forms(text: str) -> None:
    with pytest.raises(ValueError, match="decimal"):
        scalars.decode_decimal(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [(math.inf, "INF"), (-math.inf, "-INF"), (math.nan, "NaN"), (0.1, "0.1"), (1e16, "1e+16")],
)
def test_float_encodes(value: float, text: str) -> None:
    assert scalars.encode_float(value) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [("INF", math.inf), ("+INF", math.inf), ("-INF", -math.inf), ("1.5E3", 1500.0)],
)
def test_float_accepts(text: str, value: float) -> None:
    assert scalars.decode_float(text) == value


def test_float_accepts_nan() -> None:
    assert math.isnan(scalars.decode_float(" NaN "))


@pytest.mark.parametrize("text", ["inf", "nan", "Infinity", "-NaN", "", "1_0", "e5", "1,5", "0x1"])
def test_float_rejects_python_only_spellings(text: str) -> None:
    with pytest.raises(ValueError, match="double"):
        scalars.decode_float(text)


# --- dates and times -----------------------------------------------------------------------

PLUS_0530 = timezone(timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2024, 3, 5, 10, 11, 12), "2024-03-05T10:11:12"),
        (datetime(2024, 3, 5, 10, 11, 12, 500000), "2024-03-05T10:11:12.5"),
        (datetime(2024, 3, 5, 10, 11, 12, 120, tzinfo=UTC), "2024-03-05T10:11:12.00012Z"),
        (datetime(2024, 3, 5, 10, 11, 12, tzinfo=PLUS_0530), "2024-03-05T10:11:12+05:30"),
        (
            datetime(2, 1, 1, tzinfo=timezone(-timedelta(hours=8))),
            "0002-01-01T00:00:00-08:00",
        ),
    ],
)
def test_datetime_encodes(value: datetime, text: str) -> None:
    assert scalars.encode_datetime(value) == text


def test_datetime_refuses_an_offset_xsd_cannot_express() -> None:
    lmt = timezone(timedelta(minutes=19, seconds=32))  # Amsterdam local mean time
    with pytest.raises(ValueError, match="offset"):
        scalars.encode_datetime(datetime(1900, 1, 1, tzinfo=lmt))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-03-05T10:11:12", datetime(2024, 3, 5, 10, 11, 12)),
        ("2024-03-05T10:11:12.1234567", datetime(2024, 3, 5, 10, 11, 12, 123456)),
        ("2024-03-05T10:11:12.123456789", datetime(2024, 3, 5, 10, 11, 12, 123456)),
        ("2024-03-05T10:11:12.1Z", datetime(2024, 3, 5, 10, 11, 12, 100000, tzinfo=UTC)),
        ("\n 2024-03-05T10:11:12+05:30 ", datetime(2024, 3, 5, 10, 11, 12, tzinfo=PLUS_0530)),
        ("2024-03-05T10:11:12-00:00", datetime(2024, 3, 5, 10, 11, 12, tzinfo=UTC)),
    ],
)
def test_datetime_decodes(text: str, value: datetime) -> None:
    got = scalars.decode_datetime(text)
    assert got == value
    assert got.utcoffset() == value.utcoffset()


@pytest.mark.parametrize(
    "text",
    [
        "2024-13-05T10:11:12",
        "2024-02-30T10:11:12",
        "2024-03-05T25:00:00",
        "2024-03-05",
        "2024-03-05 10:11:12",
        "2024-3-5T10:11:12",
        "2024-03-05T10:11",
        "2024-03-05T10:11:12.",
        "2024-03-05T10:11:12.5x",
        "2024-03-05T10:11:12z",
        "2024-03-05T10:11:12+05:75",
        "2024-03-05T10:11:12+5:30",
        "2024-03-05ZT10:11:12",
        "２０２４-03-05T10:11:12",
        "",
    ],
)
def test_datetime_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="dateTime") as err:
        scalars.decode_datetime(text)
    assert repr(text) in str(err.value)


@pytest.mark.parametrize(
    "text", ["2024-03-05", "2024-03-05Z", "2024-03-05+02:00", "2024-03-05-05:00"]
)
def test_date_ignores_an_offset(text: str) -> None:
    assert scalars.decode_date(text) == date(2024, 3, 5)


@pytest.mark.parametrize("text", ["2024-02-30", "2024-3-05", "24-03-05", "2024-03-05T00:00:00", ""])
def test_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        scalars.decode_date(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10:11:12", time(10, 11, 12)),
        ("10:11:12.0000001", time(10, 11, 12)),
        ("10:11:12.25Z", time(10, 11, 12, 250000, tzinfo=UTC)),
        ("23:59:59-03:00", time(23, 59, 59, tzinfo=timezone(timedelta(hours=-3)))),
    ],
)
def test_time_decodes(text: str, value: time) -> None:
    assert scalars.decode_time(text) == value


@pytest.mark.parametrize("text", ["24:00:00", "10:11", "10:11:60", "1:02:03", "10:11:12."])
def test_time_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        scalars.decode_time(text)


def test_time_encodes_fraction_without_trailing_zeros() -> None:
    assert scalars.encode_time(time(7, 8, 9, 10)) == "07:08:09.00001"
    assert scalars.encode_time(time(7, 8, 9, tzinfo=UTC)) == "07:08:09Z"


# --- guids and binary ----------------------------------------------------------------------

GUID = UUID("44979dfe-5aa7-44ea-b3dd-7fae33bc37e9")


def test_uuid_encodes_lower_case() -> None:
    assert scalars.encode_uuid(GUID) == "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9"


@pytest.mark.parametrize(
    "text",
    [
        "44979dfe5aa744eab3dd7fae33bc37e9",
        "urn:uuid:44979dfe-5aa7-44ea-b3dd-7fae33bc37e9",
        "{44979dfe-5aa7-44ea-b3dd-7fae33bc37e9",
        "44979dfe-5aa7-44ea-b3dd-7fae33bc37eg",
        "44979df_-5aa7-44ea-b3dd-7fae33bc37e9",
        "44979dfe5-aa7-44ea-b3dd-7fae33bc37e9",
        "",
    ],
)
def test_uuid_rejects_other_layouts(text: str) -> None:
    with pytest.raises(ValueError, match="guid"):
        scalars.decode_uuid(text)


@pytest.mark.parametrize("text", ["aGVsbG8", "aGVsbG8=!", "aGVs bG8=x", "é==="])
def test_base64_is_strict(text: str) -> None:
    with pytest.raises(ValueError, match="base64Binary"):
        scalars.decode_base64(text)


def test_error_messages_stay_short_for_huge_values() -> None:
    with pytest.raises(ValueError) as err:
        scalars.decode_base64("!" * 100_000)
    assert len(str(err.value)) < 200
