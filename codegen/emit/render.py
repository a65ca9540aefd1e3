"""The Jinja2 environment every emitter renders with, and the header every output carries."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

COMMAND = "make generate"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("codegen", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["xml_attr"] = xml_attr
    env.filters["pyrepr"] = repr
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` with the standard header variables; output always ends in one LF."""
    header = f"# Generated from {context.get('source', 'specs/')} by `{COMMAND}`. Do not edit."
    text = environment().get_template(template).render(command=COMMAND, header=header, **context)
    return text.rstrip("\n") + "\n"


def xml_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace(">", "&gt;")
    )
