"""The kit as a user installs it: a fresh virtualenv outside the repository, the distribution
installed from source with packages pinned by the lock, the seed specs generated into a scratch
project's own package, every client called against ``polybind mock`` (the real command, on
loopback), and mypy --strict on the user's script. Nothing named ``generated`` or ``codegen``
may land in site-packages."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.contracts_support import ROOT

USER_SCRIPT = """
import asyncio
import sys
from uuid import UUID

from app.vendors import pixelz, pixlab, removethebackground, removethebackground_rest

BASE = sys.argv[1]
ME = {"contact_email": "me@example.com", "contact_api_key": "k"}


def sync_calls() -> None:
    for protocol in pixelz.PROTOCOLS:
        with pixelz.Client(f"{BASE}/pixelz", protocol=protocol) as client:
            page = client.get_images_list(**ME)
            assert isinstance(page, pixelz.ImagesListResponse) and page.images
            client.delete_image_from_queue(**ME, image_ticket="t")
    for protocol in removethebackground.PROTOCOLS:
        with removethebackground.Client(f"{BASE}/removethebackground", protocol=protocol) as rtb:
            rtb.get_image_status(**ME, image_ticket="t")
    with removethebackground_rest.Client(f"{BASE}/removethebackground_rest") as rest:
        added = rest.add_image(**ME, image_url="https://example.com/a.jpg")
        ticket: UUID | None = added.image_ticket
        assert ticket is not None
        rest.get_image_status(**ME, image_ticket=ticket)
        assert rest.get_templates(**ME).templates
    with pixlab.Client(f"{BASE}/pixlab") as lab:
        assert lab.delete(link="https://example.com/a.jpg").status == 200
        lab.oilpaint(img="https://example.com/a.jpg", radius=3)


async def async_calls() -> None:
    async with pixelz.AsyncClient(f"{BASE}/pixelz", protocol="soap12") as client:
        page = await client.get_images_list(**ME)  # None when ASMX omits a null result
        assert page is not None and page.images
    async with removethebackground_rest.AsyncClient(f"{BASE}/removethebackground_rest") as rest:
        assert (await rest.get_templates(**ME)).templates


sync_calls()
asyncio.run(async_calls())
print("all clients answered")
"""

PYPROJECT = """
[project]
name = "app"
version = "0"

[tool.polybind]
specs = ["specs"]
output = "src/app/vendors"
package = "app.vendors"
contracts = "tests/contracts"
"""


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _install(tmp: Path) -> Path:
    source = tmp / "source"
    for part in ("codegen", "wirekit"):
        shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / part, source / part)
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp)
    pip: list[str | Path] = [
        venv / "bin" / "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    _run(*pip, "-c", ROOT / "requirements.lock", f"{source}[codegen,testing,typing]", cwd=tmp)
    return venv


def _project(tmp: Path) -> Path:
    app = tmp / "app"
    (app / "src" / "app" / "vendors").mkdir(parents=True)
    (app / "src" / "app" / "__init__.py").write_text("")
    (app / "src" / "app" / "vendors" / "__init__.py").write_text("")
    (app / "pyproject.toml").write_text(PYPROJECT)
    shutil.copytree(ROOT / "specs", app / "specs")
    (app / "use_vendors.py").write_text(textwrap.dedent(USER_SCRIPT))
    return app


@pytest.mark.skipif(os.environ.get("POLYBIND_SKIP_INSTALL") == "1", reason="asked to skip")
def test_install_generate_call_and_type_check_outside_the_repository(tmp_path: Path) -> None:
    venv = _install(tmp_path)
    site = next((venv / "lib").glob("python3*/site-packages"))
    assert not (site / "generated").exists() and not (site / "codegen").exists()
    assert (site / "wirekit" / "py.typed").exists() and (site / "polybind").is_dir()
    app = _project(tmp_path)
    polybind = venv / "bin" / "polybind"
    _run(polybind, "generate", "--quiet", cwd=app)
    assert (app / "src/app/vendors/pixelz/client.py").is_file()
    assert (app / "tests/contracts/pixelz/GetImagesList.soap11.yaml").is_file()
    assert (app / "src/app/vendors/__init__.py").read_text() == ""  # the user's file, untouched
    _run(polybind, "check", "--quiet", cwd=app)
    port = _free_port()
    mock = subprocess.Popen(
        [str(polybind), "mock", "--port", str(port)], cwd=app, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 20
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and mock.poll() is None, (
                "polybind mock did not start"
            )
            time.sleep(0.1)
        env = {**os.environ, "PYTHONPATH": str(app / "src")}
        out = _run(
            venv / "bin" / "python", "use_vendors.py", f"http://127.0.0.1:{port}", cwd=app, env=env
        )
        assert "all clients answered" in out
    finally:
        mock.terminate()
        mock.wait(timeout=10)
    mypy = ROOT / ".venv" / "bin" / "mypy"
    env = {**os.environ, "MYPYPATH": str(app / "src")}
    _run(
        mypy,
        "--strict",
        "--no-incremental",
        "--python-executable",
        venv / "bin" / "python",
        "use_vendors.py",
        cwd=app,
        env=env,
    )
