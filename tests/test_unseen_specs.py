"""The generator is general: specs it has never seen generate clients that honour their contracts.

``tests/fixtures/unseen/`` holds services unlike the seeds: a hand-written ASMX WSDL with all
four bindings (``inventory``: every xsd scalar ASMX uses, an enumeration, ``ArrayOfX`` lists
nested two deep, nillable values, parameterless, void and SOAP-only operations, results that are
a scalar, an enum or a list), and ASMX help pages (``shipping``: all protocols, a SOAP-only page,
a list parameter; ``ledger``: SOAP-only markdown captures). A scratch root gets only those specs,
``codegen.pipeline.build`` generates them exactly as ``make generate`` would, the packages are
imported under unique names, and then:

* every operation x protocol cassette is replayed against the sync and the async client with the
  strict matchers of ``tests/test_contracts.py`` (the binding sends the documented request, the
  typed result agrees with the documented response);
* decoded values have the Python types the schema promises; ``xsi:nil`` decodes to ``None``;
* values encoded into requests are the lexical forms an ASMX server parses;
* random values of every generated type survive encode -> decode (hypothesis);
* ruff and ``mypy --strict`` accept the generated packages.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import shutil
import subprocess
import sys
import typing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from codegen.emit.samples import documented_or_rendered
from codegen.model import ComplexType, Element, Protocol, Service, TypeRef
from codegen.naming import snake
from codegen.pipeline import Outputs, build, load_service
from codegen.write import write_file, write_tree
from tests.contracts_support import (
    ROOT,
    Case,
    call,
    call_arguments,
    cases,
    client_method,
    documented_result,
    interaction,
)
from tests.oracle import normalise_list_result, obj_plain, xml_plain
from wirekit import scalars

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "unseen"
SERVICE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# --- building a scratch root -------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    root: Path
    outputs: Outputs
    #: service name -> module name the generated package was imported as
    packages: dict[str, str]

    def service(self, name: str) -> Service:
        return next(s for s in self.outputs.services if s.name == name)

    def package(self, name: str) -> ModuleType:
        return sys.modules[self.packages[name]]

    def module(self, name: str, sub: str) -> ModuleType:
        return sys.modules[f"{self.packages[name]}.{sub}"]

    def cases(self) -> list[Case]:
        return cases(self.outputs.services, self.root, self.packages)

    def case(self, case_id: str) -> Case:
        return next(c for c in self.cases() if c.id == case_id)


def _import_package(name: str, folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def unseen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The fixture specs generated into a scratch root, as `make generate` writes them."""
    root = tmp_path_factory.mktemp("unseen_root")
    for name in SERVICE_NAMES:
        shutil.copytree(FIXTURES / name, root / "specs" / name)
    # What ruff and mypy need to judge generated code as the repository does.
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "wirekit").symlink_to(ROOT / "wirekit", target_is_directory=True)
    outputs = build(root)
    for rel, text in outputs.spec_files:
        write_file(root / rel, text)
    write_tree(root, "generated", outputs.generated)
    write_tree(root, "contracts", outputs.contracts)
    token = uuid.uuid4().hex[:8]
    packages = {}
    for service in outputs.services:
        packages[service.name] = f"_unseen_{token}_{service.name}"
        _import_package(packages[service.name], root / "generated" / service.name)
    yield Built(root, outputs, packages)
    for module in [m for m in sys.modules if m.startswith(f"_unseen_{token}_")]:
        del sys.modules[module]


# The case matrix is read at collection time from the fixture specs alone (no files written), so
# every xdist worker sees the same test ids.
_MODELS = tuple(
    s for s in (load_service(FIXTURES, FIXTURES / n)[0] for n in SERVICE_NAMES) if s is not None
)
CASE_IDS = [c.id for c in cases(_MODELS)]


