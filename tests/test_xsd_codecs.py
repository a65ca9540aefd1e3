"""Per-construct codec tests with zeep as the oracle.

``tests/fixtures/xsd_constructs`` has one type per XSD construct. For each, the same value is
built as our dataclass and as zeep's object: the XML our ``encode_<type>`` writes must have the
structure zeep writes (names, namespaces, attributes, xsi:type, nil, text), and our
``decode_<type>`` must read zeep's XML back to the value we started from.
"""

from __future__ import annotations

import importlib
import shutil
import uuid
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from lxml import etree

from codegen.emit.xml_view import XmlTypes
from codegen.pipeline import build
from codegen.write import write_tree
from tests.unseen_support import import_package
from wirekit.errors import ResponseFormatError
from wirekit.xmlsafe import PARSER

zeep = pytest.importorskip("zeep")

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "xsd_constructs"
from tests.fixtures.wsdl_real.check_zeep import OfflineTransport  # noqa: E402

MAIN = "urn:constructs:main"
OTHER = "urn:constructs:other"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"


class Generated:
    def __init__(self, root: Path) -> None:
        shutil.copytree(FIXTURE, root / "specs" / "xsd_constructs")
        outputs = build(root)
        assert not outputs.errors, outputs.errors
        write_tree(root, "generated", outputs.generated)
        name = f"_constructs_{uuid.uuid4().hex[:8]}"
        self.package = import_package(name, root / "generated" / "xsd_constructs")
        self.models: ModuleType = importlib.import_module(f"{name}.models")
        self.codecs: ModuleType = importlib.import_module(f"{name}.codecs")
        self.types = XmlTypes(outputs.services[0].schema, "")
        self.zeep = zeep.Client(
            str(FIXTURE / "xsd_constructs.wsdl"),
            transport=OfflineTransport(),
            settings=zeep.Settings(strict=False),
        )

    def ours(self, func: str, value: Any, wire: str) -> etree._Element:
        """Our encoder's element, inside a root declaring the prefixes it uses."""
        decls = "".join(f' xmlns:{p}="{u}"' for u, p in self.types.prefixes.items())
        tag = self.types.qname(MAIN, wire)
        whole = getattr(self.codecs, f"encode_{func}")(value, tag)
        xml = f'<root xmlns:xsi="{XSI}"{decls}>{whole}</root>'
        return etree.fromstring(xml.encode(), PARSER)[0]

    def theirs(self, wire: str, **values: Any) -> etree._Element:
        element = self.zeep.get_element(f"{{{MAIN}}}{wire}")
        node = etree.Element("root")
        element.render(node, element(**values))
        # Serialized and parsed again: zeep's tree holds values (an Element in an xs:any)
        # exactly as given; the wire holds what the text says.
        return etree.fromstring(etree.tostring(node), PARSER)[0]

    def ztype(self, name: str, ns: str = MAIN) -> Any:
        return self.zeep.get_type(f"{{{ns}}}{name}")


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return Generated(tmp_path_factory.mktemp("constructs"))


def shape(el: etree._Element) -> Any:
    """What an element says, prefixes aside: name, attributes (xsi:type resolved), text,
    children in order."""
    attrs: dict[object, str] = {}
    for key, raw in el.attrib.items():
        # lxml's stubs allow bytes; parsed attribute values are always str
        text = raw.decode() if isinstance(raw, bytes) else raw
        if key == XSI_TYPE:
            prefix, _, local = text.rpartition(":")
            text = f"{{{el.nsmap.get(prefix or None, '')}}}{local}"
        attrs[key] = text
    body = (el.text or "").strip() or None
    return (el.tag, attrs, body, [shape(c) for c in el if isinstance(c.tag, str)])


def agree(gen: Generated, func: str, wire: str, value: Any, **zeep_values: Any) -> None:
    theirs = gen.theirs(wire, **zeep_values)
    assert shape(gen.ours(func, value, wire)) == shape(theirs)
    assert getattr(gen.codecs, f"decode_{func}")(theirs) == value


