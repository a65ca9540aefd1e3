"""A request copied from a prototype is the request httpx's ``build_request`` builds.

Each case builds the same call twice: once through ``Prototypes`` (the second and later calls
are copies) and once through ``httpx.Client.build_request``, which is the reference; the two
must agree on method, URL, every header in order, body and extensions. Clients whose defaults
change between calls must see the change.
"""

from __future__ import annotations

import httpx
import pytest

import generated.pixelz as pixelz
from tests.hardening_support import documented
from wirekit import prototypes
from wirekit.prototypes import MAX_PROTOTYPES, Prototypes

URL = "https://api.example.com/svc.asmx"
HEADERS = [("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", '"urn:x/Op"')]


def same(a: httpx.Request, b: httpx.Request) -> None:
    assert sorted(vars(a)) == sorted(vars(b))
    assert a.method == b.method
    assert a.url == b.url
    assert a.headers.raw == b.headers.raw
    assert a.content == b.content
    assert a.extensions == b.extensions


def clients() -> list[httpx.Client]:
    return [
        httpx.Client(),
        httpx.Client(headers={"X-Team": "t", "User-Agent": "mine"}),
        httpx.Client(params={"tenant": "7"}),
        httpx.Client(base_url="https://api.example.com/base/", timeout=3.5),
        httpx.Client(headers={"Host": "virtual.example.com"}),
    ]


@pytest.mark.parametrize("http", clients(), ids=lambda c: repr(dict(c.headers))[:40])
def test_copies_equal_build_request(http: httpx.Client) -> None:
    protos = Prototypes()
    for body in (b"<a>first</a>", b"<b>second, longer body</b>", b"", "é".encode() * 300):
        built = protos.build(http, "POST", URL, HEADERS, body)
        same(built, http.build_request("POST", URL, headers=HEADERS, content=body))


def test_relative_url_against_base_url() -> None:
    http = httpx.Client(base_url="https://api.example.com/v2")
    protos = Prototypes()
    for body in (b"1", b"22"):
        same(
            protos.build(http, "PUT", "/items", HEADERS, body),
            http.build_request("PUT", "/items", headers=HEADERS, content=body),
        )


def test_changed_client_defaults_are_seen() -> None:
    http = httpx.Client()
    protos = Prototypes()
    protos.build(http, "POST", URL, HEADERS, b"x")
    http.headers["X-Added"] = "later"
    assert protos.build(http, "POST", URL, HEADERS, b"y").headers["X-Added"] == "later"
    http.params = httpx.QueryParams({"p": "1"})
    assert protos.build(http, "POST", URL, HEADERS, b"y").url.params["p"] == "1"
    http.timeout = httpx.Timeout(9.0)
    assert protos.build(http, "POST", URL, HEADERS, b"y").extensions["timeout"]["read"] == 9.0
    http.cookies.set("ASP.NET_SessionId", "abc")
    for body in (b"1", b"2"):  # a client with cookies is never served a copy
        built = protos.build(http, "POST", URL, HEADERS, body)
        assert built.headers["Cookie"] == "ASP.NET_SessionId=abc"
        same(built, http.build_request("POST", URL, headers=HEADERS, content=body))


def test_cache_is_bounded() -> None:
    http = httpx.Client()
    protos = Prototypes()
    for i in range(MAX_PROTOTYPES * 3):
        protos.build(http, "POST", f"{URL}/{i}", HEADERS, b"x")
    assert len(protos._cache) <= MAX_PROTOTYPES


def test_generated_client_sends_what_build_request_would() -> None:
    """End to end: a later SOAP call of a client goes out as build_request writes it."""
    seen: list[httpx.Request] = []
    answer = documented("pixelz", "GetImagesList", "soap11")

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers=answer.headers, content=answer.body)

    http = httpx.Client(transport=httpx.MockTransport(handler), headers={"X-Team": "t"})
    with pixelz.Client(http_client=http, protocol="soap11") as client:
        client.get_images_list(contact_email="a@example.com", contact_api_key="k1")
        client.get_images_list(contact_email="b@example.com", contact_api_key="k22", page="2")
    second = seen[1]
    assert b"k22" in second.content
    assert b"<page>2</page>" in second.content
    own = [
        ("Content-Type", "text/xml; charset=utf-8"),
        ("SOAPAction", second.headers["SOAPAction"]),
    ]
    same(second, http.build_request("POST", second.url, headers=own, content=second.content))


def test_the_pinned_httpx_gets_the_direct_copy() -> None:
    # The probe finds the attributes a copy sets; if an httpx upgrade changes them, copies
    # silently fall back to the public constructor (4x slower): this says so instead.
    assert prototypes._PROBE
    assert prototypes._copy is prototypes._fast_copy