def test_every_fixture_service_is_generated(unseen: Built) -> None:
    assert sorted(s.name for s in unseen.outputs.services) == SERVICE_NAMES
    assert not unseen.outputs.skipped
    for name in SERVICE_NAMES:
        files = {rel for rel, _ in unseen.outputs.generated if rel.startswith(f"generated/{name}/")}
        assert {f"generated/{name}/{f}" for f in ("client.py", "codecs.py", "models.py")} <= files
    # One cassette per declared operation x protocol, no more, no less.
    declared = {
        f"contracts/{c.service.name}/{c.operation.name}.{c.protocol.value}.yaml"
        for c in unseen.cases()
    }
    assert {rel for rel, _ in unseen.outputs.contracts} == declared


def test_protocols_follow_the_spec(unseen: Built) -> None:
    every = (Protocol.SOAP11, Protocol.SOAP12, Protocol.HTTP_GET, Protocol.HTTP_POST)
    assert unseen.service("inventory").protocols == every
    assert unseen.service("shipping").protocols == every
    # Pages without HTTP GET/POST sections give fewer bindings, and clients refuse the others.
    assert unseen.service("ledger").protocols == (Protocol.SOAP11, Protocol.SOAP12)
    assert unseen.package("ledger").PROTOCOLS == ("soap11", "soap12")
    with pytest.raises(ValueError, match="not offered"):
        unseen.package("ledger").Client(protocol="http_get")
    # An operation with a structured parameter is SOAP-only, inside a four-protocol service.
    for service, op in (("inventory", "AddItem"), ("shipping", "CreateShipment")):
        found = next(o for o in unseen.service(service).operations if o.name == op)
        assert [v.protocol for v in found.variants] == [Protocol.SOAP11, Protocol.SOAP12]
        case = unseen.case(f"{service}/{op}/soap11")
        args = call_arguments(case, interaction(case)["request"])
        client = unseen.package(service).Client(protocol="http_post")
        with pytest.raises(ValueError, match="not offered"):
            getattr(client, client_method(unseen.package(service), op))(**args)