def test_attributes_forms_and_enum_members(gen: Generated) -> None:
    m = gen.models
    value = m.Attributed(
        plain="p <&>", local=5, id=3, label='x"y\tz', shade=m.Shade.N2_XL, channel="c", layer=1
    )
    agree(
        gen,
        "attributed",
        "Attributed",
        value,
        Plain="p <&>",
        local=5,
        id=3,
        label='x"y\tz',
        shade="2XL",
        channel="c",
        layer=1,
    )
    assert [e.name for e in m.Shade] == ["NONE", "N2_XL", "COLD_CHAIN", "CLASS"]
    assert [e.value for e in m.Shade] == ["None", "2XL", "cold-chain", "class"]


def test_choice_and_simple_content(gen: Generated) -> None:
    m = gen.models
    value = m.Contact(phone="123", price=m.Money(value=Decimal("9.50"), currency="EUR"))
    agree(
        gen,
        "contact",
        "Contact",
        value,
        Phone="123",
        Price={"_value_1": Decimal("9.50"), "currency": "EUR"},
    )


def test_inheritance_writes_and_reads_xsi_type(gen: Generated) -> None:
    m = gen.models
    assert issubclass(m.Circle, m.Shape) and issubclass(m.Square, m.Shape)
    value = m.Drawing(
        shapes=[m.Circle(name="c", radius=1.5), m.Square(side=2, rotated=True)],
        main=m.Circle(radius=2.0),
        owner=None,  # required and nillable: xsi:nil; optional Backup None: left out
    )
    circle, square = gen.ztype("Circle"), gen.ztype("Square")
    agree(
        gen,
        "drawing",
        "Drawing",
        value,
        Shapes={"Shape": [circle(Name="c", Radius=1.5), square(Side=2, rotated=True)]},
        Main=circle(Radius=2.0),
        Owner=None,
    )
    with_owner = m.Drawing(owner=m.Contact(email="e"), backup=m.Contact(phone="p"))
    agree(gen, "drawing", "Drawing", with_owner, Owner={"Email": "e"}, Backup={"Phone": "p"})


def test_unknown_xsi_type_is_refused(gen: Generated) -> None:
    xml = (
        f'<Main xmlns="{MAIN}" xmlns:xsi="{XSI}" xmlns:t="{MAIN}" xsi:type="t:Triangle">'
        "<Name>t</Name></Main>"
    )
    with pytest.raises(ResponseFormatError, match="Triangle"):
        gen.codecs.decode_shape(etree.fromstring(xml.encode(), PARSER))


def test_lists_restrictions_unions_builtins_nil_and_other_namespace(gen: Generated) -> None:
    m = gen.models
    value = m.Scalars(
        access=[m.AccessItem.READ, m.AccessItem.DELETE],
        code="ABC",
        size="auto",
        blob=b"\x01\xab",
        word="w",
        count=7,
        year="2024",
        when=None,
        tags=[],
        ref=m.Reference(system="s", key="k", version=2),
    )
    assert m.Reference.Meta.namespace == OTHER and m.Scalars.Meta.namespace == MAIN
    agree(
        gen,
        "scalars",
        "Scalars",
        value,
        Access=["Read", "Delete"],
        Code="ABC",
        Size="auto",
        Blob=b"01AB",
        Word="w",
        Count=7,
        Year=(2024, None),
        When=None,
        Tags=[],
        Ref=gen.ztype("Reference", OTHER)(System="s", Key="k", version=2),
    )


def test_wildcard_keeps_elements_as_raw_xml(gen: Generated) -> None:
    m = gen.models
    extra = etree.fromstring(b'<x:foo xmlns:x="urn:x" a="1">t<b/>u</x:foo>')
    value = m.Open(known="k", any_elements=[extra])
    theirs = gen.theirs("Open", Known="k", _value_1=[extra])
    assert shape(gen.ours("open", value, "Open")) == shape(theirs)
    back = gen.codecs.decode_open(theirs)
    assert back.known == "k" and back.anything is None
    assert [etree.tostring(e, method="c14n") for e in back.any_elements] == [
        etree.tostring(extra, method="c14n")
    ]


