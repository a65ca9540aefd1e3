"""A REST spec the generator has never seen, generated, imported and replayed."""

from __future__ import annotations

import shutil
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from codegen.model import Service
from codegen.naming import snake
from codegen.pipeline import build
from codegen.write import write_tree
from tests.contracts_support import ROOT, interaction, rest_cases
from tests.rest_support import call_arguments, recorder
from tests.unseen_support import import_package
from wirekit.errors import ApiError


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[tuple[Service, ModuleType]]:
    """``tests/fixtures/rest_unseen`` generated into ``tmp_path`` and imported."""
    shutil.copytree(ROOT / "tests/fixtures/rest_unseen", tmp_path / "specs")
    outputs = build(tmp_path)
    write_tree(tmp_path, "generated", outputs.generated)
    write_tree(tmp_path, "contracts", outputs.contracts)
    name = f"_rest_unseen_{uuid.uuid4().hex[:8]}"
    try:
        module = import_package(name, tmp_path / "generated" / "catalog")
        (service,) = outputs.services
        yield service, module
    finally:
        for key in [k for k in sys.modules if k.startswith(name)]:
            del sys.modules[key]


def test_an_unseen_openapi_spec_needs_no_code_change(
    catalog: tuple[Service, ModuleType], tmp_path: Path
) -> None:
    """Path, query and JSON-body parameters of other types, JSON results with decimals, dates
    and lists, a boolean in-band error flag: generated, imported and replayed from its own
    cassettes."""
    service, module = catalog
    results = {}
    for case in rest_cases((service,), tmp_path):
        args = call_arguments(case, interaction(case)["request"])
        with recorder().use_cassette(str(case.cassette)) as cassette, module.Client() as c:
            results[case.operation.name] = getattr(c, snake(case.operation.name))(**args)
            assert cassette.play_count == 1
    item = results["GetItem"]
    assert (item.item_id, item.price, item.tags, item.added) == (
        42,
        Decimal("9.95"),
        ["a", "b"],
        date(2024, 1, 2),
    )
    assert results["AddItem"].item_id == 43

    def failing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"ok": False, "reason": "no such item"})

    http = httpx.Client(transport=httpx.MockTransport(failing))
    with module.Client(http_client=http) as c, pytest.raises(ApiError) as caught:
        c.get_item(item_id=1, api_key="k")
    assert (caught.value.code, caught.value.api_message) == ("false", "no such item")