def test_generation_is_deterministic(unseen: Built) -> None:
    """Generated in this process; checked from another with a different hash seed."""
    seed = "7" if os.environ.get("PYTHONHASHSEED") != "7" else "8"
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "check", "--root", str(unseen.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


# --- contract replay ---------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", CASE_IDS)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_unseen_contract_replays(unseen: Built, case_id: str, mode: str) -> None:
    case = unseen.case(case_id)
    result = call(case, use_async=mode == "async")
    documented = documented_result(case, interaction(case))
    if case.operation.result is None:
        assert result is None
        return
    assert documented is not None
    expected = xml_plain(documented)
    got = obj_plain(result)
    assert got == normalise_list_result(expected, got)


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_unseen_protocols_agree(unseen: Built, service: str) -> None:
    by_op: dict[str, list[Any]] = {}
    for case in (c for c in unseen.cases() if c.service.name == service):
        by_op.setdefault(case.operation.name, []).append(call(case, use_async=False))
    for op, results in by_op.items():
        assert all(r == results[0] for r in results), f"{op}: protocols disagree"


def test_a_changed_argument_is_refused_by_the_cassette(unseen: Built) -> None:
    """The replay can fail: a request departing from the documented one finds no match."""
    from vcr.errors import CannotOverwriteExistingCassetteException

    from tests.contracts_support import recorder

    for protocol in ("soap12", "http_get", "http_post"):
        case = unseen.case(f"inventory/UpdatePrice/{protocol}")
        args = call_arguments(case, interaction(case)["request"])
        args["price"] = args["price"] + 1
        module = unseen.package("inventory")
        with (
            recorder().use_cassette(str(case.cassette)),
            module.Client(protocol=protocol) as client,
            pytest.raises(CannotOverwriteExistingCassetteException),
        ):
            client.update_price(**args)


# --- typed values ------------------------------------------------------------------------------


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def test_inventory_models_have_the_schema_types(unseen: Built) -> None:
    models = unseen.module("inventory", "models")
    item = _hints(models.Item)
    assert item["sku"] is uuid.UUID
    assert item["price"] is Decimal
    assert item["discount"] == Decimal | None  # nillable value type
    assert item["weight_kg"] is float
    assert item["quantity"] is int and item["total_sold"] is int
    assert item["active"] is bool
    assert item["added"] is datetime and item["release_date"] is date
    assert item["last_audit"] == datetime | None
    assert item["thumbnail"] == bytes | None
    assert item["status"] is models.ItemStatus
    assert issubclass(models.ItemStatus, Enum)
    assert [m.value for m in models.ItemStatus] == ["InStock", "Backordered", "Discontinued"]
    assert item["tags"] == list[str]
    assert item["stock"] == list[models.StockLevel]
    assert _hints(models.StockLevel)["bins"] == list[models.Bin]
    client = _hints(unseen.module("inventory", "client").Client.find_items)
    assert client["skus"] == list[uuid.UUID] | None
    assert client["return"] == list[models.Item]


def _check_item(models: ModuleType, item: Any) -> None:
    assert isinstance(item, models.Item)
    assert isinstance(item.sku, uuid.UUID)
    assert isinstance(item.price, Decimal) and isinstance(item.discount, Decimal)
    assert isinstance(item.weight_kg, float)
    assert type(item.quantity) is int and type(item.total_sold) is int
    assert isinstance(item.active, bool)
    assert isinstance(item.added, datetime) and type(item.release_date) is date
    assert isinstance(item.thumbnail, bytes)
    assert isinstance(item.status, models.ItemStatus)
    assert item.tags and all(isinstance(t, str) for t in item.tags)
    assert item.stock and all(isinstance(s, models.StockLevel) for s in item.stock)
    for level in item.stock:
        assert level.bins and all(isinstance(b, models.Bin) for b in level.bins)
        assert all(type(b.level) is int for b in level.bins)


@pytest.mark.parametrize("protocol", ["soap11", "soap12", "http_get", "http_post"])
def test_inventory_results_are_typed(unseen: Built, protocol: str) -> None:
    models = unseen.module("inventory", "models")

    def result(op: str) -> Any:
        return call(unseen.case(f"inventory/{op}/{protocol}"), use_async=False)

    _check_item(models, result("GetItem"))
    items = result("ListItems")
    assert isinstance(items, list) and len(items) == 2
    for item in items:
        _check_item(models, item)
    assert type(result("CountItems")) is int
    assert isinstance(result("GetServerTime"), datetime)
    assert result("UpdatePrice") in (True, False)
    assert isinstance(result("GetItemStatus"), models.ItemStatus)
    assert isinstance(result("GetThumbnail"), bytes)
    counts = result("GetWarehouseCounts")
    assert counts and all(type(c) is int for c in counts)
    assert result("Ping") is None


def test_help_page_results_are_typed(unseen: Built) -> None:
    shipping = unseen.module("shipping", "models")
    for protocol in ("soap11", "http_get"):
        parcel = call(unseen.case(f"shipping/TrackParcel/{protocol}"), use_async=False)
        assert isinstance(parcel.tracking_id, uuid.UUID)
        assert isinstance(parcel.weight_kg, Decimal)
        assert isinstance(parcel.insured, bool)
        assert isinstance(parcel.status, Enum) and isinstance(parcel.status, shipping.Status)
        assert type(parcel.shipped_on) is date
        assert isinstance(parcel.signature, bytes)
        assert parcel.labels and all(isinstance(x, str) for x in parcel.labels)
        assert len(parcel.legs) == 2 and all(isinstance(x, shipping.Leg) for x in parcel.legs)
        for leg in parcel.legs:
            assert isinstance(leg.distance_km, float)
            assert len(leg.scans) == 2
            assert all(isinstance(s.at, datetime) and type(s.seq) is int for s in leg.scans)
        # SOAP samples show DeliveredAt as nil, HTTP samples as a dateTime: nillable dateTime,
        # and the cassettes carry the richer sample everywhere.
        assert isinstance(parcel.delivered_at, datetime)
    assert _hints(shipping.Parcel)["delivered_at"] == datetime | None
    rates = call(unseen.case("shipping/QuoteRates/http_post"), use_async=False)
    assert len(rates) == 2 and all(isinstance(r, Decimal) for r in rates)
    carriers = call(unseen.case("shipping/ListCarriers/http_get"), use_async=False)
    assert len(carriers) == 2 and all(isinstance(c, str) for c in carriers)
    assert type(call(unseen.case("shipping/CreateShipment/soap12"), use_async=False)) is int

    ledger = unseen.module("ledger", "models")
    assert isinstance(call(unseen.case("ledger/GetBalance/soap11"), use_async=False), Decimal)
    entries = call(unseen.case("ledger/ListEntries/soap12"), use_async=True)
    assert len(entries) == 2 and all(isinstance(e, ledger.Entry) for e in entries)
    assert all(isinstance(e.amount, Decimal) and e.reversal is None for e in entries)
    assert call(unseen.case("ledger/Ping/soap11"), use_async=False) is None


def _replay_with(case: Case, mutate: Any) -> Any:
    """Call ``case`` against its documented response, changed by ``mutate(result_element)``."""
    documented = interaction(case)
    body = documented["response"]["body"]["string"].encode()
    tree = etree.fromstring(body, _PARSER)
    mutate(tree)
    payload = etree.tostring(tree, xml_declaration=True, encoding="utf-8")
    ctype = documented["response"]["headers"]["Content-Type"][0]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=payload, headers={"Content-Type": ctype})

    module = sys.modules[case.module_name]
    args = call_arguments(case, documented["request"])
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        module.Client(protocol=case.protocol.value, http_client=http) as client,
    ):
        return getattr(client, client_method(module, case.operation.name))(**args)


