"""The examples of an OpenAPI document, checked against their schemas; departures are defects.

Examples are the captured samples: the one named ``documented`` (or the first) is the contract,
the others further forms of the same answer. Where a page departs from the schema (element
casing, unknown or missing fields, no sample at all) a ``Defect`` names the capture line.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from wirekit.xmlsafe import PARSER

from ..errors import SpecError
from ..model import Defect, HttpMessage, SourceLine, TypeRef
from ..read.openapi_doc import DocumentReader


class ExampleReader(DocumentReader):
    def _examples(
        self, media: Any, path: tuple[str, ...]
    ) -> list[tuple[str, str, tuple[str, ...]]]:
        found = []
        if "example" in media:
            found.append(("example", example_text(media["example"]), (*path, "example")))
        for key, raw in (media.get("examples") or {}).items():
            ex, epath = self.deref(raw, (*path, "examples", key))
            if "value" in ex:
                found.append((str(key), example_text(ex["value"]), (*epath, "value")))
        found.sort(key=lambda t: t[0] != "documented")
        return found

    def check_json_example(self, media: Any, obj: Any, path: tuple[str, ...], what: str) -> str:
        examples = self._examples(media, path)
        if not examples:
            return ""
        _, text, epath = examples[0]
        where = self.where_example(text, epath)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise SpecError(where, f"{what} example is not JSON: {err.msg}") from None
        props = set((obj.get("properties") or {}).keys())
        unknown = sorted(set(data) - props) if isinstance(data, dict) else []
        missing = (
            sorted(set(obj.get("required") or []) - set(data)) if isinstance(data, dict) else []
        )
        if unknown:
            self.defects.append(
                Defect(
                    where,
                    f"{what} sample has fields the schema does not list: {', '.join(unknown)}",
                    "kept in the sample; bindings do not send them",
                )
            )
        if missing:
            self.defects.append(
                Defect(
                    where,
                    f"{what} sample lacks required fields: {', '.join(missing)}",
                    "bindings require them",
                )
            )
        return text

    def json_response_examples(
        self, name: str, media: Any, obj: Any, path: tuple[str, ...]
    ) -> list[tuple[str, SourceLine]]:
        examples = self._examples(media, path)
        if examples:
            return [(text, self.where_example(text, p)) for _, text, p in examples]
        where = self.at(*path)
        self.defects.append(
            Defect(
                where,
                f"{name}: the page shows no response sample",
                "the contract answers with a sample built from the schema's fields",
            )
        )
        sample = {prop: _json_sample(prop, s) for prop, s in (obj.get("properties") or {}).items()}
        return [(json.dumps(sample, indent=2), where)]

    def xml_response_examples(
        self, name: str, media: Any, root: str, ref: TypeRef, path: tuple[str, ...]
    ) -> list[tuple[str, SourceLine]]:
        examples = self._examples(media, path)
        if not examples:
            raise SpecError(self.at(*path), f"{name}: an XML answer needs a documented example")
        out = []
        for i, (_, text, epath) in enumerate(examples):
            where = self.where_example(text, epath)
            try:
                parsed = etree.fromstring(text.strip().encode("utf-8"), PARSER)
            except etree.XMLSyntaxError as err:
                raise SpecError(where, f"{name} sample XML is not well-formed: {err.msg}") from None
            if i == 0:  # the page's sample; the others show what the service really sends
                self.check_xml_names(name, parsed, root, where)
            out.append((text, where))
        return out

    def check_xml_names(self, name: str, el: etree._Element, root: str, where: SourceLine) -> None:
        """Report element names that match the schema only when case is ignored."""
        known: dict[str, str] = {root.upper(): root}
        for t in self.schema.complex_types:
            known.update({e.name.upper(): e.name for e in t.elements})
        recased: list[str] = []
        unknown: list[str] = []
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            local = etree.QName(node).localname
            wanted = known.get(local.upper())
            if wanted is None:
                unknown.append(local)
            elif wanted != local:
                recased.append(f"{local} (schema: {wanted})")
        if recased:
            ns = etree.QName(el).namespace
            shown = ", ".join(dict.fromkeys(recased))
            self.defects.append(
                Defect(
                    where,
                    f"{name}: the sample's element names differ in case from the service's "
                    f"DataContract names: {shown}"
                    + ("" if ns else f"; it also omits the namespace {self.schema.namespace!r}"),
                    "bindings match element names case-insensitively and by local name, so "
                    "both the page's form and the service's parse to the same result",
                )
            )
        if unknown:
            self.defects.append(
                Defect(
                    where,
                    f"{name}: the sample has elements the schema does not define: "
                    f"{', '.join(dict.fromkeys(unknown))}",
                    "bindings ignore unknown elements",
                )
            )


def example_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _json_sample(name: str, schema: Any) -> Any:
    kind = schema.get("type", "string") if isinstance(schema, dict) else "string"
    kind = next((k for k in ([kind] if isinstance(kind, str) else kind) if k != "null"), "string")
    if name.lower() == "status" and kind == "integer":
        return 200  # the success value of the in-band status convention
    return {"integer": 1, "number": 1.5, "boolean": True}.get(kind, f"{name}-1")


def documented_answer(media: str, text: str, where: SourceLine) -> HttpMessage:
    """A documented 200 answer, its body parsed (examples were checked to parse)."""
    is_json = media.endswith("json")
    return HttpMessage(
        where=where,
        status=200,
        reason="OK",
        headers=(("Content-Type", f"{media}; charset=utf-8"),),
        body=text,
        json=json.loads(text) if is_json else None,
        xml=None if is_json else etree.fromstring(text.strip().encode("utf-8"), PARSER),
    )
