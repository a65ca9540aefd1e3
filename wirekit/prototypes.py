"""Requests of one operation differ only in their body: build everything else once per client.

httpx's ``build_request`` merges the client's base URL, headers, cookies, params and timeout,
then parses the URL and normalises every header: ~25 µs per call, fifteen times the cost of
writing a SOAP envelope. For a request whose URL and headers do not depend on the arguments
(SOAP 1.1/1.2, ASMX HTTP POST, a REST body without path or query arguments), everything but
the body and its ``Content-Length`` is the same on every call. So the first such call is built
by ``build_request`` as before, and kept as a prototype; later calls are copies of it with the
new body. The result is the request ``build_request`` would have built, header for header,
attribute for attribute (``tests/test_prototypes.py`` compares the two).

How a copy is made. httpx's public way to copy a request, ``httpx.Request(..., stream=...)``
then ``read()``, re-parses the URL, copies the headers twice and walks the body stream: ~2.8 µs,
more than the envelope itself. A ``Request`` and its ``Headers`` are plain objects (no slots,
no ``__init__`` side effects beyond their attributes), so a copy can be those attributes set
directly: ~0.5 µs. That relies on their attribute names, so it is used only when a probe of the
installed httpx (``_PROBE``) finds exactly the attributes this module sets; any other httpx
gets the public constructor. ``tests/test_prototypes.py`` fails if the probe stops passing on
the pinned httpx, so the fast path cannot silently disappear.

A prototype is used only while the client still has what it was built with: the same base
URL, params and timeout objects, equal headers, and no cookies (a cookie jar can change between
any two calls, so a client holding cookies always goes through ``build_request``). Event hooks
and auth are applied by ``send``, after building, to the copy's own headers object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar

import httpx

#: Distinct (method, URL, headers) kept per client; REST paths with arguments in them would
#: otherwise grow without bound (such requests are rarely repeated verbatim anyway).
MAX_PROTOTYPES = 256

_REQUEST_FIELDS = frozenset({"method", "url", "headers", "extensions", "stream", "_content"})
_HEADERS_FIELDS = frozenset({"_list", "_encoding"})


def _probe() -> bool:
    """Whether this httpx's ``Request``/``Headers`` hold exactly what ``_fast_copy`` sets, and
    the stdlib's ``CookieJar`` keeps its cookies where ``_still_valid`` looks."""
    request = httpx.Request("POST", "http://127.0.0.1/", headers={"X-A": "b"}, content=b"x")
    request.read()
    return (
        set(vars(request)) == _REQUEST_FIELDS
        and set(vars(request.headers)) == _HEADERS_FIELDS
        and isinstance(request.stream, httpx.ByteStream)
        and request._content == b"x"
        # The layout of each entry, not only the attribute's name: (raw, lower-case, value).
        and (b"X-A", b"x-a", b"b") in request.headers._list
        and (b"Content-Length", b"content-length", b"1") in request.headers._list
        and isinstance(vars(CookieJar()).get("_cookies"), dict)
    )


_PROBE = _probe()


@dataclass(frozen=True, slots=True)
class _Prototype:
    request: httpx.Request
    #: The client's headers as ``Headers`` holds them: (name, lower-case name, value).
    client_headers: list[tuple[bytes, bytes, bytes]]
    base_url: httpx.URL
    params: httpx.QueryParams
    timeout: httpx.Timeout
    #: Where ``Content-Length`` sits in the request's header list.
    length_at: int


_Key = tuple[str, str, tuple[tuple[str, str], ...]]


class Prototypes:
    """One client's prototypes; ``build`` is ``http.build_request`` for body-only requests."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[_Key, _Prototype] = {}

    def build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        method: str,
        url: str,
        headers: list[tuple[str, str]],
        content: bytes,
    ) -> httpx.Request:
        key = (method, url, tuple(headers))
        proto = self._cache.get(key)
        # An empty body gets its Content-Length elsewhere in the list (httpx's auto headers).
        if proto is not None and content and _still_valid(proto, http):
            return _copy(proto, content)
        request = http.build_request(method, url, headers=headers, content=content)
        names = [name for name, _ in request.headers.raw]
        if content and names.count(b"Content-Length") == 1 and not http.cookies:
            if len(self._cache) >= MAX_PROTOTYPES:
                self._cache.clear()
            self._cache[key] = _Prototype(
                _private(request),
                [(raw, raw.lower(), value) for raw, value in http.headers.raw],
                http.base_url,
                http.params,
                http.timeout,
                names.index(b"Content-Length"),
            )
        return request


def _private(request: httpx.Request) -> httpx.Request:
    """A copy of ``request`` as built, kept as the prototype: the request itself is sent, and
    whatever changes it on the way (an event hook's header, auth's ``Authorization``, the
    transport's clamped timeouts) must not reach the calls after it."""
    return _rebuilt(request, httpx.Headers(request.headers), request.content)


def _rebuilt(model: httpx.Request, headers: httpx.Headers, content: bytes) -> httpx.Request:
    """``model`` with ``headers`` and ``content``, through httpx's public constructor."""
    request = httpx.Request(
        model.method,
        model.url,
        headers=headers,
        stream=httpx.ByteStream(content),
        extensions=_extensions(model.extensions),
    )
    request.read()  # as build_request does for byte content: ``request.content`` is readable
    return request


def _extensions(extensions: Mapping[str, object]) -> dict[str, object]:
    # What build_request gives each request: its own dict, and its own ``timeout`` dict in it.
    fresh = dict(extensions)
    timeout = fresh.get("timeout")
    if type(timeout) is dict:
        fresh["timeout"] = timeout.copy()
    return fresh


def _still_valid(proto: _Prototype, http: httpx.Client | httpx.AsyncClient) -> bool:
    if not (
        http.base_url is proto.base_url
        and http.params is proto.params
        and http.timeout is proto.timeout
    ):
        return False
    if _PROBE:
        # The same tests without building a list of the client's headers or walking its
        # cookie jar (a plain stdlib CookieJar keeps its cookies in one dict).
        jar = http.cookies.jar
        stored = jar._cookies if type(jar) is CookieJar else http.cookies  # type: ignore[attr-defined]
        return not stored and http.headers._list == proto.client_headers
    return not http.cookies and http.headers.raw == [item[::2] for item in proto.client_headers]


def _public_copy(proto: _Prototype, content: bytes) -> httpx.Request:
    # The public way: copying a ``Headers`` skips re-normalising every header; assigning
    # Content-Length replaces the value where build_request put it, so the order is kept.
    headers = httpx.Headers(proto.request.headers)
    headers["Content-Length"] = str(len(content))
    return _rebuilt(proto.request, headers, content)


def _fast_copy(proto: _Prototype, content: bytes) -> httpx.Request:
    model = proto.request
    items = model.headers._list.copy()
    items[proto.length_at] = (b"Content-Length", b"content-length", b"%d" % len(content))
    headers = httpx.Headers.__new__(httpx.Headers)
    headers._list = items
    headers._encoding = model.headers._encoding
    request = httpx.Request.__new__(httpx.Request)
    request.method = model.method
    request.url = model.url  # immutable
    request.headers = headers
    request.extensions = _extensions(model.extensions)
    request.stream = httpx.ByteStream(content)
    request._content = content
    return request


_copy = _fast_copy if _PROBE else _public_copy

__all__ = ["MAX_PROTOTYPES", "Prototypes"]
