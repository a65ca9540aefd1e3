"""Failure #27: schemas named like the runtime names a generated package imports (``Param``,
``RestRequest``, ``RestOperationSpec``, ``SecretStr``, ``ProtocolName``) get ``Model``
appended, so ``operations.py`` keeps wirekit's ``Param`` (calls work, ``mypy --strict`` passes:
``test_openapi_real_generate``) and ``SecretStr`` is an ordinary model, not pydantic's secret."""

from __future__ import annotations

import importlib

import httpx

from tests.openapi_real_support import Real, real
from wirekit.arguments import Param

__all__ = ["real"]


def test_such_schemas_are_renamed_and_calls_work(real: Real) -> None:
    m = real.modules["ticket_desk"]
    models = importlib.import_module(f"{m.__name__}.json_models")
    ops = importlib.import_module(f"{m.__name__}.operations")
    assert ops.Param is Param
    for name in ("Param", "RestRequest", "RestOperationSpec", "SecretStr", "ProtocolName"):
        assert hasattr(models, f"{name}Model"), name
        assert not hasattr(models, name) or getattr(models, name).__module__ != models.__name__
    stored = {
        "name": "colour",
        "value": "blue",
        "secret": {"hint": "sky"},
        "history": [{"step": 1, "by": "ann"}],
    }
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=stored)

    with m.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        got = c.put_setting(
            name="colour", value="blue", secret=models.SecretStrModel(hint="sky"), channel="sms"
        )
    assert isinstance(got, models.ParamModel) and got.value == "blue"
    assert got.secret is not None and got.secret.hint == "sky"  # a model, not a masked secret
    assert got.history is not None and got.history[0].by == "ann"
    assert sent[0].content == b'{"value":"blue","secret":{"hint":"sky"},"channel":"sms"}'
