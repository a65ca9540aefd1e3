"""Shapes: what one sample element tells about its type, before types have names.

A help page never names the types of nested elements, and each protocol's sample shows only
part of the truth (SOAP prints ``xsi:nil`` where HTTP prints a list). Shapes are inferred per
sample, then merged across samples; every disagreement becomes a documentation defect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

from wirekit.xmlsafe import is_nil

from ..model import SCALAR_TYPES, Defect, SourceLine
from ..read.xml_samples import children, line_of, local

#: ASMX prints the type's name as the value; a few .NET spellings map to xsd names.
PLACEHOLDERS: dict[str, str] = {name: name for name in SCALAR_TYPES} | {
    "char": "char",
    "base64Binary": "base64Binary",
    "dateTime": "dateTime",
    "anyURI": "anyURI",
    "duration": "duration",
    "guid": "guid",
}
_ENUM = re.compile(r"^[A-Za-z_]\w*(?: or [A-Za-z_]\w*)+$")


@dataclass
class Shape:
    """Mutable while merging; ``kind`` is one of nil, empty, scalar, enum, complex, array."""

    kind: str
    where: SourceLine
    scalar: str = ""
    values: tuple[str, ...] = ()
    fields: list[tuple[str, Shape]] = field(default_factory=list)
    item_name: str = ""
    item: Shape | None = None
    nillable: bool = False


def infer(el: etree._Element, where_of: WhereOf, defects: list[Defect]) -> Shape:
    """The shape one sample element shows."""
    where = where_of(el)
    if is_nil(el):
        return Shape("nil", where, nillable=True)
    kids = children(el)
    if not kids:
        return _leaf(el, where, defects)
    names = [local(k) for k in kids]
    if len(kids) >= 2 and len(set(names)) == 1:
        item = infer(kids[0], where_of, defects)
        for other in kids[1:]:
            item = merge(item, infer(other, where_of, defects), defects, same_sample=True)
        return Shape("array", where, item_name=names[0], item=item)
    fields: list[tuple[str, Shape]] = []
    for name, kid in zip(names, kids, strict=True):
        if any(existing == name for existing, _ in fields):
            defects.append(
                Defect(
                    where_of(kid),
                    f"element <{name}> repeats inside <{local(el)}> next to other elements",
                    "kept the first occurrence",
                )
            )
            continue
        fields.append((name, infer(kid, where_of, defects)))
    return Shape("complex", where, fields=fields)


def _leaf(el: etree._Element, where: SourceLine, defects: list[Defect]) -> Shape:
    text = (el.text or "").strip()
    if not text:
        return Shape("empty", where)
    if text in PLACEHOLDERS:
        return Shape("scalar", where, scalar=PLACEHOLDERS[text])
    if _ENUM.match(text):
        return Shape("enum", where, values=tuple(text.split(" or ")))
    defects.append(
        Defect(
            where,
            f"<{local(el)}> shows {text!r}, which is not a type placeholder",
            "typed as string",
        )
    )
    return Shape("scalar", where, scalar="string")


def merge(
    a: Shape, b: Shape, defects: list[Defect], *, same_sample: bool = False, name: str = ""
) -> Shape:
    """The richest shape both samples allow; disagreements are reported as defects."""
    label = f"<{name}>" if name else "this element"
    if a.kind in ("nil", "empty") or b.kind in ("nil", "empty"):
        return _merge_absent(a, b, defects, same_sample, label)
    if a.kind != b.kind:
        defects.append(
            Defect(
                b.where,
                f"{label} is {describe(b)} here but {describe(a)} at {a.where}",
                f"kept {describe(a)}",
                (a.where,),
            )
        )
        return a
    nillable = a.nillable or b.nillable
    if a.kind == "scalar":
        if a.scalar != b.scalar:
            defects.append(
                Defect(
                    b.where,
                    f"{label} is {b.scalar} here but {a.scalar} at {a.where}",
                    f"kept {a.scalar}",
                    (a.where,),
                )
            )
        return replace(a, nillable=nillable)
    if a.kind == "enum":
        values = a.values + tuple(v for v in b.values if v not in a.values)
        return replace(a, values=values, nillable=nillable)
    if a.kind == "array":
        assert a.item is not None and b.item is not None
        if a.item_name != b.item_name:
            defects.append(
                Defect(
                    b.where,
                    f"{label} lists <{b.item_name}> items here but <{a.item_name}> at {a.where}",
                    f"kept <{a.item_name}>",
                    (a.where,),
                )
            )
        item = merge(a.item, b.item, defects, same_sample=same_sample, name=a.item_name)
        return replace(a, item=item, nillable=nillable)
    return replace(a, fields=_merge_fields(a, b, defects, same_sample), nillable=nillable)


def _merge_absent(
    a: Shape, b: Shape, defects: list[Defect], same_sample: bool, label: str
) -> Shape:
    """Merging where one sample shows nothing (``xsi:nil`` or an empty element)."""
    if a.kind == "nil" or b.kind == "nil":
        nil, other = (a, b) if a.kind == "nil" else (b, a)
        if other.kind not in ("nil", "empty") and not same_sample:
            defects.append(
                Defect(
                    nil.where,
                    f"{label} is shown as xsi:nil here but as {describe(other)} at {other.where}",
                    f"nillable {describe(other)}; each sample kept as printed",
                    (other.where,),
                )
            )
        return replace(other, nillable=True) if other.kind != "nil" else nil
    empty, other = (a, b) if a.kind == "empty" else (b, a)
    if other.kind not in ("empty", "complex"):
        defects.append(
            Defect(
                empty.where,
                f"{label} is empty here but {describe(other)} at {other.where}",
                describe(other),
                (other.where,),
            )
        )
    return replace(other, nillable=a.nillable or b.nillable)


def _merge_fields(
    a: Shape, b: Shape, defects: list[Defect], same_sample: bool
) -> list[tuple[str, Shape]]:
    theirs = dict(b.fields)
    merged: list[tuple[str, Shape]] = []
    for fname, shape in a.fields:
        if fname in theirs:
            merged.append(
                (fname, merge(shape, theirs[fname], defects, same_sample=same_sample, name=fname))
            )
        else:
            defects.append(
                Defect(
                    b.where,
                    f"<{fname}> (shown at {shape.where}) is missing from this sample",
                    f"kept <{fname}>",
                    (shape.where,),
                )
            )
            merged.append((fname, shape))
    ours = dict(a.fields)
    for fname, shape in b.fields:
        if fname not in ours:
            defects.append(
                Defect(
                    a.where,
                    f"<{fname}> (shown at {shape.where}) is missing from this sample",
                    f"kept <{fname}>",
                    (shape.where,),
                )
            )
            merged.append((fname, shape))
    return merged


def describe(shape: Shape) -> str:
    if shape.kind == "scalar":
        return shape.scalar
    if shape.kind == "array":
        assert shape.item is not None
        return f"a list of <{shape.item_name}>"
    return {"nil": "xsi:nil", "empty": "empty", "enum": "an enumeration", "complex": "a structure"}[
        shape.kind
    ]


class WhereOf:
    """Maps an element of a parsed sample to its line in the capture."""

    def __init__(self, path: str, first_line: int) -> None:
        self.path = path
        self.first_line = first_line

    def __call__(self, el: etree._Element) -> SourceLine:
        return SourceLine(self.path, self.first_line + line_of(el) - 1)
