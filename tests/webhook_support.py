"""Shared fixtures of the webhook runtime tests: one documented webhook (Remove The Background's
ImageProcessed), ready-made bodies and signatures, an ASGI driver that records the answer, a
recording handler and a settable clock."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from wirekit.scalars import decode_uuid
from wirekit.webhook import (
    DEFAULT_SIGNATURE_HEADER,
    WebhookField,
    WebhookReceiver,
    WebhookSpec,
    sign_body,
)

SECRET = "s3cr3t-shared"
TICKET = "6f1c2b9e-4a3d-4c59-9b7e-0123456789ab"
URL = "https://cdn.example.com/processed/6f1c2b9e.png"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class ImageProcessed:
    image_ticket: UUID
    processed_image_url: str
    extra: dict[str, str]


def build_event(fields: dict[str, Any], extra: dict[str, str]) -> ImageProcessed:
    return ImageProcessed(fields["image_ticket"], fields["processed_image_url"], extra)


SPEC = WebhookSpec(
    name="ImageProcessed",
    fields=(
        WebhookField("imageTicket", "image_ticket", True, decode_uuid),
        WebhookField("ProcessedImageURL", "processed_image_url", True, str),
    ),
    build=build_event,
)
EVENT = ImageProcessed(UUID(TICKET), URL, {})


def form(**fields: str) -> bytes:
    return urlencode(fields).encode("ascii")


FORM_BODY = form(imageTicket=TICKET, ProcessedImageURL=URL)


def signed(
    body: bytes, secret: str = SECRET, header: str = DEFAULT_SIGNATURE_HEADER
) -> dict[str, str]:
    return {"Content-Type": FORM, header: sign_body(body, secret)}


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


async def call(
    app: WebhookReceiver[Any],
    body: bytes = FORM_BODY,
    *,
    method: str = "POST",
    path: str = "/hook",
    headers: dict[str, str] | list[tuple[bytes, bytes]] | None = None,
    chunk: int | None = None,
    log: list[str] | None = None,
) -> Answer:
    hdrs = {"Content-Type": FORM} if headers is None else headers
    if isinstance(hdrs, dict):  # a list is sent exactly as given: repeats, odd bytes and all
        hdrs = [(k.lower().encode(), v.encode()) for k, v in hdrs.items()]
    parts = [body[i : i + chunk] for i in range(0, len(body), chunk)] if chunk else [body]
    messages: list[dict[str, Any]] = [
        {"type": "http.request", "body": p, "more_body": i < len(parts) - 1}
        for i, p in enumerate(parts)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(dict(message))
        if log is not None:
            log.append(message["type"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "path": path,
        "headers": hdrs,
    }
    await app(scope, receive, send)
    start, body_msg = sent
    assert start["type"] == "http.response.start" and body_msg["type"] == "http.response.body"
    headers_out = {k.decode(): v.decode() for k, v in start["headers"]}
    assert int(headers_out["content-length"]) == len(body_msg["body"])
    return Answer(start["status"], headers_out, body_msg["body"])


class Recorder:
    def __init__(self, fail_times: int = 0) -> None:
        self.events: list[ImageProcessed] = []
        self.calls = 0
        self.fail_times = fail_times
        self.threads: list[int] = []

    def __call__(self, event: ImageProcessed) -> None:
        self.calls += 1
        self.threads.append(threading.get_ident())
        if self.calls <= self.fail_times:
            raise RuntimeError(f"downstream unavailable: {event.processed_image_url}")
        self.events.append(event)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