def _nil(tree: etree._Element, *names: str) -> None:
    for el in tree.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in names:
            for kid in list(el):
                el.remove(kid)
            el.text = None
            el.set(f"{{{XSI}}}nil", "true")


@pytest.mark.parametrize("protocol", ["soap11", "soap12", "http_get", "http_post"])
def test_nil_decodes_to_none(unseen: Built, protocol: str) -> None:
    item = _replay_with(
        unseen.case(f"inventory/GetItem/{protocol}"),
        lambda t: _nil(t, "Discount", "LastAudit", "Counted"),
    )
    assert item.discount is None and item.last_audit is None
    assert all(level.counted is None for level in item.stock)
    assert isinstance(item.price, Decimal)  # the rest is untouched


def test_nil_or_missing_results(unseen: Built) -> None:
    from wirekit.errors import NullResultError, ResponseFormatError

    # A reference-type result may be nil; a value-type or structured one may not.
    thumb = _replay_with(
        unseen.case("inventory/GetThumbnail/soap11"), lambda t: _nil(t, "GetThumbnailResult")
    )
    assert thumb is None
    with pytest.raises(NullResultError):
        _replay_with(unseen.case("inventory/GetItem/soap12"), lambda t: _nil(t, "GetItemResult"))

    # A required value-type field missing from the response is an error, not a default.
    def drop_price(tree: etree._Element) -> None:
        for el in list(tree.iter()):
            if isinstance(el.tag, str) and etree.QName(el).localname == "Price":
                el.getparent().remove(el)  # type: ignore[union-attr]

    with pytest.raises(ResponseFormatError, match="Price"):
        _replay_with(unseen.case("inventory/GetItem/soap11"), drop_price)


# --- what requests carry -----------------------------------------------------------------------

#: Python values and the lexical forms an ASMX (.NET XmlSerializer / HTTP binder) server parses.
UPDATE_PRICE = {
    "sku": (
        uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "0f8fad5b-d9cb-469f-a165-70867728950e",
    ),
    "price": (Decimal("1234.50"), "1234.50"),
    "weightKg": (0.1, "0.1"),
    "effective": (datetime(2024, 2, 29, 13, 45, 7, 250000), "2024-02-29T13:45:07.25"),
    "releaseDate": (date(2023, 12, 31), "2023-12-31"),
    "note": ("fish & <chips>", "fish & <chips>"),
    "thumbnail": (b"\x89PNG\r\n", "iVBORw0K"),
}


