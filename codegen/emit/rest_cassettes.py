"""Emit ``contracts/<service>/<Operation>.rest.yaml`` and ``<Webhook>.webhook.yaml``.

REST samples carry real values (not placeholders), so a cassette is the documented exchange
itself: the request built from the parameter and body examples, the answer as the page prints
it, secrets scrubbed. Further documented forms of an answer (``alternates``) are not in the
cassette; the contract tests decode them from the model and compare.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from wirekit.scrub import scrub_body, scrub_headers, scrub_url
from wirekit.testing.contracts import contract_file

from ..emit.cassettes import HEADER, _Dumper, metadata
from ..model import Exchange, Protocol, Service

#: Where the webhook cassettes deliver: the user's callback URL is theirs to choose.
CALLBACK_URL = "https://callback.example.invalid/rtb"


def _interaction(uri: str, exchange: Exchange) -> dict[str, object]:
    request, response = exchange.request, exchange.response
    ctype = request.header("Content-Type")
    body = request.body.strip()
    rtype = response.header("Content-Type")
    rbody = response.body.strip()
    return {
        "request": {
            "method": request.method,
            "uri": scrub_url(uri),
            "body": scrub_body(body.encode("utf-8"), ctype).decode("utf-8") if body else None,
            "headers": scrub_headers({k: [v] for k, v in request.headers}),
        },
        "response": {
            "status": {"code": response.status, "message": response.reason},
            "headers": {"Content-Type": [rtype]} if rtype else {},
            "body": {
                "string": scrub_body(rbody.encode("utf-8"), rtype).decode("utf-8") if rbody else ""
            },
        },
    }


def _dump(source: str, interaction: dict[str, object], meta: dict[str, str]) -> str:
    data = {"interactions": [interaction], "version": 1, "polybind": meta}
    return HEADER.format(source=source) + yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )


def emit_rest_cassettes(service: Service) -> list[tuple[str, str]]:
    base = urlsplit(service.base_url)
    out = []
    for op in service.operations:
        exchange = service.exchange(op.name, Protocol.REST)
        if exchange is None:  # pragma: no cover - the reader makes one per operation
            continue
        shape = op.variants[0].rest
        host = urlsplit(shape.server) if shape is not None and shape.server else base
        uri = f"{host.scheme}://{host.netloc}{exchange.request.target}"
        route = base.path.rstrip("/") + op.variants[0].path
        meta = metadata(service, op.name, Protocol.REST, route)
        out.append(
            (
                contract_file(op.name, "rest"),
                _dump(str(exchange.request.where), _interaction(uri, exchange), meta),
            )
        )
    for hook in service.webhooks:
        exchange = service.exchange(hook.name, Protocol.WEBHOOK)
        if exchange is None:
            continue
        meta = metadata(service, hook.name, Protocol.WEBHOOK, urlsplit(CALLBACK_URL).path)
        out.append(
            (
                contract_file(hook.name, "webhook"),
                _dump(str(exchange.request.where), _interaction(CALLBACK_URL, exchange), meta),
            )
        )
    return out
