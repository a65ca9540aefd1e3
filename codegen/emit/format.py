"""The formatting step of the pipeline: every generated Python file through ruff, in-process.

Like openapi-python-client's post-hooks, but explicit and pinned: ruff comes from this
environment's ``ruff`` package (a dependency of the generator), runs with ``--isolated`` and a
fixed configuration so neither the user's PATH nor their ``pyproject.toml`` changes the output,
and runs once over all files (one process, not one per file).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

_OPTIONS = ("--isolated", "--line-length", "100", "--target-version", "py311")


def format_python(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same files, ``.py`` ones formatted as ``ruff format`` would."""
    python = [(rel, text) for rel, text in files if rel.endswith(".py")]
    if not python:
        return files
    with tempfile.TemporaryDirectory(prefix="polybind-format.") as tmp:
        root = Path(tmp)
        for rel, text in python:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        done = subprocess.run(
            [find_ruff_bin(), "format", *_OPTIONS, "--quiet", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"ruff format failed on generated code:\n{done.stderr}")
        formatted = {rel: (root / rel).read_text(encoding="utf-8") for rel, _ in python}
    return [(rel, formatted.get(rel, text)) for rel, text in files]
