"""The generator is general: specs it has never seen generate clients that honour their contracts.

The fixture specs and the scratch root are described in ``tests/unseen_support.py``. Here: every
fixture service is generated, deterministically, with the protocols its spec offers, and ruff
and ``mypy --strict`` accept the generated packages. The other ``tests/test_unseen_*.py`` replay
the contracts, check typed values, what requests carry, and round trips (hypothesis).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from codegen.model import Protocol
from tests.contracts_support import ROOT, call_arguments, client_method, interaction
from tests.unseen_support import SERVICE_NAMES, Built, unseen

__all__ = ["unseen"]  # the session fixture, shared with the other test_unseen_* modules


def test_every_fixture_service_is_generated(unseen: Built) -> None:
    assert sorted(s.name for s in unseen.outputs.services) == SERVICE_NAMES
    assert not unseen.outputs.skipped
    for name in SERVICE_NAMES:
        files = {rel for rel, _ in unseen.outputs.generated if rel.startswith(f"generated/{name}/")}
        wanted = ("client.py", "codecs/__init__.py", "models/__init__.py")
        assert {f"generated/{name}/{f}" for f in wanted} <= files
    # One cassette per declared operation x protocol, no more, no less.
    declared = {
        f"contracts/{c.service.name}/{c.operation.name}.{c.protocol.value}.yaml"
        for c in unseen.cases()
    }
    assert {rel for rel, _ in unseen.outputs.contracts} == declared


def test_protocols_follow_the_spec(unseen: Built) -> None:
    every = (Protocol.SOAP11, Protocol.SOAP12, Protocol.HTTP_GET, Protocol.HTTP_POST)
    assert unseen.service("inventory").protocols == every
    assert unseen.service("shipping").protocols == every
    # Pages without HTTP GET/POST sections give fewer bindings, and clients refuse the others.
    assert unseen.service("ledger").protocols == (Protocol.SOAP11, Protocol.SOAP12)
    assert unseen.package("ledger").PROTOCOLS == ("soap11", "soap12")
    with pytest.raises(ValueError, match="not offered"):
        unseen.package("ledger").Client(protocol="http_get")
    # An operation with a structured parameter is SOAP-only, inside a four-protocol service.
    for service, op in (("inventory", "AddItem"), ("shipping", "CreateShipment")):
        found = next(o for o in unseen.service(service).operations if o.name == op)
        assert [v.protocol for v in found.variants] == [Protocol.SOAP11, Protocol.SOAP12]
        case = unseen.case(f"{service}/{op}/soap11")
        args = call_arguments(case, interaction(case)["request"])
        client = unseen.package(service).Client(protocol="http_post")
        with pytest.raises(ValueError, match="not offered"):
            getattr(client, client_method(unseen.package(service), op))(**args)


def test_generation_is_deterministic(unseen: Built) -> None:
    """Generated in this process; checked from another with a different hash seed."""
    seed = "7" if os.environ.get("PYTHONHASHSEED") != "7" else "8"
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "check", "--root", str(unseen.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


# --- generated code passes the repository's linters --------------------------------------------


def _run(unseen: Built, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / args[0]), *args[1:]],
        cwd=unseen.root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_generated_code_passes_ruff_and_mypy_strict(unseen: Built, service: str) -> None:
    if not (ROOT / ".venv" / "bin" / "mypy").exists():
        pytest.skip("the repository's .venv has no mypy")
    ruff = _run(unseen, "ruff", "check", "--no-cache", f"generated/{service}")
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    mypy = _run(
        unseen,
        "mypy",
        "--strict",
        "--cache-dir",
        str(unseen.root / f".mypy_cache_{service}"),
        f"generated/{service}",
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
