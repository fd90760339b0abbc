"""The after-sales queue and request page for staff (who may do what), the shopper's pages
(form with photos, detail, withdraw), quarantine, exchanges, and refunds of unshipped
orders ending the order."""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image
from sqlalchemy import select

from mercato.aftersales.adapters.tables import Request, RequestLine
from mercato.inventory.adapters.tables import LedgerEntry
from mercato.platform.db import Database
from tests.aftersales.helpers import headers, signed_order, stock_of
from tests.logistics.test_admin import _member
from tests.payments.order_helpers import token as api_token


def _ask(client: Any, buyer: dict[str, Any], order: str, kind: str = "return",
         reason: str = "no_reason", qty: int = 1, photo_ids: list[int] | None = None) -> str:
    h = headers(client, buyer)
    line = client.get(f"/api/v1/orders/{order}/aftersales/options", headers=h).json()["lines"][0]
    r = client.post(f"/api/v1/orders/{order}/aftersales", headers=h, json={
        "kind": kind, "reason": reason, "photo_ids": photo_ids or [],
        "lines": [{"line_id": line["line_id"], "quantity": qty}]})
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _status(db: Database, number: str) -> str:
    with db.reading() as tx:
        return str(tx.scalar(select(Request.status).where(Request.number == number)))


def _lines(db: Database, number: str) -> list[int]:
    with db.reading() as tx:
        rid = tx.scalar(select(Request.id).where(Request.number == number))
        return list(tx.scalars(select(RequestLine.id).where(RequestLine.request_id == rid)))


def test_service_decides_warehouse_receives_finance_only_looks(
        admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]) -> None:
    sku = market["tee"]["skus"][0]
    order = signed_order(admin, db, buyer, {sku: 2})
    rn = _ask(admin, buyer, order, reason="damaged", qty=2)
    page = admin.get("/admin/aftersales").text
    assert f'data-request="{rn}"' in page and 'href="/admin/aftersales"' in page
    finance = _member(admin.app, db, "money@example.com", "finance")
    assert finance.get(f"/admin/aftersales/{rn}").status_code == 200
    assert _post(finance, f"/admin/aftersales/{rn}/approve").status_code == 403
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")
    assert _post(clerk, f"/admin/aftersales/{rn}/approve").status_code == 403
    service = _member(admin.app, db, "cs@example.com", "service")
    nope = _post(service, f"/admin/aftersales/{rn}/reject")
    assert nope.status_code == 422, re.sub(r"<[^>]+>", " ", nope.text.split("</header>")[-1])[:600]
    assert _status(db, rn) == "requested"
    assert _post(service, f"/admin/aftersales/{rn}/approve", note="请寄回").status_code == 303
    assert _status(db, rn) == "approved"
    assert _post(service, f"/admin/aftersales/{rn}/approve").status_code == 409
    before = stock_of(db, sku)
    (line,) = _lines(db, rn)
    missing = _post(clerk, f"/admin/aftersales/{rn}/receive")
    assert missing.status_code == 422 and _status(db, rn) == "approved"
    # Paid without a payment attempt (staff marked it): there is nothing to refund through,
    # so receiving refuses and moves no stock.
    r = _post(clerk, f"/admin/aftersales/{rn}/receive", **{f"disp_{line}": "quarantine"})
    assert r.status_code == 404 and 'data-testid="action-error"' in r.text
    assert stock_of(db, sku) == before and _status(db, rn) == "approved"


def test_exchange_sends_a_replacement_from_stock(
        admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]) -> None:
    sku = market["tee"]["skus"][0]
    order = signed_order(admin, db, buyer, {sku: 1})
    out = io.BytesIO()
    Image.new("RGB", (200, 200), (10, 10, 200)).save(out, "PNG")
    photo = admin.post("/api/v1/aftersales-photos", headers=headers(admin, buyer),
                       files={"file": ("p.png", out.getvalue(), "image/png")}).json()["id"]
    rn = _ask(admin, buyer, order, kind="exchange", reason="quality", photo_ids=[photo])
    assert _post(admin, f"/admin/aftersales/{rn}/approve").status_code == 303
    admin.post(f"/api/v1/aftersales/{rn}/return-waybill", headers=headers(admin, buyer),
               json={"carrier": "中通快递", "waybill": "ZT7700001234"})
    (line,) = _lines(db, rn)
    before = stock_of(db, sku)
    assert _post(admin, f"/admin/aftersales/{rn}/receive", **{f"disp_{line}": "restock"}
                 ).status_code == 303
    assert _status(db, rn) == "received" and stock_of(db, sku)[0] == before[0] + 1
    bad = _post(admin, f"/admin/aftersales/{rn}/replacement", carrier="顺丰", waybill="x")
    assert bad.status_code == 422
    assert _post(admin, f"/admin/aftersales/{rn}/replacement", carrier="顺丰速运",
                 waybill="SF1400000777").status_code == 303
    assert _status(db, rn) == "exchanged" and stock_of(db, sku)[0] == before[0]
    with db.reading() as tx:
        reasons = [e.reason for e in tx.scalars(select(LedgerEntry).order_by(LedgerEntry.id))]
    assert reasons[-2:] == ["return", "exchange"]
    assert admin.get(f"/admin/aftersales/photos/{photo}").headers["content-type"] == "image/jpeg"


def test_shopper_pages_form_detail_and_withdraw(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 2})
    token = re.search(r'name="csrf" value="([^"]+)"',
                      client.get("/account/login").text).group(1)  # type: ignore[union-attr]
    login = client.post("/account/login", data={"login": buyer["phone"], "csrf": token,
                                                "password": buyer["password"]},
                        follow_redirects=False)
    assert login.status_code in (302, 303), login.text
    card = client.get(f"/account/orders/{order}").text
    assert 'data-testid="aftersales-card"' in card and "ask-return" in card
    form = client.get(f"/account/orders/{order}/aftersales?kind=return")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    line = re.search(r'name="qty_(\d+)"', form.text).group(1)  # type: ignore[union-attr]
    late = client.post(f"/account/orders/{order}/aftersales", data={
        "csrf": csrf, "kind": "return", "reason": "no_reason", f"qty_{line}": "9"},
        follow_redirects=False)
    assert late.status_code == 409 and 'data-testid="aftersales-error"' in late.text
    ok = client.post(f"/account/orders/{order}/aftersales", data={
        "csrf": csrf, "kind": "return", "reason": "no_reason", f"qty_{line}": "1",
        "description": "尺码偏小"}, follow_redirects=False)
    assert ok.status_code == 303, ok.text
    detail = client.get(ok.headers["location"]).text
    assert 'data-status="requested"' in detail and "尺码偏小" in detail
    assert f'href="/account/aftersales/{order}-A1"' in client.get("/account/aftersales").text
    withdraw = client.post(f"/account/aftersales/{order}-A1/cancel", data={"csrf": csrf},
                           follow_redirects=False)
    assert withdraw.status_code == 303 and _status(db, f"{order}-A1") == "cancelled"
    assert api_token  # the API and the pages see the same request
