"""SOAP bindings as real WSDLs publish them, one construct a test: refusals at their line
(rpc/encoded, a second interface, imports that are not local files), SOAP headers on the
client (set once, per call, answer headers, secrets, HTTP refused), help-page headers, one-way
operations. The fixture-wide checks (generation, replay, zeep) are in ``test_wsdl_real``."""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from codegen.errors import SpecError
from codegen.model import Protocol
from codegen.pipeline import build
from codegen.read.wsdl import read_wsdl
from codegen.write import write_tree
from tests.contract_checks import verify_case
from tests.contracts_support import call_arguments, cases, interaction
from tests.wsdl_real_support import (
    BINDINGS,
    REAL,
    REFUSED,
    ROOT,
    generated,
    header_class,
    kiosk_call,
)
from wirekit.errors import BindingError


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_real")


def test_rpc_encoded_is_refused_at_its_line() -> None:
    path = REAL / REFUSED / f"{REFUSED}.wsdl"
    with pytest.raises(SpecError) as err:
        read_wsdl(path, REFUSED, f"specs/{REFUSED}/{REFUSED}.wsdl")
    # README: soap:binding style="rpc" at line 54 (the first thing that makes it unsupported).
    assert str(err.value.where) == f"specs/{REFUSED}/{REFUSED}.wsdl:54"
    assert "rpc" in str(err.value)


def test_encoded_use_is_refused_at_its_line(tmp_path: Path) -> None:
    """Document style but SOAP-encoded bodies: refused at the first ``use="encoded"``."""
    text = (REAL / REFUSED / f"{REFUSED}.wsdl").read_text()
    text = text.replace('style="rpc"', 'style="document"')
    (tmp_path / "x.wsdl").write_text(text)
    with pytest.raises(SpecError) as err:
        read_wsdl(tmp_path / "x.wsdl", "x", "x.wsdl")
    assert str(err.value.where) == "x.wsdl:58"
    assert "encoded" in str(err.value)


def test_missing_wsdl_import_names_the_file(tmp_path: Path) -> None:
    shutil.copy(REAL / "fleet_wcf" / "fleet_wcf.wsdl", tmp_path / "fleet_wcf.wsdl")
    with pytest.raises(SpecError) as err:
        read_wsdl(tmp_path / "fleet_wcf.wsdl", "fleet_wcf", "specs/fleet_wcf/fleet_wcf.wsdl")
    assert str(err.value.where) == "specs/fleet_wcf/fleet_wcf.wsdl:28"
    assert "fleet_wcf.wsdl0.wsdl" in str(err.value)


def test_remote_wsdl_import_is_refused(tmp_path: Path) -> None:
    text = (REAL / "fleet_wcf" / "fleet_wcf.wsdl").read_text()
    text = text.replace('location="fleet_wcf.wsdl0.wsdl"', 'location="http://x.test/a?wsdl"')
    (tmp_path / "f.wsdl").write_text(text)
    with pytest.raises(SpecError, match="not a local file"):
        read_wsdl(tmp_path / "f.wsdl", "f", "f.wsdl")


def test_async_client_sends_headers_too(scratch: Path) -> None:
    """The async path sends the client's SOAP headers as the sync one does."""
    g = generated("kiosk_bindings", scratch)
    auth = header_class(g, "KioskAuth")(user_name="u", password="p")
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, content=b"")

    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
        async with g.module.AsyncClient(http_client=http, soap_headers=auth) as client:
            with pytest.raises(BindingError):
                await client.take_ticket(title="t", copies=1)

    asyncio.run(run())
    assert b"<KioskAuth" in sent[0].content and b"<UserName>u</UserName>" in sent[0].content


