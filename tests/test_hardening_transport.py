"""Every call is held to an overall deadline and a decoded size cap, on a real socket.

httpx's ``timeout`` bounds each socket read, not the call: the dripping server below answers
every read within 0.2 s and would hold a call for 15 s. The gzip bomb is 100 KB on the wire and
100 MB decoded.
"""

from __future__ import annotations

import asyncio
import gzip
import time
import tracemalloc
from collections.abc import Iterator

import httpx
import pytest

import generated.pixelz as pixelz
import generated.pixlab as pixlab
from tests.hardening_support import (
    SECRET_EMAIL,
    SECRET_KEY,
    Answer,
    LoopbackServer,
    documented,
    gzip_bomb,
    loopback,
    timed,
)
from wirekit.deadline_backend import bounded_transport
from wirekit.errors import ResponseFormatError, TimeoutError_
from wirekit.limits import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, Limits

DEADLINE = 1.0
#: A chunk may arrive just before the deadline; the next check is one drip (0.2 s) later.
SLACK = 0.6
MIB = 2**20


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    with loopback() as running:
        yield running


def _sync_call(url: str, **limits: float) -> None:
    with pixelz.Client(url, protocol="http_get", timeout=5.0, **limits) as client:  # type: ignore[arg-type]
        client.get_images_list(contact_email=SECRET_EMAIL, contact_api_key=SECRET_KEY)


def _async_call(url: str, **limits: float) -> None:
    async def run() -> None:
        async with pixelz.AsyncClient(url, protocol="soap12", timeout=5.0, **limits) as client:  # type: ignore[arg-type]
            await client.get_images_list(contact_email=SECRET_EMAIL, contact_api_key=SECRET_KEY)

    asyncio.run(run())


CALLS = {"sync": _sync_call, "async": _async_call}


@pytest.mark.parametrize("mode", CALLS)
@pytest.mark.parametrize("kind", ["drip", "stall"])
def test_deadline_cuts_a_slow_server_off(server: LoopbackServer, mode: str, kind: str) -> None:
    elapsed, err = timed(lambda: CALLS[mode](server.url(kind), deadline=DEADLINE))
    assert isinstance(err, TimeoutError_), err
    assert isinstance(err, TimeoutError)  # the builtin too
    assert f"deadline {DEADLINE} s exceeded" in str(err)
    assert DEADLINE - 0.05 <= elapsed < DEADLINE + SLACK, elapsed
    assert SECRET_KEY not in str(err) and SECRET_EMAIL not in str(err)


@pytest.mark.parametrize("mode", CALLS)
def test_deadline_cuts_off_a_server_dripping_its_headers(server: LoopbackServer, mode: str) -> None:
    """Sync clients the kit creates read through wirekit.deadline_backend: each socket read is
    clamped to the call's remaining time (async calls are bounded by asyncio.timeout)."""
    elapsed, err = timed(lambda: CALLS[mode](server.url("drip-headers"), deadline=DEADLINE))
    assert isinstance(err, TimeoutError_), err
    assert DEADLINE - 0.05 <= elapsed < DEADLINE + SLACK, elapsed


def test_a_user_transport_gets_the_bound_from_bounded_transport(server: LoopbackServer) -> None:
    transport = bounded_transport(httpx.HTTPTransport())
    with (
        httpx.Client(transport=transport) as http,
        pixelz.Client(server.url("drip-headers"), http_client=http, deadline=DEADLINE) as client,
    ):
        elapsed, err = timed(client.get_images_list)
    assert isinstance(err, TimeoutError_), err
    assert elapsed < DEADLINE + SLACK, elapsed


def test_a_per_read_timeout_is_still_named_as_such() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    http = httpx.Client(transport=httpx.MockTransport(slow))
    with pixelz.Client(http_client=http) as client, pytest.raises(TimeoutError_) as info:
        client.get_images_list()
    assert "timed out (ReadTimeout)" in str(info.value)


def test_defaults_are_documented_values() -> None:
    client = pixelz.Client()
    assert client.limits == Limits(DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES)
    assert (DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES) == (60.0, 50 * MIB)
    client.close()
    with pytest.raises(ValueError, match="deadline"):
        pixelz.Client(deadline=0)


@pytest.mark.parametrize("mode", CALLS)
def test_gzip_bomb_is_cut_off_at_the_cap(server: LoopbackServer, mode: str) -> None:
    elapsed, err = timed(lambda: CALLS[mode](server.url("bomb"), max_response_bytes=MIB))
    assert isinstance(err, ResponseFormatError), err
    assert f"answer larger than {MIB} bytes" in str(err)
    assert elapsed < 2.0


