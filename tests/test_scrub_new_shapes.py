"""Scrubbing by type holds for the XSD shapes of issue 8: attributes, enumerations, lists."""

from __future__ import annotations

from codegen.emit.cassettes import typed_names
from codegen.model import (
    XSD_NS,
    Attribute,
    ComplexType,
    Element,
    EnumType,
    Schema,
    Service,
    TypeRef,
)
from wirekit.scrub.markup import scrub_xml

NS = "urn:s"


def _service() -> Service:
    schema = Schema(
        NS,
        complex_types=(
            ComplexType(
                "Account",
                (
                    Element("apiKeyKind", TypeRef(NS, "KeyKind"), namespace=NS),
                    Element("apiKey", TypeRef(XSD_NS, "string"), namespace=NS),
                ),
                namespace=NS,
                attributes=(
                    Attribute("emailCount", TypeRef(XSD_NS, "int")),
                    Attribute("email", TypeRef(XSD_NS, "token")),
                ),
            ),
        ),
        enums=(EnumType("KeyKind", ("Live", "Test"), namespace=NS),),
    )
    return Service("s", "S", NS, "http://s.test/", schema, ())


def test_typed_attributes_and_enumerations_keep_their_values() -> None:
    typed = typed_names(_service())
    assert {"apiKeyKind", "emailCount"} <= typed
    assert "apiKey" not in typed and "email" not in typed
    body = (
        f'<Account xmlns="{NS}" emailCount="3" email="a@b.example">'
        "<apiKeyKind>Live</apiKeyKind><apiKey>secret-123</apiKey></Account>"
    ).encode()
    out = scrub_xml(body, typed).decode()
    assert 'emailCount="3"' in out and "<apiKeyKind>Live</apiKeyKind>" in out
    assert "a@b.example" not in out and "secret-123" not in out
