"""The vendor page's test form, as code: POST a delivery to a receiver and see what it answers.

Kept apart because it is the only part of the webhook runtime that makes outgoing requests, and
so the only one that needs httpx and ``wirekit.transport``'s error mapping.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from urllib.parse import urlencode

import httpx

from wirekit.transport import HTTPX_ERRORS, map_transport_error, shared_ssl_context
from wirekit.webhook.body import FORM
from wirekit.webhook.signature import DEFAULT_SIGNATURE_HEADER, sign_body


def _test_request(
    url: str,
    fields: Mapping[str, str],
    as_json: bool,
    secret: str | bytes | None,
    signature_header: str,
) -> httpx.Request:
    if as_json:
        body = json.dumps(dict(fields), ensure_ascii=False).encode("utf-8")
        content_type = "application/json; charset=utf-8"
    else:
        body = urlencode(list(fields.items())).encode("ascii")
        content_type = FORM
    headers = {"Content-Type": content_type}
    if secret is not None:
        # Signed over exactly these bytes, which are exactly the bytes sent (content=, not data=).
        headers[signature_header] = sign_body(body, secret)
    return httpx.Request("POST", url, headers=headers, content=body)


@contextmanager
def _transport_errors() -> Iterator[None]:
    """httpx's exceptions as the kit's ``TransportError`` / ``TimeoutError_``."""
    try:
        yield
    except HTTPX_ERRORS as err:
        raise map_transport_error(err) from err


def send_test_webhook(
    url: str,
    fields: Mapping[str, str],
    *,
    as_json: bool = False,
    secret: str | bytes | None = None,
    signature_header: str = DEFAULT_SIGNATURE_HEADER,
    http_client: httpx.Client | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """POST ``fields`` to ``url`` the way the vendor's test form (and its webhook) does.

    Form-encoded unless ``as_json``; signed when ``secret`` is given. Any HTTP status is
    returned, not raised: the point is to see what the receiver answers. ``timeout`` applies to
    the client created here; a client passed in keeps its own settings. httpx failures become
    ``TransportError`` / ``TimeoutError_``.
    """
    request = _test_request(url, fields, as_json, secret, signature_header)
    # A client passed in is the caller's to close; one made here is closed here.
    owned = (
        nullcontext(http_client)
        if http_client is not None
        else httpx.Client(timeout=timeout, verify=shared_ssl_context())
    )
    with _transport_errors(), owned as client:
        return client.send(request)


async def send_test_webhook_async(
    url: str,
    fields: Mapping[str, str],
    *,
    as_json: bool = False,
    secret: str | bytes | None = None,
    signature_header: str = DEFAULT_SIGNATURE_HEADER,
    http_client: httpx.AsyncClient | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """``send_test_webhook`` for async code."""
    request = _test_request(url, fields, as_json, secret, signature_header)
    owned = (
        nullcontext(http_client)
        if http_client is not None
        else httpx.AsyncClient(timeout=timeout, verify=shared_ssl_context())
    )
    with _transport_errors():
        async with owned as client:
            return await client.send(request)


__all__ = ["send_test_webhook", "send_test_webhook_async"]
