"""Failures #19, #20, #26: where a document gives no example, the contract's values are built
from the schema and must be valid against it (checked with jsonschema, the independent
oracle) and readable by the generated client: FastAPI's OAuth2 ``grant_type`` pattern
(``^password$`` inside ``anyOf [..., null]``), ``format: duration`` (typed ``timedelta``), 3.1
``prefixItems`` tuples."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qsl

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator

from codegen.read.openapi_doc import json_sample
from tests.openapi_real_support import MORE, Real, real

__all__ = ["real"]

DOC = json.loads((MORE / "fastapi_tasks" / "openapi.json").read_text())
SCHEMAS = DOC["components"]["schemas"]


def _validate(value: object, name: str) -> None:
    root = {"components": {"schemas": SCHEMAS}, "$ref": f"#/components/schemas/{name}"}
    Draft202012Validator(root).validate(value)


@pytest.mark.parametrize(
    "schema",
    [
        {"anyOf": [{"type": "string", "pattern": "^password$"}, {"type": "null"}]},
        {"type": "string", "pattern": "^(bearer|mac)$"},
        {"type": "string", "pattern": r"^v1\.0$"},
        {"type": "array", "prefixItems": [{"type": "number"}, {"type": "integer"}], "items": False},
        {"type": "string", "format": "duration"},
    ],
)
def test_samples_are_valid_against_their_schema(schema: dict[str, object]) -> None:
    value = json_sample(schema, {})
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(value)
    assert value is not None


def test_the_contracts_hold_valid_values_the_client_reads(real: Real) -> None:
    contracts = real.root / "contracts" / "fastapi_tasks"
    login = yaml.safe_load((contracts / "login_token_post.rest.yaml").read_text())
    form = dict(parse_qsl(login["interactions"][0]["request"]["body"]))
    assert form["grant_type"] == "password"
    update = yaml.safe_load((contracts / "update_task_tasks__task_id__patch.rest.yaml").read_text())
    answer = json.loads(update["interactions"][0]["response"]["body"]["string"])
    _validate(answer, "Task")
    assert isinstance(answer["where"], list) and len(answer["where"]) == 2
    m = real.modules["fastapi_tasks"]
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=answer)))
    with m.Client(http_client=http) as c:
        task = c.update_task_tasks_task_id_patch(task_id=1)
    assert task.spent == timedelta(hours=1)
    assert list(task.where) == answer["where"]
