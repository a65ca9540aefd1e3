"""The committed tree is exactly what the specs produce, in every environment.

CI's ``make check`` also runs the freshness check; these make ``make test`` alone catch it too,
with the diff to read, and check determinism where it can break: across interpreter processes
with different hash seeds (set and dict order), which one process cannot see.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys

import pytest

from codegen.pipeline import build, committed
from tests.contracts_support import ROOT


def _diff(rel: str, have: bytes | None, want: bytes | None) -> str:
    if have is None or want is None:
        return f"{rel}: {'missing from the tree' if have is None else 'not produced by specs/'}"
    lines = difflib.unified_diff(
        have.decode("utf-8", "replace").splitlines(),
        want.decode("utf-8", "replace").splitlines(),
        f"{rel} (committed)",
        f"{rel} (from specs/)",
        lineterm="",
        n=2,
    )
    return "\n".join(list(lines)[:40])


def test_committed_outputs_are_what_the_specs_produce() -> None:
    stale = committed(build(ROOT))
    report = "\n".join(_diff(rel, *pair) for rel, pair in sorted(stale.items())[:5])
    assert not stale, f"{len(stale)} file(s) differ; run `make generate`:\n{report}"


def _check_in_a_fresh_process(**env: str) -> None:
    """``python -m codegen check`` on the repository, in another interpreter with ``env``."""
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "check", "--root", str(ROOT), "--quiet"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("seed", ["0", "12345"])
def test_generation_does_not_depend_on_the_hash_seed(seed: str) -> None:
    _check_in_a_fresh_process(PYTHONHASHSEED=seed)


def test_output_does_not_depend_on_ruff_being_on_path() -> None:
    """The formatter runs in-process from the pinned package, never whatever ruff is on PATH."""
    _check_in_a_fresh_process(PATH="/usr/bin:/bin")
