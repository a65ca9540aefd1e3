"""What mypy tells a user of the generated clients: a protocol typo and the wrong kind of httpx
client are type errors, not runtime surprises; a GUID is accepted in both forms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.contracts_support import ROOT

USER = """
from uuid import UUID
import httpx
from generated.pixelz import AsyncClient, Client
from generated.removethebackground_rest import Client as Rtb

Client(protocol="soap13")
AsyncClient(http_client=httpx.Client())
Client(protocol="soap12", http_client=httpx.Client())
Rtb().get_image_status(image_ticket=UUID(int=1), contact_email="e", contact_api_key="k")
Rtb().get_image_status(image_ticket="0-0", contact_email="e", contact_api_key="k")
"""


def test_protocol_typos_and_wrong_clients_are_type_errors(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(USER)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert [e.split(":")[1] for e in errors] == ["7", "8"], done.stdout
    assert "soap13" in errors[0] and "AsyncClient | None" in errors[1]
