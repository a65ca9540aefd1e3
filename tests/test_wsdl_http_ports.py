"""Failure #13: an HTTP port the kit cannot speak is skipped with a warning at its line, and the
SOAP ports beside it still generate (instead of the whole service being refused).

Axis2's ``…HttpBinding`` posts XML (``mime:content type="application/xml"``), not an ASMX
form; an ASMX-style port whose parameter is a structure has no form/query encoding."""

from __future__ import annotations

from pathlib import Path

from codegen.read.wsdl import read_wsdl, read_wsdl_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _line(text: str, needle: str, start: int = 0) -> int:
    return text[: text.index(needle, start)].count("\n") + 1


def test_axis2_xml_http_port_is_skipped_with_a_warning_at_its_line() -> None:
    path = FIXTURES / "wsdl_bindings" / "shelf_axis2" / "shelf_axis2.wsdl"
    service = read_wsdl(path, "shelf_axis2", "shelf_axis2.wsdl")
    assert [p[2] for p in service.ports] == ["soap11", "soap12"]
    assert {v.protocol.value for op in service.operations for v in op.variants} == {
        "soap11",
        "soap12",
    }
    (defect,) = service.defects
    text = path.read_text(encoding="utf-8")
    line = _line(text, '<mime:content type="application/xml"', text.index("ShelfHttpBinding"))
    assert (defect.where.path, defect.where.line) == ("shelf_axis2.wsdl", line)
    assert "'ShelfHttpEndpoint'" in defect.message and "application/xml" in defect.message


def test_http_port_with_a_structured_parameter_is_skipped_not_refused() -> None:
    path = FIXTURES / "wsdl_real" / "photolab_asmx" / "photolab_asmx.wsdl"
    original = path.read_text(encoding="utf-8")
    plain = read_wsdl_text(original.encode(), "photolab_asmx", "p.wsdl")
    assert "http_get" in [p[2] for p in plain.ports] and not plain.defects
    # ListAlbums over HTTP GET now takes an Album: no query string carries it.
    needle = '<wsdl:part name="customerId" type="s:string" />'
    text = original.replace(needle, '<wsdl:part name="customerId" type="tns:Album" />', 1)
    service = read_wsdl_text(text.encode(), "photolab_asmx", "p.wsdl")
    kept = [p[2] for p in service.ports]
    assert "http_get" not in kept and {"soap11", "soap12", "http_post"} <= set(kept)
    (defect,) = service.defects
    assert defect.where.line == _line(text, '<wsdl:part name="customerId" type="tns:Album"')
    assert "'PhotoLabHttpGet'" in defect.message and "'customerId'" in defect.message


POLICY = (
    '<wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" '
    'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"'
    ' wsu:Id="TagsSoap_policy"><wsp:ExactlyOne><wsp:All>\n'
    '<wsaw:UsingAddressing xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" />'
    "</wsp:All></wsp:ExactlyOne></wsp:Policy>\n  <wsdl:types>"
)


def test_ws_addressing_policy_is_warned_at_its_line() -> None:
    """Failure #15: a port whose policy has ``wsaw:UsingAddressing`` (WCF wsHttpBinding) is
    generated, with a warning that WS-Addressing headers are not sent."""
    path = FIXTURES / "wsdl_bindings" / "tags_nil_items" / "tags_nil_items.wsdl"
    original = path.read_text(encoding="utf-8")
    assert not read_wsdl_text(original.encode(), "tags", "t.wsdl").defects
    binding = '<wsdl:binding name="TagsSoap" type="tns:TagsSoap">'
    reference = (
        '<wsp:PolicyReference xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" '
        'URI="#TagsSoap_policy" />'
    )
    text = original.replace("<wsdl:types>", POLICY, 1).replace(binding, binding + reference, 1)
    service = read_wsdl_text(text.encode(), "tags", "t.wsdl")
    assert [p[2] for p in service.ports] == ["soap11"]
    (defect,) = service.defects
    assert defect.where.line == _line(text, "<wsaw:UsingAddressing")
    assert "'TagsSoap'" in defect.message and "WS-Addressing" in defect.message
