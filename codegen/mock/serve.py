"""Run the mock app on a real ASGI server (uvicorn) on 127.0.0.1: in the foreground for the
``polybind mock`` command, or in a background thread for tests (``running()``)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from .app import MockApp
from .services import load_services


def mock_app(root: Path, specs: list[Path], *, webhook_secret: str = "mock-secret") -> MockApp:
    return MockApp(load_services(root, specs), webhook_secret=webhook_secret)


def serve(app: MockApp, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted."""
    # uvicorn's access log prints whole URLs, API keys in query strings included: the app
    # logs each request itself instead, scrubbed (``MockApp.log``).
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on", access_log=False)


@contextmanager
def running(app: MockApp, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``app`` in a thread; yields its base URL (``http://127.0.0.1:PORT``)."""
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", lifespan="on", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="polybind-mock")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the mock server did not start")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
