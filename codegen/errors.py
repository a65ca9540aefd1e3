"""Errors the generator raises: each names the spec file and line it is about."""

from __future__ import annotations

from .model import SourceLine


class SpecError(Exception):
    """A spec (capture, WSDL, OpenAPI document) the generator cannot read.

    Generation stops on it before anything is written, so ``specs/`` and ``generated/`` are
    never half-written.
    """

    def __init__(self, where: SourceLine, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message

    def __reduce__(self) -> tuple[type[SpecError], tuple[SourceLine, str]]:
        # Raised in a worker process (codegen.beside) and re-raised here: rebuilt from its
        # fields, since Exception's own pickling would pass the joined text as ``where``.
        return (type(self), (self.where, self.message))
