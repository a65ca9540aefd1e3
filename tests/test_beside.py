"""A large service's cassettes are emitted in a second process (``codegen.beside``): what comes
back is what the repository commits, errors come back typed, and where no worker can run or it
dies the cassettes are still emitted."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

import codegen.beside
from codegen.beside import Beside
from codegen.emit.cassettes import emit_cassettes
from codegen.errors import SpecError
from codegen.model import Service, SourceLine
from tests.contracts_support import ROOT, services

PARENT = os.getpid()


def pixelz() -> Service:
    return next(s for s in services() if s.name == "pixelz")


def committed(service: Service) -> list[tuple[str, str]]:
    folder = ROOT / "contracts" / service.name
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir())


def spec_error(service: Service) -> list[tuple[str, str]]:
    raise SpecError(SourceLine("specs/x/x.wsdl", 7), f"{service.name}: no sample")


def in_worker(service: Service) -> bool:
    return os.getpid() != PARENT


def big_in_worker(service: Service) -> list[tuple[str, str]]:
    # Far more than a pipe holds: the worker blocks sending it until the parent reads.
    if os.getpid() != PARENT:
        return [("x", "y" * 4_000_000)]
    return [("here", "")]


def out_of_memory_in_worker(service: Service) -> list[tuple[str, str]]:
    if os.getpid() != PARENT:
        raise MemoryError
    return [("here", "")]


def dies_in_worker(service: Service) -> list[tuple[str, str]]:
    if os.getpid() != PARENT:
        os._exit(3)
    return emit_cassettes(service)


#: These tests fork from a pytest-xdist worker, whose only other thread is execnet's I/O thread
#: (idle, holding nothing the child needs); Python 3.12+ warns about any fork with threads.
forks_from_threads = pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded, use of fork:DeprecationWarning"
)


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codegen.beside, "BESIDE_FROM", 0)
    monkeypatch.setattr("codegen.beside.os.cpu_count", lambda: 2)
    # pytest-xdist's worker runs an I/O thread; these workers only touch this module's code.
    monkeypatch.setattr("codegen.beside.threading.active_count", lambda: 1)


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_worker_emits_the_committed_cassettes() -> None:
    service = pixelz()
    with Beside(emit_cassettes, service) as pending:
        assert pending.in_worker
        assert sorted(pending.result()) == committed(service)


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_the_result_comes_from_the_worker() -> None:
    with Beside(in_worker, pixelz()) as pending:
        assert pending.result() is True


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_a_spec_error_in_the_worker_is_raised_here() -> None:
    with Beside(spec_error, pixelz()) as pending, pytest.raises(SpecError) as caught:
        pending.result()
    assert caught.value.where == SourceLine("specs/x/x.wsdl", 7)
    assert str(caught.value) == "specs/x/x.wsdl:7: pixelz: no sample"


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_a_worker_that_dies_is_replaced_by_this_process() -> None:
    service = pixelz()
    with Beside(dies_in_worker, service) as pending:
        assert pending.in_worker
        assert sorted(pending.result()) == committed(service)


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_a_worker_killed_while_sending_is_replaced_by_this_process() -> None:
    with Beside(big_in_worker, pixelz()) as pending:
        assert pending._process is not None and pending._process.pid is not None
        time.sleep(0.5)  # long enough to have written the first 64 KiB and to wait on the pipe
        os.kill(pending._process.pid, signal.SIGKILL)
        assert pending.result() == [("here", "")]


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_a_worker_out_of_memory_is_replaced_by_this_process() -> None:
    with Beside(out_of_memory_in_worker, pixelz()) as pending:
        assert pending.in_worker
        assert pending.result() == [("here", "")]


@pytest.mark.usefixtures("always")
@forks_from_threads
def test_no_processes_here_means_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("sem_open: function not implemented")

    monkeypatch.setattr("codegen.beside.multiprocessing.get_context", refuse)
    service = pixelz()
    with Beside(emit_cassettes, service) as pending:
        assert not pending.in_worker
        assert sorted(pending.result()) == committed(service)


def test_a_process_with_other_threads_does_not_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codegen.beside, "BESIDE_FROM", 0)
    monkeypatch.setattr("codegen.beside.os.cpu_count", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with Beside(in_worker, pixelz()) as pending:
            assert not pending.in_worker
            assert pending.result() is False
    finally:
        stop.set()
        other.join()


def test_small_services_stay_in_process() -> None:
    with Beside(emit_cassettes, pixelz()) as pending:
        assert not pending.in_worker


def test_root_is_this_repository() -> None:
    assert isinstance(ROOT, Path) and (ROOT / "contracts" / "pixelz").is_dir()
