"""Small helpers the generated per-type codecs call; kept here so generated code stays short.

Everything generated code imports from the runtime is public and listed in ``__all__``.
"""

from __future__ import annotations

from uuid import UUID

from lxml import etree

from wirekit.errors import NullResultError, ResponseFormatError
from wirekit.scalars import decode_uuid
from wirekit.xmlsafe import XSI_NIL, is_nil


def esc(text: str) -> str:
    """XML-escape element content (``&``, ``<``, ``>``); quotes need no escaping in content.

    A carriage return is written as a character reference: a raw one would reach the receiver
    as a line feed (XML end-of-line normalisation), changing the string.
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def missing(type_name: str, element: str) -> ResponseFormatError:
    return ResponseFormatError(f"<{type_name}> lacks required element <{element}>")


def null_result(operation: str) -> NullResultError:
    return NullResultError(f"{operation} returned no result (nil or missing)")


def not_nil(el: etree._Element) -> etree._Element:
    """A list item that is ``xsi:nil`` has no value in ``list[T]``: refuse it, never invent one."""
    if is_nil(el):
        raise ResponseFormatError(f"nil item <{etree.QName(el).localname}> in a list")
    return el


def as_uuid(value: UUID | str) -> UUID:
    """A GUID parameter given as returned (``UUID``) or as text (strictly parsed)."""
    return value if isinstance(value, UUID) else decode_uuid(value)


__all__ = ["XSI_NIL", "as_uuid", "esc", "is_nil", "missing", "not_nil", "null_result"]
