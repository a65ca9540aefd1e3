"""pytest plugin (entry point ``pytest11: polybind``): contract-backed clients in your own tests.

::

    from app.vendors.pixelz import Client

    def test_images(contract_client):
        pixelz = contract_client(Client, protocol="soap12")
        page = pixelz.get_images_list(contact_email="…", …)   # answered from contracts/pixelz/

Record modes speak vcrpy's and pytest-recording's vocabulary (``--record-mode``):

* ``none`` (default) — answered from the contracts; a request that departs from its contract
  fails the test with a canonical diff; nothing touches the network;
* ``once`` — a recording under ``--recordings`` (default ``recordings/``) answers if there is
  one; else the live service is called and the exchange recorded;
* ``new_episodes`` — as ``once``, but a request that differs from its recording is sent live
  and recorded anew;
* ``all`` — every request goes to the live service and is recorded.

Recordings are scrubbed (``wirekit.scrub``) and never overwrite the contracts. Options:
``--contracts DIR`` (or ini ``polybind_contracts``), ``--recordings DIR``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from wirekit.testing.contracts import load_contracts, read_contract
from wirekit.testing.matching import check, departures
from wirekit.testing.record import recording_path, write_recording
from wirekit.testing.transport import documented_response, find_contract

MODES = ("none", "once", "new_episodes", "all")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("polybind", "contract-backed clients (polybind)")
    group.addoption(
        "--contracts", dest="polybind_contracts", metavar="DIR", help="contracts folder"
    )
    group.addoption(
        "--recordings",
        dest="polybind_recordings",
        default="recordings",
        metavar="DIR",
        help="recordings folder for --record-mode once/new_episodes/all",
    )
    # pytest-recording, when installed, owns the option already: then it is shared.
    with contextlib.suppress(ValueError):
        group.addoption("--record-mode", dest="record_mode", choices=MODES, default=None)
    parser.addini(
        "polybind_contracts", "contracts folder (default: contracts)", default="contracts"
    )


class RecordingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Contracts, recordings or the live service, as the record mode says (module docstring)."""

    def __init__(
        self,
        service: str,
        contracts: Path,
        recordings: Path,
        mode: str,
        base_url: str | None = None,
    ) -> None:
        self.contracts = load_contracts(service, contracts)
        self.base_path = urlsplit(base_url).path if base_url else None
        self.recordings = recordings
        self.mode = mode
        self.live = httpx.HTTPTransport()
        self.live_async = httpx.AsyncHTTPTransport()

    def _replay(self, request: httpx.Request) -> tuple[httpx.Response | None, Any]:
        contract = find_contract(self.contracts, request, self.base_path)
        if self.mode == "none":
            check(request, contract)
            return documented_response(contract, request), contract
        path = recording_path(self.recordings, contract)
        if self.mode == "all" or not path.is_file():
            return None, contract
        recorded = read_contract(path)
        if self.mode == "new_episodes" and departures(request, recorded):
            return None, contract
        return documented_response(recorded, request), contract

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        response, contract = self._replay(request)
        if response is None:
            response = self.live.handle_request(request)
            response.read()
            write_recording(self.recordings, contract, request, response)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        response, contract = self._replay(request)
        if response is None:
            response = await self.live_async.handle_async_request(request)
            await response.aread()
            write_recording(self.recordings, contract, request, response)
        return response


def _service_of(client_class: type) -> str:
    """``app.vendors.pixelz.client.Client`` → ``pixelz``."""
    parts = client_class.__module__.split(".")
    return parts[-2] if parts[-1] == "client" and len(parts) > 1 else parts[-1]


@pytest.fixture
def contract_client(request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """``contract_client(ClientClass, protocol=None, service=None, base_url=None)``: a client
    of that class whose every call is answered per the record mode; ``base_url`` is where the
    live service is for the recording modes (default: the documented address)."""
    config = request.config
    contracts = Path(config.getoption("polybind_contracts") or config.getini("polybind_contracts"))
    recordings = Path(config.getoption("polybind_recordings"))
    mode = config.getoption("record_mode", None) or "none"
    made: list[Any] = []

    def make(
        client_class: type,
        protocol: str | None = None,
        service: str | None = None,
        base_url: str | None = None,
    ) -> Any:
        name = service or _service_of(client_class)
        transport = RecordingTransport(name, contracts, recordings, mode, base_url)
        is_async = "Async" in client_class.__name__
        http: httpx.Client | httpx.AsyncClient = (
            httpx.AsyncClient(transport=transport)
            if is_async
            else httpx.Client(transport=transport)
        )
        client = client_class(base_url, protocol=protocol, http_client=http)
        made.append(http)
        return client

    yield make
    for http in made:
        if isinstance(http, httpx.Client):
            http.close()


__all__ = ["MODES", "RecordingTransport", "contract_client"]
