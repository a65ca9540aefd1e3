"""A hostile corpus: seeded random mutations of every documented answer, for every binding kind,
sync and async. Whatever comes back, the caller sees a typed result or a ``BindingError``
whose message is bounded and carries none of the secrets the request sent.

Mutations are seeded (``random.Random(f"{kind}/{mode}/{n}")``), so a failure names the sample
that reproduces it. Each kind gets ``SAMPLES`` answers per mode.
"""

from __future__ import annotations

import asyncio
import gzip
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

import generated.pixelz as pixelz
import generated.pixlab as pixlab
import generated.removethebackground_rest as rtb
from tests.hardening_support import SECRET_EMAIL, SECRET_KEY, Answer, documented
from wirekit.errors import BindingError
from wirekit.limits import MAX_MESSAGE_CHARS

SAMPLES = 300
TICKET = "33979dfe-5ea7-44ea-b3dd-7fde33bc37e9"
ID: dict[str, object] = {"contact_email": SECRET_EMAIL, "contact_api_key": SECRET_KEY}


@dataclass(frozen=True)
class Kind:
    package: Any
    protocol: str | None
    #: (documented answer, method name, keyword arguments) per operation.
    calls: tuple[tuple[Answer, str, dict[str, object]], ...]


def _asmx(protocol: str) -> Kind:
    return Kind(
        pixelz,
        protocol,
        (
            (documented("pixelz", "GetImagesList", protocol), "get_images_list", ID),
            (
                documented("pixelz", "DeleteImageFromQueue", protocol),
                "delete_image_from_queue",
                {**ID, "image_ticket": TICKET},
            ),
        ),
    )


def _kinds() -> dict[str, Kind]:
    svc = "removethebackground_rest"
    kinds = {p: _asmx(p) for p in ("soap11", "soap12", "http_get", "http_post")}
    kinds["rest_xml"] = Kind(
        rtb,
        None,
        (
            (
                documented(svc, "GetImageStatus", "rest"),
                "get_image_status",
                {**ID, "image_ticket": TICKET},
            ),
            (documented(svc, "GetTemplates", "rest"), "get_templates", ID),
            (
                documented(svc, "AddImage", "rest"),
                "add_image",
                {**ID, "image_url": "http://x/y.jpg"},
            ),
        ),
    )
    kinds["rest_json"] = Kind(
        pixlab,
        None,
        (
            (documented("pixlab", "oilpaint", "rest"), "oilpaint", {"img": "i", "key": SECRET_KEY}),
            (documented("pixlab", "delete", "rest"), "delete", {"link": "l", "key": SECRET_KEY}),
        ),
    )
    return kinds


KINDS = _kinds()

# --- mutations --------------------------------------------------------------------------------

_JUNK = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"]]>",
    b"<!--",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b'"',
    b"{",
    b"[",
    b"}",
    b"]",
    b",",
    b"<x:y>",
    b"</",
    b"<a xmlns:x='u'/>",
    b"xsi:nil='true'",
    b"true",
    b"-1",
    b"1e999",
    b"null",
    b"NaN",
    b"\\u0000",
    b"\\ud800",
    b"<![CDATA[",
    b"<?pi x?>",
]
_SECRETS = [
    f"<contactAPIkey>{SECRET_KEY}</contactAPIkey>".encode(),
    f"key={SECRET_KEY}".encode(),
    f'"apiKey": "{SECRET_KEY}"'.encode(),
    f"mail {SECRET_EMAIL} here".encode(),
    f"invalid key {SECRET_KEY}".encode(),
]
_CTYPES = [
    "text/xml; charset=utf-8",
    "application/soap+xml",
    "application/xml",
    "application/json",
    "text/html",
    "text/plain",
    "",
    "application/problem+json",
    "text/xml; charset=utf-16",
]


def _at(rng: random.Random, body: bytes) -> int:
    return rng.randrange(len(body) + 1)


def _truncate(rng: random.Random, body: bytes) -> bytes:
    return body[: _at(rng, body)]


def _flip(rng: random.Random, body: bytes) -> bytes:
    data = bytearray(body)
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _insert(rng: random.Random, body: bytes) -> bytes:
    at = _at(rng, body)
    return body[:at] + rng.choice(_JUNK + _SECRETS) + body[at:]


def _duplicate(rng: random.Random, body: bytes) -> bytes:
    start = _at(rng, body)
    end = min(len(body), start + rng.randint(1, 200))
    return body[:end] + body[start:end] * rng.randint(1, 3) + body[end:]


def _retext(rng: random.Random, body: bytes) -> bytes:
    """Replace one element's text or one JSON value: wrong types, blanks, secrets, huge."""
    values = [b"", b" ", b"x", b"-5", b"99999999999999999999", b"true", b"1.5", SECRET_KEY.encode()]
    value = rng.choice([*values, b"y" * 300_000]) if rng.random() < 0.05 else rng.choice(values)
    marks = [i for i, c in enumerate(body) if c in b">:"]
    if not marks:
        return body
    at = rng.choice(marks) + 1
    end = next((i for i in range(at, len(body)) if body[i] in b"<,}"), len(body))
    quoted = b'"' + value + b'"' if body[at - 1 : at] == b":" and rng.random() < 0.5 else value
    return body[:at] + quoted + body[end:]


