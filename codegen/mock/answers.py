"""What the mock answers: the documented response, a refusal that names the departure, or the
documented response bent by a scenario (a fault, a vendor error code, the live service's
casing, a drifted field, another status).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from wirekit.testing.contracts import Contract
from wirekit.xmlsafe import PARSER, SOAP11_ENV, SOAP12_ENV

from ..model import Protocol
from .services import MockService

#: Scenario names a test can switch on per operation (``delay=S`` and ``status=N`` take a value).
SCENARIOS = ("fault", "error", "live", "extra-field", "missing-field", "delay=S", "status=N")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def soap_fault(protocol: str, message: str, *, client: bool = True) -> Answer:
    """A fault as ASMX sends it (HTTP 500), of the protocol's own SOAP version."""
    text = escape(message)
    if protocol == "soap12":
        code = "soap:Sender" if client else "soap:Receiver"
        fault = (
            f"<soap:Fault><soap:Code><soap:Value>{code}</soap:Value></soap:Code>"
            f'<soap:Reason><soap:Text xml:lang="en">{text}</soap:Text></soap:Reason></soap:Fault>'
        )
        ns, media = SOAP12_ENV, "application/soap+xml; charset=utf-8"
    else:
        code = "soap:Client" if client else "soap:Server"
        fault = (
            f"<soap:Fault><faultcode>{code}</faultcode>"
            f"<faultstring>{text}</faultstring></soap:Fault>"
        )
        ns, media = SOAP11_ENV, "text/xml; charset=utf-8"
    body = (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{ns}">'
        f"<soap:Body>{fault}</soap:Body></soap:Envelope>"
    )
    return Answer(500, [("Content-Type", media)], body.encode("utf-8"))


def refusal(contract: Contract | None, protocol: str, message: str) -> Answer:
    """The answer to a request that departs from its contract."""
    if protocol.startswith("soap"):
        return soap_fault(protocol, message)
    if protocol == "rest":
        body = json.dumps({"error": message, "contract": contract.id if contract else None})
        return Answer(400, [("Content-Type", "application/json")], body.encode("utf-8"))
    return Answer(400, [("Content-Type", "text/plain; charset=utf-8")], message.encode("utf-8"))


def documented(contract: Contract) -> Answer:
    doc = contract.response
    headers = [(k, v) for k, v in doc.headers if k.lower() != "content-length"]
    return Answer(doc.status, headers, doc.body)


def _with_xml(answer: Answer, change: str, mock: MockService, contract: Contract) -> Answer:
    root = etree.fromstring(answer.body, PARSER)
    target = root
    if contract.protocol.startswith("soap"):  # the result element, inside Body/…Response
        found = root.find(".//{*}" + f"{contract.operation}Result")
        target = found if found is not None else root
    leaves = [
        e for e in target.iter() if isinstance(e.tag, str) and len(e) == 0 and e is not target
    ]
    if change == "extra-field":
        ns = etree.QName(target).namespace
        extra = etree.SubElement(target, f"{{{ns}}}MockExtra" if ns else "MockExtra")
        extra.text = "1"
    elif change == "missing-field" and leaves:
        # Every occurrence of the field, so that no list item still shows it.
        name = leaves[-1].tag
        for victim in [e for e in target.iter(name) if e is not target]:
            parent = victim.getparent()
            assert parent is not None
            parent.remove(victim)
    elif change == "error":
        rule = next(
            (o.api_error for o in mock.service.operations if o.name == contract.operation), None
        )
        code = rule.code.upper() if rule else ""
        for el in root.iter():
            if isinstance(el.tag, str) and etree.QName(el).localname.upper() == code:
                el.text = "MockError"
    body = etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")
    return Answer(answer.status, answer.headers, body)


def _with_json(answer: Answer, change: str, mock: MockService, contract: Contract) -> Answer:
    data = json.loads(answer.body)
    if isinstance(data, dict):
        if change == "extra-field":
            data["mock_extra"] = 1
        elif change == "missing-field" and data:
            data.pop(list(data)[-1])
        elif change == "error":
            op = mock.operation(contract.operation)
            rule = op.api_error if op else None
            if rule is not None:
                data[rule.code] = 599 if isinstance(data.get(rule.code), int) else "MockError"
                data[rule.message] = "Mock error"
    return Answer(answer.status, answer.headers, json.dumps(data).encode("utf-8"))


def live_form(mock: MockService, contract: Contract, answer: Answer) -> Answer:
    """The answer as the live service spells it (the spec's further documented forms)."""
    exchange = mock.service.exchange(contract.operation, Protocol(contract.protocol))
    if exchange is None or not exchange.alternates:
        return answer
    return Answer(
        answer.status, answer.headers, exchange.alternates[0].body.strip().encode("utf-8")
    )


def with_scenario(answer: Answer, scenario: str, mock: MockService, contract: Contract) -> Answer:
    """``answer`` bent by ``scenario`` (see ``SCENARIOS``); unknown names raise ``ValueError``."""
    name, _, value = scenario.partition("=")
    if name == "fault":
        if contract.protocol.startswith("soap"):
            return soap_fault(contract.protocol, "Mock fault (scenario)", client=False)
        return Answer(500, [("Content-Type", "text/plain")], b"Mock fault (scenario)")
    if name == "status":
        return Answer(int(value), answer.headers, answer.body)
    if name == "live":
        return live_form(mock, contract, answer)
    if name in ("extra-field", "missing-field", "error"):
        if name == "error" and contract.protocol.startswith("soap"):
            return soap_fault(contract.protocol, "Mock vendor error (scenario)", client=False)
        is_json = re.search(
            r"json", dict((k.lower(), v) for k, v in answer.headers).get("content-type", "")
        )
        bend = _with_json if is_json else _with_xml
        return bend(answer, name, mock, contract)
    if name == "delay":
        return answer  # the server waits; see app.py
    raise ValueError(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}")
