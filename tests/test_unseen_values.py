"""Decoded values of the unseen specs have the Python types the schema promises; nil is None."""

from __future__ import annotations

import typing
import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import GenericAlias, ModuleType
from typing import Any

import pytest
from lxml import etree

from tests.contracts_support import call
from tests.unseen_support import PROTOCOLS, XSI, Built, replay_with, unseen

__all__ = ["unseen"]


def _list_of(item: object) -> GenericAlias:
    """``list[item]`` for an item type only known at runtime (a model of the generated module)."""
    return GenericAlias(list, (item,))


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
    assert item["tags"] == list[str | None]  # ArrayOfString: nillable items (#5)
    assert item["stock"] == _list_of(models.StockLevel | None)
    assert _hints(models.StockLevel)["bins"] == _list_of(models.Bin | None)
    # The client module imports models for annotations only (loaded on first use), so its
    # hints resolve against the models package (whose lazy index loads them all for ``vars``).
    method = unseen.module("inventory", "client").Client.find_items
    client = typing.get_type_hints(method, localns=vars(models))
    assert client["skus"] == list[uuid.UUID] | None
    assert client["return"] == _list_of(models.Item | None) | None  # minOccurs="0": #7


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


@pytest.mark.parametrize("protocol", PROTOCOLS)
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
        # SOAP samples show DeliveredAt as nil, HTTP samples as a dateTime: a nillable
        # dateTime, and each cassette keeps its page's sample as printed.
        if protocol == "soap11":
            assert parcel.delivered_at is None
        else:
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


def _drop(tree: etree._Element, *names: str) -> None:
    for el in list(tree.iter()):
        if isinstance(el.tag, str) and etree.QName(el).localname in names:
            el.getparent().remove(el)  # type: ignore[union-attr]


def _nil(tree: etree._Element, *names: str) -> None:
    for el in tree.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in names:
            for kid in list(el):
                el.remove(kid)
            el.text = None
            el.set(f"{{{XSI}}}nil", "true")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_nil_decodes_to_none(unseen: Built, protocol: str) -> None:
    item = replay_with(
        unseen.case(f"inventory/GetItem/{protocol}"),
        lambda t: _nil(t, "Discount", "LastAudit", "Counted"),
    )
    assert item.discount is None and item.last_audit is None
    assert all(level.counted is None for level in item.stock)
    assert isinstance(item.price, Decimal)  # the rest is untouched


def test_nil_or_missing_results(unseen: Built) -> None:
    from wirekit.errors import NullResultError, ResponseFormatError

    # A reference-type result (ASMX: minOccurs="0", a null is sent as no element) may be nil
    # or missing, structured or not; a value-type one (minOccurs="1") may not.
    thumb = replay_with(
        unseen.case("inventory/GetThumbnail/soap11"), lambda t: _nil(t, "GetThumbnailResult")
    )
    assert thumb is None
    item = replay_with(unseen.case("inventory/GetItem/soap12"), lambda t: _nil(t, "GetItemResult"))
    assert item is None
    item = replay_with(unseen.case("inventory/GetItem/soap11"), lambda t: _drop(t, "GetItemResult"))
    assert item is None
    with pytest.raises(NullResultError):
        replay_with(
            unseen.case("inventory/CountItems/soap12"), lambda t: _drop(t, "CountItemsResult")
        )
    with pytest.raises(NullResultError):
        replay_with(
            unseen.case("inventory/GetItemStatus/soap11"),
            lambda t: _nil(t, "GetItemStatusResult"),
        )

    # A required value-type field missing from the response is an error, not a default.
    def drop_price(tree: etree._Element) -> None:
        for el in list(tree.iter()):
            if isinstance(el.tag, str) and etree.QName(el).localname == "Price":
                el.getparent().remove(el)  # type: ignore[union-attr]

    with pytest.raises(ResponseFormatError, match="Price"):
        replay_with(unseen.case("inventory/GetItem/soap11"), drop_price)
