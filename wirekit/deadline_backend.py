"""Socket reads of a sync call that never outlast its deadline, however the server drips.

httpx's timeouts are per socket operation: a server sending one byte of its status line every
half second resets the read timeout forever, and httpcore's sync path has no overall timeout
(the async call is bounded by ``asyncio.timeout`` instead). ``wirekit.transport.send`` bounds
the *body* by checking the clock between chunks, but until the headers are complete it never
gets control back. So the sync clients the kit creates read through this network backend: each
read's timeout is clamped to what is left of the current call's deadline (published in a
``ContextVar`` by ``send``), and a read after the deadline fails at once with httpcore's own
``ReadTimeout``, which ``send`` maps to ``TimeoutError_`` like any other.

httpx has no public way to choose httpcore's network backend, so ``bounded_transport`` wraps the
backend of the connection pool an ``httpx.HTTPTransport`` creates (``_pool._network_backend``,
stable since httpcore 0.14); where that attribute is missing the transport is returned as it is
(``tests/test_deadline_backend.py`` fails then). A client you pass is left alone: build its
transport with ``bounded_transport`` to get the same bound.
"""

from __future__ import annotations

import ssl
import time
import typing
from contextvars import ContextVar

import httpcore
import httpx

#: The monotonic time by which the current sync call must end (``None``: no call running).
READ_DEADLINE: ContextVar[float | None] = ContextVar("wirekit_read_deadline", default=None)


def _clamped(timeout: float | None) -> float | None:
    end = READ_DEADLINE.get()
    if end is None:
        return timeout
    remaining = end - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("the call's deadline has passed")
    return remaining if timeout is None else min(timeout, remaining)


class _BoundedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamped(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamped(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _BoundedStream(
            self._inner.start_tls(ssl_context, server_hostname, _clamped(timeout))
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _BoundedBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _clamped(timeout), local_address, socket_options
        )
        return _BoundedStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _BoundedStream(
            self._inner.connect_unix_socket(path, _clamped(timeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def bounded_transport(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    """``transport`` with its socket reads held to each call's deadline (see the module)."""
    pool = getattr(transport, "_pool", None)
    inner = getattr(pool, "_network_backend", None)
    if isinstance(inner, httpcore.NetworkBackend) and not isinstance(inner, _BoundedBackend):
        pool._network_backend = _BoundedBackend(inner)  # type: ignore[union-attr]
    return transport


__all__ = ["READ_DEADLINE", "bounded_transport"]
