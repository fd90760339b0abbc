"""A return from request to money and stock back, through the real WeChat Pay adapter and its
fake: approve → sent back → received and inspected (restock / quarantine) → partial refund
at the provider → the order's refunded total, the stock ledger and a red-letter invoice."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mercato.aftersales.adapters.tables import Request
from mercato.aftersales.services import refunding, staff
from mercato.finance.adapters.invoice_table import IssuedInvoice
from mercato.finance.services import invoicing
from mercato.inventory.adapters.tables import LedgerEntry
from mercato.kernel.errors import DomainError
from mercato.logistics.services import allocate, signing
from mercato.orders.adapters.tables import Order
from mercato.payments import public as payments
from mercato.payments.services import refunds
from mercato.platform.db import Database
from tests.aftersales.helpers import headers, stock_of
from tests.logistics.helpers import Recorder
from tests.logistics.test_flow import _ship_all
from tests.payments.order_helpers import deliver_events, placed_order, use_gateway


def _paid_by_wechat(client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any],
                    wechat: Any, qty: int) -> str:
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, _total, h = placed_order(client, db, market, buyer, qty)
    with db.transaction() as tx:  # the buyer asked for a company invoice at checkout
        o = tx.scalars(select(Order).where(Order.number == number)).one()
        o.invoice_kind, o.invoice_title, o.invoice_tax_id = "company", "上海示例科技有限公司", (
            "91310000MA1FL8XQ2K")
    pay = client.post(f"/api/v1/orders/{number}/payments",
                      json={"provider": "wechatpay", "channel": "native"}, headers=h).json()
    fake.pay(pay["out_trade_no"])
    assert fake.deliver(fake.build_notification(pay["out_trade_no"]))[0] in (200, 204)
    return str(number)


def _deliver_all(db: Database, settings: Any) -> None:
    while deliver_events(db, settings):
        pass


def _request(db: Database, number: str) -> Request:
    with db.reading() as tx:
        r = tx.scalars(select(Request).where(Request.number == number)).one()
        tx.expunge(r)
        return r


def test_return_refunds_through_wechat_and_puts_stock_back(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any],
        wechat: Any, settings: Any) -> None:
    sku = market["tee"]["skus"][0]
    number = _paid_by_wechat(client, db, market, buyer, wechat, 3)
    with db.transaction() as tx:
        allocate.allocate_order(tx, number)
    _ship_all(db, number, Recorder())
    with db.transaction() as tx:
        signing.confirm_receipt(tx, number, buyer["id"])  # signed and completed
    _deliver_all(db, settings)  # payment entry, completion → blue invoice
    with db.reading() as tx:
        (blue,) = invoicing.of_order(tx, number)
        paid = tx.scalars(select(Order.paid_fen).where(Order.number == number)).one()
        assert (blue.kind, blue.total_fen) == ("blue", paid)
        blue_number = blue.number
    on_hand_before = stock_of(db, sku)
    h = headers(client, buyer)
    line = client.get(f"/api/v1/orders/{number}/aftersales/options", headers=h).json()["lines"][0]
    made = client.post(f"/api/v1/orders/{number}/aftersales", headers=h, json={
        "kind": "return", "reason": "no_reason",
        "lines": [{"line_id": line["line_id"], "quantity": 2}]})
    assert made.status_code == 201, made.text
    rn = made.json()["number"]
    with db.transaction() as tx:
        staff.approve(tx, rn, "service@example.com")
    assert _request(db, rn).return_to  # the warehouse that sent it
    r = client.post(f"/api/v1/aftersales/{rn}/return-waybill", headers=h,
                    json={"carrier": "顺丰速运", "waybill": "SF1400000099"})
    assert r.json()["status"] == "returning"
    with db.transaction() as tx:
        staff.receive(tx, rn, "wh@example.com", {_line_id(tx, rn): "restock"})
    gateways = payments.refunder(client.app)
    assert refunding.send(db, gateways, rn) == "succeeded"
    _deliver_all(db, settings)
    req = _request(db, rn)
    assert req.status == "refunded" and req.refund_fen == line["paid_fen"] * 2 // 3
    trades = [o for o in wechat[0].orders.values() if o["refunds"]]
    assert [t["refunded"] for t in trades] == [req.refund_fen]  # at the provider
    assert stock_of(db, sku)[0] == on_hand_before[0] + 2
    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        assert order.refunded_fen == req.refund_fen
        reds = [(i.total_fen, i.original_number) for i in invoicing.of_order(tx, number)
                if i.kind == "red"]
        ledger = [(e.delta_on_hand, e.reference) for e in
                  tx.scalars(select(LedgerEntry).where(LedgerEntry.reason == "return"))]
    assert reds == [(-req.refund_fen, blue_number)]
    assert ledger == [(2, f"{rn}/{_first_line(db, rn)}")]
    # Replaying every event changes nothing more (idempotent end to end).
    assert refunding.send(db, gateways, rn) == "refunded"
    _deliver_all(db, settings)
    with db.reading() as tx:
        assert len(tx.scalars(select(IssuedInvoice)).all()) == 2


def _line_id(tx: Any, number: str) -> int:
    from mercato.aftersales.adapters.tables import RequestLine

    r = tx.scalars(select(Request).where(Request.number == number)).one()
    return int(tx.scalars(select(RequestLine.id).where(RequestLine.request_id == r.id)).first())


def _first_line(db: Database, number: str) -> int:
    with db.reading() as tx:
        return _line_id(tx, number)


def test_over_refund_and_unpaid_refused(client: Any, db: Database, market: dict[str, Any],
                                        buyer: dict[str, Any], wechat: Any) -> None:
    number = _paid_by_wechat(client, db, market, buyer, wechat, 1)
    with db.transaction() as tx:
        paid = tx.scalars(select(Order.paid_fen).where(Order.number == number)).one()
    try:
        with db.transaction() as tx:
            payments.request_refund(tx, number, f"{number}-X1", paid + 1, "too much")
        raise AssertionError("an over-refund was accepted")
    except DomainError as exc:
        assert exc.code == "payments.refund_exceeds_paid"
    unpaid, _t, _h = placed_order(client, db, market, buyer)
    try:
        with db.transaction() as tx:
            payments.request_refund(tx, unpaid, f"{unpaid}-X1", 100, "unpaid")
        raise AssertionError("a refund of an unpaid order was accepted")
    except DomainError as exc:
        assert exc.code in ("payments.not_paid", "payments.not_found")
    with db.reading() as tx:
        assert payments.refunds_of_order(tx, number) == []


def test_quarantined_return_is_refunded_but_not_sellable(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any],
        wechat: Any, settings: Any) -> None:
    sku = market["tee"]["skus"][0]
    number = _paid_by_wechat(client, db, market, buyer, wechat, 1)
    with db.transaction() as tx:
        allocate.allocate_order(tx, number)
    _ship_all(db, number, Recorder())
    with db.transaction() as tx:
        signing.confirm_receipt(tx, number, buyer["id"])
    h = headers(client, buyer)
    line = client.get(f"/api/v1/orders/{number}/aftersales/options", headers=h).json()["lines"][0]
    rn = client.post(f"/api/v1/orders/{number}/aftersales", headers=h, json={
        "kind": "return", "reason": "damaged",
        "lines": [{"line_id": line["line_id"], "quantity": 1}]}).json()["number"]
    before = stock_of(db, sku)
    with db.transaction() as tx:
        staff.approve(tx, rn, "cs")
    with db.transaction() as tx:  # arrived before the customer typed the waybill in
        staff.receive(tx, rn, "wh", {_line_id(tx, rn): "quarantine"})
    assert refunding.send(db, payments.refunder(client.app), rn) == "succeeded"
    _deliver_all(db, settings)
    assert _request(db, rn).status == "refunded"
    assert stock_of(db, sku) == (before[0], before[1] + 1)


def test_refund_only_closes_the_order_and_gives_everything_back(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any],
        wechat: Any, settings: Any) -> None:
    number = _paid_by_wechat(client, db, market, buyer, wechat, 2)
    h = headers(client, buyer)
    r = client.post(f"/api/v1/orders/{number}/aftersales", headers=h,
                    json={"kind": "refund", "reason": "not_needed"})
    rn = r.json()["number"]
    with db.transaction() as tx:
        staff.approve(tx, rn, "cs")
        paid = tx.scalars(select(Order.paid_fen).where(Order.number == number)).one()
        assert tx.scalar(select(Order.status).where(Order.number == number)) == "closed"
    _deliver_all(db, settings)  # payments owes the attempt back whole
    assert refunds.refund_due(db, payments.refunder(client.app)) == {"refunded": 1}
    _deliver_all(db, settings)
    req = _request(db, rn)
    assert (req.status, req.refund_fen) == ("refunded", paid)
    trade = next(o for o in wechat[0].orders.values() if o["refunds"])
    assert trade["refunded"] == paid
