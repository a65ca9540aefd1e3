"""The layer every binding shares: sending a request, mapping failures, reading media types.

ASMX (``wirekit.asmx``), REST (``wirekit.rest``) and the webhook test sender
(``wirekit.webhook``) all go through here, so an httpx exception is mapped to the one
``BindingError`` family in exactly one place, and a response is attached to any error raised
while reading it in exactly one place.

It is also where a call's budget is enforced (``wirekit.limits``): the body is streamed so the
overall ``deadline`` can be checked between chunks, every socket timeout is clamped to the time
that remains, and the decoded size is counted as it grows. The raw stream is re-sliced into
small pieces first because httpx inflates each raw piece in one go: a 64 KB gzip read can
become 64 MB before anyone can count it.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import contextmanager
from functools import cache

import anyio
import httpx

from wirekit.deadline_backend import READ_DEADLINE
from wirekit.errors import (
    BindingError,
    HttpStatusError,
    ResponseFormatError,
    TimeoutError_,
    TransportError,
    excerpt,
)
from wirekit.limits import DEFAULT_LIMITS, Limits
from wirekit.scrub import scrub_url

#: Every httpx exception a send can raise (``InvalidURL`` is not an ``HTTPError``).
HTTPX_ERRORS: tuple[type[Exception], ...] = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


@cache
def shared_ssl_context() -> ssl.SSLContext:
    """The default verifying TLS context, built once per process for every client the kit creates.

    Loading the CA bundle costs ~17 ms; httpx does it again for every ``httpx.Client`` it
    creates, so a program (or a contract suite) that makes a client per call paid that per call.
    An ``SSLContext`` is safe to share between clients and threads. Pass your own
    ``http_client`` for other trust settings (client certificates, a private CA).
    """
    return httpx.create_ssl_context()


def media_type(content_type: str | None) -> str:
    """``text/xml; charset=utf-8`` → ``text/xml`` (lower case, parameters dropped)."""
    return (content_type or "").split(";")[0].strip().lower()


def is_xml(content_type: str | None) -> bool:
    media = media_type(content_type)
    return media.endswith("/xml") or media.endswith("+xml")


def is_json(content_type: str | None) -> bool:
    media = media_type(content_type)
    return media.endswith("/json") or media.endswith("+json")


def http_failure(body: bytes, status: int, content_type: str | None) -> HttpStatusError:
    media = media_type(content_type) or "no content type"
    return HttpStatusError(
        f"HTTP {status} ({media}): {excerpt(body)}",
        status=status,
        body=body,
        content_type=content_type,
    )


def wrong_media(expected: str, body: bytes, content_type: str | None) -> ResponseFormatError:
    return ResponseFormatError(
        f"expected {expected}, got {media_type(content_type) or 'no content type'}: "
        f"{excerpt(body, 120)}"
    )


@contextmanager
def reading(
    name: str,
    status: int,
    body: bytes,
    content_type: str | None,
    headers: Mapping[str, str] | None = None,
) -> Iterator[None]:
    """Errors raised while reading a response carry that response (headers too: a 503's
    ``Retry-After``); decoder errors become ``ResponseFormatError`` (pydantic's
    ``ValidationError`` is a ``ValueError`` too; ``RecursionError`` is a last line of defence
    behind the depth limits)."""
    try:
        yield
    except BindingError as err:
        err.status, err.body, err.content_type = status, body, content_type
        err.headers = headers if headers is not None else {}
        raise
    except (ValueError, TypeError, KeyError, RecursionError) as err:
        failure = ResponseFormatError(
            f"{name}: cannot read the answer: {err}",
            status=status,
            body=body,
            content_type=content_type,
        )
        failure.headers = headers if headers is not None else {}
        raise failure from None


def _where(request: httpx.Request | None, operation: str) -> str:
    where = f"{operation}: " if operation else ""
    if request is not None:
        where += f"{request.method} {scrub_url(str(request.url))}: "
    return where


class Deadline:
    """The end of one call's time budget, on the monotonic clock."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def expired(self) -> bool:
        # A socket timeout clamped to the remaining time fires a hair early or late.
        return self.remaining() <= 0.01

    def error(self, request: httpx.Request | None, operation: str) -> TimeoutError_:
        return TimeoutError_(f"{_where(request, operation)}deadline {self.seconds} s exceeded")


