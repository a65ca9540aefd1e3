"""In-band errors (``x-api-error``): success values compare as typed JSON values, XML codes
case-insensitively, and a duplicated code never lets a failure through.

The reader and the runtime meet in the text form of ``success_text``: every test that starts
from a spec goes through ``read_openapi`` and builds the runtime rule exactly as the emitter
writes it, so a reader that stringifies ``true`` as ``'True'`` fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import given, strategies as st

from codegen.errors import SpecError
from codegen.model import Protocol
from codegen.read.openapi import read_openapi
from tests.rest_support import replay, rest_case
from wirekit.errors import ApiError, ResponseFormatError
from wirekit.rest import (
    ApiErrorRule,
    RestOperationSpec,
    RestRequest,
    success_text,
    success_value,
)

# --- the text form of success values -----------------------------------------------------------

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()


@given(_SCALARS)
def test_success_text_round_trips_every_json_scalar(value: object) -> None:
    back = success_value(success_text(value))
    assert type(back) is type(value)
    assert back == value


def test_success_text_keeps_plain_strings_and_writes_json_for_the_rest() -> None:
    assert [success_text(v) for v in ("noError", 200, "200", True, "true")] == [
        "noError",
        "200",
        '"200"',
        "true",
        '"true"',
    ]


# --- from the document to the runtime ----------------------------------------------------------


def _doc(success: Any, code_schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Inband", "version": "1"},
        "servers": [{"url": "https://api.example/v1"}],
        "x-api-error": {"code": "outcome", "success": success, "message": "why"},
        "paths": {
            "/thing": {
                "get": {
                    "operationId": "getThing",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"outcome": code_schema, "why": {"type": "string"}},
                }
            }
        },
    }


def _read(tmp_path: Path, doc: dict[str, Any]) -> Any:
    folder = tmp_path / "specs" / "inband"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return read_openapi(tmp_path, folder)


def _runtime_rule(tmp_path: Path, success: Any, code_schema: dict[str, Any]) -> ApiErrorRule:
    """The rule as generated code states it (``rest_view`` writes the model's fields)."""
    rule = _read(tmp_path, _doc(success, code_schema)).operations[0].api_error
    assert rule is not None
    return ApiErrorRule(code=rule.code, success=rule.success, message=rule.message)


def _json_spec(rule: ApiErrorRule) -> RestOperationSpec[Any]:
    return RestOperationSpec(
        "op", "GET", "/op", RestRequest, "json", lambda data: data, api_error=rule
    )


def _answer(spec: RestOperationSpec[Any], body: str, media: str = "application/json") -> Any:
    return spec.read(
        "rest", httpx.Response(200, content=body.encode(), headers={"content-type": media})
    )


TYPED = [
    ([True], {"type": "boolean"}, ["true"], ['"true"', "1", "false", "null"]),
    ([200], {"type": "integer"}, ["200", "200.0"], ['"200"', "201", "true", "null"]),
    (["ok"], {"type": "string"}, ['"ok"', '" ok "'], ['"OK"', '"ko"', "null", "1"]),
    (["200"], {"type": "string"}, ['"200"'], ["200"]),
    ([0, "none"], {"type": ["integer", "string"]}, ["0", '"none"'], ["false", '"0"']),
]


@pytest.mark.parametrize(("success", "schema", "good", "bad"), TYPED)
def test_json_success_values_compare_as_typed_json_values(
    tmp_path: Path, success: Any, schema: dict[str, Any], good: list[str], bad: list[str]
) -> None:
    spec = _json_spec(_runtime_rule(tmp_path, success, schema))
    for code in good:
        body = f'{{"outcome": {code}, "why": ""}}'
        assert _answer(spec, body) == json.loads(body)
    for code in bad:
        with pytest.raises(ApiError) as caught:
            _answer(spec, f'{{"outcome": {code}, "why": "failed"}}')
        assert caught.value.api_message == "failed"


def test_a_json_answer_without_the_code_is_not_checked(tmp_path: Path) -> None:
    spec = _json_spec(_runtime_rule(tmp_path, [True], {"type": "boolean"}))
    assert _answer(spec, '{"why": ""}') == {"why": ""}


def test_a_duplicated_json_code_is_refused(tmp_path: Path) -> None:
    spec = _json_spec(_runtime_rule(tmp_path, [200], {"type": "integer"}))
    for body in ('{"outcome": 500, "outcome": 200}', '{"outcome": 200, "outcome": 500}'):
        with pytest.raises(ResponseFormatError, match="more than once"):
            _answer(spec, body)


@pytest.mark.parametrize(
    ("success", "schema"),
    [([True], {"type": "string"}), ([1.5], {"enum": [1, 2]}), (["two"], {"type": "integer"})],
)
def test_a_success_value_the_code_field_cannot_hold_is_refused(
    tmp_path: Path, success: Any, schema: dict[str, Any]
) -> None:
    with pytest.raises(SpecError, match="success value"):
        _read(tmp_path, _doc(success, schema))


@pytest.mark.parametrize(
    ("success", "schema", "typed"),
    [(["200"], {"type": "integer"}, 200), (["true"], {"type": "boolean"}, True)],
)
def test_a_string_holding_a_value_of_the_code_type_is_read_as_that_value(
    tmp_path: Path, success: Any, schema: dict[str, Any], typed: object
) -> None:
    """Documents written for the old string comparison (``["true"]``) keep working, reported."""
    service = _read(tmp_path, _doc(success, schema))
    rule = service.operations[0].api_error
    assert rule.success == (success_text(typed),)
    assert [d.message for d in service.defects if "x-api-error" in d.message] == [
        f"x-api-error gives the success outcome as the string {success[0]!r}; the field holds "
        f"{json.dumps(typed)}"
    ]
    spec = _json_spec(ApiErrorRule(rule.code, rule.success, rule.message))
    _answer(spec, f'{{"outcome": {json.dumps(typed)}}}')
    with pytest.raises(ApiError):
        _answer(spec, f'{{"outcome": {json.dumps(success[0])}}}')


@pytest.mark.parametrize("success", ["noError", [], [["a"]], [{"a": 1}], None])
def test_success_must_be_a_list_of_json_scalars(tmp_path: Path, success: Any) -> None:
    with pytest.raises(SpecError, match="list of success values"):
        _read(tmp_path, _doc(success, {"type": "string"}))


# --- XML: the seed binding (Remove The Background REST.svc, a WCF service) ---------------------

_RTB = "removethebackground_rest"
_OPS = ["GetTemplates", "AddImage", "GetImageStatus"]
_XML = "application/xml; charset=utf-8"


def _rtb_bodies(op: str, code: str) -> list[str]:
    """Every documented form of ``op``'s answer (the page's, the service's), saying ``code``."""
    case = rest_case(_RTB, op)
    exchange = case.service.exchange(op, Protocol.REST)
    assert exchange is not None
    bodies = [exchange.response.body, *(a.body for a in exchange.alternates)]
    out = []
    for body in bodies:
        assert ">noError<" in body
        out.append(body.replace(">noError<", f">{code}<"))
    return out


@pytest.mark.parametrize("op", _OPS)
@pytest.mark.parametrize("code", ["noError", "NoError", "NOERROR", " NoError\n"])
def test_rtb_accepts_both_spellings_of_success(op: str, code: str) -> None:
    for body in _rtb_bodies(op, code):
        assert replay(rest_case(_RTB, op), body, _XML) is not None


@pytest.mark.parametrize("op", _OPS)
@pytest.mark.parametrize("code", ["invalidContactAPIkey", "InvalidContactAPIkey", "NoErrors", ""])
def test_rtb_failure_codes_raise_in_either_spelling(op: str, code: str) -> None:
    for body in _rtb_bodies(op, code):
        with pytest.raises(ApiError) as caught:
            replay(rest_case(_RTB, op), body, _XML)
        assert caught.value.code == code


@pytest.mark.parametrize("op", _OPS)
@pytest.mark.parametrize("order", [("NoError", "quotaExceeded"), ("quotaExceeded", "NoError")])
def test_rtb_duplicated_code_in_any_casing_is_refused(op: str, order: tuple[str, str]) -> None:
    body = _rtb_bodies(op, order[0])[-1]
    twice = body.replace(
        f"<ErrorCode>{order[0]}</ErrorCode>",
        f"<ErrorCode>{order[0]}</ErrorCode><errorcode>{order[1]}</errorcode>",
    )
    assert twice != body
    with pytest.raises(ResponseFormatError, match="appears 2 times"):
        replay(rest_case(_RTB, op), twice, _XML)


def test_the_reader_reports_the_wcf_spelling_of_the_success_code() -> None:
    service = rest_case(_RTB, "GetTemplates").service
    notes = [d for d in service.defects if "'NoError'" in d.message]
    assert len(notes) == 1
    assert "declared name" in notes[0].message
    assert notes[0].where.line == _line_of(
        "specs/removethebackground_rest/openapi.yaml", "  success: [noError]"
    )


def _line_of(path: str, text: str) -> int:
    lines = Path(__file__).resolve().parent.parent.joinpath(path).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(text))


# --- XML: a rule whose code the schema does not name -------------------------------------------


def _xml_spec(success: tuple[str, ...]) -> RestOperationSpec[Any]:
    rule = ApiErrorRule(code="Status", success=success, message="Why")
    return RestOperationSpec(
        "op", "GET", "/op", RestRequest, "xml", lambda root: root, api_error=rule
    )


@pytest.mark.parametrize("tag", ["Status", "STATUS", "x:status"])
def test_xml_code_is_found_by_local_name_in_any_case(tag: str) -> None:
    spec = _xml_spec((success_text(200), success_text(True)))
    ns = ' xmlns:x="urn:x"' if tag.startswith("x:") else ""
    for good in ("200", "true", "TRUE"):
        _answer(spec, f"<R{ns}><{tag}>{good}</{tag}></R>", "application/xml")
    with pytest.raises(ApiError, match="500"):
        _answer(spec, f"<R{ns}><{tag}>500</{tag}><Why>down</Why></R>", "application/xml")
    with pytest.raises(ResponseFormatError, match="appears 2 times"):
        _answer(spec, f"<R{ns}><{tag}>200</{tag}><status>500</status></R>", "application/xml")
