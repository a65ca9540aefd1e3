"""Scrubbing query strings, URLs and form bodies."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote_plus, unquote_plus, urlencode

from hypothesis import given, strategies as st

from tests.scrub_support import (
    PAIRS,
    SECRET_EMAIL,
    SECRET_KEY,
    no_generated_email_survives,
)
from wirekit.scrub import (
    REDACTED,
    REDACTED_EMAIL,
    is_secret_name,
    scrub_form,
    scrub_query,
    scrub_url,
)

# --- query strings, URLs and forms ---------------------------------------------------------


def test_query_example() -> None:
    out = scrub_query("contactEmail=john%40x.com&contactAPIkey=abc&page=1")
    assert parse_qsl(out) == [
        ("contactEmail", REDACTED_EMAIL),
        ("contactAPIkey", REDACTED),
        ("page", "1"),
    ]
    assert out == urlencode(parse_qsl(out))  # the quote_plus style


def test_query_keeps_order_blanks_and_bare_names() -> None:
    out = scrub_query("b=2&apiKey=&flag&a=x+y&contactAPIkey=k")
    assert out == f"b=2&apiKey=&flag&a=x+y&contactAPIkey={REDACTED}"


def test_query_scrubs_addresses_in_any_value() -> None:
    out = scrub_query("note=write+to+bob%40corp.example.com+today&x=bob@corp.example.com")
    assert "bob" not in out
    assert unquote_plus(out) == f"note=write to {REDACTED_EMAIL} today&x={REDACTED_EMAIL}"


def test_query_with_an_email_name_but_no_address_is_still_replaced() -> None:
    assert scrub_query("contactEmail=someone") == f"contactEmail={quote_plus(REDACTED_EMAIL)}"


@given(PAIRS)
def test_query_property(pairs: list[tuple[str, str]]) -> None:
    query = urlencode(pairs)
    out = scrub_query(query)
    no_generated_email_survives(pairs, unquote_plus(out))
    got = parse_qsl(out, keep_blank_values=True)
    assert [k for k, _ in got] == [k for k, _ in pairs]
    for (name, value), (_, scrubbed) in zip(pairs, got, strict=True):
        if is_secret_name(name) and value.strip():
            assert scrubbed == REDACTED
    assert scrub_query(out) == out


@given(st.text())
def test_query_is_idempotent_on_any_text(query: str) -> None:
    once = scrub_query(query)
    assert scrub_query(once) == once


def test_scrub_url_keeps_everything_but_the_secrets() -> None:
    url = "https://api.pixelz.com/soap.asmx/GetImagesList?contactEmail=john%40x.com&contactAPIkey=abc&page=1#top"
    assert scrub_url(url) == (
        "https://api.pixelz.com/soap.asmx/GetImagesList"
        "?contactEmail=redacted%40example.invalid&contactAPIkey=REDACTED&page=1#top"
    )


def test_scrub_url_without_secrets_is_unchanged() -> None:
    for url in ["https://api.pixelz.com/soap.asmx", "http://h/p?", "http://h/p?a=1&b=x+y%2F"]:
        assert scrub_url(url) == url


def test_scrub_url_re_encodes_the_query_like_urlencode() -> None:
    assert scrub_url("http://h/p?b=%7E&c=a%20b") == "http://h/p?b=~&c=a+b"


def test_scrub_url_hides_a_password_in_the_userinfo() -> None:
    out = scrub_url("https://bob:hunter2@api.example.com/x")
    assert out == f"https://bob:{REDACTED}@api.example.com/x"
    assert scrub_url(out) == out


def test_form_body() -> None:
    body = f"contactEmail={quote_plus(SECRET_EMAIL)}&contactAPIkey={SECRET_KEY}&page=1".encode()
    out = scrub_form(body)
    assert SECRET_KEY.encode() not in out and b"john" not in out
    assert parse_qsl(out.decode()) == [
        ("contactEmail", REDACTED_EMAIL),
        ("contactAPIkey", REDACTED),
        ("page", "1"),
    ]


def test_form_body_that_is_not_utf8_is_not_corrupted() -> None:
    body = "name=Jos\xe9&mail=jose@x.com".encode("latin-1")
    assert scrub_form(body) == f"name=Jos\xe9&mail={REDACTED_EMAIL}".encode("latin-1")