def map_transport_error(
    err: Exception,
    request: httpx.Request | None = None,
    operation: str = "",
    deadline: Deadline | None = None,
) -> BindingError:
    """The ``BindingError`` for an httpx exception, saying where (operation, method, URL with
    secrets scrubbed) and, for a timeout, which one; the original stays as ``__cause__``."""
    if isinstance(err, httpx.TimeoutException):
        if deadline is not None and deadline.expired():
            return deadline.error(request, operation)
        return TimeoutError_(f"{_where(request, operation)}timed out ({type(err).__name__}): {err}")
    return TransportError(f"{_where(request, operation)}{type(err).__name__}: {err}")


def _clamp_timeouts(request: httpx.Request, remaining: float) -> None:
    """No socket wait (connect, write, each read, pool) may outlast the deadline."""
    configured = request.extensions.get("timeout") or {}
    request.extensions["timeout"] = {
        kind: remaining if configured.get(kind) is None else min(configured[kind], remaining)
        for kind in ("connect", "read", "write", "pool")
    }


#: Raw bytes handed to httpx's decoder at a time: gzip inflates at most ~1000:1, so one slice
#: decodes to at most ~8 MB before the size cap can look at it.
_SLICE = 8192


def _slices(piece: bytes) -> Iterator[bytes]:
    for start in range(0, len(piece), _SLICE):
        yield piece[start : start + _SLICE]


class _SlicedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream) -> None:
        self.inner = inner

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.inner:
            yield from _slices(piece)

    def close(self) -> None:
        self.inner.close()


class _AsyncSlicedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream) -> None:
        self.inner = inner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for piece in self.inner:
            for part in _slices(piece):
                yield part

    async def aclose(self) -> None:
        await self.inner.aclose()


class _Budget:
    """One response's body as it arrives, held to the deadline and the size cap."""

    def __init__(self, response: httpx.Response, limits: Limits, deadline: Deadline) -> None:
        self.response, self.limits, self.deadline = response, limits, deadline
        self.chunks: list[bytes] = []
        self.size = 0
        declared = response.headers.get("content-length", "").strip()
        # ASCII digits only ("²".isdigit() is true), and a 5 000-digit value is over any cap
        # without asking int() (which refuses more than 4 300 digits).
        if declared and not (declared.isascii() and declared.isdigit()):
            shown = excerpt(declared.encode(), 40)
            raise self._refused(f"answer has an invalid Content-Length {shown}")
        cap = limits.max_response_bytes
        if declared and (len(declared) > len(str(cap)) or int(declared) > cap):
            shown = declared if len(declared) <= 20 else f"of {len(declared)} digits"
            raise self._too_large(f" (Content-Length {shown})")

    def _too_large(self, detail: str = "") -> ResponseFormatError:
        cap = self.limits.max_response_bytes
        return self._refused(f"answer larger than {cap} bytes{detail}; refused")

    def _refused(self, message: str) -> ResponseFormatError:
        response = self.response
        err = ResponseFormatError(
            message, status=response.status_code, content_type=response.headers.get("content-type")
        )
        err.headers = response.headers
        return err

    def take(self, chunk: bytes, operation: str) -> None:
        self.size += len(chunk)
        if self.size > self.limits.max_response_bytes:
            raise self._too_large()
        self.chunks.append(chunk)
        if self.deadline.expired():
            raise self.deadline.error(self.response.request, operation)

    def finish(self) -> httpx.Response:
        """The response, its body now read: ``.content`` works as after a non-streamed send."""
        self.response._content = b"".join(self.chunks)
        self.chunks = []
        return self.response


