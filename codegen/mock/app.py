"""The mock server: every service, operation and protocol of ``specs/`` on one port (ASGI).

``http://HOST:PORT/<service>`` is the ``base_url`` of each service, whatever its protocol:
``/pixelz`` answers SOAP 1.1 and 1.2 POSTs, ``/pixelz/GetImagesList`` HTTP GET and POST,
``/removethebackground_rest/Templates/`` REST. Every request is validated against its contract
(see ``validate``) and answered with the documented response, or refused with a SOAP fault / 400
naming what departed. Scenarios bend answers per operation (``answers.SCENARIOS``), switched by
``PUT /__polybind__/scenarios/<service>/<Operation>`` (body: the scenario) or a request's
``X-Polybind-Scenario`` header; ``DELETE /__polybind__/scenarios`` resets them. After a REST
call that names a callback URL, the server plays the service's webhook to it, signed.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from wirekit.scrub import ScrubbingFilter, scrub_url
from wirekit.testing.contracts import Contract
from wirekit.testing.matching import payload_name
from wirekit.transport import media_type

from .answers import Answer, documented, refusal, with_scenario
from .services import MockService
from .validate import Departure, Incoming, validate_http, validate_rest, validate_soap
from .webhooks import play_webhook

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
_ADMIN = "/__polybind__/scenarios"
#: One line per request, URLs scrubbed (uvicorn's own access log is off: it prints keys).
log = logging.getLogger("polybind.mock")
log.addFilter(ScrubbingFilter())
_MEDIA_PROTOCOL = {"text/xml": "soap11", "application/soap+xml": "soap12"}


class MockApp:
    """An ASGI 3 app serving ``services``; ``requests`` and ``deliveries`` record what happened."""

    def __init__(self, services: list[MockService], *, webhook_secret: str = "mock-secret") -> None:
        self.services = {s.name: s for s in services}
        self.webhook_secret = webhook_secret
        self.scenarios: dict[str, str] = {}
        #: (service, operation, protocol, refused reason or "") per request served.
        self.requests: list[tuple[str, str, str, str]] = []
        #: (url, status or error) per webhook delivery made.
        self.deliveries: list[tuple[str, str]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                event = (await receive())["type"]
                await send({"type": f"{event}.complete"})
                if event == "lifespan.shutdown":
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope["query_string"].decode("latin-1")
        answer = await self.handle(scope["method"], scope["path"], query, headers, body)
        target = scrub_url(scope["path"] + (f"?{query}" if query else ""))
        log.info("%s %s -> %s", scope["method"], target, answer.status)
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in answer.headers],
            }
        )
        await send({"type": "http.response.body", "body": answer.body})

    async def handle(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> Answer:
        """The answer to one request (``path`` includes ``/<service>``)."""
        if path.startswith(_ADMIN):
            return self._admin(method, path[len(_ADMIN) :], body)
        name, _, rest = path.lstrip("/").partition("/")
        mock = self.services.get(name)
        if mock is None:
            known = ", ".join(f"/{n}" for n in sorted(self.services))
            return refusal(None, "http", f"no service at /{name}; serving {known}")
        request = Incoming(method, f"/{rest}" if rest else "", query, headers, body)
        contract = self._route(mock, request)
        if contract is None:
            media = media_type(headers.get("content-type"))
            protocol = _MEDIA_PROTOCOL.get(media, "http") if method == "POST" else "http"
            self.requests.append((name, "?", protocol, "no route"))
            return refusal(None, protocol, self._no_route(mock, request))
        try:
            self._validate(mock, contract, request)
        except Departure as departure:
            self.requests.append((name, contract.operation, contract.protocol, str(departure)))
            return refusal(contract, contract.protocol, f"{contract.id}: {departure}")
        self.requests.append((name, contract.operation, contract.protocol, ""))
        return await self._answer(mock, contract, request)

    def _route(self, mock: MockService, request: Incoming) -> Contract | None:
        headers = request.headers
        media = media_type(headers.get("content-type"))
        found = [c for c in mock.contracts if _routes(c, request.method, request.path)]
        if len(found) > 1:  # /pets/findByTags fits /pets/{petId} too: the literal route wins
            fewest = min(c.route.count("{") for c in found)
            found = [c for c in found if c.route.count("{") == fewest]
        if len(found) > 1:  # SOAP 1.1, SOAP 1.2 and HTTP POST may share a URL: the media tells
            found = [
                c for c in found if _MEDIA_PROTOCOL.get(media, c.protocol) == c.protocol
            ] or found
        if len(found) > 1:  # several operations at one SOAP address: the action tells
            found = [c for c in found if c.soap_action(headers) == c.action] or found
        if len(found) > 1:  # …or, when a SOAP 1.2 request names none, the payload does
            payload = payload_name(request.body)
            found = [c for c in found if c.body_element == payload] or found[:1]
        return found[0] if found else None

    def _no_route(self, mock: MockService, request: Incoming) -> str:
        routes = sorted(
            {f"{c.request.method} /{mock.name}{c.relative_route()}" for c in mock.contracts}
        )
        return (
            f"no operation of {mock.name} at {request.method} /{mock.name}{request.path}; "
            f"documented: {'; '.join(routes)}"
        )

    def _validate(self, mock: MockService, contract: Contract, request: Incoming) -> None:
        op = mock.operation(contract.operation)
        assert op is not None
        if contract.protocol.startswith("soap"):
            validate_soap(mock, contract, request)
        elif contract.protocol == "rest":
            validate_rest(mock, contract, op, request)
        else:
            validate_http(mock, contract, op, request)

    async def _answer(self, mock: MockService, contract: Contract, request: Incoming) -> Answer:
        answer = documented(contract)
        scenario = request.headers.get("x-polybind-scenario") or self.scenarios.get(
            f"{mock.name}/{contract.operation}", ""
        )
        for step in filter(None, (s.strip() for s in scenario.split(","))):
            if step.startswith("delay="):
                await asyncio.sleep(float(step.partition("=")[2]))
            answer = with_scenario(answer, step, mock, contract)
        if contract.protocol == "rest" and answer.status < 300:
            task = asyncio.create_task(play_webhook(self, mock, request.body, answer.body))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return answer

    def _admin(self, method: str, rest: str, body: bytes) -> Answer:
        key = rest.strip("/")
        if method == "DELETE":
            self.scenarios.clear() if not key else self.scenarios.pop(key, None)
        elif method == "PUT" and key.count("/") == 1:
            self.scenarios[key] = body.decode("utf-8").strip()
        elif method != "GET":
            return refusal(
                None, "http", "PUT /__polybind__/scenarios/<service>/<Operation> or DELETE"
            )
        data = json.dumps(self.scenarios, sort_keys=True).encode("utf-8")
        return Answer(200, [("Content-Type", "application/json")], data)


def _routes(contract: Contract, method: str, rest: str) -> bool:
    """Whether ``method /<service><rest>`` is ``contract``'s route below the service address."""
    base = contract.route[: len(contract.route) - len(contract.relative_route())]
    return contract.routes(method, base + rest)
