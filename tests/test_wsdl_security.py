"""Failure #23: WS-SecurityPolicy is said at generation, a UsernameToken the user gives is sent
as zeep's ``wsse.UsernameToken`` sends it (the oracle), and a client-level SOAP header no
operation declares is refused at the call, naming the header and the operation, instead of
being dropped silently."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from codegen.read.wsdl import read_wsdl, read_wsdl_text
from tests.wsdl_real_support import FIXTURES, generated, header_class
from tests.zeep_oracle import canonical, envelope_part, zeep_client
from wirekit.errors import RequestError
from wirekit.wssecurity import WSSE_NS, UsernameToken

NAME = "vault_username_token"

ANSWER = (
    '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
    '<ns2:openBoxResponse xmlns:ns2="http://vault.fixture.example/"><return>true</return>'
    "</ns2:openBoxResponse></S:Body></S:Envelope>"
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_security")


def test_username_token_policy_is_warned_at_its_line() -> None:
    path = FIXTURES[NAME] / f"{NAME}.wsdl"
    service = read_wsdl(path, NAME, "v.wsdl")
    (defect,) = service.defects
    text = path.read_text(encoding="utf-8")
    assert defect.where.line == text[: text.index("<sp:UsernameToken ")].count("\n") + 1
    assert "'VaultPort'" in defect.message and "UsernameToken" in defect.message


def test_signing_policy_is_warned_too() -> None:
    text = (FIXTURES[NAME] / f"{NAME}.wsdl").read_text(encoding="utf-8")
    signed = text.replace("SupportingTokens", "SymmetricBinding")
    (defect,) = read_wsdl_text(signed.encode(), NAME, "v.wsdl").defects
    assert "SymmetricBinding" in defect.message and "does not sign" in defect.message


def _client(module: Any, reply: str, **options: Any) -> tuple[Any, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, headers={"Content-Type": "text/xml"}, text=reply)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    return module.Client(http_client=http, **options), sent


def _sent_header(module: Any, **options: Any) -> etree._Element | None:
    client, sent = _client(module, ANSWER, **options)
    with client:
        assert client.open_box(box="b") is True
    return envelope_part(etree.fromstring(sent[0].content), "Header")


def _zeep_header(root: Path, wsse: Any) -> etree._Element | None:
    from zeep import Client

    plain = zeep_client(root / "specs" / NAME / f"{NAME}.wsdl")
    secured = Client(plain.wsdl, wsse=wsse, transport=plain.transport)
    return envelope_part(secured.create_message(secured.service, "openBox", box="b"), "Header")


def test_username_token_is_sent_as_zeep_sends_it(scratch: Path) -> None:
    from zeep.wsse.username import UsernameToken as ZeepToken

    g = generated(NAME, scratch)
    ours = _sent_header(g.module, soap_headers=UsernameToken("alice", "s3cret <&>"))
    theirs = _zeep_header(g.root, ZeepToken("alice", "s3cret <&>"))
    assert ours is not None and theirs is not None
    assert canonical(ours) == canonical(theirs)
    assert ours.find(f"{{{WSSE_NS}}}Security") is not None


def test_password_digest_is_computed_as_zeep_computes_it(scratch: Path) -> None:
    from zeep.wsse.username import UsernameToken as ZeepToken

    g = generated(NAME, scratch)
    when = datetime(2026, 11, 26, 1, 2, 3, tzinfo=UTC)
    token = UsernameToken("alice", "pw", digest=True, nonce=b"0123456789abcdef", created=when)
    ours = _sent_header(g.module, soap_headers=token)
    zeep_token = ZeepToken(
        "alice", "pw", use_digest=True, nonce="0123456789abcdef", created=when, zulu_timestamp=True
    )
    theirs = _zeep_header(g.root, zeep_token)
    assert ours is not None and theirs is not None
    assert canonical(ours) == canonical(theirs)


def test_fresh_nonce_per_call(scratch: Path) -> None:
    g = generated(NAME, scratch)
    client, sent = _client(g.module, ANSWER, soap_headers=UsernameToken("a", "p", digest=True))
    with client:
        client.open_box(box="b")
        client.open_box(box="b")
    nonces = [etree.fromstring(r.content).findtext(f".//{{{WSSE_NS}}}Nonce") for r in sent]
    assert nonces[0] and nonces[0] != nonces[1]


def test_undeclared_client_header_is_refused_not_dropped(scratch: Path) -> None:
    g = generated(NAME, scratch)
    raw = etree.fromstring(f'<wsse:Security xmlns:wsse="{WSSE_NS}"/>')
    client, sent = _client(g.module, ANSWER, soap_headers=raw)
    with client, pytest.raises(RequestError, match=r"openBox.*_Element.*no operation"):
        client.open_box(box="b")
    assert not sent


def test_header_of_another_operation_is_still_accepted(scratch: Path) -> None:
    """A client-level header only some operations declare (photolab's ``AuthHeader``, not on
    ``Ping``) is sent where declared and is no error elsewhere; a token goes everywhere."""
    g = generated("photolab_asmx", scratch)
    auth = header_class(g, "AuthHeader")(user_name="u", password="p", api_key="k")
    reply = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<PingResponse xmlns="http://photolab.example.com/webservices/"><PingResult>ok'
        "</PingResult></PingResponse></soap:Body></soap:Envelope>"
    )
    client, sent = _client(g.module, reply, soap_headers=[auth, UsernameToken("a", "b")])
    with client:
        client.ping()
    header = envelope_part(etree.fromstring(sent[0].content), "Header")
    assert header is not None
    assert [etree.QName(h).localname for h in header] == ["Security"]


def test_token_on_http_protocols_is_refused() -> None:
    from wirekit.soap_headers import SoapHeaders, header_xml

    with pytest.raises(RequestError, match="http_get cannot carry SOAP headers"):
        header_xml("Op", (), "http_get", SoapHeaders((), (UsernameToken("a", "b"),)))


def test_token_password_is_scrubbed_from_errors(scratch: Path) -> None:
    """A server echoing the password (a fault, an error page) does not put it in the error."""
    from wirekit.errors import BindingError

    g = generated(NAME, scratch)
    fault = (
        '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>'
        "<faultcode>S:Client</faultcode><faultstring>bad password hunter2-secret</faultstring>"
        "</S:Fault></S:Body></S:Envelope>"
    )
    client, _ = _client(g.module, fault, soap_headers=UsernameToken("alice", "hunter2-secret"))
    with client, pytest.raises(BindingError) as err:
        client.open_box(box="b")
    assert "hunter2-secret" not in str(err.value)
