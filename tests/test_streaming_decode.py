"""Large answers are decoded while parsed (``wirekit.xmlstream``): same values, bounded memory.

Each answer is the documented GetImagesList answer with its ``<ImageStatus>`` records replaced
by thousands of records whose values we choose (ticket, status id and name derived from the
index), so the expected result is known without decoding anything: the oracle is the input,
not another run of the kit. Sizes are above ``STREAM_MIN_BYTES``, so the streaming path runs;
the memory probe runs a whole client call in a fresh process.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import uuid

import httpx
import pytest

import generated.pixelz as pixelz
from tests.hardening_support import ROOT, documented
from wirekit.errors import ResponseFormatError, SoapFault
from wirekit.xmlsafe import STREAM_MIN_BYTES

PROTOCOLS = ["soap11", "soap12", "http_get", "http_post"]
_ITEM = re.compile(rb"<ImageStatus>.*?</ImageStatus>", re.S)
_XSI = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
NIL_AT = 7


def ticket(i: int) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"image-{i}")


def large_answer(protocol: str, minimum: int = STREAM_MIN_BYTES + 1) -> tuple[bytes, int]:
    """The documented answer with n chosen records (one nil, at ``NIL_AT``); (body, n)."""
    body = documented("pixelz", "GetImagesList", protocol).body
    first = _ITEM.search(body)
    assert first is not None
    template = first.group()
    items: list[bytes] = []
    size = i = 0
    while size < minimum:
        if i == NIL_AT:
            item = b"<ImageStatus " + _XSI + b' xsi:nil="true"/>'
        else:
            item = re.sub(
                rb"<ImageTicket>[^<]*", b"<ImageTicket>" + str(ticket(i)).encode(), template
            )
            item = re.sub(rb"<StatusId>[^<]*", f"<StatusId>{i}".encode(), item)
            item = re.sub(rb"<StatusName>[^<]*", f"<StatusName>s{i} &amp; more".encode(), item)
        items.append(item)
        size += len(item)
        i += 1
    start = first.start()
    end = body.rindex(b"</ImageStatus>") + len(b"</ImageStatus>")
    return body[:start] + b"".join(items) + body[end:], i


def client(protocol: str, status: int, body: bytes) -> pixelz.Client:
    answer = documented("pixelz", "GetImagesList", protocol)
    http = httpx.Client(
        transport=httpx.MockTransport(
            lambda r: httpx.Response(status, headers=answer.headers, content=body)
        )
    )
    return pixelz.Client(http_client=http, protocol=protocol)  # type: ignore[arg-type]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_large_answer_has_every_record_in_order(protocol: str) -> None:
    body, n = large_answer(protocol)
    with client(protocol, 200, body) as c:
        result = c.get_images_list()
        assert result is not None
        images = result.images
    assert len(images) == n
    assert images[NIL_AT] is None
    for i, image in enumerate(images):
        if i == NIL_AT:
            continue
        assert image is not None
        assert (image.image_ticket, image.status_id, image.status_name) == (
            ticket(i),
            i,
            f"s{i} & more",
        )
        assert image.final_images_url is None or len(image.final_images_url) == 2


def test_a_bad_record_deep_in_a_large_answer_is_a_format_error_with_the_body() -> None:
    body, n = large_answer("soap11")
    bad = body.replace(f"<StatusId>{n - 3}<".encode(), b"<StatusId>many<", 1)
    with client("soap11", 200, bad) as c, pytest.raises(ResponseFormatError) as caught:
        c.get_images_list()
    assert caught.value.body == bad
    assert caught.value.status == 200


def test_a_large_fault_is_still_a_fault() -> None:
    reason = "x" * (STREAM_MIN_BYTES + 10)
    fault = (
        '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        f"<soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>{reason}"
        "</faultstring></soap:Fault></soap:Body></soap:Envelope>"
    ).encode()
    with client("soap11", 500, fault) as c, pytest.raises(SoapFault):
        c.get_images_list()


_PROBE = textwrap.dedent(
    """
    import resource, sys
    sys.path.insert(0, {root!r})
    import httpx
    import generated.pixelz as pixelz
    from tests.hardening_support import documented
    from tests.test_streaming_decode import large_answer
    protocol = sys.argv[1]
    body, n = large_answer(protocol, 50 * 10**6)  # 50 MB, under the 50 MiB default cap
    headers = documented("pixelz", "GetImagesList", protocol).headers
    chunks = [body[i : i + 65536] for i in range(0, len(body), 65536)]
    # Delivered in 64 KiB chunks, as a socket does: httpx joins them into its own copy.
    transport = httpx.MockTransport(
        lambda r: httpx.Response(200, headers=headers, content=iter(chunks))
    )
    c = pixelz.Client(http_client=httpx.Client(transport=transport), protocol=protocol)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    images = c.get_images_list().images
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert len(images) == n, (len(images), n)
    print(grown * 1024 / len(body))
    """
)


@pytest.mark.parametrize("protocol", ["soap11", "http_get"])
def test_fifty_megabyte_answer_costs_under_three_times_its_size(protocol: str) -> None:
    """Peak RSS growth of a whole call (body received, parsed, decoded) over the body size.

    Before decoding while parsing, the same call grew by ~5.4x (libxml2's tree of every record
    at once, then the objects); now it is the received body, the objects and one record's tree.
    """
    probe = _PROBE.format(root=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", probe, protocol],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert float(out) < 3, out
