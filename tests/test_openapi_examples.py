"""Examples are checked against their schemas by type, and where a document gives no valid
response example the contract's sample is built valid against the schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from codegen.model import Protocol
from codegen.read.openapi import read_openapi
from codegen.read.openapi_doc import DocumentReader, as_2020, json_sample
from tests.rest_support import rest_case

FIXTURE = Path(__file__).parent / "fixtures" / "openapi_real" / "bad_examples" / "openapi.yaml"
_METHODS = ("get", "put", "post", "delete", "patch")


def _examples(reader: DocumentReader) -> list[tuple[tuple[str, ...], Any, Any]]:
    """(key path, schema, value) of every example of the operations' parameters, request
    bodies and responses (following ``$ref``s to components)."""
    found = []

    def media(holder: Any, path: tuple[str, ...]) -> None:
        holder, path = reader.deref(holder, path)
        for kind, spec in (holder.get("content") or {}).items():
            if "example" in spec:
                found.append(((*path, kind, "example"), spec["schema"], spec["example"]))
            for key, raw in (spec.get("examples") or {}).items():
                ex, epath = reader.deref(raw, (*path, kind, "examples", key))
                found.append(((*epath, "value"), spec["schema"], ex["value"]))

    for route, item in reader.doc["paths"].items():
        for i, param in enumerate(item.get("parameters") or []):
            if "example" in param:
                found.append((("paths", route, str(i)), param["schema"], param["example"]))
        for method in _METHODS:
            if method in item:
                op = item[method]
                if "requestBody" in op:
                    media(op["requestBody"], ("paths", route, method, "requestBody"))
                for status, answer in op["responses"].items():
                    media(answer, ("paths", route, method, "responses", str(status)))
    return found


def test_the_fixture_has_exactly_one_type_invalid_example(tmp_path: Path) -> None:
    folder = tmp_path / "specs" / "bad_examples"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "openapi.yaml")
    reader = DocumentReader(tmp_path, folder)
    checked = {path: reader.violations(schema, value) for path, schema, value in _examples(reader)}
    assert len(checked) == 5  # 2 request/response bodies, 1 parameter, 1 $ref'd map, the bad one
    bad = {path: found for path, found in checked.items() if found}
    where = ("paths", "/loans/{loanId}", "get", "responses", "200")
    assert bad == {
        (*where, "application/json", "example"): ["id: 'eighteen' is not of type 'integer'"]
    }


# --- the reader reports each violation at the example's line -----------------------------------

_LOAN = {
    "type": "object",
    "required": ["id", "due_on"],
    "properties": {
        "id": {"type": "integer", "format": "int64"},
        "due_on": {"type": "string", "format": "date"},
        "renewals": {"type": "integer", "minimum": 0, "maximum": 3},
        "note": {"type": "string", "nullable": True},
        "reader": {"$ref": "#/components/schemas/Reader"},
    },
}
_READER = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}


def _doc(example: Any, *, param: Any = 18, body: Any = None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": "getLoan",
        "parameters": [
            {"name": "loanId", "in": "path", "required": True, "schema": {"type": "integer"}}
            | {"example": param}
        ],
        "responses": {
            "200": {
                "description": "The loan.",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Loan"}}
                    | ({} if example is None else {"example": example})
                },
            }
        },
    }
    if body is not None:
        op["requestBody"] = {
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/Reader"},
                    "example": body,
                }
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Loans", "version": "1"},
        "servers": [{"url": "https://loans.example/v1"}],
        "paths": {"/loans/{loanId}": {"put" if body is not None else "get": op}},
        "components": {"schemas": {"Loan": _LOAN, "Reader": _READER}},
    }


def _read(tmp_path: Path, doc: dict[str, Any]) -> tuple[Any, list[str]]:
    folder = tmp_path / "specs" / "loans"
    folder.mkdir(parents=True)
    text = yaml.safe_dump(doc, sort_keys=False)
    (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    return read_openapi(tmp_path, folder), text.splitlines()


_GOOD = {"id": 18, "due_on": "2024-03-15", "renewals": 1, "note": None, "reader": {"name": "A"}}


def test_a_valid_document_has_no_example_defects(tmp_path: Path) -> None:
    service, _ = _read(tmp_path, _doc(_GOOD, body={"name": "Ann"}))
    assert service.defects == ()
    assert service.exchanges[0].response.json == _GOOD


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "eighteen"}, "id: 'eighteen' is not of type 'integer'"),
        ({"renewals": 4}, "renewals: 4 is greater than the maximum of 3"),
        ({"note": 5}, "note: 5 is not of type 'string', 'null'"),
        ({"reader": {"name": 7}}, "reader/name: 7 is not of type 'string'"),
        ({"reader": {}}, "reader: 'name' is a required property"),
    ],
)
def test_a_type_invalid_response_example_of_a_published_document_is_a_defect_at_its_value(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    """A published document's answer example that breaks its schema (copied from a real
    answer: ``null`` for a non-nullable member, a number as a string) does not stop the
    document (failure #6): a defect at the offending value, by JSON pointer, and the contract
    answers with a sample the schema accepts."""
    service, lines = _read(tmp_path, _doc(_GOOD | change))
    (defect,) = service.defects
    pointer = "/paths/~1loans~1{loanId}/get/responses/200/content/application~1json/example"
    assert defect.message.startswith(
        f"getLoan: the response example at {pointer} does not match its schema: "
    )
    assert defect.message.endswith(message), defect.message
    assert "left out of the contract" in defect.resolution
    shown = lines[defect.where.line - 1].strip()
    key = message.split(":", maxsplit=1)[0].rsplit("/", maxsplit=1)[-1]
    assert shown.startswith(f"{key}:"), shown
    loans = as_2020({"schemas": {"Loan": _LOAN, "Reader": _READER}})
    root = {"components": loans, "$ref": "#/components/schemas/Loan"}
    Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        service.exchanges[0].response.json
    )


def test_a_type_invalid_page_sample_is_one_defect_left_out_of_the_contract(
    tmp_path: Path,
) -> None:
    """Where the example was copied from a captured page, the page is wrong: a defect, and the
    contract answers with a sample built valid from the schema."""
    (tmp_path / "specs" / "loans" / "captures").mkdir(parents=True)
    (tmp_path / "specs" / "loans" / "captures" / "page.txt").write_text("the page\n")
    folder = tmp_path / "specs" / "loans"
    (folder / "openapi.yaml").write_text(
        yaml.safe_dump(_doc(_GOOD | {"id": "eighteen"}), sort_keys=False), encoding="utf-8"
    )
    service = read_openapi(tmp_path, folder)
    assert [d.message for d in service.defects] == [
        "getLoan: the response sample 'example' does not match its schema: "
        "id: 'eighteen' is not of type 'integer'"
    ]
    loans = as_2020({"schemas": {"Loan": _LOAN, "Reader": _READER}})
    root = {"components": loans, "$ref": "#/components/schemas/Loan"}
    Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        service.exchanges[0].response.json
    )


def test_request_and_parameter_examples_are_checked_by_type(tmp_path: Path) -> None:
    service, lines = _read(tmp_path, _doc(_GOOD, param="eighteen", body={"name": 7}))
    found = sorted((d.message, lines[d.where.line - 1].strip()) for d in service.defects)
    assert found == [
        (
            "getLoan request sample does not match its schema: name: 7 is not of type 'string'",
            "name: 7",
        ),
        (
            "the example of 'loanId' does not match its schema: 'eighteen' is not of type "
            "'integer'",
            "example: eighteen",
        ),
    ]


# --- samples built from the schema --------------------------------------------------------------

_COMPONENTS = {
    "schemas": {
        "Money": {
            "type": "object",
            "required": ["amount", "currency"],
            "properties": {
                "amount": {"type": "number", "exclusiveMinimum": 0, "maximum": 10},
                "currency": {"type": "string", "enum": ["EUR", "USD"]},
            },
        },
        "Node": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "child": {"$ref": "#/components/schemas/Node"},
            },
        },
    }
}
SCHEMAS = [
    {"type": "integer", "minimum": 10, "maximum": 12},
    {"type": "integer", "minimum": 5},
    {"type": "integer", "exclusiveMaximum": -3},
    {"type": "integer", "multipleOf": 7, "minimum": 8},
    {"type": "number", "minimum": 2.5},
    {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    {"type": "number", "minimum": 0, "maximum": 1, "exclusiveMaximum": True},  # OpenAPI 3.0
    {"type": "string", "minLength": 12, "maxLength": 14},
    {"type": "string", "maxLength": 2},
    {"type": "string", "format": "date-time"},
    {"type": "string", "format": "date"},
    {"type": "string", "format": "uuid"},
    {"type": "string", "format": "email"},
    {"type": "string", "format": "uri"},
    {"type": "string", "format": "ipv4"},
    {"type": "string", "nullable": True},
    {"type": "boolean"},
    {"const": "fixed"},
    {"enum": [None, 3, 4]},
    {"type": ["null", "integer"], "minimum": 40},
    {"type": "array", "items": {"type": "integer", "minimum": 3}, "minItems": 2},
    {"type": "array", "items": {"$ref": "#/components/schemas/Money"}, "maxItems": 0},
    {"oneOf": [{"$ref": "#/components/schemas/Money"}, {"type": "string"}]},
    {
        "allOf": [
            {"$ref": "#/components/schemas/Money"},
            {"properties": {"note": {"type": "string"}}},
        ]
    },
    {"$ref": "#/components/schemas/Node"},
    {
        "type": "object",
        "required": ["status", "total", "lines"],
        "additionalProperties": False,
        "properties": {
            "status": {"type": "integer"},
            "total": {"$ref": "#/components/schemas/Money"},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["sku", "qty"],
                    "properties": {
                        "sku": {"type": "string", "pattern": "^s"},
                        "qty": {"type": "integer", "minimum": 1, "maximum": 99},
                        "tags": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "when": {"type": "string", "format": "date-time", "nullable": True},
            "error": {"type": "string"},
        },
    },
]


def _validator(schema: Any) -> Draft202012Validator:
    root = {"components": as_2020(_COMPONENTS), "allOf": [as_2020(schema)]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("required_only", [False, True])
@pytest.mark.parametrize("schema", SCHEMAS, ids=[json.dumps(s)[:60] for s in SCHEMAS])
def test_built_samples_are_valid_against_their_schema(schema: Any, required_only: bool) -> None:
    if schema.get("properties", {}).get("lines"):
        schema = json.loads(json.dumps(schema).replace('"pattern": "^s", ', ""))
    sample = json_sample(schema, as_2020(_COMPONENTS), required_only=required_only)
    errors = [e.message for e in _validator(schema).iter_errors(sample)]
    assert errors == [], sample


def test_built_objects_have_all_fields_or_the_required_ones() -> None:
    schema = SCHEMAS[-1]
    full = json_sample(schema, _COMPONENTS, fixed={"status": 200}, omit={"error"})
    assert full["status"] == 200
    assert set(full) == {"status", "total", "lines", "when"}
    assert set(full["lines"][0]) == {"sku", "qty", "tags"}
    brief = json_sample(schema, _COMPONENTS, required_only=True)
    assert set(brief) == {"status", "total", "lines"}
    assert set(brief["lines"][0]) == {"sku", "qty"}


@pytest.mark.parametrize("op", ["delete", "oilpaint"])
def test_pixlab_contract_answers_are_valid_successes(op: str) -> None:
    case = rest_case("pixlab", op)
    exchange = case.service.exchange(op, Protocol.REST)
    assert exchange is not None
    answer = exchange.response.json
    assert answer["status"] == 200
    assert "error" not in answer  # the failure message does not stand beside a success
    Draft202012Validator(
        {
            "components": {"schemas": case.service.json_schemas},
            "$ref": f"#/components/schemas/{case.operation.result.type.name}",  # type: ignore[union-attr]
        },
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    ).validate(answer)


def test_a_string_answer_s_plain_example_is_its_json_string(tmp_path: Path) -> None:
    """``schema: {type: string}, example: https://…`` in a published document is the JSON
    string ``"https://…"``, not JSON text that fails to parse."""
    doc = _doc(None)
    answer = doc["paths"]["/loans/{loanId}"]["get"]["responses"]["200"]["content"]
    answer["application/json"] = {"schema": {"type": "string"}, "example": "https://x.test/a"}
    service, _ = _read(tmp_path, doc)
    assert service.defects == ()
    assert service.exchanges[0].response.json == "https://x.test/a"
    assert service.exchanges[0].response.body == '"https://x.test/a"'
