"""The formatting step of the pipeline: every generated Python file through ruff, in-process.

Like openapi-python-client's post-hooks, but explicit and pinned: ruff comes from this
environment's ``ruff`` package (a dependency of the generator), runs with ``--isolated`` and a
fixed configuration, so neither the user's PATH nor the rest of their ruff settings change the
output; only the line length is the project's (``codegen.project_style``), as the project's own
``ruff format --check`` runs with it. One process for all files, not one per file.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

from .long_strings import split_long_strings

_OPTIONS = ("--isolated", "--target-version", "py311")


def format_python(files: list[tuple[str, str]], line_length: int) -> list[tuple[str, str]]:
    """The same files, ``.py`` ones formatted as ``ruff format`` would at ``line_length`` (the
    project's, see ``codegen.project_style``; ruff's other format settings are its defaults)."""
    python = [(rel, text) for rel, text in files if rel.endswith((".py", ".pyi"))]
    if not python:
        return files
    with tempfile.TemporaryDirectory(prefix="polybind-format.") as tmp:
        root = Path(tmp)
        for rel, text in python:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        _ruff_format(root, line_length, [rel for rel, _ in python])
        formatted = {rel: (root / rel).read_text(encoding="utf-8") for rel, _ in python}
        split = {rel: split_long_strings(text, line_length) for rel, text in formatted.items()}
        again = [rel for rel, text in split.items() if text != formatted[rel]]
        if again:
            for rel in again:
                (root / rel).write_text(split[rel], encoding="utf-8", newline="\n")
            _ruff_format(root, line_length, again)
            formatted.update((rel, (root / rel).read_text(encoding="utf-8")) for rel in again)
    return [(rel, formatted.get(rel, text)) for rel, text in files]


def _ruff_format(root: Path, line_length: int, rels: list[str]) -> None:
    done = subprocess.run(
        [
            find_ruff_bin(),
            "format",
            *_OPTIONS,
            f"--line-length={line_length}",
            "--quiet",
            *(str(root / rel) for rel in rels),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ruff format failed on generated code:\n{done.stderr}")
