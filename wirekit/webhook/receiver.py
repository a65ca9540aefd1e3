"""The receiver: an ASGI 3 app (and a WSGI-friendly ``handle``) that turns deliveries into
exactly one handler call each.

This is where the vendor's retry behaviour is answered: verify and parse (``parse.py``), claim
the delivery's key (``store.py``), acknowledge, run the handler, and on failure release the key
so the retry is handled rather than dropped. It is kept apart from parsing so that the
concurrency and acknowledgement rules can be read in one place.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic

from wirekit.errors import SignatureError, WebhookPayloadError
from wirekit.scrub import ScrubbingFilter
from wirekit.webhook.asgi import (
    Receive,
    Scope,
    Send,
    WebhookResponse,
    content_length,
    lifespan,
    read_body,
    same_path,
    send_response,
    text_response,
)
from wirekit.webhook.parse import HeadersLike, parse_delivery
from wirekit.webhook.signature import DEFAULT_SIGNATURE_HEADER, secret_bytes
from wirekit.webhook.spec import E, WebhookSpec
from wirekit.webhook.store import DeliveryStore, InMemoryDeliveryStore, open_store

#: Records are scrubbed on this logger itself, not left to the application's handlers: an event
#: repr or a traceback may quote a signed download URL or a field the vendor called "token".
log = logging.getLogger("wirekit.webhook")
if not any(isinstance(f, ScrubbingFilter) for f in log.filters):
    log.addFilter(ScrubbingFilter())

_OK = text_response(200, "OK")
_DUPLICATE = text_response(200, "OK (duplicate delivery, already handled)")
_BAD_LENGTH = text_response(400, "invalid Content-Length")


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


@dataclass(slots=True)
class _Accepted(Generic[E]):
    event: E
    key: str


class WebhookReceiver(Generic[E]):
    """An ASGI 3 app receiving one kind of webhook and calling ``handler(event)`` once per
    delivery, however often the vendor retries it.

    Answers: 200 on success or duplicate; 400 unreadable body or a Content-Length that is not
    one (malformed, or repeated with different values); 401 bad or missing signature;
    404 wrong path (``path``, when set, is compared with ``scope["path"]``, a trailing slash
    ignored); 405 not POST; 413 body over ``max_body_bytes``; 500 handler failure
    (``ack_first=False`` only) or store failure; 503 the same delivery is still being handled
    (``ack_first=False``: the vendor will retry later and then get 200).

    ``ack_first=True`` (default) answers 200 as soon as the delivery is verified, parsed and
    claimed, then runs the handler, because the vendor waits for that 200 and retries when it is
    slow; a failing handler is logged and its event appended to ``failed`` (the vendor will not
    send it again), and its key released so a re-delivery of it is handled rather than dropped
    as a duplicate. ``ack_first=False`` runs the handler first and answers 500 when it fails,
    releasing the key, so the vendor's retry is handled: the vendor then keeps the event, and
    it is not added to ``failed``.

    A sync handler runs in a worker thread (``asyncio.to_thread``): it will typically download
    the processed image, and blocking the event loop for that would delay every other request,
    including the vendor's retries whose 200 must come quickly. It must therefore be
    thread-safe. An async handler runs on the loop.

    ``store`` remembers claimed deliveries: None (default) is an ``InMemoryDeliveryStore``
    (a week's replay window, forgotten on restart); a path (``str`` or ``os.PathLike``) is an
    ``SqliteDeliveryStore`` in that file (a week's window, kept across restarts and shared
    by processes on the host); any other ``DeliveryStore`` is used as given. A store other
    than the in-memory one is called from a worker thread, never on the event loop.
    """

    def __init__(
        self,
        spec: WebhookSpec[E],
        handler: Callable[[E], object],
        *,
        secret: str | bytes | None = None,
        signature_header: str = DEFAULT_SIGNATURE_HEADER,
        store: DeliveryStore | str | os.PathLike[str] | None = None,
        ack_first: bool = True,
        path: str | None = None,
        max_body_bytes: int = 1_000_000,
    ) -> None:
        if secret is not None:
            secret_bytes(secret)  # fail at start-up, not on the first delivery
        self.spec = spec
        self.handler = handler
        self.secret = secret
        self.signature_header = signature_header
        self.store: DeliveryStore = open_store(store)
        self.ack_first = ack_first
        self.path = path
        self.max_body_bytes = max_body_bytes
        #: Events whose handler failed after the vendor was told 200 (``ack_first=True``). Not
        #: bounded: each entry is a delivery nobody else holds any more.
        self.failed: list[E] = []
        self._handler_is_async = inspect.iscoroutinefunction(handler) or (
            inspect.iscoroutinefunction(getattr(handler, "__call__", None))  # noqa: B004
        )
        # Keys whose handler is running in this process. A retry arriving meanwhile must not be
        # answered "duplicate, 200" under ack_first=False: the running attempt may still fail.
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()
        # The in-memory store never blocks; any other may do I/O and goes to a worker thread.
        self._store_blocks = not isinstance(self.store, InMemoryDeliveryStore)

    # -- the framework-agnostic core ---------------------------------------------------------

    def _accept(self, headers: HeadersLike, body: bytes) -> WebhookResponse | _Accepted[E]:
        """Verify, parse and claim; a response when the delivery goes no further."""
        try:
            event, key = parse_delivery(
                self.spec, headers, body, self.secret, self.signature_header
            )
        except SignatureError as err:
            log.warning("webhook %s rejected: %s", self.spec.name, err.message)
            return text_response(401, "invalid or missing signature")
        except WebhookPayloadError as err:
            log.warning("webhook %s rejected: %s", self.spec.name, err.message)
            return text_response(400, _short(err.message))
        with self._lock:
            if key in self._in_flight:
                if self.ack_first:
                    return _DUPLICATE
                return text_response(503, "delivery still being handled", ("retry-after", "30"))
            self._in_flight.add(key)
        try:
            claimed = self.store.claim(key)
        except Exception:
            self._forget(key)
            log.exception("webhook %s: delivery store failed to claim", self.spec.name)
            return text_response(500, "delivery store unavailable")
        if not claimed:
            self._forget(key)
            log.info("webhook %s: duplicate delivery %s ignored", self.spec.name, key)
            return _DUPLICATE
        return _Accepted(event, key)

    def _forget(self, key: str) -> None:
        with self._lock:
            self._in_flight.discard(key)

    def _settle(self, accepted: _Accepted[E], error: BaseException | None) -> None:
        """Record the handler's outcome; on failure release the key (see the class docstring)."""
        if error is not None:
            log.error(
                "webhook %s: handler failed for delivery %s (%s): %r",
                self.spec.name,
                accepted.key,
                "kept in receiver.failed" if self.ack_first else "answered 500; vendor retries",
                accepted.event,
                exc_info=error,
            )
            if self.ack_first:
                self.failed.append(accepted.event)
            try:
                self.store.release(accepted.key)
            except Exception:
                log.exception("webhook %s: delivery store failed to release", self.spec.name)
        self._forget(accepted.key)

    def handle(self, headers: HeadersLike, body: bytes, method: str = "POST") -> WebhookResponse:
        """For WSGI and other synchronous frameworks: the whole exchange, handler included.

        There is no way to answer before returning here, so the handler always runs before the
        answer; ``ack_first`` still decides what a failure answers (200 + ``failed``, or 500).
        Keep the handler quick (queue the work) when the vendor's timeout is short. An async
        handler is run to completion with ``asyncio.run``.
        """
        early = self._precheck(method, len(body))
        if early is not None:
            return early
        verdict = self._accept(headers, body)
        if isinstance(verdict, WebhookResponse):
            return verdict
        error: BaseException | None = None
        try:
            result = self.handler(verdict.event)
            if inspect.iscoroutine(result):
                asyncio.run(result)
        except Exception as err:
            error = err
        except BaseException as err:  # KeyboardInterrupt, SystemExit: settle, then re-raise
            self._settle(verdict, err)
            raise
        self._settle(verdict, error)
        if error is not None and not self.ack_first:
            return text_response(500, "handler failed")
        return _OK

    def _precheck(self, method: str, length: int | None) -> WebhookResponse | None:
        if method.upper() != "POST":
            return text_response(405, "method not allowed", ("allow", "POST"))
        if length is not None and length > self.max_body_bytes:
            return text_response(413, "body too large")
        return None

    # -- ASGI ----------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await lifespan(receive, send)
            return
        if kind == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})
            return
        if kind != "http":
            raise ValueError(f"unsupported ASGI scope type {kind!r}")
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers") or ())
        early = self._http_precheck(scope, headers)
        body = early if early is not None else await read_body(receive, self.max_body_bytes)
        if body is None:
            return  # the client went away; nobody to answer
        if isinstance(body, WebhookResponse):
            await send_response(send, body)
            return
        if self._store_blocks:
            verdict = await asyncio.to_thread(self._accept, headers, body)
        else:
            verdict = self._accept(headers, body)
        if isinstance(verdict, WebhookResponse):
            await send_response(send, verdict)
            return
        if self.ack_first:
            await send_response(send, _OK)
        error = await self._run_handler(verdict)
        if not self.ack_first:
            await send_response(send, text_response(500, "handler failed") if error else _OK)

    def _http_precheck(
        self, scope: Scope, headers: list[tuple[bytes, bytes]]
    ) -> WebhookResponse | None:
        """What to answer before reading the body: wrong path, method or declared length."""
        if self.path is not None and not same_path(str(scope.get("path", "")), self.path):
            return text_response(404, "not found")
        method = str(scope.get("method", ""))
        try:
            length = content_length(headers)
        except ValueError:  # a length that is not one: see content_length
            return self._precheck(method, None) or _BAD_LENGTH
        return self._precheck(method, length)

    async def _run_handler(self, accepted: _Accepted[E]) -> BaseException | None:
        error: BaseException | None = None
        try:
            if self._handler_is_async:
                result = self.handler(accepted.event)
            else:
                result = await asyncio.to_thread(self.handler, accepted.event)
            if inspect.isawaitable(result):
                await result
        except Exception as err:
            error = err
        except BaseException as err:  # cancelled (server shutdown): not handled, so settle too
            await self._settle_async(accepted, err)
            raise
        await self._settle_async(accepted, error)
        return error

    async def _settle_async(self, accepted: _Accepted[E], error: BaseException | None) -> None:
        if error is not None and self._store_blocks:
            await asyncio.to_thread(self._settle, accepted, error)
        else:
            self._settle(accepted, error)


__all__ = ["WebhookReceiver", "log"]
