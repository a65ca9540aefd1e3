"""Receiving vendor webhooks: verify, parse, deduplicate, acknowledge, then hand over.

The clients in this kit call the vendor; a webhook is the vendor calling us, so the roles of
``binding.py`` are reversed and so are its worries. The vendor retries (Remove The Background:
"will try to deliver the image 3 times with different time intervals" until it gets a 200), so
the same delivery arrives more than once and the user's handler must still run once; anyone can
POST to a public URL, so when a shared secret is configured the HMAC of the *raw* body is checked
before a byte of it is interpreted; and vendors' pages are loose about field casing and body
encoding, so names match case-insensitively and form, JSON and multipart bodies are all read.

A generated module describes one webhook as a ``WebhookSpec`` (documented fields, their decoders
and how to build the typed event); this package supplies everything else:

* ``parse_webhook(spec, headers, body)`` — framework-agnostic: raw request in, typed event out;
* ``WebhookReceiver(spec, handler)`` — a plain ASGI 3 app (also ``.handle()`` for WSGI/Flask);
* ``InMemoryDeliveryStore`` — the default idempotency store; ``SqliteDeliveryStore`` (or
  ``store="path.db"``) one that survives restarts; ``DeliveryStore`` for your own;
* ``send_test_webhook(url, fields)`` — the vendor page's test form, to exercise a receiver.

Nothing here imports a web framework: the receiver speaks ASGI directly.

The package is split along the same seams the runtime has — ``spec`` (what generated code
declares), ``signature`` (the security boundary), ``body`` (bytes to name/value pairs),
``parse`` (pairs to a typed event and its idempotency key), ``store`` (remembering
deliveries), ``asgi`` and ``receiver`` (answering the vendor), ``sender`` (the test form) — so
each can be reviewed on its own; everything public is re-exported here, and
``from wirekit.webhook import ...`` is the supported way to use it.
"""

from __future__ import annotations

from wirekit.errors import SignatureError, WebhookError, WebhookPayloadError
from wirekit.webhook.asgi import Message, Receive, Scope, Send, WebhookResponse
from wirekit.webhook.body import body_pairs
from wirekit.webhook.parse import (
    HeadersLike,
    delivery_key,
    header_lists,
    parse_webhook,
)
from wirekit.webhook.receiver import WebhookReceiver, log
from wirekit.webhook.sender import send_test_webhook, send_test_webhook_async
from wirekit.webhook.signature import DEFAULT_SIGNATURE_HEADER, sign_body, verify_signature
from wirekit.webhook.spec import E, WebhookField, WebhookSpec
from wirekit.webhook.store import (
    DEFAULT_WINDOW_SECONDS,
    DeliveryStore,
    InMemoryDeliveryStore,
    SqliteDeliveryStore,
)

__all__ = [
    "DEFAULT_SIGNATURE_HEADER",
    "DEFAULT_WINDOW_SECONDS",
    "DeliveryStore",
    "E",
    "HeadersLike",
    "InMemoryDeliveryStore",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "SignatureError",
    "SqliteDeliveryStore",
    "WebhookError",
    "WebhookField",
    "WebhookPayloadError",
    "WebhookReceiver",
    "WebhookResponse",
    "WebhookSpec",
    "body_pairs",
    "delivery_key",
    "header_lists",
    "log",
    "parse_webhook",
    "send_test_webhook",
    "send_test_webhook_async",
    "sign_body",
    "verify_signature",
]