def _canonical(xml: str | bytes) -> str:
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data.strip(), _PARSER)
    return etree.canonicalize(etree.tostring(root).decode(), strip_text=True, rewrite_prefixes=True)


def _sent(unseen: Built, protocol: str, op: str, args: dict[str, Any]) -> httpx.Request:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500, text="stop")

    module = unseen.package("inventory")
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        module.Client(protocol=protocol, http_client=http) as client,
        pytest.raises(module.HttpStatusError),
    ):
        getattr(client, op)(**args)
    (request,) = seen
    return request


@pytest.mark.parametrize("protocol", ["soap11", "soap12"])
def test_soap_request_is_the_documented_sample_with_values(unseen: Built, protocol: str) -> None:
    service = unseen.service("inventory")
    op = next(o for o in service.operations if o.name == "UpdatePrice")
    sample = documented_or_rendered(service, op, Protocol(protocol)).request.body
    doc = etree.fromstring(sample.encode(), _PARSER)
    for el in doc.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in UPDATE_PRICE:
            el.text = UPDATE_PRICE[etree.QName(el).localname][1]
    args = {snake(k): v for k, (v, _) in UPDATE_PRICE.items()}
    request = _sent(unseen, protocol, "update_price", args)
    assert _canonical(request.content) == _canonical(etree.tostring(doc))


@pytest.mark.parametrize("protocol", ["http_get", "http_post"])
def test_http_request_carries_the_documented_pairs(unseen: Built, protocol: str) -> None:
    args = {snake(k): v for k, (v, _) in UPDATE_PRICE.items()}
    request = _sent(unseen, protocol, "update_price", args)
    text = request.url.query.decode() if protocol == "http_get" else request.content.decode()
    assert parse_qsl(text, keep_blank_values=True) == [(k, t) for k, (_, t) in UPDATE_PRICE.items()]
    assert urlsplit(str(request.url)).path.endswith("/InventoryService.asmx/UpdatePrice")
    # Enumerations travel by their wire value; lists repeat the parameter name.
    request = _sent(
        unseen,
        protocol,
        "list_items",
        {
            "status": unseen.module("inventory", "models").ItemStatus.BACKORDERED,
            "changed_since": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
            "max_count": -7,
            "include_inactive": True,
        },
    )
    text = request.url.query.decode() if protocol == "http_get" else request.content.decode()
    assert parse_qsl(text) == [
        ("status", "Backordered"),
        ("changedSince", "2024-01-02T03:04:05Z"),
        ("maxCount", "-7"),
        ("includeInactive", "true"),
    ]
    a, b = uuid.uuid4(), uuid.uuid4()
    request = _sent(unseen, protocol, "find_items", {"skus": [a, b]})
    text = request.url.query.decode() if protocol == "http_get" else request.content.decode()
    assert parse_qsl(text) == [("skus", str(a)), ("skus", str(b))]


def test_optional_parameters_may_be_left_out(unseen: Built) -> None:
    request = _sent(unseen, "soap11", "find_items", {})
    payload = etree.fromstring(request.content, _PARSER).find("{*}Body")[0]  # type: ignore[index]
    assert etree.QName(payload).localname == "FindItems" and len(payload) == 0
    request = _sent(unseen, "soap12", "count_items", {})
    payload = etree.fromstring(request.content, _PARSER).find("{*}Body")[0]  # type: ignore[index]
    assert etree.QName(payload).localname == "CountItems" and len(payload) == 0


