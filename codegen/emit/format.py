"""The formatting step of the pipeline: every generated Python file through ruff, in-process.

Like openapi-python-client's post-hooks, but explicit and pinned: ruff comes from this
environment's ``ruff`` package (a dependency of the generator), runs with ``--isolated`` and a
fixed configuration, so neither the user's PATH nor the rest of their ruff settings change the
output; only the line length is the project's (``codegen.project_style``), as the project's own
``ruff format --check`` runs with it. One process for all files, not one per file.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

from .long_strings import split_long_strings

# No cache: the scratch copies are new paths on every run, so ruff's cache never hits, and
# it would be written into the user's working directory.
_OPTIONS = ("--isolated", "--no-cache", "--target-version", "py311")

#: Where the scratch copies ruff formats are written, when the system has a RAM-backed
#: directory: creating a file costs ~20 µs there and 30-700 µs on a busy disk, and a
#: 1 000-operation service needs ~2 000 of them, deleted a second later. ``None``: the default
#: temporary directory (``TMPDIR``).
_RAM = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def format_python(files: list[tuple[str, str]], line_length: int) -> list[tuple[str, str]]:
    """The same files, ``.py`` ones formatted as ``ruff format`` would at ``line_length`` (the
    project's, see ``codegen.project_style``; ruff's other format settings are its defaults)."""
    python = [(rel, text) for rel, text in files if rel.endswith((".py", ".pyi"))]
    if not python:
        return files
    if _RAM is not None:
        try:
            return _format_in(_RAM, files, python, line_length)
        except OSError:  # full: a container's /dev/shm can be 64 MB
            pass
    return _format_in(None, files, python, line_length)


def _format_in(
    parent: str | None,
    files: list[tuple[str, str]],
    python: list[tuple[str, str]],
    line_length: int,
) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="polybind-format.", dir=parent) as tmp:
        root = Path(tmp)
        made: set[Path] = set()
        for rel, text in python:
            path = root / rel
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
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
