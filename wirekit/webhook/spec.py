"""How generated code describes one webhook to the runtime: its fields and how to build its event.

Kept apart from the parsing and receiving code because it is the contract between the code
generator and the runtime: a generated module imports these two classes and nothing else from
the runtime's internals, so the runtime can change how it reads bodies without touching them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class WebhookField:
    """One documented field. ``wire`` is the name as the vendor's page spells it; deliveries are
    matched case-insensitively because the vendor's own casing is not consistent."""

    wire: str
    python: str
    required: bool
    #: Turns the text value into the typed one; ``ValueError``/``TypeError`` mean "bad value".
    decode: Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class WebhookSpec(Generic[E]):
    """A webhook as generated code describes it to the runtime.

    ``build(fields, extra)`` receives every declared field by python name (``None`` for an
    absent or blank optional one) and every undeclared field by wire name, so a field the vendor
    adds later reaches the event instead of being dropped or rejected.

    ``key_fields`` (python names) identify a delivery for deduplication; empty means the required
    fields (all fields when none is required). Decoded values form the key, not the raw body: a
    retry whose form fields come in another order, or whose GUID is upper-case, is the same
    delivery.
    """

    name: str
    fields: tuple[WebhookField, ...]
    build: Callable[[dict[str, Any], dict[str, str]], E]
    key_fields: tuple[str, ...] = ()
    _by_wire: dict[str, WebhookField] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_wire: dict[str, WebhookField] = {}
        for f in self.fields:
            if f.wire.lower() in by_wire:
                raise ValueError(f"{self.name}: field {f.wire!r} declared twice (ignoring case)")
            by_wire[f.wire.lower()] = f
        pythons = [f.python for f in self.fields]
        if len(set(pythons)) != len(pythons):
            raise ValueError(f"{self.name}: python field names must be unique")
        unknown = [k for k in self.key_fields if k not in pythons]
        if unknown:
            raise ValueError(f"{self.name}: key_fields {unknown} are not fields of the webhook")
        object.__setattr__(self, "_by_wire", by_wire)

    @property
    def idempotency_fields(self) -> tuple[str, ...]:
        if self.key_fields:
            return self.key_fields
        required = tuple(f.python for f in self.fields if f.required)
        return required or tuple(f.python for f in self.fields)

    def field_for(self, wire_name: str) -> WebhookField | None:
        return self._by_wire.get(wire_name.lower())


__all__ = ["E", "WebhookField", "WebhookSpec"]
