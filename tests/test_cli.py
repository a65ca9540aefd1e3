"""The ``polybind`` command as a user meets it: help per subcommand, --version, friendly errors,
package names from any folder name, --strict, --spec, inspect, and one broken spec that does
not stop the others (its old output left as it was)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from codegen.cli import main
from tests.contracts_support import ROOT

SEEDS = ROOT / "specs"


def _polybind(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_each_subcommand_has_its_own_help_and_there_is_a_version(tmp_path: Path) -> None:
    helps = {c: _polybind(c, "--help", cwd=tmp_path).stdout for c in ("generate", "check", "mock")}
    assert len(set(helps.values())) == 3
    assert "--output" in helps["generate"] and "--port" in helps["mock"]
    assert _polybind("--version", cwd=tmp_path).stdout.startswith("polybind ")


def test_a_missing_specs_folder_is_explained(tmp_path: Path) -> None:
    done = _polybind("generate", cwd=tmp_path)
    assert (
        done.returncode == 2 and "no spec folder" in done.stderr and "Traceback" not in done.stderr
    )


def test_a_pyproject_that_is_not_toml_is_named(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.polybind\nspecs = 1\n")
    done = _polybind("generate", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "pyproject.toml:1: not valid TOML" in done.stderr


def test_a_mistyped_captures_folder_is_pointed_out(tmp_path: Path) -> None:
    shutil.copytree(SEEDS / "pixelz" / "captures", tmp_path / "specs" / "pixelz" / "capture")
    done = _polybind("generate", cwd=tmp_path)
    assert done.returncode == 2 and "belong in" in done.stderr and "captures" in done.stderr


def test_folder_names_that_are_not_identifiers_become_package_names(tmp_path: Path) -> None:
    for folder in ("my-service", "class"):
        shutil.copytree(SEEDS / "pixelz" / "captures", tmp_path / "specs" / folder / "captures")
    done = _polybind("generate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "'my_service'" in done.stderr and "'class_'" in done.stderr
    assert (tmp_path / "generated" / "my_service" / "client.py").is_file()
    assert (tmp_path / "generated" / "class_" / "client.py").is_file()


def test_strict_turns_documentation_defects_into_failure(tmp_path: Path) -> None:
    shutil.copytree(SEEDS / "pixelz", tmp_path / "specs" / "pixelz")
    assert _polybind("lint", cwd=tmp_path).returncode == 0
    strict = _polybind("lint", "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and "error:" in strict.stderr
    assert "warning" not in _polybind("lint", "--quiet", cwd=tmp_path).stderr


def test_one_broken_spec_does_not_stop_the_others_and_keeps_its_old_output(tmp_path: Path) -> None:
    for name in ("pixelz", "removethebackground"):
        shutil.copytree(SEEDS / name / "captures", tmp_path / "specs" / name / "captures")
    assert _polybind("generate", cwd=tmp_path).returncode == 0
    old = (tmp_path / "generated" / "pixelz" / "client.py").read_text()
    page = next((tmp_path / "specs" / "pixelz" / "captures").iterdir())
    page.write_text("\n".join(page.read_text().splitlines()[:70]))  # truncated capture
    done = _polybind("generate", cwd=tmp_path)
    assert done.returncode == 1 and f"{page.name}:" in done.stderr
    assert (tmp_path / "generated" / "pixelz" / "client.py").read_text() == old
    assert (tmp_path / "generated" / "removethebackground" / "client.py").is_file()
    assert "removethebackground" in done.stdout


def test_spec_filter_output_and_package_write_only_that_service(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "specs")
    keep = tmp_path / "src" / "app" / "vendors" / "mine.py"
    keep.parent.mkdir(parents=True)
    keep.write_text("# the user's own module\n")
    args = ["--spec", "specs/pixlab", "--output", "src/app/vendors", "--package", "app.vendors"]
    assert main(["generate", "--root", str(tmp_path), "--quiet", *args]) == 0
    assert sorted(p.name for p in keep.parent.iterdir()) == ["mine.py", "pixlab"]
    assert main(["check", "--root", str(tmp_path), "--quiet", *args]) == 0
    assert main(["generate", "--root", str(tmp_path), *args[:2], "--package", "app-x"]) == 2


def test_inspect_prints_signatures_and_wire_forms(tmp_path: Path) -> None:
    done = _polybind("inspect", "--root", str(ROOT), "--spec", "specs/pixelz", "--quiet", cwd=ROOT)
    assert "get_images_list(*, contact_email: str | None" in done.stdout
    assert 'SOAPAction: "http://removethebackground.com/GetImagesList"' in done.stdout
    assert "http_get  GET https://api.pixelz.com/soap.asmx/GetImagesList" in done.stdout
