"""A whole GetImagesList call, request to typed result, over an in-memory HTTP exchange.

Every contender talks to a transport that answers with the same documented SOAP 1.1 bytes for
N images, so what is timed is everything a caller waits for except the network: building the
request, the HTTP client's own machinery, and parsing the answer.

* ``httpx+lxml`` (the floor): the envelope written by hand (an f-string), ``httpx.Client.post``
  over ``httpx.MockTransport``, the answer walked by lxml into the generated dataclasses;
* ``generated``: ``generated.pixelz.Client(http_client=httpx.Client(transport=mock))``;
* ``zeep``: ``zeep.Client`` whose ``requests.Session`` has an adapter returning the same bytes
  (async: ``zeep.AsyncClient`` over ``AsyncTransport`` with the same ``MockTransport``).

The async variants run ``number`` awaits inside one ``run_until_complete``, timed inside the
coroutine, so the event loop's start-up is not charged per call.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from time import perf_counter
from typing import Any

import httpx
import requests
import zeep
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from zeep.transports import AsyncTransport, Transport

from bench.contender import Contender
from bench.measure import Timer
from bench.parsers import typed_floor_parse, verify_typed, verify_zeep
from bench.payload import ADDRESS, REQUEST_ARGS, WSDL
from bench.serialisers import floor_request
from generated.pixelz import AsyncClient, Client

_CONTENT_TYPE = "text/xml; charset=utf-8"
_SOAP_ACTION = '"http://removethebackground.com/GetImagesList"'
_SOAP_HEADERS = {"Content-Type": _CONTENT_TYPE, "SOAPAction": _SOAP_ACTION}
_KWARGS = {key: value for key, (_, value) in REQUEST_ARGS.items()}
_PAIRS = list(REQUEST_ARGS.values())
_WIRE_KWARGS = dict(_PAIRS)


def _mock(body: bytes) -> httpx.MockTransport:
    """The service: whatever was asked, the documented answer for N images."""
    return httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"Content-Type": _CONTENT_TYPE}, content=body)
    )


class _CannedAdapter(BaseAdapter):
    """A ``requests`` transport adapter answering every request with the same bytes."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        response = requests.Response()
        response.status_code = 200
        response._content = self.body
        response.headers = CaseInsensitiveDict({"Content-Type": _CONTENT_TYPE})
        response.encoding = "utf-8"
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


@functools.cache
def event_loop() -> asyncio.AbstractEventLoop:
    return asyncio.new_event_loop()


def _await(call: Callable[[], Awaitable[Any]]) -> Any:
    async def once() -> Any:
        return await call()

    return event_loop().run_until_complete(once())


def _async_timer(call: Callable[[], Awaitable[Any]]) -> Timer:
    async def many(number: int) -> float:
        start = perf_counter()
        for _ in range(number):
            await call()
        return perf_counter() - start

    return lambda number: event_loop().run_until_complete(many(number))


# --- sync -------------------------------------------------------------------------------------


def _raw_sync(http: httpx.Client) -> Any:
    response = http.post(ADDRESS, content=floor_request(_PAIRS), headers=_SOAP_HEADERS)
    response.raise_for_status()
    return typed_floor_parse(response.content)


def _zeep_sync(body: bytes) -> Any:
    session = requests.Session()
    session.mount("https://", _CannedAdapter(body))
    client = zeep.Client(str(WSDL), transport=Transport(session=session))
    return client.bind("Service", "ServiceSoap")


def sync_contenders() -> list[Contender]:
    """The sync round trips, floor first; their input is the response body."""
    return [
        Contender(
            "httpx+lxml",
            "f-string envelope, httpx.Client(transport=mock).post, lxml into the dataclasses",
            lambda body: httpx.Client(transport=_mock(body)),
            _raw_sync,
            verify_typed("httpx+lxml"),
        ),
        Contender(
            "generated",
            "Client(http_client=httpx.Client(transport=mock)).get_images_list(**kwargs)",
            lambda body: Client(http_client=httpx.Client(transport=_mock(body))),
            lambda client: client.get_images_list(**_KWARGS),
            verify_typed("generated"),
        ),
        Contender(
            "zeep",
            "zeep.Client(wsdl, Transport(session with canned adapter)).GetImagesList(**kwargs)",
            _zeep_sync,
            lambda service: service.GetImagesList(**_WIRE_KWARGS),
            verify_zeep,
        ),
    ]


# --- async ------------------------------------------------------------------------------------


async def _raw_async(http: httpx.AsyncClient) -> Any:
    response = await http.post(ADDRESS, content=floor_request(_PAIRS), headers=_SOAP_HEADERS)
    response.raise_for_status()
    return typed_floor_parse(response.content)


def _zeep_async(body: bytes) -> Any:
    transport = AsyncTransport(client=httpx.AsyncClient(transport=_mock(body)))
    client = zeep.AsyncClient(str(WSDL), transport=transport)
    return client.bind("Service", "ServiceSoap")


def _async_contender(key: str, label: str, prepare: Callable[[bytes], Any], call: Any) -> Any:
    """``call(prepared)`` is a coroutine; ``run`` awaits one, the timer ``number`` in a row."""
    return Contender(
        key,
        label,
        prepare,
        lambda arg: _await(lambda: call(arg)),
        verify_zeep if key == "zeep" else verify_typed(key),
        timer=lambda arg: _async_timer(lambda: call(arg)),
    )


def async_contenders() -> list[Contender]:
    """The async round trips, floor first; their input is the response body."""
    return [
        _async_contender(
            "httpx+lxml",
            "f-string envelope, await httpx.AsyncClient(transport=mock).post, lxml",
            lambda body: httpx.AsyncClient(transport=_mock(body)),
            _raw_async,
        ),
        _async_contender(
            "generated",
            "await AsyncClient(http_client=httpx.AsyncClient(transport=mock)).get_images_list",
            lambda body: AsyncClient(http_client=httpx.AsyncClient(transport=_mock(body))),
            lambda client: client.get_images_list(**_KWARGS),
        ),
        _async_contender(
            "zeep",
            "await zeep.AsyncClient(wsdl, AsyncTransport(httpx mock)).GetImagesList(**kwargs)",
            _zeep_async,
            lambda service: service.GetImagesList(**_WIRE_KWARGS),
        ),
    ]
