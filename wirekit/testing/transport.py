"""An httpx transport that answers from a service's contracts: tests with no network.

::

    from wirekit.testing import contract_transport
    client = Client(http_client=httpx.Client(transport=contract_transport("pixelz")))

The transport finds the contract a request is for (method, path, protocol, SOAP action), checks
that the request is the documented one (``strict``, the default: a departure raises
``ContractMismatch`` with a canonical diff), and answers with the documented response. One
object serves ``httpx.Client`` and ``httpx.AsyncClient``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from wirekit.testing.contracts import Contract, load_contracts
from wirekit.testing.matching import ContractMismatch, Sent, check, payload_name
from wirekit.transport import media_type

#: The request media type each protocol sends; how SOAP 1.1, 1.2 and HTTP POST are told apart.
REQUEST_MEDIA = {
    "soap11": "text/xml",
    "soap12": "application/soap+xml",
    "http_post": "application/x-www-form-urlencoded",
}


def _candidate(contract: Contract, sent: Sent, media: str, headers: httpx.Headers) -> bool:
    if not contract.routes(sent.method, sent.path):
        return False
    if REQUEST_MEDIA.get(contract.protocol, media) != media:
        return False
    return not contract.protocol.startswith("soap") or (
        contract.soap_action(headers) == contract.action
    )


def find_contract(
    contracts: list[Contract], request: httpx.Request, base_path: str | None = None
) -> Contract:
    """The contract ``request`` is for, or ``ContractMismatch`` saying what was looked for.

    ``base_path`` is the path of the address the client was given when it is not the
    documented one (a live test host, the mock server's ``/<service>``): paths below it are
    matched against the routes below each contract's documented address.
    """
    sent = Sent.of(request)
    if base_path is not None and sent.path.startswith(base_path.rstrip("/")):
        below = sent.path[len(base_path.rstrip("/")) :]
        sent = replace(sent, path=urlsplit(contracts[0].address).path.rstrip("/") + below)
    media = media_type(request.headers.get("content-type"))
    found = [c for c in contracts if _candidate(c, sent, media, request.headers)]
    if len(found) > 1:  # /pets/findByTags fits /pets/{petId} too: the literal route wins
        fewest = min(c.route.count("{") for c in found)
        found = [c for c in found if c.route.count("{") == fewest]
    if len(found) > 1:  # operations sharing one SOAP action: the payload element tells
        payload = payload_name(request.content)
        found = [c for c in found if c.body_element == payload] or found
    if len(found) == 1:
        return found[0]
    known = "\n".join(
        f"  {c.request.method} {c.route} [{c.protocol}] {c.action}" for c in contracts
    )
    what = "no contract" if not found else f"{len(found)} contracts"
    action = request.headers.get("soapaction") or request.headers.get("content-type") or "-"
    raise ContractMismatch(
        f"{what} for {sent.method} {sent.path} ({media or 'no body'}; {action}); "
        f"documented:\n{known}"
    )


def documented_response(contract: Contract, request: httpx.Request) -> httpx.Response:
    doc = contract.response
    headers = [(k, v) for k, v in doc.headers if k.lower() != "content-length"]
    return httpx.Response(
        doc.status,
        headers=headers,
        content=doc.body,
        request=request,
        extensions={"reason_phrase": doc.reason.encode("ascii", "replace")},
    )


class ContractTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers each request with the documented response of its contract."""

    def __init__(self, contracts: list[Contract], *, strict: bool = True) -> None:
        self.contracts = contracts
        self.strict = strict
        #: The contracts that answered, in order: assert on them in tests.
        self.answered: list[Contract] = []

    def answer(self, request: httpx.Request) -> httpx.Response:
        request.read()
        contract = find_contract(self.contracts, request)
        if self.strict:
            check(request, contract)
        self.answered.append(contract)
        return documented_response(contract, request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.answer(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self.answer(request)


def contract_transport(
    service: str, *, contracts: str | Path = "contracts", strict: bool = True
) -> ContractTransport:
    """A transport answering from ``contracts/<service>/``; see the module docstring."""
    return ContractTransport(load_contracts(service, contracts), strict=strict)


__all__ = ["ContractTransport", "contract_transport", "documented_response", "find_contract"]
