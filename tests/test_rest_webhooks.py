"""The generated webhook receiver and parser of removethebackground_rest."""

from __future__ import annotations

import asyncio
import importlib
import json
import uuid
from typing import Any

import pytest

from wirekit.errors import SignatureError

_TICKET = "33979dfe-5ea7-44ea-b3dd-7fde33bc37e9"


def _asgi_post(app: Any, body: bytes, headers: list[tuple[bytes, bytes]]) -> int:
    sent: list[dict[str, Any]] = []

    async def run() -> None:
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, Any]:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/cb", "headers": headers}
        await app(scope, receive, send)

    asyncio.run(run())
    return int(next(m["status"] for m in sent if m["type"] == "http.response.start"))


def test_generated_receiver_verifies_signature_and_suppresses_duplicates() -> None:
    webhooks = importlib.import_module("generated.removethebackground_rest.webhooks")
    from wirekit.webhook import sign_body

    seen: list[Any] = []
    app = webhooks.webhook_receiver(seen.append, secret="s3cret")
    body = f"imageTicket={_TICKET}&ProcessedImageURL=http%3A%2F%2Fx%2Fy".encode()
    signature = sign_body(body, "s3cret").encode()
    form = (b"content-type", b"application/x-www-form-urlencoded")
    header = webhooks.SIGNATURE_HEADER.lower().encode()
    assert _asgi_post(app, body, [form, (header, b"bad")]) == 401
    assert _asgi_post(app, body, [form, (header, signature)]) == 200
    assert _asgi_post(app, body, [form, (header, signature)]) == 200  # the vendor's retry
    assert len(seen) == 1
    assert str(seen[0].image_ticket) == _TICKET
    assert seen[0].processed_image_url == "http://x/y"
    with pytest.raises(SignatureError):
        webhooks.parse_webhook(
            {"Content-Type": "application/x-www-form-urlencoded"}, body, secret="s3cret"
        )


def test_webhook_json_and_form_deliveries_are_the_same_event() -> None:
    webhooks = importlib.import_module("generated.removethebackground_rest.webhooks")
    form = webhooks.parse_webhook(
        {"Content-Type": "application/x-www-form-urlencoded"},
        f"imageTicket={_TICKET}&ProcessedImageURL=u".encode(),
    )
    data = webhooks.parse_webhook(
        {"Content-Type": "application/json"},
        json.dumps({"ImageTicket": _TICKET, "processedImageUrl": "u", "Extra": 1}).encode(),
    )
    assert (form.image_ticket, form.processed_image_url) == (
        data.image_ticket,
        data.processed_image_url,
    )
    # Not only equal to each other: equal to what was delivered.
    assert (form.image_ticket, form.processed_image_url) == (uuid.UUID(_TICKET), "u")
    assert data.extra == {"Extra": "1"}
