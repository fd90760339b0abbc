"""A paid order through logistics: allocated to the nearest warehouse that can send it (split
when one cannot), picked, shipped with a waybill (stock leaves), tracked, signed for."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from mercato.inventory.adapters.tables import LedgerEntry, Reservation, StockLevel
from mercato.inventory.services import stock
from mercato.kernel.errors import Conflict, NotFound
from mercato.logistics import carriers
from mercato.logistics.adapters.tables import Issue
from mercato.logistics.services import allocate, outbound, signing, tracking
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow
from tests.logistics.helpers import Recorder, event, paid_order, shipments


def _status(db: Database, number: str) -> str:
    with db.reading() as tx:
        return str(tx.scalar(select(Order.status).where(Order.number == number)))


def _ship_all(db: Database, order: str, book: Recorder) -> list[str]:
    out = []
    for s in shipments(db, order):
        with db.transaction() as tx:
            out.append(outbound.ship(tx, s.number, "sf", {"sf": book}, "ops", "4008000000")
                       .waybill_no or "")
    return out


def test_paid_order_gets_one_shipment_then_ships_and_signs(client: Any, db: Database,
                                                            market: dict[str, Any],
                                                            buyer: dict[str, Any]) -> None:
    sku = market["tee"]["skus"][0]
    order = paid_order(client, db, buyer, {sku: 2})
    with db.transaction() as tx:
        assert allocate.allocate_order(tx, order) == [f"{order}-1"]
        assert allocate.allocate_order(tx, order) == []  # the event delivered twice
    (s,) = shipments(db, order)
    assert (s.status, s.warehouse_id, s.recipient) == ("allocated", market["warehouse"], "王小明")
    with db.transaction() as tx:
        assert outbound.pick(tx, s.number, "ops")
    assert _status(db, order) == "picking"
    book = Recorder()
    (waybill,) = _ship_all(db, order, book)
    assert _status(db, order) == "shipped"
    assert book.requests[0].recipient.address == "世纪大道100号"
    with db.reading() as tx:
        on_hand = tx.scalar(select(StockLevel.on_hand).where(StockLevel.sku_id == sku))
        held = tx.scalar(select(func.count()).select_from(Reservation))
    assert (on_hand, held) == (8, 0)
    with db.transaction() as tx:
        got = tracking.ingest(tx, [event(waybill, carriers.COLLECTED, 9),
                                   event(waybill, carriers.SIGNED, 15)])
    assert (got.stored, got.repeated) == (2, 0)
    assert _status(db, order) == "signed"
    assert shipments(db, order)[0].status == "signed"


def test_split_between_warehouses_and_nearest_first(client: Any, db: Database,
                                                    market: dict[str, Any],
                                                    buyer: dict[str, Any]) -> None:
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    with db.transaction() as tx:
        far = stock.create_warehouse(tx, "GZ", "广州仓", "Guangzhou", "South", province="广东省")
        near = stock.create_warehouse(tx, "HZ", "杭州仓", "Hangzhou", "East", province="浙江省")
        stock.set_on_hand(tx, cup, market["warehouse"], 0, "count", "t")
        stock.set_on_hand(tx, tee, market["warehouse"], 5, "count", "t")
        stock.set_on_hand(tx, cup, far.id, 5, "initial", "t")
        stock.set_on_hand(tx, tee, near.id, 5, "initial", "t")
    order = paid_order(client, db, buyer, {tee: 1, cup: 1})  # buyer in 上海市
    with db.transaction() as tx:
        assert len(allocate.allocate_order(tx, order)) == 2
    got = {(s.warehouse_id, s.weight_g > 0) for s in shipments(db, order)}
    assert {w for w, _ in got} == {market["warehouse"], far.id}  # tee stays in Shanghai
    book = Recorder()
    first, _second = shipments(db, order)
    with db.transaction() as tx:
        outbound.ship(tx, first.number, "sf", {"sf": book}, "ops", "4008000000")
    assert _status(db, order) == "picking"  # one parcel still to go
    _ship_all_open(db, order, book)
    assert _status(db, order) == "shipped"


def _ship_all_open(db: Database, order: str, book: Recorder) -> None:
    for s in shipments(db, order):
        if s.status != "shipped":
            with db.transaction() as tx:
                outbound.ship(tx, s.number, "sf", {"sf": book}, "ops", "4008000000")


def test_nearest_warehouse_takes_over_the_reservation(client: Any, db: Database,
                                                      market: dict[str, Any],
                                                      buyer: dict[str, Any]) -> None:
    tee = market["tee"]["skus"][0]
    with db.transaction() as tx:
        far = stock.create_warehouse(tx, "CD", "成都仓", "Chengdu", "West", province="四川省")
        stock.set_on_hand(tx, tee, far.id, 5, "initial", "t")
        near = stock.create_warehouse(tx, "SZ", "苏州仓", "Suzhou", "East", province="上海市")
        stock.set_on_hand(tx, tee, near.id, 5, "initial", "t")
    order = paid_order(client, db, buyer, {tee: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
    (s,) = shipments(db, order)
    assert s.warehouse_id in (market["warehouse"], near.id)  # both in 上海市, never 成都


def test_disabled_warehouse_opens_one_out_of_stock_issue(client: Any, db: Database,
                                                         market: dict[str, Any],
                                                         buyer: dict[str, Any]) -> None:
    tee = market["tee"]["skus"][0]
    order = paid_order(client, db, buyer, {tee: 1})
    with db.transaction() as tx:
        stock.update_warehouse(
            tx, market["warehouse"], "上海仓", "Shanghai", "East China", "", False
        )
    for _ in range(2):
        with db.transaction() as tx:
            assert allocate.allocate_order(tx, order) == []
    with db.reading() as tx:
        issues = [(i.subject, i.cause) for i in tx.scalars(select(Issue))]
        told = tx.scalar(select(func.count()).select_from(OutboxRow)
                         .where(OutboxRow.name == "logistics.issue_opened.v1"))
    assert issues == [(order, "out_of_stock")]
    assert told == 1
    assert shipments(db, order) == []


def test_tracking_dedup_out_of_order_failure_and_unknown(client: Any, db: Database,
                                                         market: dict[str, Any],
                                                         buyer: dict[str, Any]) -> None:
    order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
    (waybill,) = _ship_all(db, order, Recorder())
    late = event(waybill, carriers.DELIVERING, 14)
    with db.transaction() as tx:
        tracking.ingest(tx, [late])
    with db.transaction() as tx:  # an older scan arrives after: history, not a step back
        got = tracking.ingest(tx, [late, event(waybill, carriers.IN_TRANSIT, 10)])
    assert (got.stored, got.repeated) == (1, 1)
    assert shipments(db, order)[0].stage == "delivering"
    for _ in range(2):
        with db.transaction() as tx:
            tracking.ingest(tx, [event(waybill, carriers.FAILED, 16, "客户拒收")])
    with db.reading() as tx:
        assert [(i.cause, i.detail) for i in tx.scalars(select(Issue))] == [
            ("delivery_failed", "客户拒收")]
    with db.transaction() as tx, pytest.raises(NotFound) as exc:
        tracking.ingest(tx, [event("SF0000000000000", carriers.SIGNED, 9)])
    assert exc.value.code == "logistics.unknown_waybill"


def test_customer_confirms_receipt_of_own_order_only(client: Any, db: Database,
                                                     market: dict[str, Any],
                                                     buyer: dict[str, Any]) -> None:
    order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
        with pytest.raises(Conflict):
            signing.confirm_receipt(tx, order, buyer["id"])  # nothing shipped yet
    _ship_all(db, order, Recorder())
    with db.transaction() as tx, pytest.raises(NotFound):
        signing.confirm_receipt(tx, order, buyer["id"] + 999)
    with db.transaction() as tx:
        assert signing.confirm_receipt(tx, order, buyer["id"]) == 1
    assert _status(db, order) == "completed"  # signed for, and the deal is done
    with db.reading() as tx:
        ships = tx.scalar(select(func.count()).select_from(LedgerEntry)
                          .where(LedgerEntry.reason == "ship"))
    assert ships == 1


def test_admin_home_counts_the_shipment_queue(admin: Any, db: Database,
                                              market: dict[str, Any],
                                              buyer: dict[str, Any]) -> None:
    order = paid_order(admin, db, buyer, {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
        outbound.pick(tx, f"{order}-1", "ops")
    html = admin.get("/admin").text
    assert re.search(r'href="/admin/shipments"[^>]*data-todo="to_ship"', html)
    assert re.search(r'data-todo="to_ship">.*?<b data-count>1</b>', html, re.S)
