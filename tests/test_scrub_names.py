"""Scrubbing by name and in free text: which names are secret, and no e-mail address survives
in text, however it is written."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, strategies as st

from tests.scrub_support import (
    TEXTS,
)
from wirekit.scrub import (
    REDACTED_EMAIL,
    is_email_name,
    is_secret_name,
    scrub_text,
)

# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "contactAPIkey",
        "ContactAPIkey",
        "developerAPIkey",
        "DeveloperAPIkey",
        "key",
        "KEY",
        "api_key",
        "apiKey",
        "X-Api-Key",
        "developer_key",
        "contactKey",
        "WWW-Authenticate",
        "Authorization",
        "Proxy-Authorization",
        "access_token",
        "client_secret",
        "password",
        "Cookie",
        "Set-Cookie",
    ],
)
def test_secret_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    ["ImageTicket", "templateId", "monkey", "keyword", "page", "link", "SOAPAction", "hotkey"],
)
def test_names_that_are_not_secret(name: str) -> None:
    assert not is_secret_name(name)


@pytest.mark.parametrize("name", ["email", "contactEmail", "ContactEmail", "EMAIL_ADDRESS"])
def test_email_names(name: str) -> None:
    assert is_email_name(name)


@pytest.mark.parametrize("name", ["mail", "contactAPIkey", "page"])
def test_names_that_are_not_email(name: str) -> None:
    assert not is_email_name(name)


# --- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "contact john@removethebackground.com now",
        "mailto:John.Doe+tag@mail.example.co.uk",
        "url?contactEmail=john%40x.com&page=1",
        "<!---joe@x.org-->",
        "-joe@x.org and .joe@x.org",
        "jöhn@bücher.de",
    ],
)
def test_scrub_text_replaces_addresses(text: str) -> None:
    out = scrub_text(text)
    assert REDACTED_EMAIL in out
    assert "john" not in out.lower() and "joe" not in out and "jöhn" not in out


def test_scrub_text_is_linear_on_long_hyphenated_runs() -> None:
    # URL-safe base64 and JWTs are long runs of local-part characters broken by "-"; a pattern
    # that may start a match after every "-" needs about a minute for this.
    started = time.perf_counter()
    assert scrub_text("a-" * 100_000 + "@") == "a-" * 100_000 + "@"
    assert time.perf_counter() - started < 2.0


@given(TEXTS)
def test_scrub_text_removes_every_address_and_is_idempotent(text: str) -> None:
    out = scrub_text(text)
    for token in text.split(" "):
        if "@" in token:
            assert token not in out
    assert scrub_text(out) == out


@given(st.text())
def test_scrub_text_is_idempotent_on_any_text(text: str) -> None:
    once = scrub_text(text)
    assert scrub_text(once) == once
