"""Failure #14: of ASMX ``MessageName`` overloads, the one that keeps the method's name has
unnamed ``wsdl:input``/``wsdl:output`` in portType and binding; by WSDL 1.1 §2.4.5 both carry
the default name, so they match (as zeep matches them) instead of the service being refused."""

from __future__ import annotations

from pathlib import Path

from codegen.model import QName
from codegen.read.wsdl import read_wsdl_text

WSDL = Path(__file__).resolve().parent / "fixtures" / "wsdl_bindings" / "calc_overloads"


def test_unnamed_overload_matches_by_default_name() -> None:
    text = (WSDL / "calc_overloads.wsdl").read_text(encoding="utf-8")
    for tag in ("input", "output"):
        text = text.replace(f'<wsdl:{tag} name="AddInt"', f"<wsdl:{tag}")
    service = read_wsdl_text(text.encode(), "calc_overloads", "c.wsdl")
    ops = {op.name: op for op in service.operations}
    assert {"Add", "AddDouble"} <= set(ops)
    ns = service.namespace
    # The unnamed overload keeps the method's name and binds the AddInt messages.
    assert ops["Add"].request_body == QName(ns, "AddInt")
    assert [e.type.name for e in ops["Add"].params] == ["int", "int"]
    assert ops["AddDouble"].request_body is None
    assert [e.type.name for e in ops["AddDouble"].params] == ["double", "double"]
