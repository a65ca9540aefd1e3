"""The mock plays the vendor's webhook: after a call that names a callback URL, it POSTs the
documented delivery there, signed as the vendor signs (HMAC-SHA256 of the raw body, base64),
with the values of the answer it just gave (the new image's ticket) filled in.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import httpx
from lxml import etree

from wirekit.webhook import sign_body
from wirekit.xmlsafe import PARSER

from .services import MockService, webhook_contract

if TYPE_CHECKING:
    from .app import MockApp

_URL = re.compile(r"^https?://", re.IGNORECASE)


def callback_url(request_body: bytes) -> str | None:
    """The callback URL a JSON request names (a key containing "callback"), if any."""
    try:
        data = json.loads(request_body) if request_body.strip() else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return next(
        (
            v
            for k, v in data.items()
            if "callback" in k.lower() and isinstance(v, str) and _URL.match(v)
        ),
        None,
    )


def answer_values(body: bytes) -> dict[str, str]:
    """Leaf values of an XML or JSON answer by upper-cased name, to fill a delivery with."""
    values: dict[str, str] = {}
    try:
        data: Any = json.loads(body)
        if isinstance(data, dict):
            values = {
                str(k).upper(): str(v) for k, v in data.items() if not isinstance(v, dict | list)
            }
    except ValueError:
        root = etree.fromstring(body, PARSER)
        for el in root.iter():
            if isinstance(el.tag, str) and len(el) == 0 and (el.text or "").strip():
                values[etree.QName(el).localname.upper()] = el.text.strip()  # type: ignore[union-attr]
    return values


def delivery(template: dict[str, Any], values: dict[str, str]) -> tuple[bytes, str]:
    """The documented delivery body with fields the answer names replaced; its Content-Type."""
    request = template["interactions"][0]["request"]
    ctype = next(
        iter(
            (request.get("headers") or {}).get(
                "Content-Type", ["application/x-www-form-urlencoded"]
            )
        )
    )
    body = request.get("body") or ""
    if "json" in ctype:
        data = json.loads(body)
        filled = {k: values.get(k.upper(), v) for k, v in data.items()}
        return json.dumps(filled).encode("utf-8"), ctype
    pairs = [(k, values.get(k.upper(), v)) for k, v in parse_qsl(body, keep_blank_values=True)]
    return urlencode(pairs).encode("utf-8"), ctype


async def play_webhook(
    app: MockApp, mock: MockService, request_body: bytes, answer_body: bytes
) -> None:
    url = callback_url(request_body)
    template = webhook_contract(mock) if url else None
    if url is None or template is None or not mock.service.webhooks:
        return
    body, ctype = delivery(template, answer_values(answer_body))
    header = mock.service.webhooks[0].signature_header or "X-Signature"
    headers = {"Content-Type": ctype, header: sign_body(body, app.webhook_secret)}
    try:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.post(url, content=body, headers=headers)
        app.deliveries.append((url, str(response.status_code)))
    except httpx.HTTPError as err:
        app.deliveries.append((url, f"{type(err).__name__}: {err}"))
