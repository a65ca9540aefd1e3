"""Published-shape OpenAPI 3.0/3.1 documents generate as they are: every good fixture gives a
package that imports and that ruff and ``mypy --strict`` accept; the one with a bad example is
reported at the example's line and generates with a valid contract answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from codegen.naming import method_name
from codegen.pipeline import build
from tests.contracts_support import ROOT
from tests.openapi_real_support import FIXTURES, GOOD, Real, real

__all__ = ["real"]


def test_every_good_fixture_generates(real: Real) -> None:
    assert not real.outputs.errors, real.outputs.errors
    assert sorted(s.name for s in real.outputs.services) == sorted(GOOD)
    for name, module in real.modules.items():
        assert hasattr(module, "Client") and hasattr(module, "AsyncClient"), name
        ops = real.service(name).operations
        assert ops and all(hasattr(module.Client, method_name(o.name)) for o in ops), name


@pytest.mark.parametrize("service", GOOD)
def test_generated_code_passes_ruff_and_mypy_strict(real: Real, service: str) -> None:
    venv = ROOT / ".venv" / "bin"
    if not (venv / "mypy").exists():
        pytest.skip("the repository's .venv has no mypy")
    for args in (
        ["ruff", "check", "--no-cache", f"generated/{service}"],
        ["ruff", "format", "--check", "--no-cache", f"generated/{service}"],
        ["mypy", "--strict", "--cache-dir", f".mypy_cache_{service}", f"generated/{service}"],
    ):
        done = subprocess.run(
            [str(venv / args[0]), *args[1:]],
            cwd=real.root,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_operations_without_operation_id_are_named_from_method_and_path(real: Real) -> None:
    names = [o.name for o in real.service("shelter").operations]
    assert "get_pets_pet_id_photo" in names and "delete_pets_pet_id" in names
    assert hasattr(real.modules["shelter"].Client, "get_pets_pet_id_photo")


def test_a_bad_response_example_is_a_defect_and_the_contract_answers_validly(
    tmp_path: Path,
) -> None:
    """Failure #6: a published document whose answer example breaks its schema still
    generates; the example is reported at its line, by JSON pointer, and the contract answers
    with a sample the document's own schema accepts (checked with jsonschema)."""
    shutil.copytree(FIXTURES / "bad_examples", tmp_path / "specs" / "bad_examples")
    outputs = build(tmp_path)
    assert not outputs.errors, outputs.errors
    (service,) = outputs.services
    document = FIXTURES / "bad_examples" / "openapi.yaml"
    lines = document.read_text().splitlines()
    line = next(i for i, t in enumerate(lines, 1) if t.strip() == "id: eighteen")
    bad = [d for d in service.defects if "eighteen" in d.message]
    assert [str(d.where) for d in bad] == [f"specs/bad_examples/openapi.yaml:{line}"], bad
    pointer = "/paths/~1loans~1{loanId}/get/responses/200/content/application~1json/example"
    assert pointer in bad[0].message and "'eighteen' is not of type 'integer'" in bad[0].message
    (cassette,) = [t for p, t in outputs.contracts if p.endswith("/getLoan.rest.yaml")]
    answer = json.loads(yaml.safe_load(cassette)["interactions"][0]["response"]["body"]["string"])
    schema = yaml.safe_load(document.read_text())["components"]["schemas"]["Loan"]
    jsonschema.validate(answer, schema)
    assert answer["id"] != "eighteen"


def test_inspect_shows_root_types_and_full_urls(real: Real) -> None:
    from codegen.inspect import describe

    text = describe((real.service("simple_json_crud"),))
    assert "list_checklists(*, done: bool | None) -> list[Checklist]" in text
    assert "GET http://localhost:5000/api/checklists/{id}" in text


def test_properties_named_like_schema_keywords_are_fields(real: Real) -> None:
    """``format``, ``type``, ``nullable`` and ``properties`` under ``properties`` are names."""
    model = real.modules["edge_cases"].ExportRequest
    made = model(format="csv", type="t", nullable=True, properties={"a": "b"})
    assert made.model_dump(mode="json", by_alias=True, exclude_none=True) == {
        "format": "csv",
        "type": "t",
        "nullable": True,
        "properties": {"a": "b"},
    }
    with pytest.raises(ValueError):
        model(format="pdf")


def test_properties_whose_python_names_collide_get_unique_fields(real: Real) -> None:
    """``+1``/``-1``, ``id``/``ID``, ``display-name``/``display_name`` in one schema: each its
    own field, each sent and read under its wire name."""
    model = real.modules["edge_cases"].ReactionRollup
    wire = {
        "total_count": 3,
        "+1": 2,
        "-1": 1,
        "id": 7,
        "ID": "seven",
        "display-name": "a",
        "display_name": "b",
    }
    made = model.model_validate(wire)
    assert made.model_dump(mode="json", by_alias=True, exclude_none=True) == wire
    assert len(set(type(made).model_fields)) == len(wire)
