"""The after-sales walk's steps (tests/browser/test_aftersales_walk.py): the shopper on a
phone pays in the sandbox, confirms receipt, asks for a return and sends it back; customer
service approves on a PC, the warehouse receives it; then what the shopper sees of the
refund and the red-letter invoice, and what the database holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from mercato.aftersales.adapters.tables import Request, RequestLine
from mercato.finance.adapters.invoice_table import IssuedInvoice
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from mercato.orders.adapters.tables import Order
from mercato.payments.adapters.tables import PaymentRefund
from mercato.platform.db import Database
from tests.browser.walks_admin import sign_in
from tests.browser.walks_common import Walk
from tests.orders.conftest import PASSWORD, fill_cart
from tests.payments.order_helpers import deliver_events, token

COMPANY = {"kind": "company", "title": "上海示例科技有限公司", "tax_id": "91310000MA1FL8XQ2K"}
SERVICE = {"email": "kefu@shop.test", "password": "service-pass-9", "name": "客服小李"}
RETURN_WAYBILL = "SF7300000123"


def order_with_invoice(client: Any, db: Database, buyer: dict[str, Any],
                       lines: dict[int, int]) -> str:
    """An unpaid order placed through the API, asking for a company invoice (增值税普通发票)."""
    fill_cart(db, buyer["id"], lines)
    r = client.post("/api/v1/orders", headers=token(client, buyer["phone"]), json={
        "address_id": buyer["address_id"], "shipping_method": "express", "invoice": COMPANY})
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def relay(db: Database, settings: Any) -> None:
    """What the running shop's relay does (the test app runs no jobs): every event out to
    its subscribers, until nothing more comes of them."""
    while deliver_events(db, settings):
        pass


def sign_in_and_pay(walk: Walk, url: str, db: Database, phone: str, order: str) -> None:
    """Signed in from the pay page's link, pays with the sandbox at its cashier (a real
    payment attempt: its refund goes back through the same gateway)."""
    page = walk.page
    page.goto(f"{url}/account/login?next=/account/orders/{order}/pay")
    walk.testid("field-login").fill(phone)
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    page.wait_for_url(f"**/account/orders/{order}/pay")
    walk.testid("provider-sandbox").check()
    walk.testid("pay-submit").click()
    page.wait_for_url("**/pay/sandbox/**")
    walk.shot("sandbox-cashier")
    walk.testid("sandbox-pay").click()
    page.wait_for_url(f"**/account/orders/{order}")
    assert walk.testid("order-status").get_attribute("data-status") == "paid"
    with db.reading() as tx:
        paid = tx.execute(select(Order.status, Order.paid_fen, Order.total_fen)
                          .where(Order.number == order)).one()
    assert paid[0] == "paid" and paid[1] == paid[2], paid


def confirm_receipt(walk: Walk, url: str, order: str) -> None:
    """The courier is out delivering: 确认收货 signs the parcel for and completes the order."""
    page = walk.page
    page.goto(f"{url}/account/orders/{order}")
    assert walk.testid("parcel").first.get_attribute("data-status") == "shipped"
    button = walk.testid("confirm-receipt").locator("button")
    button.scroll_into_view_if_needed()
    walk.shot("confirm-receipt")
    with page.expect_navigation():
        button.click()
    assert walk.testid("order-status").get_attribute("data-status") == "completed"
    assert walk.testid("parcel").first.get_attribute("data-status") == "signed"
    assert walk.testid("confirm-receipt").count() == 0


def after_sales_card(walk: Walk, url: str, order: str) -> None:
    """The completed order: its blue invoice issued, and the after-sales card offers 退货退款."""
    page = walk.page
    page.goto(f"{url}/account/orders/{order}")
    rows = walk.testid("invoices-card").locator("[data-testid=invoice-row]")
    assert [rows.nth(i).get_attribute("data-kind") for i in range(rows.count())] == ["blue"]
    card = walk.testid("aftersales-card")
    assert card.is_visible() and walk.testid("ask-return").is_visible()
    assert walk.testid("aftersales-row").count() == 0
    card.scroll_into_view_if_needed()
    walk.fits()
    walk.shot("order-aftersales-card")


def ask_return(walk: Walk, order: str, units: int) -> str:
    """退货退款 → the form: `units` of the only line, no-reason return → the request page."""
    page = walk.page
    walk.testid("ask-return").click()
    page.wait_for_url(f"**/account/orders/{order}/aftersales?kind=return")
    qty = walk.testid("qty")
    assert qty.count() == 1 and qty.input_value() == "2"  # all of the one line, by default
    qty.fill(str(units))
    walk.testid("reason").select_option("no_reason")
    walk.fits()
    walk.shot("return-form")
    walk.testid("submit-aftersales").click()
    page.wait_for_url("**/account/aftersales/*-A*")
    assert walk.text("aftersales-status") == "等待商家审核"
    assert walk.testid("aftersales-detail").get_attribute("data-status") == "requested"
    walk.fits()
    walk.shot("requested")
    return str(page.url.rsplit("/", 1)[1])


def approve(walk: Walk, url: str, rn: str) -> None:
    """Customer service: the queue (待审核), the request, 同意."""
    page = walk.page
    sign_in(walk, url, SERVICE["email"], SERVICE["password"])
    page.goto(f"{url}/admin/aftersales")
    row = page.locator(f"tr[data-request='{rn}']")
    assert row.get_attribute("data-status") == "requested"
    walk.fits()
    walk.shot("queue", full=True)
    row.locator(f"a[href='/admin/aftersales/{rn}']").click()
    page.wait_for_url(f"**/admin/aftersales/{rn}")
    assert page.locator("form[data-action=approve]").is_visible()
    walk.fits()
    walk.shot("request-to-approve", full=True)
    page.locator("form[data-action=approve] button").click()
    page.wait_for_url(f"**/admin/aftersales/{rn}?flash=*")
    assert walk.testid("aftersales-status").get_attribute("data-status") == "approved"
    assert walk.testid("action-error").count() == 0


def send_back(walk: Walk, url: str, rn: str) -> None:
    """The shopper reads where to send it and types the waybill of the parcel they sent."""
    page = walk.page
    page.goto(f"{url}/account/aftersales/{rn}")
    assert walk.testid("aftersales-detail").get_attribute("data-status") == "approved"
    assert "上海仓" in walk.text("return-to"), walk.text("return-to")
    form = walk.testid("waybill-form")
    form.scroll_into_view_if_needed()
    walk.fits()
    walk.shot("approved-waybill-form")
    form.locator("[name=carrier]").fill("顺丰速运")
    form.locator("[name=waybill]").fill(RETURN_WAYBILL)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert walk.testid("aftersales-detail").get_attribute("data-status") == "returning"
    assert walk.text("return-waybill") == RETURN_WAYBILL
    assert walk.testid("waybill-form").count() == 0


def receive(walk: Walk, url: str, rn: str) -> None:
    """The warehouse: the parcel is in, the item fit to sell (restock, as offered)."""
    page = walk.page
    page.goto(f"{url}/admin/aftersales/{rn}")
    form = page.locator("form[data-action=receive]")
    assert form.locator("input[value=restock]").first.is_checked()
    form.locator("button").click()
    page.wait_for_url(f"**/admin/aftersales/{rn}?flash=*")
    assert walk.testid("action-error").count() == 0
    assert page.locator("p.flash").count() == 1  # said once, by the admin layout
    assert walk.testid("disposition").first.inner_text().strip() == "已重新入库"
    walk.fits()
    walk.shot("received", full=True)


def refund_shown(walk: Walk, url: str, rn: str, refund_fen: int) -> None:
    """The shopper's request page: 已退款, and how much."""
    walk.page.goto(f"{url}/account/aftersales/{rn}")
    assert walk.testid("aftersales-detail").get_attribute("data-status") == "refunded"
    assert walk.text("aftersales-status") == "已退款"
    assert walk.text("refund-amount") == f"¥{refund_fen / 100:.2f}"
    walk.fits()
    walk.shot("refunded")