# --- property-based round trips ----------------------------------------------------------------

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(["\n", "\t", " ", "\r"]),
    max_size=12,
)
_TZ = (
    st.none()
    | st.just(UTC)
    | st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
)
_SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "string": _TEXT,
    "boolean": st.booleans(),
    "int": st.integers(-(2**31), 2**31 - 1),
    "long": st.integers(-(2**63), 2**63 - 1),
    "short": st.integers(-(2**15), 2**15 - 1),
    # Plain decimals, and ones whose exponent makes ``str()`` switch to E notation (1E+3, 5E-9),
    # which xsd:decimal (and .NET's parser) does not accept.
    "decimal": st.decimals(
        allow_nan=False, allow_infinity=False, places=6, max_value=10**20, min_value=-(10**20)
    )
    | st.tuples(st.integers(-(10**12), 10**12), st.integers(-20, 12)).map(
        lambda t: Decimal(t[0]).scaleb(t[1])
    ),
    "double": st.floats(allow_nan=False),
    "dateTime": st.datetimes(timezones=_TZ),
    "date": st.dates(),
    "time": st.times(),
    "guid": st.uuids(),
    "base64Binary": st.binary(max_size=24),
}


class _Strategies:
    """Random values of every generated type, built from the model (not from generated code)."""

    def __init__(self, service: Service, models: ModuleType) -> None:
        self.service, self.models = service, models

    def cls(self, name: str) -> Any:
        return next(
            getattr(self.models, n)
            for n in dir(self.models)
            if getattr(getattr(getattr(self.models, n), "Meta", None), "name", None) == name
            or (n == name and isinstance(getattr(self.models, n), type))
        )

    def value(self, ref: TypeRef, depth: int) -> st.SearchStrategy[Any]:
        schema = self.service.schema
        if ref.is_scalar:
            return _SCALARS[ref.name]
        if schema.enum(ref) is not None:
            return st.sampled_from(list(self.cls(ref.name)))
        item = schema.array_item(ref)
        if item is not None:
            return st.lists(self.value(item.type, depth + 1), max_size=3 if depth < 3 else 0)
        ct = schema.complex_type(ref)
        assert ct is not None
        return self.complex(ct, depth)

    def element(self, e: Element, depth: int) -> st.SearchStrategy[Any]:
        one = self.value(e.type, depth)
        if e.repeated:
            return st.lists(one, max_size=2)
        is_list = self.service.schema.array_item(e.type) is not None
        if (e.min_occurs >= 1 and not e.nillable) or (is_list and not e.nillable):
            return one
        return st.none() | one

    def complex(self, ct: ComplexType, depth: int) -> st.SearchStrategy[Any]:
        cls = self.cls(ct.name)
        by_wire = {
            f.metadata.get("wrapper", f.metadata["name"]): f.name for f in dataclasses.fields(cls)
        }
        return st.builds(cls, **{by_wire[e.name]: self.element(e, depth + 1) for e in ct.elements})


def _classes(service: Service) -> list[ComplexType]:
    return [
        t
        for t in service.schema.complex_types
        if service.schema.array_item(TypeRef(service.namespace, t.name)) is None
    ]


