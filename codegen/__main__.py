"""``python -m codegen``: the same command line as ``polybind`` (see ``codegen.cli``)."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
