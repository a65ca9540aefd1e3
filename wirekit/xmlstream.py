"""Large answers are decoded while they are parsed, one list item at a time.

Decoding a whole tree after parsing holds libxml2's nodes for every element at once: about 120
bytes per element, and a dense answer (``<ImageStatus>`` records of short fields) has one
element per ~45 bytes, so the tree alone is ~4x the body. Big answers are nearly always one
long list. So generated code describes, per operation, where its lists are below the result
element (``StreamItem``: the path of the item element and how to decode one item); when an
answer is large enough to be parsed incrementally anyway (``xmlsafe``), each item is decoded the
moment its end tag arrives and its subtree is freed. The decoded values wait here, by container
element and item tag, until the generated decoder reaches that container and asks for them
(``streamed``); a decoder that finds none (a small answer, another operation, no active
``Predecoded``) reads the tree as always. Memory for such an answer is then the body, the
decoded values, and a tree of the non-list parts.

The values are handed over through a ``ContextVar`` rather than a parameter of every generated
decoder: only the few decoders that hold a streamed list ever look, and concurrent calls
(threads, tasks) each see their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from lxml import etree

from wirekit.xmlsafe import is_nil


@dataclass(frozen=True, slots=True)
class StreamItem:
    """A list below an operation's result element that may be decoded while parsing."""

    #: Clark names from the result element's child down to the item element itself.
    path: tuple[str, ...]
    #: One (non-nil) item element -> its value; exactly what the generated decoder does.
    decode: Callable[[etree._Element], object]
    #: A nil item is ``None`` (``ArrayOfX`` with nillable items); else it goes to ``decode``.
    nillable: bool = False


_ACTIVE: ContextVar[Predecoded | None] = ContextVar("wirekit_predecoded", default=None)


class Predecoded:
    """The items of one answer decoded during parsing, by (container element, item tag).

    Holding the container element as a key keeps its lxml proxy alive, so the decoder that
    later iterates the tree meets the very same object and finds its items.
    """

    __slots__ = ("_depths", "_items", "values")

    def __init__(self, prefix: tuple[str, ...], items: tuple[StreamItem, ...]) -> None:
        self._items = {prefix + item.path: item for item in items}
        self._depths = frozenset(len(path) for path in self._items)
        self.values: dict[tuple[etree._Element, str], list[object]] = {}

    def ended(self, tags: list[str], el: etree._Element) -> None:
        """``el``, at path ``tags``, is complete: decode and free it if it is a list item."""
        if len(tags) not in self._depths:
            return
        item = self._items.get(tuple(tags))
        if item is None:
            return
        parent = el.getparent()
        if parent is None:
            return
        value = None if item.nillable and is_nil(el) else item.decode(el)
        self.values.setdefault((parent, tags[-1]), []).append(value)
        el.clear()
        parent.remove(el)

    @contextmanager
    def active(self) -> Iterator[None]:
        """Make the values visible to ``streamed`` while the result is decoded."""
        token = _ACTIVE.set(self)
        try:
            yield
        finally:
            _ACTIVE.reset(token)


def streamed(container: etree._Element, tag: str) -> list[Any] | None:
    """The items with ``tag`` already decoded from ``container``, or ``None`` when there are
    none (they are then still in the tree)."""
    active = _ACTIVE.get()
    if active is None:
        return None
    return active.values.pop((container, tag), None)


__all__ = ["Predecoded", "StreamItem", "streamed"]