def invoices_shown(walk: Walk, url: str, order: str) -> None:
    """The order page lists the blue invoice and the red-letter one; the red one's PDF opens."""
    page = walk.page
    page.goto(f"{url}/account/orders/{order}")
    card = walk.testid("invoices-card")
    rows = card.locator("[data-testid=invoice-row]")
    kinds = sorted(rows.nth(i).get_attribute("data-kind") for i in range(rows.count()))
    assert kinds == ["blue", "red"], kinds
    card.scroll_into_view_if_needed()
    walk.fits()
    walk.shot("invoices")
    href = card.locator("[data-kind=red]").get_attribute("href")
    answer = page.request.get(url + href)
    assert answer.status == 200, answer.status
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")


def stock_of(db: Database, sku_id: int) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.sum(StockLevel.on_hand))
                             .where(StockLevel.sku_id == sku_id)) or 0)


def refund_of(db: Database, rn: str) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(Request.refund_fen).where(Request.number == rn)) or 0)


def database_agrees(db: Database, order: str, rn: str, units: int) -> None:
    """Request refunded; the order's refunded total, the provider's refund, the stock
    ledger and the red-letter invoice all say the same amount and units."""
    with db.reading() as tx:
        r = tx.scalars(select(Request).where(Request.number == rn)).one()
        o = tx.scalars(select(Order).where(Order.number == order)).one()
        assert r.status == "refunded" and 0 < r.refund_fen < o.paid_fen, (r.status, r.refund_fen)
        assert o.refunded_fen == r.refund_fen
        refunds = tx.execute(select(PaymentRefund.provider, PaymentRefund.status,
                                    PaymentRefund.amount_fen, PaymentRefund.refund_no)).all()
        assert [tuple(x) for x in refunds] == [("sandbox", "succeeded", r.refund_fen, rn)]
        (line_id,) = tx.scalars(select(RequestLine.id).where(RequestLine.request_id == r.id))
        ledger = tx.execute(select(LedgerEntry.delta_on_hand, LedgerEntry.reference)
                            .where(LedgerEntry.reason == "return")).all()
        assert [tuple(x) for x in ledger] == [(units, f"{rn}/{line_id}")]
        invoices = tx.execute(select(IssuedInvoice.kind, IssuedInvoice.total_fen)
                              .order_by(IssuedInvoice.id)).all()
        assert [tuple(x) for x in invoices] == [("blue", o.paid_fen), ("red", -r.refund_fen)]
