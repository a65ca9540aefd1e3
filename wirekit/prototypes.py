"""Requests of one operation differ only in their body: build everything else once per client.

httpx's ``build_request`` merges the client's base URL, headers, cookies, params and timeout,
then parses the URL and normalises every header: ~25 µs per call, fifteen times the cost of
writing a SOAP envelope. For a request whose URL and headers do not depend on the arguments
(SOAP 1.1/1.2, ASMX HTTP POST, a REST body without path or query arguments), everything but
the body and its ``Content-Length`` is the same on every call. So the first such call is built
by ``build_request`` as before, and kept as a prototype; later calls copy it with the new body
through ``httpx.Request(..., stream=ByteStream(body))``, the public constructor httpx itself
uses to copy requests (redirects). The result is the request ``build_request`` would have
built, header for header (``tests/test_prototypes.py`` compares the two).

A prototype is used only while the client still has what it was built with: the same base
URL, params and timeout objects, equal headers, and no cookies (a cookie jar can change between
any two calls, so a client holding cookies always goes through ``build_request``). Event hooks
and auth are applied by ``send``, after building, so they are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

#: Distinct (method, URL, headers) kept per client; REST paths with arguments in them would
#: otherwise grow without bound (such requests are rarely repeated verbatim anyway).
MAX_PROTOTYPES = 256


@dataclass(frozen=True, slots=True)
class _Prototype:
    request: httpx.Request
    client_headers: list[tuple[bytes, bytes]]
    base_url: httpx.URL
    params: httpx.QueryParams
    timeout: httpx.Timeout


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
        if content and "Content-Length" in request.headers and not http.cookies:
            if len(self._cache) >= MAX_PROTOTYPES:
                self._cache.clear()
            self._cache[key] = _Prototype(
                request,
                http.headers.raw,
                http.base_url,
                http.params,
                http.timeout,
            )
        return request


def _still_valid(proto: _Prototype, http: httpx.Client | httpx.AsyncClient) -> bool:
    return (
        http.base_url is proto.base_url
        and http.params is proto.params
        and http.timeout is proto.timeout
        and not http.cookies
        and http.headers.raw == proto.client_headers
    )


def _copy(proto: _Prototype, content: bytes) -> httpx.Request:
    # Copying a ``Headers`` skips re-normalising every header; assigning Content-Length
    # replaces the value where build_request put it, so the order is kept.
    headers = httpx.Headers(proto.request.headers)
    headers["Content-Length"] = str(len(content))
    request = httpx.Request(
        proto.request.method,
        proto.request.url,
        headers=headers,
        stream=httpx.ByteStream(content),
        extensions=proto.request.extensions,
    )
    request.read()  # as build_request does for byte content: ``request.content`` is readable
    return request


__all__ = ["MAX_PROTOTYPES", "Prototypes"]
