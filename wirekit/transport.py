"""The layer every binding shares: sending a request, mapping failures, reading media types.

ASMX (``wirekit.asmx``), REST (``wirekit.rest``) and the webhook test sender
(``wirekit.webhook``) all go through here, so an httpx exception is mapped to the one
``BindingError`` family in exactly one place, and a response is attached to any error raised
while reading it in exactly one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from wirekit.errors import (
    BindingError,
    HttpStatusError,
    ResponseFormatError,
    TimeoutError_,
    TransportError,
    excerpt,
)
from wirekit.scrub import scrub_url

#: Every httpx exception a send can raise (``InvalidURL`` is not an ``HTTPError``).
HTTPX_ERRORS: tuple[type[Exception], ...] = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


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
def reading(name: str, status: int, body: bytes, content_type: str | None) -> Iterator[None]:
    """Errors raised while reading a response carry that response; decoder errors become
    ``ResponseFormatError`` (pydantic's ``ValidationError`` is a ``ValueError`` too)."""
    try:
        yield
    except BindingError as err:
        err.status, err.body, err.content_type = status, body, content_type
        raise
    except (ValueError, TypeError, KeyError) as err:
        raise ResponseFormatError(
            f"{name}: cannot read the answer: {err}",
            status=status,
            body=body,
            content_type=content_type,
        ) from None


def map_transport_error(
    err: Exception, request: httpx.Request | None = None, operation: str = ""
) -> BindingError:
    """The ``BindingError`` for an httpx exception, saying where (operation, method, URL with
    secrets scrubbed) and, for a timeout, which one; the original stays as ``__cause__``."""
    where = f"{operation}: " if operation else ""
    if request is not None:
        where += f"{request.method} {scrub_url(str(request.url))}: "
    if isinstance(err, httpx.TimeoutException):
        return TimeoutError_(f"{where}timed out ({type(err).__name__}): {err}")
    return TransportError(f"{where}{type(err).__name__}: {err}")


def _with_client_headers(client: httpx.Client | httpx.AsyncClient, request: httpx.Request) -> None:
    """Add the client's default headers the request lacks, as ``client.request`` would.

    ``client.send`` skips them; without this, credentials configured on the client (PixLab's
    ``WWW-Authenticate`` key, an ``Authorization`` header) would silently not be sent.
    """
    for name, value in client.headers.multi_items():
        if name not in request.headers:
            request.headers[name] = value


def send(client: httpx.Client, request: httpx.Request, operation: str = "") -> httpx.Response:
    _with_client_headers(client, request)
    try:
        return client.send(request)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err, request, operation) from err


async def send_async(
    client: httpx.AsyncClient, request: httpx.Request, operation: str = ""
) -> httpx.Response:
    _with_client_headers(client, request)
    try:
        return await client.send(request)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err, request, operation) from err


__all__ = [
    "HTTPX_ERRORS",
    "http_failure",
    "is_json",
    "is_xml",
    "map_transport_error",
    "media_type",
    "reading",
    "send",
    "send_async",
    "wrong_media",
]