def test_content_length_over_the_cap_is_refused_before_reading() -> None:
    read: list[bool] = []

    def body() -> Iterator[bytes]:
        read.append(True)
        yield b"<x/>"

    def huge(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/xml", "Content-Length": str(10 * MIB)}
        return httpx.Response(200, headers=headers, content=body())

    http = httpx.Client(transport=httpx.MockTransport(huge))
    with (
        pixelz.Client(http_client=http, protocol="http_get", max_response_bytes=MIB) as client,
        pytest.raises(ResponseFormatError, match=f"larger than {MIB} bytes .Content-Length"),
    ):
        client.get_images_list()
    assert not read


def _many_images(count: int) -> bytes:
    answer = documented("pixelz", "GetImagesList", "http_get").body
    start, end = answer.index(b"<ImageStatus>"), answer.rindex(b"</ImageStatus>") + 14
    return answer[:start] + answer[start:end] * count + answer[end:]


@pytest.mark.parametrize("mode", CALLS)
def test_large_gzipped_answer_within_the_cap_is_read(server: LoopbackServer, mode: str) -> None:
    body = _many_images(5000)  # ~5 MB
    headers = {"Content-Type": "text/xml; charset=utf-8", "Content-Encoding": "gzip"}
    server.answers["big"] = Answer(200, headers, gzip.compress(body))
    soap = documented("pixelz", "GetImagesList", "soap12")
    start, end = soap.body.index(b"<ImageStatus>"), soap.body.rindex(b"</ImageStatus>") + 14
    server.answers["bigsoap"] = Answer(
        200,
        {**soap.headers, "Content-Encoding": "gzip"},
        gzip.compress(soap.body[:start] + soap.body[start:end] * 5000 + soap.body[end:]),
    )
    if mode == "sync":
        with pixelz.Client(server.url("big"), protocol="http_get", max_response_bytes=8 * MIB) as c:
            result: object = c.get_images_list()
    else:

        async def run() -> object:
            async with pixelz.AsyncClient(server.url("bigsoap"), protocol="soap12") as c:
                return await c.get_images_list()

        result = asyncio.run(run())
    assert len(result.images) == 10000  # type: ignore[attr-defined]


def test_answer_just_over_the_cap_without_content_length_is_refused() -> None:
    def chunked(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"Content-Type": "application/json"},
            content=iter([b"{" * 600, b"}" * 600]),
        )

    http = httpx.Client(transport=httpx.MockTransport(chunked))
    with (
        pixlab.Client(http_client=http, max_response_bytes=1000) as client,
        pytest.raises(ResponseFormatError, match="answer larger than 1000 bytes"),
    ):
        client.oilpaint(img="x")


def test_deadline_covers_a_passed_in_client_too(server: LoopbackServer) -> None:
    http = httpx.Client(timeout=None)
    started = time.monotonic()
    with (
        pixelz.Client(server.url("stall"), http_client=http, deadline=0.5) as client,
        pytest.raises(TimeoutError_, match=r"deadline 0\.5 s exceeded"),
    ):
        client.get_images_list()
    assert time.monotonic() - started < 0.5 + SLACK
    http.close()


@pytest.mark.parametrize("mode", CALLS)
def test_gzip_bomb_in_one_raw_piece_never_inflates_whole(mode: str) -> None:
    """httpx inflates each raw piece in one go; sliced first, the bomb's 100 MB never exist.

    Measured with tracemalloc (zlib's output is Python bytes): the peak stays near the cap plus
    one slice's inflation (~8 MB), not the 100 MB the bomb decodes to.
    """
    headers = {"Content-Type": "text/xml", "Content-Encoding": "gzip"}

    def bomb(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(gzip_bomb()))

    gzip_bomb()
    tracemalloc.start()
    try:
        if mode == "sync":
            http = httpx.Client(transport=httpx.MockTransport(bomb))
            with pixelz.Client(http_client=http, max_response_bytes=MIB) as c:
                _, err = timed(c.get_images_list)
        else:

            async def run() -> None:
                http = httpx.AsyncClient(transport=httpx.MockTransport(bomb))
                async with pixelz.AsyncClient(http_client=http, max_response_bytes=MIB) as c:
                    await c.get_images_list()

            _, err = timed(lambda: asyncio.run(run()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(err, ResponseFormatError), err
    assert peak < 24 * MIB, peak