def test_help_page_soap_headers_go_through_the_pipeline(tmp_path: Path) -> None:
    """A help page whose SOAP samples show a ``<soap:Header>`` (an ASMX ``SoapHeader``):
    the header becomes a typed class, the derived WSDL declares it, the contract documents
    it, and the generated client sends it (every contract replays)."""
    from codegen.model import QName, TypeRef
    from codegen.read.asmx_infer import read_captures

    service = "pixelz"
    folder = tmp_path / "specs" / service
    shutil.copytree(ROOT / "specs" / service, folder)
    shutil.rmtree(folder / "captures")
    (folder / "captures").mkdir()
    ns = "http://removethebackground.com/"
    header = f'    <AuthHeader xmlns="{ns}">\n      <Key>string</Key>\n    </AuthHeader>'
    for source in sorted((ROOT / "specs" / service / "captures").glob("*.txt")):
        text = source.read_text()
        for prefix in ("soap", "soap12"):  # the request samples (before their response)
            text = text.replace(
                f'<{prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                f'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{prefix}=',
                "@@" + prefix,
            )
        parts = text.split("@@")
        out = parts[0]
        for n, raw_part in enumerate(parts[1:]):
            prefix = "soap12" if raw_part.startswith("soap12") else "soap"
            part = raw_part[len(prefix) :]
            env = (
                f'<{prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                f'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{prefix}='
            )
            if n % 2 == 0:  # a request: its Header goes before the Body
                part = part.replace(
                    f"  <{prefix}:Body>",
                    f"  <{prefix}:Header>\n{header}\n  </{prefix}:Header>\n  <{prefix}:Body>",
                    1,
                )
            out += env + part
        (folder / "captures" / source.name).write_text(out)
    derived = read_captures(service, sorted((folder / "captures").glob("*.txt")), tmp_path)
    soap_ops = [op for op in derived.operations if any(v.protocol.is_soap for v in op.variants)]
    assert soap_ops and all(
        op.input_headers and op.input_headers[0].element == QName(ns, "AuthHeader")
        for op in soap_ops
    )
    auth = derived.schema.complex_type(TypeRef(ns, "AuthHeader"))
    assert auth is not None and [e.name for e in auth.elements] == ["Key"]
    (folder / "pixelz.wsdl").unlink()  # derived again from the captures
    outputs = build(tmp_path)
    assert not outputs.errors, outputs.errors
    write_tree(tmp_path, "generated", outputs.generated)
    write_tree(tmp_path, "contracts", outputs.contracts)
    derived_wsdl = next(text for rel, text in outputs.spec_files if rel.endswith(".wsdl"))
    assert '<soap:header message="tns:' in derived_wsdl
    package = tmp_path / "importable" / "helppage_headers"
    shutil.copytree(tmp_path / "generated" / service, package / service)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(package.parent))
    try:
        module = importlib.import_module(f"helppage_headers.{service}")
        found = cases(outputs.services, tmp_path)
        with_header = 0
        for found_case in found:
            case = dataclasses.replace(found_case, package=f"helppage_headers.{service}")
            verify_case(case, module)
            with_header += "AuthHeader" in (interaction(case)["request"]["body"] or "")
        assert with_header
    finally:
        sys.path.remove(str(package.parent))


def test_soap_headers_client_default_call_override_and_refusals(scratch: Path) -> None:
    from wirekit.errors import RequestError
    from wirekit.soap_headers import SoapHeaders, header_xml

    g = generated("kiosk_bindings", scratch)
    auth = header_class(g, "KioskAuth")
    reply = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        b'<TicketReply xmlns="http://kiosk.example.org/bindings/"><TicketNumber>5</TicketNumber>'
        b"</TicketReply></soap:Body></soap:Envelope>"
    )
    client, sent = kiosk_call(g, reply, soap_headers=auth(user_name="client", password="pw1"))
    assert client.take_ticket(copies=1).ticket_number == 5
    assert b"<UserName>client</UserName>" in sent[-1].content
    client.take_ticket(copies=1, soap_headers=auth(user_name="call", password="pw2"))
    assert b"<UserName>call</UserName>" in sent[-1].content
    assert b"client" not in sent[-1].content
    with pytest.raises(RequestError, match="declares no SOAP header of type"):
        client.take_ticket(copies=1, soap_headers=header_class(g, "ServerInfo")(load=1))
    spec = g.module.client.codecs.TAKE_TICKET
    with pytest.raises(RequestError, match="cannot carry SOAP headers"):
        header_xml(spec.name, spec.input_headers, "http_get", SoapHeaders((auth(user_name="u"),)))
    assert header_xml(spec.name, spec.input_headers, "soap11", SoapHeaders((), None)) == ""


