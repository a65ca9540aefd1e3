"""Recording live exchanges as scrubbed cassettes, in the contracts' own format.

A recording has the same shape as a contract (a vcrpy cassette with the ``polybind`` routing
key), so everything that replays contracts replays recordings. Recordings live apart from the
contracts (``recordings/<service>/``): what a live service said never overwrites what its
documentation says; ``polybind verify`` reports how the two differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import yaml

from wirekit.scrub import scrub_body, scrub_headers, scrub_url
from wirekit.testing.contracts import Contract, contract_file


def _text(body: bytes, content_type: str | None) -> str:
    return scrub_body(body, content_type).decode("utf-8", "replace") if body else ""


def cassette(
    contract: Contract, request: httpx.Request, response: httpx.Response
) -> dict[str, Any]:
    """The scrubbed cassette of one live exchange of ``contract``'s operation."""
    return {
        "interactions": [
            {
                "request": {
                    "method": request.method,
                    "uri": scrub_url(str(request.url)),
                    "body": _text(request.content, request.headers.get("content-type")) or None,
                    "headers": scrub_headers({k: [v] for k, v in request.headers.items()}),
                },
                "response": {
                    "status": {"code": response.status_code, "message": response.reason_phrase},
                    "headers": scrub_headers({k: [v] for k, v in response.headers.items()}),
                    "body": {
                        "string": _text(response.content, response.headers.get("content-type"))
                    },
                },
            }
        ],
        "version": 1,
        "polybind": {
            "service": contract.service,
            "operation": contract.operation,
            "protocol": contract.protocol,
            "address": contract.address,
            "route": contract.route,
            "action": contract.action,
        },
    }


def recording_path(folder: Path, contract: Contract) -> Path:
    return folder / contract.service / contract_file(contract.operation, contract.protocol)


def write_recording(
    folder: Path, contract: Contract, request: httpx.Request, response: httpx.Response
) -> Path:
    path = recording_path(folder, contract)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        cassette(contract, request, response), sort_keys=False, allow_unicode=True
    )
    path.write_text(text, encoding="utf-8")
    return path


__all__ = ["cassette", "recording_path", "write_recording"]
