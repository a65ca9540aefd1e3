"""The few pieces of the ASGI 3 protocol the receiver needs, spelled out by hand.

Kept out of ``receiver.py`` so that the receiver reads as webhook logic (verify, parse, claim,
acknowledge, handle) rather than protocol plumbing, and so that no web framework or asgiref
stub is needed: these type aliases and helpers are the whole of the dependency.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, NamedTuple

# ASGI 3 callables, spelled out here so no framework or asgiref stub is needed.
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_TEXT_PLAIN = (("content-type", "text/plain; charset=utf-8"),)


class WebhookResponse(NamedTuple):
    """What to answer the vendor; ``headers`` as (name, value) pairs, names lower-case."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = _TEXT_PLAIN


def text_response(status: int, message: str, *extra: tuple[str, str]) -> WebhookResponse:
    # backslashreplace: a message may quote a field name, and nothing sent may fail to encode.
    body = message.encode("utf-8", "backslashreplace") + b"\n"
    return WebhookResponse(status, body, (*_TEXT_PLAIN, *extra))


def same_path(got: str, want: str) -> bool:
    return (got.rstrip("/") or "/") == (want.rstrip("/") or "/")


#: More digits than this is more than any body the receiver would accept (int() is not even
#: tried: a 5000-digit value would raise ValueError past Python's int-from-text limit).
_MAX_LENGTH_DIGITS = 18


def content_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """The declared length, so an oversized body is refused before it is read; None when absent.

    ``ValueError`` for one that is not a length (a sign, letters, nothing) or that disagrees
    with itself (repeated, or a list, with different values; RFC 9112 §6.3 calls that
    unrecoverable, because two parties reading different lengths is how requests are smuggled).
    An absurdly long one comes back as larger than any limit, not as an error.
    """
    values = {
        item.strip()
        for name, value in headers
        if name.strip().lower() == b"content-length"
        for item in value.split(b",")
    }
    if not values:
        return None
    text = values.pop()
    if values or not text.isdigit():
        raise ValueError("invalid Content-Length")
    digits = text.lstrip(b"0") or b"0"
    return sys.maxsize if len(digits) > _MAX_LENGTH_DIGITS else int(digits)


async def read_body(receive: Receive, limit: int) -> bytes | WebhookResponse | None:
    """The whole request body; a 413 past ``limit`` bytes; None when the client went away."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = bytes(message.get("body") or b"")
        size += len(chunk)
        if size > limit:
            return text_response(413, "body too large")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def send_response(send: Send, response: WebhookResponse) -> None:
    headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in response.headers]
    headers.append((b"content-length", str(len(response.body)).encode("ascii")))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


async def lifespan(receive: Receive, send: Send) -> None:
    """Nothing to set up or tear down, but servers expect the lifespan protocol answered."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


__all__ = [
    "Message",
    "Receive",
    "Scope",
    "Send",
    "WebhookResponse",
    "content_length",
    "lifespan",
    "read_body",
    "same_path",
    "send_response",
    "text_response",
]