def test_response_headers_are_decoded(scratch: Path) -> None:
    g = generated("kiosk_bindings", scratch)
    info = header_class(g, "ServerInfo")
    reply = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>'
        b'<ServerInfo xmlns="http://kiosk.example.org/bindings/"><Node>web-2</Node>'
        b"<Load>3</Load></ServerInfo><Other xmlns='urn:x'/></soap:Header><soap:Body>"
        b'<PingResponse xmlns="http://kiosk.example.org/bindings/"><PingResult>pong</PingResult>'
        b"</PingResponse></soap:Body></soap:Envelope>"
    )
    client, _ = kiosk_call(g, reply)
    assert client.ping() == "pong"
    assert client.response_header(info) == info(node="web-2", load=3)
    assert client.last_response_headers == (info(node="web-2", load=3),)


def test_header_secrets_are_redacted_from_errors(scratch: Path) -> None:
    g = generated("kiosk_bindings", scratch)
    auth = header_class(g, "KioskAuth")
    echo = b"login failed for password hunter2-secret"
    client, _ = kiosk_call(
        g, echo, status=500, soap_headers=auth(user_name="u", password="hunter2-secret")
    )
    with pytest.raises(BindingError) as err:
        client.take_ticket(copies=1)
    assert "hunter2-secret" not in str(err.value)


def test_contract_documents_declared_headers(scratch: Path) -> None:
    """A cassette shows the headers the binding declares: a call without them departs."""
    from tests.contracts_support import replay
    from wirekit.testing.matching import ContractMismatch

    g = generated("kiosk_bindings", scratch)
    case = next(
        c for c in g.cases if c.operation.name == "TakeTicket" and c.protocol == Protocol.SOAP11
    )
    assert "<soap:Header>" in interaction(case)["request"]["body"]
    args = call_arguments(case, interaction(case)["request"])
    assert args.pop("soap_headers")
    with pytest.raises(ContractMismatch, match="KioskAuth"):
        replay(case, g.module, "take_ticket", args, use_async=False)


def test_second_interface_on_one_protocol_is_generated_beside_the_first(tmp_path: Path) -> None:
    """A port implementing another portType (a WCF service with two contracts) brings its
    operations, at its own address; names the first interface has get its portType's (#24)."""
    import re

    text = (BINDINGS / "kiosk_bindings" / "kiosk_bindings.wsdl").read_text()
    port_type = re.search(r'<wsdl:portType name="KioskSoap">.*?</wsdl:portType>', text, re.S)
    binding = re.search(r'<wsdl:binding name="KioskSoap" .*?</wsdl:binding>', text, re.S)
    assert port_type and binding
    other = port_type.group(0).replace('"KioskSoap"', '"OtherSoap"')
    other += binding.group(0).replace(
        'name="KioskSoap" type="tns:KioskSoap"', 'name="OtherSoap" type="tns:OtherSoap"'
    )
    text = text.replace(
        "</wsdl:binding>\n  <wsdl:binding", f"</wsdl:binding>\n  {other}\n  <wsdl:binding", 1
    )
    text = text.replace(
        'binding="tns:KioskSoap">\n      <soap:address location="http://sandbox',
        'binding="tns:OtherSoap">\n      <soap:address location="http://sandbox',
    )
    (tmp_path / "k.wsdl").write_text(text)
    with pytest.raises(SpecError, match="portType 'OtherSoap' on another host") as err:
        read_wsdl(tmp_path / "k.wsdl", "k", "k.wsdl")
    line = text[: text.index('<wsdl:binding name="OtherSoap"')].count("\n") + 1
    assert str(err.value.where) == f"k.wsdl:{line}"
    # At the first interface's host (another path): generated beside it (#24).
    (tmp_path / "k.wsdl").write_text(text.replace("http://sandbox.kiosk.", "http://kiosk."))
    service = read_wsdl(tmp_path / "k.wsdl", "k", "k.wsdl")
    first = [op for op in service.operations if op.interface == "KioskSoap"]
    twins = {op.name: op for op in service.operations if op.interface == "OtherSoap"}
    assert first and len(twins) == len(first)
    for op in first:
        twin = twins[f"OtherSoap_{op.name}"]
        assert twin.wsdl_name == op.name and twin.request_element == op.request_element


