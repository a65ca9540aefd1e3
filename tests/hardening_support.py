"""Shared by tests/test_hardening_*.py: a real HTTP server on 127.0.0.1 that misbehaves on
purpose (drips, stalls, sends a gzip bomb), the documented answers, and one call per binding.

A loopback server and not ``httpx.MockTransport`` where timing or decoding is the point: only a
real socket shows whether httpx's per-read timeout, httpcore's reads and the gzip decoder are
really held to the deadline and the size cap.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9"
SECRET_EMAIL = "john@removethebackground.com"
#: The decoded size of the gzip bomb; the compressed body is about 100 KB.
BOMB_SIZE = 100 * 2**20


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def documented(service: str, operation: str, protocol: str) -> Answer:
    """``interactions[0].response`` of the contract for one operation and protocol."""
    path = ROOT / "contracts" / service / f"{operation}.{protocol}.yaml"
    response = yaml.safe_load(path.read_text())["interactions"][0]["response"]
    headers = {k: v[0] if isinstance(v, list) else v for k, v in response["headers"].items()}
    return Answer(response["status"]["code"], headers, response["body"]["string"].encode())


_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    if not _BOMB:
        _BOMB.append(gzip.compress(b" " * BOMB_SIZE, compresslevel=9))
    return _BOMB[0]


class _Handler(BaseHTTPRequestHandler):
    """Behaviour by first path segment: ``drip``, ``stall``, ``bomb``, or a named answer."""

    server: LoopbackServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the log test captures all records, and these are not the kit's."""

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def _answer(self) -> None:
        self.server.paths.append(self.path)
        kind = self.path.strip("/").split("/")[0].split("?")[0]
        try:
            if kind == "stall":
                time.sleep(10)
                self.close_connection = True  # a broken client then fails instead of hanging
            elif kind == "drip":
                self._drip()
            elif kind == "drip-headers":
                self._drip_headers()
            elif kind == "bomb":
                self._send(
                    Answer(
                        200, {"Content-Type": "text/xml", "Content-Encoding": "gzip"}, gzip_bomb()
                    )
                )
            else:
                self._send(self.server.answers[kind])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def _drip(self) -> None:
        """One byte every 0.2 s: each read is quick, so no per-read timeout ever fires."""
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.flush()
        for _ in range(50):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.2)
        self.close_connection = True

    def _drip_headers(self) -> None:
        """The status line and headers one byte every 0.2 s: the call never gets a response
        object, so only the socket reads can be held to the deadline."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n" + b"X-Slow: " + b"a" * 60
        for byte in head:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.2)
        self.close_connection = True


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answers: dict[str, Answer] = {}
        self.paths: list[str] = []

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: clients cut off mid-answer reset the connection, which is the point."""

    def url(self, kind: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{kind}"


@contextmanager
def loopback() -> Iterator[LoopbackServer]:
    server = LoopbackServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def timed(call: Callable[[], object]) -> tuple[float, BaseException | None]:
    """Seconds ``call`` took and what it raised (``None`` if it returned)."""
    start = time.monotonic()
    try:
        call()
    except BaseException as err:
        return time.monotonic() - start, err
    return time.monotonic() - start, None
