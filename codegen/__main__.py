"""``python -m codegen generate|check|lint``: the generator's command line (``make generate``).

``generate`` derives specs from captures, then rewrites ``generated/`` and ``contracts/``;
``check`` renders the same in memory and fails when anything committed differs (CI's freshness
check); ``lint`` prints the documentation defects of every spec and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen.errors import SpecError
from codegen.pipeline import Outputs, build, differences
from codegen.write import write_file, write_tree


def _report(outputs: Outputs) -> None:
    for service in outputs.services:
        for defect in service.defects:
            print(f"warning: {defect}", file=sys.stderr)
    for why in outputs.skipped:
        print(f"skipped: {why}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("command", choices=["generate", "check", "lint"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    try:
        outputs = build(root)
    except SpecError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    _report(outputs)
    if args.command == "lint":
        return 0
    if args.command == "check":
        diffs = differences(root, outputs)
        for rel in diffs:
            print(
                f"stale: {rel} differs from what specs/ produce (run `make generate`)",
                file=sys.stderr,
            )
        return 1 if diffs else 0
    changed = [rel for rel, text in outputs.spec_files if write_file(root / rel, text)]
    changed += write_tree(root, "generated", outputs.generated)
    changed += write_tree(root, "contracts", outputs.contracts)
    names = ", ".join(s.name for s in outputs.services)
    print(
        f"generated {len(outputs.services)} service(s) ({names}); "
        f"{len(outputs.contracts)} cassettes; {len(changed)} file(s) changed"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