def _nest(rng: random.Random, body: bytes) -> bytes:
    depth = rng.choice([300, 1000, 5000])
    at = _at(rng, body)
    blob = b"<a>" * depth + b"</a>" * depth if rng.random() < 0.5 else b"[" * depth + b"]" * depth
    return body[:at] + blob + body[at:]


def _doctype(rng: random.Random, body: bytes) -> bytes:
    dtd = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y "&x;&x;">]>'
    return dtd + body.replace(b">", b">&y;", 1) if rng.random() < 0.5 else dtd + body


def _bloat(rng: random.Random, body: bytes) -> bytes:
    """A 300 KB run (a stack trace, an echoed upload) with a secret inside it."""
    at = _at(rng, body)
    return body[:at] + b"z " * 150_000 + rng.choice(_SECRETS) + body[at:]


MUTATIONS = [_truncate, _flip, _insert, _duplicate, _retext, _retext, _nest, _doctype, _bloat]


def mutate(rng: random.Random, answer: Answer) -> Answer:
    body = answer.body
    for mutation in rng.choices(MUTATIONS, k=rng.randint(1, 3)):
        body = mutation(rng, body)
    headers = dict(answer.headers)
    if rng.random() < 0.25:
        headers["Content-Type"] = rng.choice(_CTYPES)
    if rng.random() < 0.05:
        headers["Content-Encoding"] = "gzip"
        body = gzip.compress(body) if rng.random() < 0.5 else body
    status = rng.choice([200] * 6 + [201, 204, 301, 400, 401, 404, 500, 502, 503])
    return Answer(status, headers, body)


def _serve(current: list[Answer]) -> httpx.MockTransport:
    """Streamed, so a (possibly bogus) Content-Encoding is decoded by the client, not here."""
    return httpx.MockTransport(
        lambda r: httpx.Response(
            current[0].status, headers=current[0].headers, stream=httpx.ByteStream(current[0].body)
        )
    )


# --- the run ----------------------------------------------------------------------------------


def _check(kind: str, n: int, err: BaseException, failures: list[str]) -> None:
    if not isinstance(err, BindingError):
        failures.append(f"{kind}#{n}: {type(err).__name__}: {str(err)[:200]}")
        return
    message = str(err)
    if len(message) > MAX_MESSAGE_CHARS:
        failures.append(f"{kind}#{n}: message of {len(message)} characters")
    for secret in (SECRET_KEY, SECRET_EMAIL):
        if secret in message:
            failures.append(f"{kind}#{n}: secret in message: {message[:300]}")


def _samples(kind: str, mode: str) -> list[tuple[int, str, dict[str, object], Answer]]:
    spec = KINDS[kind]
    out = []
    for n in range(SAMPLES):
        rng = random.Random(f"{kind}/{mode}/{n}")
        answer, method, args = spec.calls[n % len(spec.calls)]
        out.append((n, method, args, mutate(rng, answer)))
    return out


def _client_args(kind: str) -> dict[str, Any]:
    protocol = KINDS[kind].protocol
    return {"protocol": protocol} if protocol else {}


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_corpus_sync(kind: str) -> None:
    current: list[Answer] = []
    http = httpx.Client(transport=_serve(current))
    failures: list[str] = []
    raised: set[str] = set()
    with KINDS[kind].package.Client(http_client=http, **_client_args(kind)) as c:
        for n, method, args, response in _samples(kind, "sync"):
            current[:] = [response]
            try:
                getattr(c, method)(**args)
            except Exception as err:
                raised.add(type(err).__name__)
                _check(kind, n, err, failures)
    assert not failures, "\n".join(failures[:20])
    assert {"ResponseFormatError", "HttpStatusError", "TransportError"} <= raised, raised


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_corpus_async(kind: str) -> None:
    current: list[Answer] = []
    failures: list[str] = []

    async def run() -> None:
        http = httpx.AsyncClient(transport=_serve(current))
        client = KINDS[kind].package.AsyncClient(http_client=http, **_client_args(kind))
        async with client as c:
            for n, method, args, response in _samples(kind, "async"):
                current[:] = [response]
                call: Callable[..., Awaitable[object]] = getattr(c, method)
                try:
                    await call(**args)
                except Exception as err:
                    _check(kind, n, err, failures)

    asyncio.run(run())
    assert not failures, "\n".join(failures[:20])


def test_the_corpus_is_hostile_enough() -> None:
    """Most samples must fail, and in several different ways: a corpus of valid answers would
    prove nothing."""
    kinds: dict[str, int] = {}
    for kind in KINDS:
        for _, _, _, response in _samples(kind, "sync"):
            body = response.body
            kinds["secret"] = kinds.get("secret", 0) + (SECRET_KEY.encode() in body)
            kinds["huge"] = kinds.get("huge", 0) + (len(body) > 100_000)
            kinds["deep"] = kinds.get("deep", 0) + (b"[" * 300 in body or b"<a>" * 300 in body)
    assert all(count >= 20 for count in kinds.values()), kinds
