"""``polybind verify``: call a live service as documented, record what it says, report drift.

Only operations that are safe to call are called: REST GET/HEAD, and ASMX operations whose
names say they read (``Get…``, ``List…``, ``Find…``…); others only when named with
``--allow``. Credentials come from environment variables, never from the command line:
``POLYBIND_<SERVICE>_<PARAMETER>`` (e.g. ``POLYBIND_PIXELZ_CONTACTAPIKEY``), else
``POLYBIND_<PARAMETER>``; they replace the contract's scrubbed placeholders in the request.
Recordings are scrubbed cassettes under ``recordings/<service>/``, apart from the contracts.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import httpx

from wirekit.auth import Credentials, apply
from wirekit.scrub import REDACTED, REDACTED_EMAIL, scrub_url
from wirekit.testing.contracts import Contract
from wirekit.testing.record import write_recording

from ..mock.services import MockService
from ..model import RestShape
from .drift import Answer, Drift, compare

_SAFE_NAMES = re.compile(
    r"^(get|list|find|search|query|check|ping|count|read|fetch|describe)", re.I
)


@dataclass
class Report:
    service: str
    base_url: str
    called: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    drifts: list[Drift] = field(default_factory=list)

    @property
    def breaking(self) -> bool:
        return any(d.breaking for d in self.drifts)

    def text(self) -> str:
        lines = [f"verify {self.service} at {self.base_url}: {len(self.called)} call(s)"]
        lines += [f"  skipped {s}" for s in self.skipped]
        lines += [f"  {d}" for d in self.drifts] or ["  no drift from the documented contract"]
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        data = {
            "service": self.service,
            "base_url": scrub_url(self.base_url),
            "called": self.called,
            "skipped": self.skipped,
            "breaking": self.breaking,
            "drifts": [d.as_dict() for d in self.drifts],
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def is_safe(mock: MockService, contract: Contract) -> bool:
    if contract.protocol == "rest":
        return contract.request.method in ("GET", "HEAD")
    return _SAFE_NAMES.match(contract.operation) is not None


def _secret(service: str, name: str, env: dict[str, str]) -> str | None:
    key = re.sub(r"\W", "", name).upper()
    return env.get(f"POLYBIND_{service.upper()}_{key}") or env.get(f"POLYBIND_{key}")


def live_request(
    mock: MockService, contract: Contract, base_url: str, env: dict[str, str]
) -> httpx.Request:
    """The documented request aimed at ``base_url``, placeholders replaced by credentials."""
    op = mock.operation(contract.operation)
    values = {p.name: _secret(mock.name, p.name, env) for p in op.params} if op else {}
    key = next((v for n, v in values.items() if v and "mail" not in n.lower()), None)
    email = next((v for n, v in values.items() if v and "mail" in n.lower()), None)

    def fill(text: str) -> str:
        text = text.replace(REDACTED_EMAIL, email) if email else text
        return text.replace(REDACTED, key) if key else text

    documented = urlsplit(contract.request.uri)
    relative = documented.path[len(urlsplit(contract.address).path.rstrip("/")) :]
    url = (
        base_url.rstrip("/") + relative + (f"?{fill(documented.query)}" if documented.query else "")
    )
    headers = [(k, fill(v)) for k, v in contract.request.headers]
    shape = op.variants[0].rest if op is not None and op.variants else None
    if shape is not None and shape.security:
        url, headers = _with_credentials(mock.name, shape, url, headers, env)
    body = (
        fill(contract.request.body.decode("utf-8")).encode("utf-8")
        if contract.request.body
        else None
    )
    return httpx.Request(contract.request.method, url, headers=headers, content=body)


def _with_credentials(
    service: str, shape: RestShape, url: str, headers: list[tuple[str, str]], env: dict[str, str]
) -> tuple[str, list[tuple[str, str]]]:
    """The request with the scrubbed credentials of its security schemes replaced by those
    in the environment (``POLYBIND_<SERVICE>_API_KEY``, ``_TOKEN``, ``_USERNAME``,
    ``_PASSWORD``; one API-key scheme's own ``_API_KEY_<SCHEME>``), applied as the bindings
    apply them."""
    schemes = {(s.name, s.location, s.wire) for alt in shape.security for s in alt if s.wire}
    own = [
        (location, wire, _secret(service, f"api_key_{name}", env))
        for name, location, wire in sorted(schemes)
    ]
    creds = Credentials(
        api_key=_secret(service, "api_key", env),
        token=_secret(service, "token", env),
        username=_secret(service, "username", env),
        password=_secret(service, "password", env),
        api_keys=tuple((loc, wire, v) for loc, wire, v in own if v is not None),
    )
    wires = {s.wire.lower() for alt in shape.security for s in alt} | {"authorization", "cookie"}
    kept = [(k, v) for k, v in headers if not (k.lower() in wires and "REDACTED" in v)]
    parts = urlsplit(url)
    pairs = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower() in wires and v == REDACTED)
    ]
    alternatives = [[(s.kind, s.location, s.wire) for s in alt] for alt in shape.security]
    apply(alternatives, creds, kept, pairs)
    query = urlencode(pairs, quote_via=quote)
    return parts._replace(query=query).geturl(), kept


def enum_fields(mock: MockService) -> frozenset[str]:
    """Upper-cased names of fields whose values are a closed set (enums, in-band codes)."""
    schema = mock.service.schema
    names = {
        e.name.upper() for t in schema.complex_types for e in t.elements if schema.enum(e.type)
    }
    names |= {op.api_error.code.upper() for op in mock.service.operations if op.api_error}
    return frozenset(names)


def verify(
    mock: MockService,
    base_url: str,
    *,
    allow: set[str],
    recordings: Path,
    env: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> Report:
    env = dict(os.environ) if env is None else env
    report = Report(mock.name, base_url)
    enums = enum_fields(mock)
    with httpx.Client(timeout=timeout, follow_redirects=False) as http:
        for contract in mock.contracts:
            if not (is_safe(mock, contract) or contract.operation in allow):
                report.skipped.append(
                    f"{contract.id} (not read-only; --allow {contract.operation})"
                )
                continue
            request = live_request(mock, contract, base_url, env)
            response = http.send(request)
            write_recording(recordings, contract, request, response)
            report.called.append(contract.id)
            documented = Answer(
                contract.response.status,
                contract.response.header("Content-Type") or "",
                contract.response.body,
            )
            live = Answer(
                response.status_code, response.headers.get("content-type", ""), response.content
            )
            report.drifts += compare(contract.operation, contract.protocol, documented, live, enums)
    return report
