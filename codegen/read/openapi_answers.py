"""The answers of one operation of a published OpenAPI document: which success status is the
result (and in which media type), which return nothing, and which errors have a schema.

The result is the first success status with content (``200``, ``201``…, then ``2XX``), read
as JSON when offered (any ``+json`` type, or a media range such as springdoc's ``*/*`` whose
schema is JSON data), else XML (with ``x-xsd``), else bytes (``str`` for ``text/*``). Success
statuses without content return ``None``. Error statuses (``404``, ``4XX``, ``default``) with a
JSON schema are decoded into the raised ``ErrorResponse``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import SpecError
from ..model import ApiErrorRule, Defect, Element, HttpMessage, TypeRef, scalar
from .openapi_examples import documented_answer
from .openapi_ops import OperationReader, is_json_media, status_order


@dataclass
class Answer:
    result: Element | None = None
    root: str = ""
    media: str = ""
    fmt: str = ""
    success: tuple[str, ...] = ()
    empty: list[str] = field(default_factory=list)
    errors: tuple[tuple[str, TypeRef], ...] = ()
    accept: str = ""
    messages: list[HttpMessage] = field(default_factory=list)
    headers: TypeRef | None = None

    def done(self) -> Answer:
        return self


#: Media ranges, which say nothing of the answer's format (see ``wildcard_kind``).
WILDCARDS = frozenset({"*/*", "application/*"})
#: Keywords only a schema of JSON data (not bytes or text) has.
_JSON_KEYWORDS = ("properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf")


def _error_order(key: str) -> tuple[int, str]:
    """Exact codes, then ranges, then ``default``."""
    return (2 if key == "default" else 1 if "X" in key.upper() else 0, key)


def _code(status: str) -> int:
    """The status a documented answer has: ``2XX`` and ``default`` are answered with 200."""
    return 200 if "X" in status.upper() or status == "default" else int(status)


class AnswerReader(OperationReader):
    """Reads the ``responses`` of an operation."""

    def xml_type(self, schema: Any, path: tuple[str, ...]) -> tuple[str, TypeRef]:
        body, body_path = self.deref(schema, path)
        xml = body.get("xml", {}) if isinstance(body, dict) else {}
        name = str(xml.get("name") or body_path[-1])
        if name not in self.xml_elements:
            raise SpecError(
                self.at(*body_path),
                f"XML body {name!r} is not a global element of the x-xsd schema",
            )
        return name, self.xml_elements[name]

    def responses(
        self, name: str, spec: Any, path: tuple[str, ...], rule: ApiErrorRule | None
    ) -> Answer:
        responses = {str(k): v for k, v in (spec.get("responses") or {}).items()}
        success = sorted((k for k in responses if k.startswith("2")), key=status_order)
        if not success:  # only errors documented: a 2XX without content, or the default
            success = ["default"] if "default" in responses else ["2XX"]
            responses.setdefault("2XX", {"description": "(not documented)"})
        answer = Answer()
        for key in success:
            resp, _ = self.deref(responses[key], (*path, "responses", key))
            if not (resp.get("content") or {}):
                answer.empty.append(key)
        chosen = next((k for k in success if k not in answer.empty), "")
        answer.success = tuple(k for k in success if k not in answer.empty)
        answer.errors = self.error_types(name, responses, path)
        answer.headers = self.response_headers(name, responses, success, path)
        if not chosen:
            key = answer.empty[0]
            code = 200 if "X" in key.upper() or key == "default" else int(key)
            answer.messages = [
                HttpMessage(where=self.at(*path, "responses", key), status=code, reason="")
            ]
            return answer.done()
        rpath = (*path, "responses", chosen)
        ok, rpath = self.deref(responses[chosen], rpath)
        code = _code(chosen)
        content = ok.get("content") or {}
        media = self.answer_media(content)
        mpath = (*rpath, "content", media)
        body = content[media] or {}
        schema = body.get("schema")
        kind = self.wildcard_kind(media, body)
        wire = {"json": "application/json", "text": "text/plain"}.get(kind, media)
        answer.media = wire
        if len(content) > 1 or wire != media:  # negotiate: ask for what the binding reads
            answer.accept = wire
        if is_json_media(wire):
            if schema is None:
                schema = {}
            ref = self.types.named(schema, f"{name}_response")
            obj, _ = self.deref(schema, ())
            texts = self.json_response_examples(name, body, obj, mpath, rule=rule)
            answer.result, answer.fmt = Element(ref.name, ref, min_occurs=1), "json"
        elif media.endswith("xml") and self.xml_elements:
            root, ref = self.xml_type(schema, mpath)
            texts = self.xml_response_examples(name, body, root, ref, mpath, rule=rule)
            answer.result, answer.root, answer.fmt = Element(root, ref, min_occurs=1), root, "xml"
        else:
            self.note_raw_xml(name, wire, schema, mpath)
            text = wire.startswith("text/") and not wire.endswith("xml")
            answer.fmt = "text" if text else "binary"
            ref = scalar("string" if text else "base64Binary")
            answer.result = Element("result", ref, min_occurs=1)
            sample = str(body["example"]) if text and "example" in body else "binary-sample"
            answer.messages = [
                HttpMessage(
                    where=self.at(*mpath),
                    status=code,
                    headers=(("Content-Type", wire),),
                    body=sample,
                )
            ]
            return answer.done()
        answer.messages = [
            replace(documented_answer(wire, text, where), status=code, reason="")
            if code != 200
            else documented_answer(wire, text, where)
            for text, where in texts
        ]
        return answer.done()

    def response_headers(
        self, name: str, responses: dict[str, Any], success: list[str], path: tuple[str, ...]
    ) -> TypeRef | None:
        """One model of the headers the success answers document (with content or without: a
        ``201``'s ``Location``), every field optional, the first declaration of a name (in any
        case) kept; ``Content-Type`` is not a header there (OpenAPI ignores it). A header that
        is not one scalar (an array or object, as ``simple`` style text) is typed ``str``."""
        props: dict[str, Any] = {}
        for key in success:
            resp, rpath = self.deref(responses[key], (*path, "responses", key))
            for wire, raw in (resp.get("headers") or {}).items():
                header, _ = self.deref(raw, (*rpath, "headers", str(wire)))
                lower = {p.lower() for p in props}
                if str(wire).lower() in lower | {"content-type"} or not isinstance(header, dict):
                    continue
                schema = header.get("schema")
                content = header.get("content")
                if schema is None and isinstance(content, dict) and content:
                    schema = next(iter(content.values())).get("schema")
                if schema is None or not self.is_scalar(schema):
                    schema = {"type": "string"}
                if "description" in header and "$ref" not in schema:
                    schema = {**schema, "description": str(header["description"])}
                props[str(wire)] = schema
        if not props:
            return None
        return self.types.named({"type": "object", "properties": props}, f"{name}_headers")

    def note_raw_xml(self, name: str, media: str, schema: Any, path: tuple[str, ...]) -> None:
        """An answer documented only as XML with a structured schema, and no ``x-xsd`` to read
        it with, is returned as its bytes: said at the media type's line, not in silence."""
        xml = media.split(";", maxsplit=1)[0].strip().lower().endswith("xml")
        if not xml or schema is None or self.is_scalar(schema):
            return
        self.defects.append(
            Defect(
                self.at(*path),
                f"{name}: the answer is documented only as {media}, which the kit reads with "
                "an XSD (x-xsd) the document does not give",
                "the method returns the answer's bytes",
            )
        )

    def answer_media(self, content: dict[str, Any]) -> str:
        """The media type of ``content`` the binding reads: JSON, else XML (with ``x-xsd``),
        else the first other one."""
        media = self.json_media(content)
        if not media and self.xml_elements:
            media = next((m for m in content if m.endswith("xml")), "")
        return media or next((m for m in content if not m.endswith("xml")), next(iter(content)))

    def json_media(self, content: dict[str, Any]) -> str:
        """The media type of ``content`` that is read as JSON, if any: a JSON one, else a
        wildcard whose schema is JSON data (``wildcard_kind``)."""
        found = next((m for m in content if is_json_media(m)), "")
        return found or next(
            (m for m in content if self.wildcard_kind(m, content[m] or {}) == "json"), ""
        )

    def wildcard_kind(self, media: str, body: Any) -> str:
        """What an answer documented under a media *range* (``*/*``, ``application/*``) really
        is: springdoc writes every answer as ``*/*`` unless the controller declares
        ``produces``, and Spring sends objects, lists, numbers and booleans as JSON and a
        ``String`` as ``text/plain``. ``json``, ``text``, or ``""`` (bytes, or not a range)."""
        if media.split(";", maxsplit=1)[0].strip().lower() not in WILDCARDS:
            return ""
        schema = body.get("schema") if isinstance(body, dict) else None
        if schema is None:
            return ""
        obj, _ = self.deref(schema, ())
        if not isinstance(obj, dict):
            return ""
        declared = obj.get("type")
        types = set(declared if isinstance(declared, list) else [declared]) - {None, "null"}
        if types == {"string"}:
            binary = obj.get("format") in ("binary", "byte") or "contentMediaType" in obj
            return "" if binary else "text"
        if types or any(k in obj for k in _JSON_KEYWORDS):
            return "json"
        return ""

    def error_types(
        self, name: str, responses: dict[str, Any], path: tuple[str, ...]
    ) -> tuple[tuple[str, TypeRef], ...]:
        found = []
        for key, raw in responses.items():
            if key.startswith(("1", "2", "3")):
                continue
            resp, _ = self.deref(raw, (*path, "responses", key))
            content = resp.get("content") or {}
            media = self.json_media(content)
            schema = (content.get(media) or {}).get("schema") if media else None
            if schema is not None:
                found.append((key, self.types.named(schema, f"{name}_{key}_error")))
        return tuple(sorted(found, key=lambda kv: _error_order(kv[0])))
