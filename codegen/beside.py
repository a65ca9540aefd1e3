"""Run one pure emitter in a second process while this one does the rest of a large service.

At 1 000 operations a service's cassettes (4 000 documented exchanges, each filled, scrubbed
and dumped as YAML) take ~1.8 s and its package (render, ruff, compile) ~2.6 s, one after the
other on one core. They read the same finished ``Service`` and share nothing else, so on a
machine with a second core the cassettes are emitted there meanwhile. The result is the same
files either way: the worker runs the same function on the same model, under the same line
length.

The worker is a fork of this process: the model (which holds parsed lxml documents, and so
cannot be pickled) is simply there, and only the emitted files travel back, through a pipe.
Where fork is not the platform's way (macOS, where system libraries do not survive it, and
Windows, which has none), in a process running other threads (see ``Beside``), where a
process cannot be started, for small services (below
``BESIDE_FROM`` operations a fork costs about what it saves) and on one core, the emitter runs
in this process. A worker that dies is replaced by running the emitter here; an error the
emitter raises (a ``SpecError``) is re-raised here as it would have been.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

from .emit.layout import laid_out_for, line_length
from .model import Service

T = TypeVar("T")

#: Operations from which a worker pays for itself (at 100 operations the cassettes take
#: ~0.2 s; forking a generator process and sending 1 MB back costs ~0.05 s, the pipe ~0.05 s).
BESIDE_FROM = 300


def _child(send: Connection, emit: Callable[[Service], T], service: Service, length: int) -> None:
    try:
        with laid_out_for(length):
            outcome: tuple[bool, object] = (True, emit(service))
    except Exception as err:  # sent back and raised by the parent
        outcome = (False, err)
    try:
        send.send(outcome)
    except Exception as err:  # an exception that cannot be pickled: its text, at least
        send.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
    send.close()


class Beside(Generic[T]):
    """``emit(service)``, started in a forked worker when worthwhile (see the module).

    A context manager: leaving it stops the worker, also when the caller failed first.
    """

    def __init__(self, emit: Callable[[Service], T], service: Service) -> None:
        self._emit, self._service = emit, service
        self._process: BaseProcess | None = None
        self._receive: Connection | None = None
        if (
            len(service.operations) < BESIDE_FROM
            or (os.cpu_count() or 1) < 2
            or not sys.platform.startswith("linux")
            # A fork copies only the calling thread: a lock another thread held (logging's,
            # an import's) would stay held in the child forever, and this process would wait
            # for it. ``polybind generate`` has one thread; a host that has more (a server,
            # a pytest-xdist worker) emits here.
            or threading.active_count() > 1
        ):
            return
        try:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(send, emit, service, line_length()), daemon=True
            )
            process.start()
        except (OSError, ValueError):  # no processes here: in-process
            return
        send.close()
        self._process, self._receive = process, receive

    @property
    def in_worker(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        """The emitter's result (waiting for the worker); its error, re-raised."""
        if self._receive is None:
            return self._emit(self._service)
        try:
            ok, value = self._receive.recv()
        except (EOFError, OSError):
            # The worker died (killed, out of memory): before it sent anything (EOFError) or
            # while it was sending, which is where it waits for most of its life (OSError:
            # "got end of file during message"). Emitted here instead.
            self.close()
            return self._emit(self._service)
        assert self._process is not None
        self._process.join()  # it has sent everything: only its exit is left
        self.close()
        if not ok and isinstance(value, MemoryError):  # the worker's memory, not this one's
            return self._emit(self._service)
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the worker, whatever it is doing (the caller no longer needs its result)."""
        if self._receive is not None:
            self._receive.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
        self._process, self._receive = None, None

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["BESIDE_FROM", "Beside"]