def test_a_repeated_singleton_goes_to_the_wildcard_that_follows_it(gen: Generated) -> None:
    """Salesforce's partner records send ``<Id>`` twice: the field, then again for the
    ``xs:any`` after it. zeep reads the second into the wildcard (``_value_1``), and so do we;
    without a wildcard the same repeat is a ``ResponseFormatError`` (tests/test_hardening_audit)."""
    m = gen.models
    el = gen.ours("open", m.Open(known="k"), "Open")
    known = next(c for c in el if etree.QName(c).localname == "Known")
    again = etree.fromstring(etree.tostring(known))
    again.text = "again"
    known.addnext(again)
    back = gen.codecs.decode_open(el)
    assert back.known == "k"
    assert [(etree.QName(e).localname, e.text) for e in back.any_elements] == [("Known", "again")]


def test_any_type_round_trips_text_children_and_attributes(gen: Generated) -> None:
    """zeep writes an lxml value of xs:anyType as its repr (see the fixtures' README), so our
    codecs are checked against the XML itself: what is read is written back unchanged."""
    xml = (
        f'<Open xmlns="{MAIN}"><Known>k</Known>'
        '<Anything a="1" xmlns:q="urn:q">hello <q:i>b</q:i> tail</Anything></Open>'
    )
    el = etree.fromstring(xml.encode(), PARSER)
    value = gen.codecs.decode_open(el)
    assert value.anything.text == "hello " and value.anything[0].tail == " tail"
    assert shape(gen.ours("open", value, "Open")) == shape(el)


def test_names_that_are_keywords_builtins_or_not_identifiers(gen: Generated) -> None:
    m = gen.models
    value = m.Item(class_="c", list_=3, order_id=4, weight_kg=Decimal("1.5"), tag="t")
    values = {"class": "c", "list": 3, "Order.Id": 4, "weight-kg": Decimal("1.5"), "tag": "t"}
    agree(gen, "item", "Item", value, **values)
    twin = m.Item2(id=1, id_2=2)  # type ``item`` next to ``Item``; fields ``Id`` and ``id``
    agree(gen, "item2", "item", twin, Id=1, id=2)


def test_wrong_qualification_is_refused_not_dropped(gen: Generated) -> None:
    wrong = f'<Attributed xmlns="{MAIN}" id="1"><Plain xmlns="">p</Plain></Attributed>'
    with pytest.raises(ResponseFormatError, match="namespace"):
        gen.codecs.decode_attributed(etree.fromstring(wrong.encode(), PARSER))
    also = f'<Attributed xmlns="{MAIN}" id="1"><Plain>p</Plain><local>2</local></Attributed>'
    with pytest.raises(ResponseFormatError, match="namespace"):
        gen.codecs.decode_attributed(etree.fromstring(also.encode(), PARSER))


def test_missing_required_attribute_is_refused(gen: Generated) -> None:
    xml = f'<Attributed xmlns="{MAIN}"><Plain>p</Plain></Attributed>'
    with pytest.raises(ResponseFormatError, match="id"):
        gen.codecs.decode_attributed(etree.fromstring(xml.encode(), PARSER))


def _answer(result: str) -> httpx.MockTransport:
    body = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        f'<soap:Body><EchoAllResponse xmlns="{MAIN}">{result}</EchoAllResponse></soap:Body>'
        "</soap:Envelope>"
    )
    return httpx.MockTransport(
        lambda request: httpx.Response(
            200, content=body.encode(), headers={"Content-Type": "text/xml; charset=utf-8"}
        )
    )


def test_a_result_in_the_wrong_namespace_is_refused_not_none(gen: Generated) -> None:
    right = f'<EchoAllResult><Shade xmlns="{MAIN}">2XL</Shade></EchoAllResult>'
    with gen.package.Client(http_client=httpx.Client(transport=_answer(right))) as client:
        assert client.echo_all().shade == gen.models.Shade.N2_XL
    wrong = '<EchoAllResult xmlns=""><Shade>2XL</Shade></EchoAllResult>'
    with (
        gen.package.Client(http_client=httpx.Client(transport=_answer(wrong))) as client,
        pytest.raises(ResponseFormatError, match="namespace"),
    ):
        client.echo_all()
