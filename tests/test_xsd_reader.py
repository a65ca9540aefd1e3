"""The XSD reader (``codegen.read.xsd``), one construct per test, on small inline schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from codegen.errors import SpecError
from codegen.model import ANY_TYPE, MS_TYPES_NS, XSD_NS, Schema, TypeRef
from codegen.naming import pascal
from codegen.read.xsd import read_schemas
from wirekit.xmlsafe import PARSER

T = "urn:t"
O = "urn:o"  # noqa: E741
SER = "http://schemas.microsoft.com/2003/10/Serialization/"


def schema_text(body: str, tns: str = T, extra: str = 'elementFormDefault="qualified"') -> str:
    return (
        f'<xs:schema xmlns:xs="{XSD_NS}" xmlns:t="{T}" xmlns:o="{O}" xmlns:ser="{SER}" '
        f'targetNamespace="{tns}" {extra}>\n{body}\n</xs:schema>'
    )


def read(tmp_path: Path, *bodies: str, files: dict[str, str] | None = None) -> Schema:
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text)
    roots = [(etree.fromstring(b.encode(), PARSER), "specs/svc/svc.wsdl") for b in bodies]
    return read_schemas(roots, tmp_path, T)


def s(name: str) -> TypeRef:
    return TypeRef(XSD_NS, name)


def test_local_import_and_include_are_read_and_named_in_errors(tmp_path: Path) -> None:
    other = schema_text('<xs:complexType name="B"><xs:sequence/></xs:complexType>', tns=O)
    part = (  # no targetNamespace: a chameleon include takes the includer's
        f'<xs:schema xmlns:xs="{XSD_NS}">'
        '<xs:complexType name="C"><xs:sequence/></xs:complexType></xs:schema>'
    )
    main = schema_text(
        '<xs:import namespace="urn:o" schemaLocation="o.xsd"/>'
        '<xs:include schemaLocation="part.xsd"/>'
        '<xs:element name="A" type="o:B"/>'
    )
    schema = read(tmp_path, main, files={"o.xsd": other, "part.xsd": part})
    assert schema.complex_type(TypeRef(O, "B")) is not None
    assert schema.complex_type(TypeRef(T, "C")) is not None  # chameleon include: includer's ns
    el = schema.element(T, "A")
    assert el is not None and el.type == TypeRef(O, "B")
    missing = schema_text('\n<xs:import namespace="urn:o" schemaLocation="gone.xsd"/>')
    with pytest.raises(SpecError, match=r"svc\.wsdl:3: .*gone\.xsd does not exist"):
        read(tmp_path, missing)
    url = schema_text('<xs:import namespace="urn:o" schemaLocation="http://x.test/a.xsd"/>')
    with pytest.raises(SpecError, match="nothing is fetched"):
        read(tmp_path, url)
    wcf = schema_text(
        '<xs:import namespace="urn:o" schemaLocation="http://x.test/S.svc?xsd=xsd7"/>'
        '<xs:element name="W" type="o:B"/>'
    )
    (tmp_path / f"{tmp_path.name}.xsd7.xsd").write_text(other)  # WCF's ?xsd=xsdN, saved
    assert read(tmp_path, wcf).complex_type(TypeRef(O, "B")) is not None
    outside = schema_text('<xs:include schemaLocation="../../etc/passwd"/>')
    with pytest.raises(SpecError, match="leaves the spec folder"):
        read(tmp_path, outside)


def test_inline_schemas_import_each_other_without_location(tmp_path: Path) -> None:
    a = schema_text('<xs:import namespace="urn:o"/><xs:element name="A" type="o:B"/>')
    b = schema_text(
        '<xs:complexType name="B"><xs:sequence><xs:element name="x" type="xs:int"/>'
        "</xs:sequence></xs:complexType>",
        tns=O,
        extra="",
    )
    schema = read(tmp_path, a, b)
    ct = schema.complex_type(TypeRef(O, "B"))
    assert ct is not None and ct.elements[0].namespace == ""  # unqualified (no elementFormDefault)


def test_anonymous_types_get_deterministic_names(tmp_path: Path) -> None:
    body = (
        '<xs:complexType name="Op"><xs:sequence/></xs:complexType>'
        '<xs:element name="Op"><xs:complexType><xs:sequence>'
        '<xs:element name="inner"><xs:complexType><xs:sequence>'
        '<xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType></xs:element>'
        "</xs:sequence></xs:complexType></xs:element>"
    )
    schema = read(tmp_path, schema_text(body))
    el = schema.element(T, "Op")
    assert el is not None and el.type == TypeRef(T, "Op2")  # "Op" is taken by the named type
    wrapper = schema.complex_type(el.type)
    assert wrapper is not None and wrapper.anonymous
    assert wrapper.elements[0].type == TypeRef(T, "inner")  # free: the element's own name


def test_element_ref_and_forms(tmp_path: Path) -> None:
    body = (
        '<xs:element name="Top" type="xs:string"/>'
        '<xs:complexType name="X"><xs:sequence>'
        '<xs:element ref="t:Top" minOccurs="0"/>'
        '<xs:element name="u" form="unqualified" type="xs:int"/>'
        '<xs:element name="q" type="xs:int"/>'
        '</xs:sequence><xs:attribute name="a" type="xs:int"/>'
        '<xs:attribute name="b" form="qualified" type="xs:int"/></xs:complexType>'
    )
    ct = read(tmp_path, schema_text(body)).complex_type(TypeRef(T, "X"))
    assert ct is not None
    assert [(e.name, e.namespace, e.min_occurs) for e in ct.elements] == [
        ("Top", T, 0),
        ("u", "", 1),
        ("q", T, 1),
    ]
    assert [(a.name, a.namespace) for a in ct.attributes] == [("a", ""), ("b", T)]


def test_simple_types_restrictions_enums_lists_unions(tmp_path: Path) -> None:
    body = (
        '<xs:simpleType name="Code"><xs:restriction base="xs:string">'
        '<xs:pattern value="[A-Z]+"/></xs:restriction></xs:simpleType>'
        '<xs:simpleType name="Level"><xs:restriction base="xs:int">'
        '<xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType>'
        '<xs:simpleType name="Flags"><xs:list itemType="t:Color"/></xs:simpleType>'
        '<xs:simpleType name="Color"><xs:restriction base="xs:token">'
        '<xs:enumeration value="Red"/></xs:restriction></xs:simpleType>'
        '<xs:simpleType name="U"><xs:union memberTypes="xs:int t:Color"/></xs:simpleType>'
        '<xs:simpleType name="Same"><xs:union memberTypes="xs:int t:Small"/></xs:simpleType>'
        '<xs:simpleType name="Small"><xs:restriction base="xs:int">'
        '<xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>'
        '<xs:complexType name="X"><xs:sequence>'
        '<xs:element name="c" type="t:Code"/><xs:element name="l" type="t:Level"/>'
        '<xs:element name="f" type="t:Flags"/><xs:element name="u" type="t:U"/>'
        '<xs:element name="same" type="t:Same"/><xs:element name="g" type="ser:guid"/>'
        '<xs:element name="h" type="xs:hexBinary"/><xs:element name="y" type="xs:gYear"/>'
        "</xs:sequence></xs:complexType>"
    )
    schema = read(tmp_path, schema_text(body))
    ct = schema.complex_type(TypeRef(T, "X"))
    assert ct is not None
    types = {e.name: e.type for e in ct.elements}
    assert types["c"] == s("string") and types["u"] == s("string") and types["same"] == s("int")
    level = schema.enum(types["l"])
    assert level is not None and level.values == ("1", "2") and level.base == s("int")
    flags = schema.list_type(types["f"])
    assert flags is not None and flags.item == TypeRef(T, "Color")
    assert types["g"] == TypeRef(MS_TYPES_NS, "guid") and types["g"].is_scalar
    assert types["h"].is_scalar and types["y"].is_scalar


def test_complex_content_extension_restriction_and_abstract(tmp_path: Path) -> None:
    body = (
        '<xs:complexType name="Base" abstract="true"><xs:sequence>'
        '<xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int" minOccurs="0"/>'
        '</xs:sequence><xs:attribute name="id" type="xs:ID" use="required"/></xs:complexType>'
        '<xs:complexType name="Ext"><xs:complexContent mixed="false">'
        '<xs:extension base="t:Base"><xs:sequence><xs:element name="c" type="xs:int"/>'
        "</xs:sequence></xs:extension></xs:complexContent></xs:complexType>"
        '<xs:complexType name="Res"><xs:complexContent><xs:restriction base="t:Base">'
        '<xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence>'
        "</xs:restriction></xs:complexContent></xs:complexType>"
    )
    schema = read(tmp_path, schema_text(body))
    base, ext, res = (schema.complex_type(TypeRef(T, n)) for n in ("Base", "Ext", "Res"))
    assert base is not None and ext is not None and res is not None
    assert base.abstract and ext.base == TypeRef(T, "Base")
    assert [e.name for e in ext.elements] == ["a", "b", "c"]
    assert [a.name for a in ext.attributes] == ["id"]
    assert res.base is None and [e.name for e in res.elements] == ["a"]
    assert schema.subtypes[TypeRef(T, "Base")] == (ext,)


def test_simple_content_attributes_any_attribute(tmp_path: Path) -> None:
    body = (
        '<xs:complexType name="Money"><xs:simpleContent><xs:extension base="xs:decimal">'
        '<xs:attribute name="cur" use="required"><xs:simpleType><xs:restriction '
        'base="xs:string"><xs:enumeration value="EUR"/></xs:restriction></xs:simpleType>'
        '</xs:attribute><xs:attribute name="n" type="xs:int" default="0"/>'
        "<xs:anyAttribute/></xs:extension></xs:simpleContent></xs:complexType>"
    )
    schema = read(tmp_path, schema_text(body))
    money = schema.complex_type(TypeRef(T, "Money"))
    assert money is not None and money.value == s("decimal") and money.any_attribute
    cur, n = money.attributes
    assert cur.required and schema.enum(cur.type) is not None
    assert not n.required and n.default == "0"


def test_choice_all_wildcards_mixed_and_dataset(tmp_path: Path) -> None:
    body = (
        '<xs:complexType name="C"><xs:sequence><xs:choice>'
        '<xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:choice>'
        '<xs:any namespace="##other" processContents="lax" maxOccurs="unbounded"/>'
        "</xs:sequence></xs:complexType>"
        '<xs:complexType name="A"><xs:all><xs:element name="x" type="xs:int"/>'
        "</xs:all></xs:complexType>"
        '<xs:complexType name="M" mixed="true"><xs:sequence><xs:any/></xs:sequence>'
        "</xs:complexType>"
        '<xs:element name="R"><xs:complexType><xs:sequence>'
        '<xs:element name="m" type="t:M"/><xs:element name="o"/>'
        '<xs:element name="ds"><xs:complexType><xs:sequence><xs:element ref="xs:schema"/>'
        "<xs:any/></xs:sequence></xs:complexType></xs:element>"
        "</xs:sequence></xs:complexType></xs:element>"
    )
    schema = read(tmp_path, schema_text(body))
    c = schema.complex_type(TypeRef(T, "C"))
    assert c is not None
    assert [(e.name, e.min_occurs, e.wildcard) for e in c.elements] == [
        ("a", 0, False),
        ("b", 0, False),
        ("", 1, True),
    ]
    a = schema.complex_type(TypeRef(T, "A"))
    assert a is not None and a.elements[0].min_occurs == 1
    r = schema.element(T, "R")
    assert r is not None
    wrapper = schema.complex_type(r.type)
    assert wrapper is not None
    m, o, ds = wrapper.elements
    assert m.type == ANY_TYPE and o.type == ANY_TYPE  # mixed content; no type (C# object)
    dataset = schema.complex_type(ds.type)
    assert dataset is not None
    assert [(e.name, e.namespace, e.type) for e in dataset.elements[:1]] == [
        ("schema", XSD_NS, ANY_TYPE)
    ]
    assert dataset.elements[1].wildcard


def test_unsupported_constructs_stop_at_their_line_and_repeated_choices_stay_raw(
    tmp_path: Path,
) -> None:
    repeated = schema_text(
        '<xs:complexType name="R">\n<xs:choice maxOccurs="unbounded">'
        '<xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/>'
        "</xs:choice></xs:complexType>"
    )
    ct = read(tmp_path, repeated).complex_type(TypeRef(T, "R"))
    assert ct is not None and len(ct.elements) == 1  # kept in order, as raw elements
    assert ct.elements[0].wildcard and ct.elements[0].max_occurs is None
    assert "<a>, <b>" in ct.elements[0].doc
    undefined = schema_text('\n<xs:element name="E" type="t:Nope"/>')
    with pytest.raises(SpecError, match=r"svc\.wsdl:3: .*Nope.* is not defined"):
        read(tmp_path, undefined)
    builtin = schema_text('<xs:element name="E" type="xs:IDREFS"/>')
    with pytest.raises(SpecError, match="unsupported built-in"):
        read(tmp_path, builtin)


def test_asmx_string_array_of_the_http_bindings_is_a_plain_array(tmp_path: Path) -> None:
    body = (
        '<xs:complexType name="StringArray"><xs:complexContent mixed="false">'
        '<xs:restriction xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" '
        'base="soapenc:Array"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" '
        'name="String" type="xs:string"/></xs:sequence></xs:restriction></xs:complexContent>'
        "</xs:complexType>"
    )
    schema = read(tmp_path, schema_text(body))
    item = schema.array_item(TypeRef(T, "StringArray"))
    assert item is not None and item.type == s("string")


def test_a_repeated_group_of_one_element_is_that_element_repeated(tmp_path: Path) -> None:
    body = (
        '<xs:complexType name="R"><xs:sequence minOccurs="0" maxOccurs="unbounded">'
        '<xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>'
    )
    ct = read(tmp_path, schema_text(body)).complex_type(TypeRef(T, "R"))
    assert ct is not None
    assert [(e.name, e.min_occurs, e.max_occurs) for e in ct.elements] == [("a", 0, None)]


def test_class_names_are_cap_words() -> None:
    assert [pascal(n) for n in ("Customer_Info", "order.line", "item", "2XL", "ArrayOfItem1")] == [
        "CustomerInfo",
        "OrderLine",
        "Item",
        "T2XL",
        "ArrayOfItem1",
    ]


def test_a_substitution_group_head_is_refused(tmp_path: Path) -> None:
    body = (
        '<xs:element name="Shape" type="xs:string" abstract="true"/>'
        '<xs:element name="Circle" type="xs:string" substitutionGroup="t:Shape"/>'
        '<xs:complexType name="D"><xs:sequence>\n<xs:element ref="t:Shape"/>'
        "</xs:sequence></xs:complexType>"
    )
    with pytest.raises(SpecError, match=r"svc\.wsdl:3: .*substitution group"):
        read(tmp_path, schema_text(body))
