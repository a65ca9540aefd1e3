"""The only module that writes generated files.

Output trees are rewritten whole: everything is rendered first, into a temporary directory,
then swapped in, so a failed run leaves the previous tree untouched and stale modules of a
removed service or operation cannot survive.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_tree(root: Path, top: str, files: Iterable[tuple[str, str]]) -> list[str]:
    """Replace ``root/top`` with exactly ``files`` (paths relative to ``root``); returns changes."""
    target = root / top
    before = _snapshot(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{top.replace('/', '_')}.", dir=root))
    try:
        for rel, text in files:
            if not rel.startswith(f"{top}/"):
                raise ValueError(f"{rel} is outside {top}/")
            path = staging / rel[len(top) + 1 :]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        after = _snapshot(staging)
        if before != after:
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def write_file(path: Path, text: str) -> bool:
    """Write one file when its content changes; returns whether it did."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def _snapshot(top: Path) -> dict[str, bytes]:
    if not top.exists():
        return {}
    return {
        p.relative_to(top).as_posix(): p.read_bytes()
        for p in sorted(top.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
