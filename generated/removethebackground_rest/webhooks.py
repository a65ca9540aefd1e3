# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""Webhooks of the removethebackground_rest service: typed events, a receiver to mount, a test sender.

Mount the receiver in any ASGI app (``app.mount("/callback", receiver)`` in Starlette or
FastAPI), or call the ``parse_*`` function from any framework with the request's headers and
raw body. Deliveries are verified (HMAC-SHA256 of the raw body, base64, when a secret is
set), parsed from form-encoded or JSON bodies, and deduplicated: the vendor retries, the
handler runs once per delivery. See ``wirekit.webhook`` for the answers the receiver gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import httpx

from wirekit.scalars import decode_uuid as dec_uuid, encode_uuid as enc_uuid
from wirekit.webhook import (
    DeliveryStore,
    HeadersLike,
    WebhookField,
    WebhookReceiver,
    WebhookSpec,
    parse_webhook as _parse,
    send_test_webhook as _send,
    send_test_webhook_async as _send_async,
)

#: Header carrying the base64 HMAC-SHA256 of the raw body of ImageProcessed deliveries.
IMAGE_PROCESSED_SIGNATURE_HEADER = "X-RTB-Customer-HMAC-SHA256"


@dataclass(frozen=True)
class ImageProcessedEvent:
    """Notifies the Image Callback URL that an image has been processed."""

    image_ticket: UUID
    processed_image_url: str
    #: Fields the documentation does not list, by wire name: kept, never rejected.
    extra: dict[str, str] = field(default_factory=dict)


def _build_image_processed(values: dict[str, Any], extra: dict[str, str]) -> ImageProcessedEvent:
    return ImageProcessedEvent(
        image_ticket=values["image_ticket"],
        processed_image_url=values["processed_image_url"],
        extra=extra,
    )


IMAGE_PROCESSED: WebhookSpec[ImageProcessedEvent] = WebhookSpec(
    name="ImageProcessed",
    fields=(
        WebhookField("imageTicket", "image_ticket", True, dec_uuid),
        WebhookField("ProcessedImageURL", "processed_image_url", True, str),
    ),
    build=_build_image_processed,
)


def parse_image_processed(
    headers: HeadersLike,
    body: bytes,
    *,
    secret: str | bytes | None = None,
    signature_header: str = IMAGE_PROCESSED_SIGNATURE_HEADER,
) -> ImageProcessedEvent:
    """The event of one delivery; raises ``SignatureError`` or ``WebhookPayloadError``."""
    return _parse(IMAGE_PROCESSED, headers, body, secret=secret, signature_header=signature_header)


def image_processed_receiver(
    handler: Callable[[ImageProcessedEvent], object],
    *,
    secret: str | bytes | None = None,
    signature_header: str = IMAGE_PROCESSED_SIGNATURE_HEADER,
    store: DeliveryStore | None = None,
    ack_first: bool = True,
    path: str | None = None,
) -> WebhookReceiver[ImageProcessedEvent]:
    """An ASGI app calling ``handler`` once per ImageProcessed delivery."""
    return WebhookReceiver(
        IMAGE_PROCESSED,
        handler,
        secret=secret,
        signature_header=signature_header,
        store=store,
        ack_first=ack_first,
        path=path,
    )


def _image_processed_fields(
    image_ticket: UUID,
    processed_image_url: str,
) -> dict[str, str]:
    fields: dict[str, str] = {}
    fields["imageTicket"] = enc_uuid(image_ticket)
    fields["ProcessedImageURL"] = processed_image_url
    return fields


def send_test_image_processed(
    url: str,
    *,
    image_ticket: UUID,
    processed_image_url: str,
    as_json: bool = False,
    secret: str | bytes | None = None,
    signature_header: str = IMAGE_PROCESSED_SIGNATURE_HEADER,
    http_client: httpx.Client | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """POST a ImageProcessed delivery to ``url``, as the vendor's test form does."""
    fields = _image_processed_fields(image_ticket, processed_image_url)
    return _send(
        url,
        fields,
        as_json=as_json,
        secret=secret,
        signature_header=signature_header,
        http_client=http_client,
        timeout=timeout,
    )


async def send_test_image_processed_async(
    url: str,
    *,
    image_ticket: UUID,
    processed_image_url: str,
    as_json: bool = False,
    secret: str | bytes | None = None,
    signature_header: str = IMAGE_PROCESSED_SIGNATURE_HEADER,
    http_client: httpx.AsyncClient | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """``send_test_image_processed`` for async code."""
    fields = _image_processed_fields(image_ticket, processed_image_url)
    return await _send_async(
        url,
        fields,
        as_json=as_json,
        secret=secret,
        signature_header=signature_header,
        http_client=http_client,
        timeout=timeout,
    )


#: The service has one webhook: the generic names are its.
SIGNATURE_HEADER = IMAGE_PROCESSED_SIGNATURE_HEADER
parse_webhook = parse_image_processed
webhook_receiver = image_processed_receiver
send_test_webhook = send_test_image_processed
send_test_webhook_async = send_test_image_processed_async
