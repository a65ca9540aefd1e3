"""Failure #24: a WCF service exposing two ``[ServiceContract]``s (two portTypes, a port each
on one protocol) generates one client with the operations of both: each sent to its own port's
address (also below a ``base_url`` the user gives), with its own SOAPAction, and a name the
first interface already has is taken after the second's portType (``IAdminService_Ping`` →
``i_admin_service_ping``). zeep (the oracle) agrees on every Body and action in
``test_wsdl_real``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.wsdl_real_support import generated
from wirekit.errors import BindingError

NAME = "shop_two_contracts"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_two_contracts")


def _sent(module: Any, method: str, *args: str) -> tuple[str, str]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with module.Client(*args, http_client=http) as client, pytest.raises(BindingError):
        getattr(client, method)()
    return str(seen[0].url), seen[0].headers["SOAPAction"]


def test_both_interfaces_are_generated_on_one_client(scratch: Path) -> None:
    g = generated(NAME, scratch)
    assert [op.name for op in g.service.operations] == [
        "GetOrderCount",
        "IAdminService_Ping",
        "Ping",
        "ResetCache",
    ]
    assert {op.name: op.interface for op in g.service.operations} == {
        "GetOrderCount": "IOrderService",
        "IAdminService_Ping": "IAdminService",
        "Ping": "IOrderService",
        "ResetCache": "IAdminService",
    }
    svc = "http://shop.example.test/ShopService.svc"
    assert _sent(g.module, "ping") == (f"{svc}/orders", '"http://tempuri.org/IOrderService/Ping"')
    assert _sent(g.module, "i_admin_service_ping") == (
        f"{svc}/admin",
        '"http://tempuri.org/IAdminService/Ping"',
    )
    assert _sent(g.module, "reset_cache")[0] == f"{svc}/admin"
    assert _sent(g.module, "get_order_count")[0] == f"{svc}/orders"


def test_a_given_base_url_moves_both_interfaces(scratch: Path) -> None:
    g = generated(NAME, scratch)
    base = "https://prod.example.test/shop/ShopService.svc/orders"
    assert _sent(g.module, "reset_cache", base)[0] == (
        "https://prod.example.test/shop/ShopService.svc/admin"
    )
    assert _sent(g.module, "ping", base)[0] == base
