"""WSDLs shaped like real ASMX/WCF publications, through the whole pipeline, with zeep as oracle.

For every fixture of ``tests/fixtures/wsdl_real`` (and the binding-level ``wsdl_bindings``), once
per session: generate it into a scratch project, import the package, run ruff and
``mypy --strict`` on it, replay every operation's contract sync and async, and check against
zeep (which shares nothing with the generator) that for every SOAP port and operation

* our request's SOAP Body (and Header, when the operation declares headers) equals the one
  zeep's ``create_message`` builds from the same arguments, compared canonically;
* our SOAPAction equals zeep's;
* the result we read from a reply zeep serialized equals what zeep reads from it.

zeep's WS-Addressing headers (it adds them to every WCF request, see the fixtures' README) are
excluded explicitly. The rpc/encoded fixture must be refused at the line its README names.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree
from zeep.exceptions import Error as ZeepError

from codegen.model import Operation, Protocol
from tests.contract_checks import verify_case
from tests.contracts_support import call_arguments, client_method, interaction
from tests.wsdl_real_support import (
    ZEEP_MISREADS,
    ZEEP_UNKNOWN,
    Generated,
    fixtures,
    generated,
    header_class,
)
from tests.zeep_oracle import (
    canonical,
    envelope_part,
    header_value,
    header_zeep,
    plain,
    sent_action,
    serialize_reply,
    simple_header,
    unwrap_headers,
    zeep_args,
    zeep_client,
)
from wirekit import asmx


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_real")


@pytest.mark.parametrize("name", fixtures())
def test_generates_and_passes_ruff_and_mypy(name: str, scratch: Path) -> None:
    g = generated(name, scratch)
    for cmd in (
        [sys.executable, "-m", "ruff", "check", "--no-cache", f"generated/{name}"],
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(g.root / ".mypy_cache"),
            f"generated/{name}",
        ],
    ):
        run = subprocess.run(
            cmd, capture_output=True, text=True, cwd=g.root, check=False, timeout=300
        )
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("name", fixtures("replay"))
def test_replays_every_contract_sync_and_async(name: str, scratch: Path) -> None:
    g = generated(name, scratch)
    assert g.cases
    for case in g.cases:
        verify_case(case, g.module)
        verify_case(case, g.module, use_async=True)


# --- zeep as the oracle ---------------------------------------------------------------------


def _ours(
    g: Generated,
    op: Operation,
    protocol: str,
    address: str,
    args: dict[str, Any],
    headers: list[Any],
    reply: bytes | None = None,
) -> tuple[httpx.Request, Any]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        ctype = "text/xml" if protocol == "soap11" else "application/soap+xml"
        return httpx.Response(200, headers={"Content-Type": ctype}, content=reply or b"")

    http = httpx.Client(transport=httpx.MockTransport(answer))
    method = client_method(g.module, op.name)
    with g.module.Client(
        address, protocol=protocol, http_client=http, soap_headers=headers or None
    ) as client:
        try:
            result = getattr(client, method)(**args)
        except Exception:
            if reply is not None or not sent:
                raise
            result = None  # the request was sent (and the empty answer refused): enough here
        got_headers = client.last_response_headers
    return sent[0], (result, got_headers)


@pytest.mark.parametrize("name", fixtures("zeep"))
def test_zeep_agrees_on_every_operation_and_port(name: str, scratch: Path) -> None:
    g = generated(name, scratch)
    wsdl = g.root / "specs" / name / f"{name}.wsdl"
    client = zeep_client(wsdl)
    by_case = {(c.operation.name, c.protocol): c for c in g.cases}
    checked = 0
    for sname, zservice in client.wsdl.services.items():
        for pname, port in zservice.ports.items():
            kind = type(port.binding).__name__
            if kind not in ("Soap11Binding", "Soap12Binding"):
                continue
            protocol = "soap11" if kind == "Soap11Binding" else "soap12"
            address = port.binding_options["address"]
            interface = etree.QName(port.binding.port_type.name).localname
            for op in g.service.operations:
                case = by_case.get((op.name, Protocol(protocol)))
                if case is None or (name, op.name) in ZEEP_UNKNOWN:
                    continue
                if op.interface and op.interface != interface:
                    continue  # another interface's operation (a second WCF contract)
                zname = op.wsdl_name or op.name
                args = call_arguments(case, interaction(case)["request"])
                headers = args.pop("soap_headers", None) or [
                    header_value(header_class(g, h.type.name)) for h in op.input_headers
                ]
                z_args, z_kwargs = zeep_args(
                    g.service.schema, op, args, client, port.binding._operations[zname]
                )
                if headers:
                    z_kwargs["_soapheaders"] = {
                        h.element.name: header_zeep(v)
                        for h, v in zip(op.input_headers, headers, strict=True)
                    }
                env = client.create_message(client.bind(sname, pname), zname, *z_args, **z_kwargs)
                request, _ = _ours(g, op, protocol, address, args, headers)
                ours = etree.fromstring(request.content)
                where = f"{name} {sname}/{pname} {op.name}"
                assert canonical(envelope_part(ours, "Body")) == canonical(
                    envelope_part(env, "Body")
                ), where
                assert canonical(envelope_part(ours, "Header")) == canonical(
                    envelope_part(env, "Header")
                ) or (not headers and envelope_part(ours, "Header") is None), where
                zop = port.binding._operations[zname]
                assert sent_action(request, protocol) == (zop.soapaction or ""), where
                # The reply: zeep reads the contract's answer, serializes what it read, and we
                # read zeep's serialization: both must give the same value.
                if (name, op.name) in ZEEP_MISREADS or op.one_way:  # one-way: no reply
                    checked += 1
                    continue
                documented = interaction(case)["response"]["body"]["string"].encode()
                zvalue = zop.output.deserialize(etree.fromstring(documented))
                try:
                    zreply = serialize_reply(zop, zvalue)
                except AttributeError as err:
                    # zeep cannot write back the DataSet schema it read (xsd.Schema has no
                    # render, README "surprises"): we read the contract's answer zeep read.
                    assert "render" in str(err), err
                    zreply = documented
                except ZeepError:
                    # zeep read an empty raw-XML result as None and cannot write None for a
                    # required xs:any back: again we read the answer zeep read.
                    zreply = documented
                with pytest.MonkeyPatch.context() as mp:
                    # Read again with every answer decoded while parsed, as large answers are
                    # (wirekit.xmlstream): the same value either way.
                    mp.setattr(asmx, "STREAM_MIN_BYTES", 0)
                    _, (streamed, _) = _ours(g, op, protocol, address, args, headers, zreply)
                _, (result, got_headers) = _ours(g, op, protocol, address, args, headers, zreply)
                assert plain(result) == plain(unwrap_headers(zvalue)), where
                assert plain(streamed) == plain(result), f"{where} (decoded while parsed)"
                if op.output_headers:
                    zheaders = zvalue.header.__values__ if zvalue.header else {}
                    assert [plain(h) for h in got_headers] == [
                        plain(simple_header(v)) for v in zheaders.values() if v is not None
                    ], where
                checked += 1
    assert checked, f"{name}: no SOAP operation compared"


@pytest.mark.parametrize("name", fixtures())
def test_every_operation_is_routed_to_its_own_contract(name: str, scratch: Path) -> None:
    """All of a service's contracts in one transport: shared or empty SOAP actions are told
    apart by the Body's element (as ASMX routes), so each call gets its own contract's answer."""
    from tests.contract_checks import _call_parts
    from tests.contracts_support import invoke
    from wirekit.testing import ContractTransport, read_contract

    g = generated(name, scratch)
    transport = ContractTransport([read_contract(c.cassette) for c in g.cases])
    for case in g.cases:
        method, args, protocol = _call_parts(case, g.module)
        invoke(g.module, method, protocol, args, use_async=False, transport=transport)
        assert transport.answered[-1].path == case.cassette, case.id


@pytest.mark.parametrize("name", fixtures("mock"))
def test_mock_server_answers_every_documented_request(name: str, scratch: Path) -> None:
    """``polybind mock`` loads the spec (local includes resolved, nothing fetched), routes every
    documented request to its operation and answers it as documented."""
    from urllib.parse import urlsplit

    from codegen.mock import load_services
    from codegen.mock.app import MockApp

    g = generated(name, scratch)
    (mock,) = load_services(g.root, [g.root / "specs" / name])
    app = MockApp([mock])
    for contract in mock.contracts:
        request = contract.request
        path = f"/{mock.name}{contract.relative_route()}"
        headers = {k.lower(): v for k, v in request.headers}
        query = urlsplit(request.uri).query
        answer = asyncio.run(app.handle(request.method, path, query, headers, request.body or b""))
        assert answer.status == contract.response.status, (contract.id, answer.body[:400])
        assert app.requests[-1][1] == contract.operation, contract.id
