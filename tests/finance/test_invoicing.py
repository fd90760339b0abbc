"""Invoices from orders: issued once when asked for, exact to the fen and reconciling with
the order, taxed by category, leaving out returns refunded before they were issued; a refund
after them issues one red-letter invoice; only the buyer (and staff) get the PDF."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from mercato.aftersales import domain as as_domain
from mercato.aftersales.adapters.tables import Request, RequestLine
from mercato.aftersales.services import requests
from mercato.catalog.adapters.tables import Category
from mercato.finance import fapiao
from mercato.finance.adapters.invoice_table import IssuedInvoice
from mercato.finance.services import invoicing
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.aftersales.helpers import headers, signed_order
from tests.orders.conftest import make_buyer

SELLER = fapiao.Party("Mercato 示范商城有限公司", "91310000MA1FL8XQ2K", "上海市嘉定区", "021-1",
                      "招商银行", "1219")


def _ask_invoice(db: Database, order: str, kind: str = "company", vat: str = "ordinary") -> None:
    with db.transaction() as tx:
        o = tx.scalars(select(Order).where(Order.number == order)).one()
        o.invoice_kind, o.invoice_title, o.invoice_type = kind, "上海示例科技有限公司", vat
        o.invoice_tax_id = "91310115MA1K4QWE3X" if kind == "company" else ""
        o.invoice_address, o.invoice_phone = "上海市浦东新区世纪大道 100 号", "021-50000000"
        o.invoice_bank, o.invoice_account = "工商银行上海分行", "1001234509876543210"


def _issue(db: Database, order: str) -> str | None:
    with db.transaction() as tx:
        return invoicing.issue_blue(tx, order, SELLER, "系统")


def _row(db: Database, number: str) -> IssuedInvoice:
    with db.reading() as tx:
        row = tx.scalars(select(IssuedInvoice).where(IssuedInvoice.number == number)).one()
        tx.expunge(row)
        return row


def test_no_invoice_when_none_was_asked(client: Any, db: Database, market: dict[str, Any],
                                        buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    assert _issue(db, order) is None


def test_special_invoice_reconciles_and_taxes_by_category(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]) -> None:
    with db.transaction() as tx:  # tees are taxed at 9% (set on their category)
        tx.get(Category, market["tees"]).tax_rate_bp = 900  # type: ignore[union-attr]
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 3})
    _ask_invoice(db, order, vat="special")
    number = _issue(db, order)
    assert number and len(number) == 20 and _issue(db, order) is None  # once
    row = _row(db, order and number)
    with db.reading() as tx:
        o = tx.scalars(select(Order).where(Order.number == order)).one()
        assert row.total_fen == o.total_fen == row.net_fen + row.tax_fen
    inv, ids = invoicing.to_invoice(row)
    goods, ship = inv.lines[0], inv.lines[-1]
    assert (goods.rate_bp, goods.quantity) == (900, 3)
    assert goods.tax_fen == goods.amount_fen - round(goods.amount_fen * 10000 / 10900)
    assert ship.name == fapiao.SHIPPING_NAME and ids[-1] == 0
    assert inv.buyer.bank == "工商银行上海分行" and inv.vat_type == "special"


def test_return_refunded_before_the_invoice_is_left_out_and_not_reversed(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 3})
    _ask_invoice(db, order, kind="personal")
    with db.transaction() as tx:
        r = requests.open_request(tx, buyer["id"], order, as_domain.Ask(
            "return", "no_reason", {_line(tx, order): 1}), [])
        r.status, r.refund_no = as_domain.REFUNDED, r.number
        refund = tx.scalars(select(RequestLine.refund_fen)
                            .where(RequestLine.request_id == r.id)).one()
        rn = r.number
    number = _issue(db, order)
    assert number
    row = _row(db, number)
    with db.reading() as tx:
        total = tx.scalar(select(Order.total_fen).where(Order.number == order))
    assert row.total_fen == total - refund
    assert invoicing.to_invoice(row)[0].lines[0].quantity == 2
    payload = {"order_number": order, "refund_no": rn, "shipping_fen": 0,
               "lines": [{"order_line_id": _line_of(db, order), "quantity": 1,
                          "amount_fen": refund}]}
    with db.transaction() as tx:
        assert invoicing.issue_red(tx, payload, SELLER, "系统") is None


def _line(tx: Any, order: str) -> int:
    from mercato.orders.adapters.tables import OrderLine

    oid = tx.scalar(select(Order.id).where(Order.number == order))
    return int(tx.scalars(select(OrderLine.id).where(OrderLine.order_id == oid)).first())


def _line_of(db: Database, order: str) -> int:
    with db.reading() as tx:
        return _line(tx, order)


def test_red_letter_after_the_invoice_and_pdf_for_its_owner_only(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any],
        admin: Any) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 2})
    _ask_invoice(db, order)
    blue = _issue(db, order)
    assert blue
    payload = {"order_number": order, "refund_no": f"{order}-A1", "shipping_fen": 0,
               "lines": [{"order_line_id": _line_of(db, order), "quantity": 1,
                          "amount_fen": 9900}]}
    with db.transaction() as tx:
        red = invoicing.issue_red(tx, payload, SELLER, "系统")
    with db.transaction() as tx:  # the same refund again: nothing more
        assert invoicing.issue_red(tx, payload, SELLER, "系统") is None
    assert red and _row(db, red).total_fen == -9900 and _row(db, red).original_number == blue
    h = headers(client, buyer)
    listed = client.get(f"/api/v1/orders/{order}/invoices", headers=h).json()
    assert [(i["kind"], i["number"]) for i in listed] == [("blue", blue), ("red", red)]
    other = make_buyer(db, "13800000009")
    assert client.get(f"/api/v1/orders/{order}/invoices",
                      headers=headers(client, other)).status_code == 404
    pdf = admin.get(f"/admin/invoices/{red}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "红字" in text and "上海示例科技有限公司" in text and blue in text
    assert red in admin.get("/admin/invoices").text
    assert Request  # the requests the refunds come from live in after-sales