def next_hop(
    client: httpx.Client | httpx.AsyncClient, response: httpx.Response, operation: str
) -> httpx.Request | None:
    """The request a redirect leads to, when the user's client follows redirects (ours never
    does) and the target is the same origin; ``None`` when the answer is final.

    A cross-origin redirect is refused rather than followed: every call of these services
    carries credentials (in the body, query or headers), and httpx would re-send a 307/308
    body, key included, to whatever host the redirect names.
    """
    target = response.next_request if response.is_redirect else None
    if target is None or not client.follow_redirects:
        return None
    here, there = response.request.url, target.url
    if (here.scheme, here.host, here.port) != (there.scheme, there.host, there.port):
        raise TransportError(
            f"{_where(response.request, operation)}redirect to {there.scheme}://{there.host} "
            "refused: the call carries credentials, which are never sent to another host"
        )
    return target


def send(
    client: httpx.Client,
    request: httpx.Request,
    operation: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> httpx.Response:
    """Send ``request`` and read the whole answer within ``limits``; failures are mapped."""
    deadline = Deadline(limits.deadline)
    _clamp_timeouts(request, deadline.remaining())
    published = READ_DEADLINE.set(deadline.end)  # for a bounded transport's socket reads
    try:
        response = client.send(request, stream=True, follow_redirects=False)
        for _ in range(client.max_redirects):
            hop = next_hop(client, response, operation)
            if hop is None:
                break
            response.close()
            response = client.send(hop, stream=True, follow_redirects=False)
        try:
            budget = _Budget(response, limits, deadline)
            if isinstance(response.stream, httpx.SyncByteStream):
                response.stream = _SlicedStream(response.stream)
            for chunk in response.iter_bytes():
                budget.take(chunk, operation)
        finally:
            response.close()
    except HTTPX_ERRORS as err:
        raise map_transport_error(err, request, operation, deadline) from err
    finally:
        READ_DEADLINE.reset(published)
    return budget.finish()


async def send_async(
    client: httpx.AsyncClient,
    request: httpx.Request,
    operation: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> httpx.Response:
    """``send`` for async clients; the deadline is also a cancel scope (``anyio``, which
    httpx itself runs on), so it holds even while a single read is pending."""
    deadline = Deadline(limits.deadline)
    _clamp_timeouts(request, deadline.remaining())
    try:
        if _on_asyncio():
            # asyncio's own timeout costs half of anyio's cancel scope (7 vs 14 µs a call,
            # measured): the difference between the async and sync round trip in make bench.
            async with asyncio.timeout(deadline.remaining()):
                return await _read_async(client, request, operation, limits, deadline)
        with anyio.fail_after(deadline.remaining()):  # trio, through anyio as httpx runs it
            return await _read_async(client, request, operation, limits, deadline)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err, request, operation, deadline) from err
    except TimeoutError as err:
        if isinstance(err, BindingError):
            raise
        raise deadline.error(request, operation) from err


def _on_asyncio() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def _read_async(
    client: httpx.AsyncClient,
    request: httpx.Request,
    operation: str,
    limits: Limits,
    deadline: Deadline,
) -> httpx.Response:
    response = await client.send(request, stream=True, follow_redirects=False)
    for _ in range(client.max_redirects):
        hop = next_hop(client, response, operation)
        if hop is None:
            break
        await response.aclose()
        response = await client.send(hop, stream=True, follow_redirects=False)
    try:
        budget = _Budget(response, limits, deadline)
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _AsyncSlicedStream(response.stream)
        async for chunk in response.aiter_bytes():
            budget.take(chunk, operation)
    finally:
        await response.aclose()
    return budget.finish()


__all__ = [
    "HTTPX_ERRORS",
    "Deadline",
    "http_failure",
    "is_json",
    "is_xml",
    "map_transport_error",
    "media_type",
    "next_hop",
    "reading",
    "send",
    "send_async",
    "wrong_media",
]
