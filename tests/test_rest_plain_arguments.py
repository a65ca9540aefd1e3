"""Failures #21 and #25: FastAPI's ``Optional[constr]`` (``anyOf [constrained string, null]``)
and ``dict[str, Any]`` fields, and 3.1 ``patternProperties``, are arguments of plain types
(``str | None``, ``dict[str, Any]``, ``dict[str, str]``): user code passing plain values passes
``mypy --strict``, the generated package too (``test_openapi_real_generate``), and the values
go out as JSON as they are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from tests.openapi_real_support import Real, real

__all__ = ["real"]

USER = """
from typing import Any
from {package} import Client

def edit(c: Client, meta: dict[str, Any]) -> None:
    c.update_task_tasks_task_id_patch(task_id=1, title="New title", meta=meta, estimate=3)
    c.update_task_tasks_task_id_patch(task_id=1, title=None)
    c.put_labels_tasks_task_id_labels_put(task_id=1, labels={{"colour": "blue"}})
    c.update_task_tasks_task_id_patch(task_id=1, title=5)
"""


def test_user_code_passing_plain_values_type_checks(real: Real, tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(USER.format(package="generated.fastapi_tasks"))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=real.root,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert [e.split(":")[1] for e in errors] == ["9"], done.stdout + done.stderr
    assert 'incompatible type "int"; expected "str | None"' in errors[0]


def test_plain_values_go_out_as_json(real: Real) -> None:
    sent: list[httpx.Request] = []
    task = {"id": 1, "title": "New title", "meta": {"k": [1]}, "estimate": 3}

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path.endswith("/labels"):
            return httpx.Response(200, json={"labels": {"colour": "blue"}})
        return httpx.Response(200, json=task)

    m = real.modules["fastapi_tasks"]
    with m.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        got = c.update_task_tasks_task_id_patch(
            task_id=1, title="New title", meta={"k": [1]}, estimate=3
        )
        labels = c.put_labels_tasks_task_id_labels_put(task_id=1, labels={"colour": "blue"})
    assert got.meta == {"k": [1]} and labels.labels == {"colour": "blue"}
    assert json.loads(sent[0].content) == {"title": "New title", "meta": {"k": [1]}, "estimate": 3}
    assert json.loads(sent[1].content) == {"labels": {"colour": "blue"}}
