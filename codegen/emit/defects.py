"""Emit ``specs/<service>/DEFECTS.md``: where the captured documentation is wrong, and what the
kit does instead. Kept next to the captures so reviewers see both at once."""

from __future__ import annotations

from ..emit.render import render
from ..model import Service


def emit_defects(service: Service) -> str:
    return render(
        "DEFECTS.md.jinja", service=service.name, source=service.source, defects=service.defects
    )
