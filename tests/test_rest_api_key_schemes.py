"""Failure #11: two API-key schemes required together (an application id and a key) get
separate values, given as ``api_keys={scheme: value}``; one ``api_key=`` is never copied into
two schemes, and still works alone where an operation needs one key."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import httpx
import pytest

from codegen.verify.run import live_request
from tests.openapi_real_support import Real, real
from wirekit.auth import choose, key_name
from wirekit.errors import BindingError, HttpStatusError

__all__ = ["real"]

APP, KEY = "app-41c7", "k-9d2e6b1f"
ID_HEADER, KEY_HEADER = "x-desk-application-id", "x-desk-api-key"


def _sent(real: Real, **creds: Any) -> list[httpx.Request]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[7])

    m = real.modules["ticket_desk"]
    with m.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)), **creds) as c:
        c.tickets_search(q="printer")
        with contextlib.suppress(BindingError):
            c.protocol_(id=7)
    return sent


def test_each_scheme_sends_its_own_value(real: Real) -> None:
    search, log = _sent(real, api_keys={"appId": APP, "deskKey": KEY})
    assert (search.headers[ID_HEADER], search.headers[KEY_HEADER]) == (APP, KEY)
    assert log.headers[KEY_HEADER] == KEY and ID_HEADER not in log.headers


def test_api_key_fills_one_scheme_and_is_never_copied_into_two(real: Real) -> None:
    search, log = _sent(real, api_key=KEY)
    assert ID_HEADER not in search.headers and KEY_HEADER not in search.headers
    assert log.headers[KEY_HEADER] == KEY  # one key needed: api_key= as before
    search, _ = _sent(real, api_key=KEY, api_keys={"appId": APP})
    assert (search.headers[ID_HEADER], search.headers[KEY_HEADER]) == (APP, KEY)


def test_unknown_schemes_are_refused_and_single_key_services_take_no_api_keys(
    real: Real,
) -> None:
    m = real.modules["ticket_desk"]
    assert m.Client.API_KEY_SCHEMES == (
        ("appId", "header", "X-Desk-Application-Id"),
        ("deskKey", "header", "X-Desk-API-Key"),
    )
    with pytest.raises(ValueError, match=r"unknown API-key scheme.*apiid.*appId, deskKey"):
        m.Client(api_keys={"apiid": APP})
    with pytest.raises(ValueError, match="takes no api_keys="):
        real.modules["odd_shapes"].Client(api_keys={"appId": APP})


def test_both_values_are_kept_out_of_errors_and_logs(
    real: Real, caplog: pytest.LogCaptureFixture
) -> None:
    echo = httpx.Response(401, text=f"bad pair {APP}/{KEY}")
    m = real.modules["ticket_desk"]
    http = httpx.Client(transport=httpx.MockTransport(lambda r: echo))
    with (
        caplog.at_level(logging.DEBUG),
        m.Client(http_client=http, api_keys={"appId": APP, "deskKey": KEY}) as c,
        pytest.raises(HttpStatusError) as caught,
    ):
        c.tickets_search(q="printer")
    assert APP not in str(caught.value) and KEY not in str(caught.value)
    assert KEY not in caplog.text


def test_choose_needs_each_key_of_a_pair() -> None:
    pair = [[("api_key", "header", "A"), ("api_key", "header", "B")]]
    assert choose(pair, {"api_key"}) is None
    own_a = key_name("header", "A")
    assert choose(pair, {"api_key", own_a}) == tuple(pair[0])
    assert choose(pair, {own_a, key_name("header", "B")}) == tuple(pair[0])
    assert choose([[("api_key", "header", "A")]], {"api_key"}) == (("api_key", "header", "A"),)


def test_live_verification_reads_one_variable_per_scheme(real: Real) -> None:
    from codegen.mock.services import load_services

    (mock,) = load_services(real.root, [real.root / "specs" / "ticket_desk"])
    contract = next(c for c in mock.contracts if c.operation == "tickets/search")
    env = {"POLYBIND_TICKET_DESK_API_KEY_APPID": APP, "POLYBIND_API_KEY_DESKKEY": KEY}
    request = live_request(mock, contract, "https://live.example/v1", env)
    assert (request.headers[ID_HEADER], request.headers[KEY_HEADER]) == (APP, KEY)