@pytest.mark.parametrize("copy", [prototypes._fast_copy, prototypes._public_copy])
def test_both_copies_are_independent_requests(
    copy: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prototypes, "_copy", copy)
    http = httpx.Client(headers={"X-Team": "t"})
    protos = Prototypes()
    first = protos.build(http, "POST", URL, HEADERS, b"<a/>")
    second = protos.build(http, "POST", URL, HEADERS, b"<bb/>")
    third = protos.build(http, "POST", URL, HEADERS, b"<ccc/>")
    same(third, http.build_request("POST", URL, headers=HEADERS, content=b"<ccc/>"))
    # Auth and event hooks change a request's own headers and extensions; no other sees it.
    second.headers["Authorization"] = "Bearer x"
    second.extensions["trace"] = True
    for other in (first, third, protos.build(http, "POST", URL, HEADERS, b"<d/>")):
        assert "Authorization" not in other.headers
        assert "trace" not in other.extensions
    assert [r.headers["Content-Length"] for r in (first, second, third)] == ["4", "5", "6"]


def _without_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference: every request built by httpx's own build_request."""
    monkeypatch.setattr(
        Prototypes,
        "build",
        lambda self, http, method, url, headers, content: http.build_request(
            method, url, headers=headers, content=content
        ),
    )


def _auth_hooks_redirects(*, copies: bool, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Three calls through Digest auth, a request hook and a 307; what the server saw."""
    if not copies:
        _without_copies(monkeypatch)
    answer = documented("pixelz", "GetImagesList", "soap11")
    seen: list[object] = []
    hooked: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        auth = request.headers.get("Authorization", "").split(" ")[0]
        others = [(k, v) for k, v in request.headers.raw if k.lower() != b"authorization"]
        seen.append((request.url.path, others, auth, request.content))  # Digest nonces vary
        if request.url.path.endswith("/old.asmx"):
            return httpx.Response(307, headers={"Location": "https://api.example.com/new.asmx"})
        if not auth:
            return httpx.Response(401, headers={"WWW-Authenticate": 'Digest realm="r", nonce="n"'})
        return httpx.Response(200, headers=answer.headers, content=answer.body)

    http = httpx.Client(
        transport=httpx.MockTransport(handler),
        auth=httpx.DigestAuth("user", "pass"),
        follow_redirects=True,
        event_hooks={"request": [lambda r: hooked.append(r.read())]},
    )
    with pixelz.Client("https://api.example.com/old.asmx", http_client=http) as client:
        for page in ("1", "22", "333"):
            client.get_images_list(contact_email="a@example.com", page=page)
    return [*seen, *hooked]


def test_copies_go_through_auth_hooks_and_redirects_as_built_ones_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What httpx does to a request after building it (auth, event hooks, a 307 redirect that
    resends the body) treats a copy as it treats a request build_request made."""
    copied = _auth_hooks_redirects(copies=True, monkeypatch=monkeypatch)
    built = _auth_hooks_redirects(copies=False, monkeypatch=monkeypatch)
    assert len(copied) > 6
    assert copied == built


def _changed_on_the_way(
    scenario: str, *, copies: bool, monkeypatch: pytest.MonkeyPatch
) -> list[object]:
    """Three calls whose first request is changed after it is built (by a hook, auth or the
    client's own deadline clamp); what the server saw of each."""
    if not copies:
        _without_copies(monkeypatch)
    answer = documented("pixelz", "GetImagesList", "soap11")
    seen: list[object] = []
    count = iter(range(100))

    def handler(request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout", {})
        tag = request.extensions.get("tag")
        seen.append((request.headers.raw, request.content, sorted(timeout), tag))
        return httpx.Response(200, headers=answer.headers, content=answer.body)

    def hook(request: httpx.Request) -> None:
        n = str(next(count))
        if scenario == "replace a header":
            request.headers.pop("accept-encoding")
            request.headers["X-Added"] = n
        elif scenario == "set a header once":
            request.headers.setdefault("X-Request-ID", n)
        elif scenario == "tag the extensions":
            request.extensions.setdefault("tag", n)

    http = httpx.Client(
        transport=httpx.MockTransport(handler),
        event_hooks={"request": [hook]},
        auth=httpx.BasicAuth("u", "p") if scenario == "auth removed" else None,
    )
    with pixelz.Client(http_client=http, protocol="soap11") as client:
        for page in ("1", "22", "333"):
            client.get_images_list(contact_email="a@example.com", page=page)
            http.auth = httpx.Auth()  # the no-op scheme: no credentials from here on
    return seen


@pytest.mark.parametrize(
    "scenario", ["replace a header", "set a header once", "tag the extensions", "auth removed"]
)
def test_what_happens_to_a_sent_request_stays_with_it(
    scenario: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first request of an operation is also the model of the later ones: a hook, auth or
    # the transport changing it on its way out must not reach them (a stale Content-Length
    # slot, a second Content-Length, the first call's request ID or credentials).
    copied = _changed_on_the_way(scenario, copies=True, monkeypatch=monkeypatch)
    built = _changed_on_the_way(scenario, copies=False, monkeypatch=monkeypatch)
    assert len(copied) == 3
    assert copied == built
