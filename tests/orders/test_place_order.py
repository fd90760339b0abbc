"""Placing orders through the service: totals from current data, stock held, cart emptied,
event in the outbox, everything or nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError, NotFound
from mercato.orders import domain
from mercato.orders.adapters import queries
from mercato.orders.adapters.tables import Order
from mercato.orders.services.place_order import PlaceOrder, place_order
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow
from tests.orders.conftest import fill_cart


def _place(db: Database, buyer: dict[str, Any], method: str = "std", **kw: Any) -> str:
    with db.transaction() as tx:
        cmd = PlaceOrder(buyer["id"], buyer["address_id"], method, **kw)
        return place_order(tx, cmd, "zh_CN").number


def test_order_totals_stock_cart_and_event(db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 2, cup: 1})
    number = _place(db, buyer, "express")
    assert domain.valid_number(number)
    with db.reading() as tx:
        d = queries.detail(tx, number, buyer["id"])
        assert d.summary.status == domain.PENDING
        # 2 × 99.00 + 39.00 = 237.00; 600 g express to Shanghai: first 1000 g ¥20
        assert (d.subtotal_fen, d.shipping_fen, d.summary.total_fen) == (23700, 2000, 25700)
        assert d.summary.item_count == 3 and len(d.summary.lines) == 2
        assert d.address == "上海市上海市浦东新区世纪大道100号"
        assert [t.to_status for t in d.timeline] == [domain.PENDING]
        assert inventory.available(tx, [tee, cup]) == {tee: 8, cup: 9}
        rows = tx.scalars(select(OutboxRow).where(OutboxRow.name == "orders.order_placed.v1"))
        payloads = [json.loads(r.payload) for r in rows]
        assert payloads == [
            {
                "number": number,
                "customer_id": buyer["id"],
                "total_fen": 25700,
                "currency": "CNY",
                "lines": [[tee, 2, 9900], [cup, 1, 3900]],
            }
        ]
    from mercato.checkout.domain import CartOwner
    from mercato.checkout.services.cart import view_cart

    with db.reading() as tx:
        assert view_cart(tx, CartOwner(buyer["id"], None), "zh_CN").lines == ()


def test_free_shipping_over_threshold(db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    number = _place(db, buyer, "std")
    with db.reading() as tx:
        d = queries.detail(tx, number, buyer["id"])
    assert (d.subtotal_fen, d.shipping_fen) == (9900, 0)


def test_insufficient_stock_writes_nothing(db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 5, cup: 5})
    with db.transaction() as tx:  # someone else takes the mugs meanwhile
        inventory.reserve_for_order(tx, "OTHER", {cup: 8})
    with pytest.raises(DomainError) as err:
        _place(db, buyer)
    assert err.value.code == "orders.cart_changed" and err.value.status == 409
    with db.reading() as tx:
        assert tx.scalar(select(Order.id)) is None
        assert inventory.available(tx, [tee]) == {tee: 10}
        assert tx.scalar(select(OutboxRow.id)) is None


def test_stock_taken_between_cart_check_and_reservation(db, market, buyer, monkeypatch):
    """The cart looked fine but the conditional reservation loses the race: 409, no order."""
    from mercato.orders.services import place_order as module

    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 3})
    real = module.checkout.view_cart

    def stale_view(tx, owner, locale, only=None):  # type: ignore[no-untyped-def]
        view = real(tx, owner, locale, only)
        inventory.reserve_for_order(tx, "RIVAL", {tee: 9})  # the rival commits first
        return view

    monkeypatch.setattr(module.checkout, "view_cart", stale_view)
    with pytest.raises(DomainError) as err:
        _place(db, buyer)
    assert err.value.code == "inventory.insufficient_stock"
    monkeypatch.undo()
    with db.reading() as tx:
        assert tx.scalar(select(Order.id)) is None
        assert inventory.available(tx, [tee]) == {tee: 10}


def test_empty_cart_and_foreign_address(db, market, buyer):
    from tests.orders.conftest import make_buyer

    with pytest.raises(DomainError) as err:
        _place(db, buyer)
    assert err.value.code == "orders.empty_cart"
    other = make_buyer(db, "13800000002")
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    with pytest.raises(NotFound) as nf:
        _place(db, {**buyer, "address_id": other["address_id"]})
    assert nf.value.code == "orders.address_not_found"


def test_invoice_rules(db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    bad = domain.InvoiceRequest.__new__(domain.InvoiceRequest)
    with pytest.raises(DomainError) as err:
        domain.InvoiceRequest("company", "上海某某有限公司", "123")
    assert err.value.field == "invoice.tax_id"
    del bad
    number = _place(
        db,
        buyer,
        invoice=domain.InvoiceRequest("company", " 上海某某有限公司 ", "91310000abcdefgh1x"),
    )
    with db.reading() as tx:
        d = queries.detail(tx, number, buyer["id"])
    assert (d.invoice_kind, d.invoice_title, d.invoice_tax_id) == (
        "company",
        "上海某某有限公司",
        "91310000ABCDEFGH1X",
    )


def test_order_numbers_are_owner_scoped(db, market, buyer):
    from tests.orders.conftest import make_buyer

    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    number = _place(db, buyer)
    other = make_buyer(db, "13800000002")
    with db.reading() as tx, pytest.raises(NotFound):
        queries.detail(tx, number, other["id"])
