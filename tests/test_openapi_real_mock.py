"""The mock server serves published-shape services: every operation of every fixture, called
by its generated async client with the documented arguments, is accepted (validated against
its contract) and answered with the documented response, which the client reads."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from codegen.mock.app import MockApp
from codegen.mock.services import load_services
from tests.openapi_real_support import GOOD, Real, operation_count, real
from tests.test_openapi_real_replay import _credentials, arguments

__all__ = ["real"]

CASES = [(service, op) for service in GOOD for op in range(operation_count(service))]


@pytest.fixture(scope="module")
def app(real: Real) -> MockApp:
    return MockApp(load_services(real.root, [real.root / "specs"]))


@pytest.mark.parametrize(("service_name", "index"), CASES)
def test_the_mock_serves_every_operation(
    real: Real, app: MockApp, service_name: str, index: int
) -> None:
    service = real.service(service_name)
    module = real.modules[service_name]
    method, args = arguments(service, index, module)

    async def go() -> Any:
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
        async with module.AsyncClient(
            f"http://mock.test/{service_name}", http_client=http, **_credentials(module)
        ) as c:
            try:
                return await getattr(c, method)(**args)
            finally:
                await http.aclose()

    before = len(app.requests)
    asyncio.run(go())
    (served,) = app.requests[before:]
    assert served == (service_name, service.operations[index].name, "rest", ""), served
