"""Shared by the toolkit tests: one mock server (uvicorn on 127.0.0.1) per test module, and the
documented calls of every contract case."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from codegen.mock import MockApp, mock_app, running
from codegen.model import Protocol
from tests.contracts_support import (
    ROOT,
    Case,
    call_arguments,
    cases,
    client_method,
    interaction,
    invoke,
    rest_cases,
)
from tests.rest_support import call_arguments as rest_arguments, method_of

ALL_CASES = [c for c in cases() + rest_cases() if c.protocol != Protocol.WEBHOOK]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[MockApp, str]]:
    app = mock_app(ROOT, [ROOT / "specs"])
    with running(app) as base:
        yield app, base


def documented_call(case: Case) -> tuple[Any, str, dict[str, Any]]:
    """The generated package, the method and the documented arguments of ``case``."""
    module = importlib.import_module(case.module_name)
    request = interaction(case)["request"]
    if case.protocol == Protocol.REST:
        return module, method_of(case), rest_arguments(case, request)
    return module, client_method(module, case.operation.name), call_arguments(case, request)


def call_mock(case: Case, base: str, *, use_async: bool = False) -> Any:
    module, method, args = documented_call(case)
    protocol = None if case.protocol == Protocol.REST else case.protocol.value
    url = f"{base}/{case.service.name}"
    return invoke(module, method, protocol, args, use_async=use_async, base_url=url)


def raw(base: str, method: str, path: str, headers: dict[str, str], body: bytes) -> httpx.Response:
    """A request exactly as given, to the mock (no client library in between)."""
    with httpx.Client(base_url=base) as http:
        return http.request(method, path, headers=headers, content=body)
