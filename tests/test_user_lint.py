"""Generated packages pass a user's ruff (held-out finding #1).

Inside this repository its own ``[tool.ruff]`` (line length 100, ``wirekit`` first-party,
``combine-as-imports``) hides what a user's project sees. Here one spec of each kind (the ASMX
seed, a WSDL fixture with headers and several namespaces, an OpenAPI fixture with FastAPI/NSwag
nullable shapes) is generated into a scratch project outside the repository — once with no ruff
configuration, once with ``line-length = 120`` — and the pinned ruff checks the output: its
default rules, a broad common selection under both isort classifications of ``wirekit`` and both
``combine-as-imports`` settings, and ``ruff format --check``. The README states this guarantee.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest
from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

from codegen.cli import main
from codegen.emit.long_strings import split_long_strings
from codegen.errors import SpecError
from codegen.project_style import project_line_length
from tests.contracts_support import ROOT

#: The selection the README promises, plus TC004: an import moved under ``TYPE_CHECKING``
#: (third-party names beside ``wirekit``) must not be used at run time.
BROAD = "E,F,W,I,UP,B,SIM,RUF,PYI,N,FLY,C4,TC004"
KINDS = {
    "pixelz": ROOT / "specs" / "pixelz",
    "fleet_wcf": ROOT / "tests" / "fixtures" / "wsdl_real" / "fleet_wcf",
    "nullable_lint": ROOT / "tests" / "fixtures" / "openapi_more" / "nullable_lint",
}


@pytest.fixture(scope="module", params=[None, 120], ids=["no-config", "line-length-120"])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's project with the three specs, generated once; ``line-length`` in its
    ``[tool.ruff]`` when the parameter gives one."""
    root = tmp_path_factory.mktemp("user-project")
    for name, folder in KINDS.items():
        shutil.copytree(folder, root / "specs" / name)
    if request.param is not None:
        (root / "pyproject.toml").write_text(f"[tool.ruff]\nline-length = {request.param}\n")
    assert main(["generate", "--root", str(root), "-q"]) == 0
    assert sorted(p.name for p in (root / "generated").iterdir() if p.is_dir()) == sorted(KINDS)
    return root


def _ruff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The pinned ruff on ``generated/``, reading no configuration but the line length."""
    pyproject = root / "pyproject.toml"
    length = ["--line-length", "120"] if pyproject.is_file() else []
    return subprocess.run(
        [find_ruff_bin(), *args, "--isolated", *length, "generated"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_default_rules_pass(project: Path) -> None:
    done = _ruff(project, "check", "--output-format", "concise")
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("first_party", [False, True], ids=["wirekit-third", "wirekit-first"])
@pytest.mark.parametrize("combine_as", [False, True], ids=["split-as", "combine-as"])
def test_broad_rules_pass_whatever_the_import_settings(
    project: Path, first_party: bool, combine_as: bool
) -> None:
    settings = [
        "--config",
        f"lint.isort.known-first-party = {['wirekit'] if first_party else []}",
        "--config",
        f"lint.isort.combine-as-imports = {str(combine_as).lower()}",
    ]
    done = _ruff(project, "check", "--select", BROAD, *settings, "--output-format", "concise")
    assert done.returncode == 0, done.stdout


def test_ruff_format_check_passes(project: Path) -> None:
    done = _ruff(project, "format", "--check")
    assert done.returncode == 0, done.stdout


def test_the_project_line_length_is_used(project: Path) -> None:
    """At 120 the formatter joins what 88 splits: lines of 89 to 120 characters appear, other
    than the one-word and URL lines E501 leaves alone (namespaced tags)."""
    between = [
        line
        for path in (project / "generated").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if 88 < len(line) <= 120 and "://" not in line and len(line.split()) > 1
    ]
    assert bool(between) == (project / "pyproject.toml").is_file(), between[:3]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_line_length_sources_in_order(tmp_path: Path) -> None:
    assert project_line_length(tmp_path, "generated") == 88
    _write(tmp_path / "pyproject.toml", "[project]\nname = 'app'\n")
    assert project_line_length(tmp_path, "generated") == 88
    _write(tmp_path / "pyproject.toml", "[tool.ruff]\nline-length = 110\n")
    assert project_line_length(tmp_path, "generated") == 110
    _write(tmp_path / "ruff.toml", "line-length = 99\n")
    assert project_line_length(tmp_path, "generated") == 99
    _write(tmp_path / ".ruff.toml", "target-version = 'py311'\n")  # found first: no length
    assert project_line_length(tmp_path, "generated") == 88
    # The configuration nearest to the output folder wins, as it does for ruff itself.
    _write(tmp_path / "src" / "app" / "ruff.toml", "line-length = 79\n")
    assert project_line_length(tmp_path, "src/app/vendors") == 79
    _write(tmp_path / "pyproject.toml", "[tool.polybind]\nline-length = 130\n")
    assert project_line_length(tmp_path, "src/app/vendors") == 130


@pytest.mark.parametrize("value", ["'wide'", "10", "true", "1000"])
def test_a_bad_line_length_is_a_located_error(tmp_path: Path, value: str) -> None:
    _write(tmp_path / "pyproject.toml", f"[tool.polybind]\noutput = 'x'\nline-length = {value}\n")
    with pytest.raises(SpecError) as err:
        project_line_length(tmp_path, "generated")
    assert str(err.value).startswith(f"{tmp_path / 'pyproject.toml'}:3: ")


SPLITTABLE = '''x = Field(
    None, description="Status 200 is a success, any other code a failure."
)
y = call("<a xmlns:ns0=\\"http://e.com/one\\" xmlns:ns1=\\"http://e.com/two\\">")
z = ("<a", '<ns1:Get xmlns:ns0="http://tempuri.org/" xmlns:ns1="http://e.com">', b)


def f() -> None:
    """A docstring too long for the line is left alone: only code literals split."""
    return g(f"an f-string too long for the line {x} and is left alone as written")
'''


def test_a_one_word_dict_value_too_long_for_its_line_is_parenthesized() -> None:
    """No space to split at: in parentheses, the formatter gives it a line of its own (a
    single-word line E501 does not count). Found on a real WSDL's lazy model index."""
    source = 'D = {\n    "TKey": ".models.list_of_country_names_grouped_by_continent",\n}\n'
    out = split_long_strings(source, 60)
    assert '"TKey": (".models.list_of_country_names_grouped_by_continent"),' in out
    assert ast.literal_eval(out[4:]) == ast.literal_eval(source[4:])
    assert split_long_strings(source, 100) == source  # fits: untouched


def test_long_literals_are_split_without_changing_values() -> None:
    out = split_long_strings(SPLITTABLE, 60)
    stub = "def Field(*a, **k): return (a, k)\ndef call(s): return s\nb = 1\n"
    values = []
    for source in (SPLITTABLE, out):
        namespace: dict[str, object] = {}
        exec(compile(stub + source.split("\n\ndef", maxsplit=1)[0], "<src>", "exec"), namespace)
        values.append({k: namespace[k] for k in "xyz"})
    assert values[0] == values[1]
    assert '"""A docstring too long for the line is left alone' in out
    assert 'f"an f-string too long for the line {x} and is left alone as written"' in out
    # Parenthesized (ISC004), except alone in a pair already: a call's only argument (UP034).
    assert 'description=("Status 200 is a success, any other code a" " failure.")' in out
    assert 'call("<a xmlns:ns0=\\"http://e.com/one\\"" " xmlns:ns1=' in out
    assert """("<a", ('<ns1:Get xmlns:ns0="http://tempuri.org/"' ' xmlns:ns1=""" in out