def test_one_way_operation_returns_none_and_still_raises_faults(scratch: Path) -> None:
    from wirekit.errors import SoapFault

    g = generated("kiosk_bindings", scratch)
    client, sent = kiosk_call(g, b"", status=202)
    assert client.log_visit(kiosk="k1") is None
    assert b"<LogVisit" in sent[-1].content
    fault = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        b"<soap:Fault><faultcode>soap:Server</faultcode><faultstring>queue full</faultstring>"
        b"</soap:Fault></soap:Body></soap:Envelope>"
    )
    for status in (500, 200):
        client, _ = kiosk_call(g, fault, status=status)
        with pytest.raises(SoapFault, match="queue full"):
            client.log_visit(kiosk="k1")


def test_published_wcf_import_url_reads_the_saved_file(tmp_path: Path) -> None:
    """WCF publishes ``location="http://host/Service.svc?wsdl=wsdl0"``: the document saved next
    to the WSDL as ``<name>.wsdl0.wsdl`` is read instead (nothing is fetched)."""
    for f in (REAL / "fleet_wcf").iterdir():
        shutil.copy(f, tmp_path / f.name)
    main = tmp_path / "fleet_wcf.wsdl"
    url = "http://fleet.example.com/FleetTracking.svc?wsdl=wsdl0"
    main.write_text(
        main.read_text().replace('location="fleet_wcf.wsdl0.wsdl"', f'location="{url}"')
    )
    service = read_wsdl(main, "fleet_wcf", "specs/fleet_wcf/fleet_wcf.wsdl")
    assert "ReportPosition" in [op.name for op in service.operations]
    (tmp_path / "fleet_wcf.wsdl0.wsdl").unlink()
    with pytest.raises(SpecError, match=r"fleet_wcf\.wsdl0\.wsdl"):
        read_wsdl(main, "fleet_wcf", "specs/fleet_wcf/fleet_wcf.wsdl")


def test_http_get_client_refuses_soap_headers(scratch: Path) -> None:
    """HTTP GET/POST cannot carry SOAP headers: a client set up with both is refused."""
    g = generated("photolab_asmx", scratch)
    auth = header_class(g, "AuthHeader")(user_name="u", password="p", api_key="k")
    with pytest.raises(ValueError, match="cannot carry SOAP headers"):
        g.module.Client(protocol="http_get", soap_headers=auth)
    g.module.Client(protocol="http_get").close()  # without headers it is fine


def test_declared_fault_detail_is_decoded(scratch: Path) -> None:
    """A fault whose detail is a declared ``wsdl:fault`` element (WCF FaultContract) is raised
    with the detail decoded into its model (and its XML kept)."""
    from wirekit.errors import SoapFault

    g = generated("fleet_wcf", scratch)
    dc = "http://schemas.datacontract.org/2004/07/Fleet.Contracts"
    reply = (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        "<faultcode>s:Client</faultcode><faultstring>no such vehicle</faultstring><detail>"
        f'<FleetFault xmlns="{dc}"><Code>404</Code><Message>gone</Message></FleetFault>'
        "</detail></s:Fault></s:Body></s:Envelope>"
    ).encode()
    http = httpx.Client(
        transport=httpx.MockTransport(
            lambda _r: httpx.Response(500, headers={"Content-Type": "text/xml"}, content=reply)
        )
    )
    fault_cls = header_class(g, "FleetFault")
    with g.module.Client(http_client=http) as client, pytest.raises(SoapFault) as err:
        client.get_vehicle(vehicle_id="3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    assert err.value.detail_value == fault_cls(code=404, message="gone")
    assert "FleetFault" in err.value.detail
