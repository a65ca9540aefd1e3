"""Live verification against the mock: a clean run reports no drift; each drifting scenario
(the live service's casing, an extra field, a removed field, a new status code) reports exactly
that drift. Scenarios also reach the generated clients as their typed errors, and the mock
plays the signed webhook after AddImage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from codegen.mock import MockApp, running
from codegen.verify import verify
from generated import pixelz, removethebackground_rest
from generated.removethebackground_rest.webhooks import ImageProcessedEvent, webhook_receiver
from tests.contracts_support import ROOT, SECRET_EMAIL, SECRET_KEY
from tests.toolkit_support import served
from wirekit.errors import ApiError, SoapFault

__all__ = ["served"]


@pytest.fixture(autouse=True)
def _reset(served: tuple[MockApp, str]) -> Iterator[None]:
    served[0].scenarios.clear()
    yield
    served[0].scenarios.clear()


def _verify(app: MockApp, base: str, service: str, tmp_path: Path) -> list[tuple[str, str]]:
    report = verify(app.services[service], f"{base}/{service}", allow=set(), recordings=tmp_path)
    return sorted({(d.kind, d.operation) for d in report.drifts})


@pytest.mark.parametrize(
    "service", ["pixelz", "removethebackground", "removethebackground_rest", "pixlab"]
)
def test_a_clean_run_reports_no_drift(
    served: tuple[MockApp, str], service: str, tmp_path: Path
) -> None:
    app, base = served
    assert _verify(app, base, service, tmp_path) == []


@pytest.mark.parametrize(
    ("service", "operation", "scenario", "expected"),
    [
        ("removethebackground_rest", "GetTemplates", "live", {"renamed", "added"}),
        ("pixlab", "delete", "extra-field", {"added"}),
        ("pixelz", "GetImagesList", "missing-field", {"missing"}),
        ("pixelz", "GetImagesList", "status=203", {"status"}),
    ],
)
def test_each_drift_is_reported_exactly(
    served: tuple[MockApp, str],
    service: str,
    operation: str,
    scenario: str,
    expected: set[str],
    tmp_path: Path,
) -> None:
    app, base = served
    app.scenarios[f"{service}/{operation}"] = scenario
    found = _verify(app, base, service, tmp_path)
    assert {kind for kind, _ in found} == expected
    assert {op for _, op in found} == {operation}


def test_the_cli_gates_on_breaking_drift_and_records_no_secret(
    served: tuple[MockApp, str], tmp_path: Path
) -> None:
    app, base = served
    env = {
        **os.environ,
        "POLYBIND_PIXELZ_CONTACTAPIKEY": SECRET_KEY,
        "POLYBIND_CONTACTEMAIL": SECRET_EMAIL,
    }
    command = [
        sys.executable,
        "-m",
        "codegen",
        "verify",
        "--root",
        str(ROOT),
        "--service",
        "pixelz",
        "--base-url",
        f"{base}/pixelz",
        "--report",
        str(tmp_path / "r.json"),
        "--recordings",
        str(tmp_path / "rec"),
    ]
    clean = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    app.scenarios["pixelz/GetImagesList"] = "status=503"
    drifted = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert drifted.returncode == 1 and "BREAKING" in drifted.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["breaking"] and {d["kind"] for d in report["drifts"]} == {"status"}
    recorded = "".join(p.read_text() for p in (tmp_path / "rec").rglob("*.yaml"))
    assert (
        "GetImagesList" in recorded and SECRET_KEY not in recorded and SECRET_EMAIL not in recorded
    )
    sent = [r for r in app.requests if r[0] == "pixelz"]
    assert sent and all(reason == "" for *_, reason in sent)


def test_scenarios_reach_the_clients_as_typed_errors(served: tuple[MockApp, str]) -> None:
    app, base = served
    app.scenarios["pixelz/GetImagesList"] = "fault"
    with pixelz.Client(f"{base}/pixelz", protocol="soap12") as client, pytest.raises(SoapFault):
        client.get_images_list(contact_email="a@example.com", contact_api_key="k")
    app.scenarios["removethebackground_rest/GetTemplates"] = "error"
    with removethebackground_rest.Client(f"{base}/removethebackground_rest") as rtb:
        with pytest.raises(ApiError, match="MockError"):
            rtb.get_templates(contact_email="a@example.com", contact_api_key="k")
        app.scenarios["removethebackground_rest/GetTemplates"] = "delay=0.3"
        started = time.monotonic()
        rtb.get_templates(contact_email="a@example.com", contact_api_key="k")
        assert time.monotonic() - started >= 0.3


def test_the_mock_plays_the_signed_webhook_after_add_image(served: tuple[MockApp, str]) -> None:
    app, base = served
    events: list[ImageProcessedEvent] = []
    receiver = webhook_receiver(events.append, secret=app.webhook_secret)
    with (
        # running() serves any ASGI app (uvicorn); codegen.mock.serve annotates it as MockApp
        running(receiver) as hook_base,  # type: ignore[arg-type]
        removethebackground_rest.Client(f"{base}/removethebackground_rest") as rtb,
    ):
        added = rtb.add_image(
            contact_email="a@example.com",
            contact_api_key="k",
            image_url="https://example.com/a.jpg",
            image_callback_url=f"{hook_base}/callback",
        )
        deadline = time.monotonic() + 5
        while not events and time.monotonic() < deadline:
            time.sleep(0.05)
    assert events and events[0].image_ticket == added.image_ticket
    assert app.deliveries[-1] == (f"{hook_base}/callback", "200")