@pytest.mark.parametrize("service_name", SERVICE_NAMES)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_type_round_trips_through_its_codecs(
    unseen: Built, service_name: str, data: st.DataObject
) -> None:
    service = unseen.service(service_name)
    models, codecs = unseen.module(service_name, "models"), unseen.module(service_name, "codecs")
    strategies = _Strategies(service, models)
    for ct in _classes(service):
        value = data.draw(strategies.complex(ct, 0), label=ct.name)
        func = snake(type(value).__name__)
        content = getattr(codecs, f"encode_{func}")(value)
        xml = f'<{ct.name} xmlns="{service.namespace}" xmlns:xsi="{XSI}">{content}</{ct.name}>'
        assert getattr(codecs, f"decode_{func}")(etree.fromstring(xml.encode(), _PARSER)) == value


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), protocol=st.sampled_from(["soap11", "soap12"]))
def test_a_value_sent_by_the_client_comes_back_equal(
    unseen: Built, data: st.DataObject, protocol: str
) -> None:
    """AddItem's request, echoed by a fake server as GetItem's result, decodes to the same Item."""
    service = unseen.service("inventory")
    module = unseen.package("inventory")
    item = data.draw(
        _Strategies(service, unseen.module("inventory", "models")).complex(
            next(t for t in service.schema.complex_types if t.name == "Item"), 0
        )
    )
    stored: list[etree._Element] = []
    env_ns = {
        "soap11": "http://schemas.xmlsoap.org/soap/envelope/",
        "soap12": "http://www.w3.org/2003/05/soap-envelope",
    }[protocol]
    ns = service.namespace
    ctype = (
        "text/xml; charset=utf-8" if protocol == "soap11" else "application/soap+xml; charset=utf-8"
    )

    def respond(op: str, result: etree._Element) -> httpx.Response:
        env = etree.Element(f"{{{env_ns}}}Envelope", nsmap={"s": env_ns, "xsi": XSI})
        wrapper = etree.SubElement(
            etree.SubElement(env, f"{{{env_ns}}}Body"), f"{{{ns}}}{op}Response"
        )
        wrapper.append(result)
        return httpx.Response(200, content=etree.tostring(env), headers={"Content-Type": ctype})

    def handler(request: httpx.Request) -> httpx.Response:
        payload = etree.fromstring(request.content, _PARSER).find(f"{{{env_ns}}}Body")[0]  # type: ignore[index]
        if etree.QName(payload).localname == "AddItem":
            stored.append(payload[0])
            result = etree.Element(f"{{{ns}}}AddItemResult")
            result.text = str(uuid.UUID(int=7))
            return respond("AddItem", result)
        result = stored[-1]
        result.tag = f"{{{ns}}}GetItemResult"
        return respond("GetItem", result)

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        module.Client(protocol=protocol, http_client=http) as client,
    ):
        assert client.add_item(item=item) == uuid.UUID(int=7)
        assert client.get_item(sku=item.sku) == item


_DECODE = {
    "boolean": scalars.decode_bool,
    "int": scalars.decode_int,
    "long": scalars.decode_int,
    "decimal": scalars.decode_decimal,
    "double": scalars.decode_float,
    "dateTime": scalars.decode_datetime,
    "date": scalars.decode_date,
    "time": scalars.decode_time,
    "guid": scalars.decode_uuid,
    "base64Binary": scalars.decode_base64,
    "string": str,
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), protocol=st.sampled_from(["soap11", "soap12", "http_get", "http_post"]))
def test_scalar_parameters_reach_the_wire_intact(
    unseen: Built, data: st.DataObject, protocol: str
) -> None:
    """Random values of every scalar parameter type, read back from the request the client sent."""
    service = unseen.service("inventory")
    op = next(o for o in service.operations if o.name == "UpdatePrice")
    values = {p.name: data.draw(_SCALARS[p.type.name], label=p.name) for p in op.params}
    if protocol.startswith("http"):
        # Form and query strings cannot carry every character XML can; keep to printable text.
        values["note"] = data.draw(
            st.text(
                st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
                max_size=12,
            )
        )
    request = _sent(unseen, protocol, "update_price", {snake(k): v for k, v in values.items()})
    if protocol.startswith("soap"):
        payload = etree.fromstring(request.content, _PARSER).find("{*}Body")[0]  # type: ignore[index]
        wire = {etree.QName(c).localname: c.text or "" for c in payload}
    else:
        text = request.url.query.decode() if protocol == "http_get" else request.content.decode()
        wire = dict(parse_qsl(text, keep_blank_values=True))
    types = {p.name: p.type.name for p in op.params}
    assert {k: _DECODE[types[k]](v) for k, v in wire.items()} == values


# --- generated code passes the repository's linters --------------------------------------------


def _run(unseen: Built, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / args[0]), *args[1:]],
        cwd=unseen.root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_generated_code_passes_ruff_and_mypy_strict(unseen: Built, service: str) -> None:
    if not (ROOT / ".venv" / "bin" / "mypy").exists():
        pytest.skip("the repository's .venv has no mypy")
    ruff = _run(unseen, "ruff", "check", "--no-cache", f"generated/{service}")
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    mypy = _run(
        unseen,
        "mypy",
        "--strict",
        "--cache-dir",
        str(unseen.root / f".mypy_cache_{service}"),
        f"generated/{service}",
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
