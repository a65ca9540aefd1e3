"""``polybind``: the generator's command line (``python -m codegen`` in this repository).

::

    polybind generate [--spec DIR]... [--output DIR --package NAME] [--contracts DIR]
    polybind check    (the same options; exits 1 when committed output is stale)
    polybind lint     [--spec DIR]...   documentation defects, nothing written
    polybind inspect  [--spec DIR]...   each operation's signature per protocol
    polybind mock     [--spec DIR]... [--port N]   every service on one local port
    polybind verify   --service NAME --base-url URL [--report FILE.json] [--allow OP]...

Options come from the command line, else from ``[tool.polybind]`` in the project's
``pyproject.toml`` (keys ``specs``, ``output``, ``package``, ``contracts``), else from this
repository's layout (``specs/`` → ``generated/`` as package ``generated``, ``contracts/``).
``line-length`` there sets the generated code's line length (else the project's ruff
configuration's, else 88: ``codegen.project_style``).
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from .errors import SpecError
from .inspect import describe
from .pipeline import Outputs, Target, build, differences
from .project_style import polybind_table
from .write import write_outputs

_LAYOUT = {
    "specs": ["specs"],
    "output": "generated",
    "package": "generated",
    "contracts": "contracts",
}
_CAPTURE_TYPOS = ("capture", "Captures", "captured", "pages", "docs")
_MOCK_HELP = (
    "serve every service on 127.0.0.1 (http://127.0.0.1:PORT/<service> is each base_url), "
    "validating each request against its contract"
)
_VERIFY_HELP = (
    "call a live service's read-only operations as documented, record scrubbed cassettes and "
    "report drift (exit 1 on breaking drift); credentials from POLYBIND_* variables"
)


class UsageError(Exception):
    """A mistake on the command line or in the project layout, explained."""


def _version() -> str:
    try:
        return metadata.version("polybind")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        return "0+unknown"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: .)")
    p.add_argument(
        "--spec",
        action="append",
        type=Path,
        metavar="DIR",
        help="a spec folder, or a folder of them (repeatable; default: specs/)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.add_argument(
        "--strict",
        "--fail-on-warning",
        action="store_true",
        dest="strict",
        help="documentation defects are errors (exit 1)",
    )


def _outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", metavar="DIR", help="folder of the generated packages")
    p.add_argument("--package", metavar="NAME", help="dotted package name of that folder")
    p.add_argument("--contracts", metavar="DIR", help="folder of the contract cassettes")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="polybind",
        description="Typed clients and contract cassettes from captured API documentation.",
    )
    main.add_argument("--version", action="version", version=f"polybind {_version()}")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "generate": "write generated packages, contracts and derived specs",
        "check": "fail when committed output differs from what the specs produce",
        "lint": "print the documentation defects of every spec; write nothing",
        "inspect": "print each operation's signature and wire form per protocol",
    }
    for name, text in helps.items():
        p = sub.add_parser(name, help=text, description=text)
        _common(p)
        if name in ("generate", "check"):
            _outputs(p)
    mock = sub.add_parser("mock", help=_MOCK_HELP, description=_MOCK_HELP)
    _common(mock)
    mock.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    mock.add_argument("--webhook-secret", default="mock-secret", help="HMAC key for webhooks")
    verify = sub.add_parser("verify", help=_VERIFY_HELP, description=_VERIFY_HELP)
    _common(verify)
    verify.add_argument("--service", required=True, help="the service (spec folder) to check")
    verify.add_argument("--base-url", required=True, help="the live service's address")
    verify.add_argument("--report", type=Path, help="also write the drift report as JSON here")
    verify.add_argument(
        "--allow", action="append", default=[], metavar="OPERATION", help="call it though it writes"
    )
    verify.add_argument("--recordings", type=Path, default=Path("recordings"))
    return main


def _target(args: argparse.Namespace, root: Path) -> tuple[list[Path], Target]:
    config = {**_LAYOUT, **polybind_table(root)}
    specs = [root / s for s in args.spec] if args.spec else [root / s for s in config["specs"]]
    output = getattr(args, "output", None) or config["output"]
    package = getattr(args, "package", None) or config["package"]
    contracts = getattr(args, "contracts", None) or config["contracts"]
    if not all(part.isidentifier() for part in str(package).split(".")):
        raise UsageError(f"--package {package!r} is not a dotted Python package name")
    for spec in specs:
        _check_spec_folder(spec, root)
    own = output == _LAYOUT["output"] and package == _LAYOUT["package"] and not args.spec
    return specs, Target(root, str(output), str(package), str(contracts), owns_output=own)


def _check_spec_folder(spec: Path, root: Path) -> None:
    if not spec.is_dir():
        hint = " (create it and put one folder per service in it)" if spec == root / "specs" else ""
        raise UsageError(f"no spec folder at {spec}{hint}")
    for folder in [spec, *(p for p in spec.iterdir() if p.is_dir())]:
        for typo in _CAPTURE_TYPOS:
            if (folder / typo).is_dir() and not (folder / "captures").is_dir():
                raise UsageError(f"{folder / typo}: captured pages belong in {folder / 'captures'}")


def _report(outputs: Outputs, args: argparse.Namespace) -> int:
    """Print defects, renamed packages, skipped folders and errors; the exit status so far."""

    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    for result in outputs.results:
        service = result.service
        if service is not None:
            for defect in service.defects:
                if args.strict:
                    print(f"error: {defect}", file=sys.stderr)
                else:
                    say(f"warning: {defect}")
            folder = Path(result.folder).name
            if service.name != folder:
                say(f"note: {result.folder} is generated as package {service.name!r}")
        if result.skipped:
            say(f"skipped: {result.skipped}")
        if result.error is not None:
            print(f"error: {result.error}", file=sys.stderr)
    defects = any(s.defects for s in outputs.services)
    return 1 if outputs.errors or (args.strict and defects) else 0


def _serve(args: argparse.Namespace, root: Path, specs: list[Path]) -> int:
    # The testing extra (uvicorn, xmlschema, jsonschema) is needed by these commands only.
    from .mock import mock_app, serve  # noqa: PLC0415

    app = mock_app(root, specs, webhook_secret=args.webhook_secret)
    for name in sorted(app.services):
        print(f"serving {name} at http://127.0.0.1:{args.port}/{name}", file=sys.stderr)
    serve(app, port=args.port)
    return 0


def _verify(args: argparse.Namespace, root: Path, specs: list[Path]) -> int:
    from .mock.services import load_services  # noqa: PLC0415
    from .verify import verify  # noqa: PLC0415

    found = [m for m in load_services(root, specs) if m.name == args.service]
    if not found:
        raise UsageError(f"no service {args.service!r} under {', '.join(map(str, specs))}")
    report = verify(
        found[0], args.base_url, allow=set(args.allow), recordings=root / args.recordings
    )
    print(report.text(), end="")
    if args.report:
        args.report.write_text(report.as_json(), encoding="utf-8")
    return 1 if report.breaking else 0


def run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    if args.command in ("mock", "verify"):
        specs, _ = _target(args, root)
        return _serve(args, root, specs) if args.command == "mock" else _verify(args, root, specs)
    specs, target = _target(args, root)
    outputs = build(root, specs, target)
    status = _report(outputs, args)
    if args.command == "inspect":
        print(describe(outputs.services), end="")
    elif args.command == "check":
        stale = differences(outputs)
        for rel in stale:
            print(f"stale: {rel} differs from what the specs produce (regenerate)", file=sys.stderr)
        status = max(status, 1 if stale else 0)
    elif args.command == "generate":
        changed = write_outputs(outputs)
        if not args.quiet:
            names = ", ".join(s.name for s in outputs.services)
            print(
                f"generated {len(outputs.services)} service(s) ({names}); "
                f"{len(outputs.contracts)} cassettes; {len(changed)} file(s) changed"
            )
    return status


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run(args)
    except (UsageError, SpecError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
