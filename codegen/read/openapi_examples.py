"""The examples of an OpenAPI document, checked against their schemas; departures are defects.

Examples are the captured samples: the one named ``documented`` (or the first) is the contract,
the others further forms of the same answer. Where a page departs from the schema (element
casing, unknown or missing fields, a value of the wrong type, no sample at all) a ``Defect``
names the capture line. A JSON example that does not match its schema is left out of the
contract; where no valid example remains, the contract answers with a sample built from the
schema (``openapi_doc.json_sample``), the in-band code set to its first success value.

``x-api-error`` success values keep their JSON types (``[200]``, ``[true]``, ``["ok"]``): they
travel as ``wirekit.rest.success_text`` writes them, must be valid values of the code field,
and an XML example whose code matches a success value only when case is ignored (WCF writes
enum members by their declared name, ``NoError``, where pages print ``noError``) is reported.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from wirekit.rest import (
    ApiErrorRule as RuntimeRule,
    is_success,
    success_text,
    success_value,
    xml_form,
)
from wirekit.xmlsafe import PARSER

from ..errors import SpecError
from ..model import ApiErrorRule, Defect, HttpMessage, SourceLine, TypeRef
from ..read.openapi_doc import DocumentReader, json_sample

#: Namespaces of WCF DataContract types start so.
WCF_NAMESPACE = "http://schemas.datacontract.org/"


class ExampleReader(DocumentReader):
    def api_error(self, spec: Any, path: tuple[str, ...]) -> ApiErrorRule | None:
        """The operation's (else the document's) ``x-api-error``, success values typed."""
        at = (*path, "x-api-error") if "x-api-error" in spec else ("x-api-error",)
        rule = spec.get("x-api-error", self.doc.get("x-api-error"))
        if rule is None:
            return None
        success = rule.get("success") if isinstance(rule, dict) else None
        if (
            not isinstance(success, list)
            or not success
            or not all(isinstance(v, str | int | float | bool) for v in success)
            or not {"code", "message"} <= set(rule)
        ):
            raise SpecError(
                self.at(*at),
                "x-api-error needs code, message and a list of success values (JSON scalars)",
            )
        code = str(rule["code"])
        if at not in self.rules_seen:
            self.rules_seen.add(at)
            self.note_wcf_codes(code, success, self.at(*at, "success"))
        field = self.code_schema(spec, code, path)
        if field is not None:
            success = [self.typed_success(v, field, code, self.at(*at, "success")) for v in success]
        return ApiErrorRule(
            code=code,
            success=tuple(success_text(v) for v in success),
            message=str(rule["message"]),
        )

    def code_schema(self, spec: Any, code: str, path: tuple[str, ...]) -> Any:
        """The schema of the code field of the operation's JSON ``200`` answer, if it has one."""
        responses = spec.get("responses") or {}
        ok, opath = self.deref(
            responses.get("200", responses.get(200)) or {}, (*path, "responses", "200")
        )
        media = (ok.get("content") or {}).get("application/json") if isinstance(ok, dict) else None
        if not isinstance(media, dict):
            return None
        obj, _ = self.deref(media.get("schema") or {}, (*opath, "content"))
        props = obj.get("properties") if isinstance(obj, dict) else None
        return props.get(code) if isinstance(props, dict) else None

    def typed_success(self, value: Any, field: Any, code: str, where: SourceLine) -> Any:
        """``value`` as a value of the code field: ``["200"]`` beside an integer ``status``
        would fail every call, so a string holding a value of the field's type is read as
        that value (and reported); a value the field cannot hold is refused."""
        wrong = self.violations(field, value)
        if not wrong:
            return value
        typed = success_value(value) if isinstance(value, str) else value
        if typed is value or self.violations(field, typed):
            raise SpecError(
                where,
                f"x-api-error success value {value!r} is not a valid {code!r}: " + "; ".join(wrong),
            )
        key = (str(where.line), code, str(value))
        if key not in self.rules_seen:
            self.rules_seen.add(key)
            self.defects.append(
                Defect(
                    where,
                    f"x-api-error gives the success {code} as the string {value!r}; the "
                    f"field holds {json.dumps(typed)}",
                    f"bindings compare the code with {json.dumps(typed)}",
                )
            )
        return typed

    def note_wcf_codes(self, code: str, success: list[Any], where: SourceLine) -> None:
        """A WCF service writes enum members by their declared (Pascal-case) name: a page's
        ``noError`` arrives as ``NoError``."""
        ns = self.schema.namespace
        if not ns.startswith(WCF_NAMESPACE):
            return
        for value in success:
            if isinstance(value, str) and value[:1].islower():
                declared = value[0].upper() + value[1:]
                self.defects.append(
                    Defect(
                        where,
                        f"the page writes the success {code} as {value!r}; the service is WCF "
                        f"(DataContract namespace {ns!r}), which writes enum members by their "
                        f"declared name: live answers carry {declared!r}",
                        "bindings compare an XML answer's code with the success values "
                        "case-insensitively, so both spellings are success",
                    )
                )

    def check_value(
        self, schema: Any, value: Any, where: SourceLine, what: str, resolution: str
    ) -> bool:
        """Report each way ``value`` departs from ``schema`` by type; whether it conforms."""
        found = self.violations(schema, value, skip=("required", "additionalProperties"))
        for message in found:
            self.defects.append(
                Defect(where, f"{what} does not match its schema: {message}", resolution)
            )
        return not found

    def report_bad_example(
        self, schema: Any, value: Any, epath: tuple[str, ...], what: str, resolution: str
    ) -> bool:
        """Report how a published document's own example breaks its schema, at the offending
        value's line and by JSON pointer (real documents copy examples from real answers:
        ``null`` for a non-nullable member, ``"100.50"`` for a number); whether it conforms."""
        found = self.violations(schema, value, skip=("required", "additionalProperties"))
        pointer = "/" + "/".join(k.replace("~", "~0").replace("/", "~1") for k in epath)
        for message in found:
            inner, _, text = message.partition(": ") if ": " in message else ("", "", message)
            inside = tuple(inner.split("/")) if inner and " " not in inner else ()
            self.defects.append(
                Defect(
                    self.at(*epath, *inside),
                    f"{what} at {pointer} does not match its schema: "
                    + (f"{inner}: {text}" if inside else message),
                    resolution,
                )
            )
        return not found

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
        open_map = obj.get("additionalProperties") not in (None, False)
        unknown = sorted(set(data) - props) if isinstance(data, dict) and not open_map else []
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
        self.check_value(
            obj,
            data,
            where,
            f"{what} sample",
            "kept as the page shows it; bindings send each field as its schema types it",
        )
        return text

    def json_response_examples(
        self, name: str, media: Any, obj: Any, path: tuple[str, ...], *, rule: ApiErrorRule | None
    ) -> list[tuple[str, SourceLine]]:
        """The examples that match the schema, else a sample built from it."""
        examples = self._examples(media, path)
        kept = []
        for key, shown, epath in examples:
            where = self.where_example(shown, epath)
            text = shown
            try:
                data = json.loads(text)
            except json.JSONDecodeError as err:
                if self.captures:  # a page's sample is JSON text
                    raise SpecError(
                        where, f"{name} sample {key!r} is not JSON: {err.msg}"
                    ) from None
                data, text = shown, json.dumps(shown)  # a document's string (a URL, a word)
            why = "left out of the contract, which answers with a form that matches the schema"
            if self.captures:
                valid = self.check_value(
                    obj, data, where, f"{name}: the response sample {key!r}", why
                )
            else:
                valid = self.report_bad_example(
                    obj, data, epath, f"{name}: the response example", why
                )
            if valid:
                kept.append((text, where))
        if kept:
            return kept
        where = self.at(*path)
        if not examples:
            self.defects.append(
                Defect(
                    where,
                    f"{name}: the page shows no response sample"
                    if self.captures
                    else f"{name}: the document gives no response example",
                    "the contract answers with a sample built from the schema",
                )
            )
        fixed = {rule.code: success_value(rule.success[0])} if rule else {}
        omit = {rule.message} if rule else set()
        sample = json_sample(obj, self.components, fixed=fixed, omit=omit)
        return [(json.dumps(sample, indent=2), where)]

    def xml_response_examples(
        self,
        name: str,
        media: Any,
        root: str,
        ref: TypeRef,
        path: tuple[str, ...],
        *,
        rule: ApiErrorRule | None,
    ) -> list[tuple[str, SourceLine]]:
        examples = self._examples(media, path)
        if not examples:
            raise SpecError(self.at(*path), f"{name}: an XML answer needs a documented example")
        out = []
        for i, (key, text, epath) in enumerate(examples):
            where = self.where_example(text, epath)
            try:
                parsed = etree.fromstring(text.strip().encode("utf-8"), PARSER)
            except etree.XMLSyntaxError as err:
                raise SpecError(where, f"{name} sample XML is not well-formed: {err.msg}") from None
            if i == 0:  # the page's sample; the others show what the service really sends
                self.check_xml_names(name, parsed, root, where)
            self.check_xml_code(f"{name}: the {key!r} sample", parsed, rule, where)
            out.append((text, where))
        return out

    def check_xml_code(
        self, what: str, el: etree._Element, rule: ApiErrorRule | None, where: SourceLine
    ) -> None:
        """Report an in-band code that is a success value only when case is ignored."""
        if rule is None:
            return
        wanted = rule.code.upper()
        codes = [
            (c.text or "").strip()
            for c in el
            if isinstance(c.tag, str) and etree.QName(c).localname.upper() == wanted
        ]
        forms = [xml_form(success_value(t)) for t in rule.success]
        runtime = RuntimeRule(rule.code, rule.success, rule.message)
        if len(codes) == 1 and codes[0] not in forms and is_success(runtime, codes[0], xml=True):
            self.defects.append(
                Defect(
                    where,
                    f"{what} writes {rule.code} as {codes[0]!r}; x-api-error lists the success "
                    f"value as {' or '.join(map(repr, forms))} (WCF writes enum members by "
                    "their declared name)",
                    "bindings compare an XML answer's code with the success values "
                    "case-insensitively, so both spellings are success",
                )
            )

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
