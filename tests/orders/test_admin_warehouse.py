"""The warehouse role (views orders; edits stock and shipping) prints packing slips, starts
picking and marks orders shipped, alone or in bulk, through the shipping area's routes; it
cannot cancel or close orders, nor see the payments centre. A finance member sees payments
and views orders, without the bulk bar."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mercato.orders import domain
from mercato.platform.db import Database
from tests.orders import admin_factory as f
from tests.orders.staff_helpers import member, post


@pytest.fixture
def paid(db: Database, shop: dict[str, Any]) -> list[str]:
    f.order_shop(db, shop)
    li = f.customer(db, "13800000001", "李雷", "13912345678")
    numbers = [f.place(db, li, {shop["cup"]["skus"][0]: 1}) for _ in range(3)]
    for n in numbers:
        f.pay(db, n)
    return numbers


def test_the_warehouse_picks_ships_and_prints(app: Any, db: Database, paid: list[str]) -> None:
    clerk = member(app, db, "warehouse")
    page = clerk.get("/admin/orders").text
    bar = page.split('data-testid="bulk-bar"')[1].split("</form>")[0]
    assert re.findall(r'data-bulk="(\w+)"', bar) == ["picking", "shipped", "print"]
    assert set(re.findall(r'formaction="([^"]+)"', bar)) == {"/admin/orders/fulfil"}
    assert 'href="/admin/payments"' not in page and 'href="/admin/orders"' in page

    r = post(clerk, "/admin/orders/fulfil", [("action", "picking"), *(("n", n) for n in paid)])
    assert r.status_code == 200 and r.text.count('data-outcome="done"') == 3
    r = post(clerk, "/admin/orders/fulfil", [("action", "shipped"), ("n", paid[0])])
    assert r.status_code == 200 and f.status_of(db, paid[0]) == domain.SHIPPED

    detail = clerk.get(f"/admin/orders/{paid[1]}").text
    assert f'action="/admin/orders/{paid[1]}/fulfil" data-target="shipped"' in detail
    assert 'data-target="closed"' not in detail  # closing is not the warehouse's
    r = post(clerk, f"/admin/orders/{paid[1]}/fulfil", {"status": "shipped"})
    assert r.status_code == 303 and f.status_of(db, paid[1]) == domain.SHIPPED

    slips = clerk.get(f"/admin/orders/packing-slips?n={paid[0]}&n={paid[1]}")
    assert slips.status_code == 200 and slips.text.count('data-testid="slip"') == 2
    r = post(clerk, "/admin/orders/fulfil", [("action", "print"), ("n", paid[2])])
    assert r.status_code == 303 and "packing-slips" in r.headers["location"]


def test_the_warehouse_cannot_end_orders_or_see_payments(
    app: Any, db: Database, paid: list[str]
) -> None:
    clerk = member(app, db, "warehouse")
    for url, data in (
        (f"/admin/orders/{paid[0]}/fulfil", {"status": "closed", "reason": "x"}),
        (f"/admin/orders/{paid[0]}/status", {"status": "picking"}),
        ("/admin/orders/bulk", {"action": "picking", "n": paid[0]}),
        ("/admin/orders/fulfil", {"action": "closed", "n": paid[0], "reason": "x"}),
    ):
        r = post(clerk, url, data)
        assert r.status_code in (403, 422), (url, r.status_code)
        assert f.status_of(db, paid[0]) == domain.PAID, url
    assert clerk.get("/admin/payments").status_code == 403
    assert clerk.get("/admin/payments/refunds").status_code == 403


def test_finance_sees_payments_and_views_orders(app: Any, db: Database, paid: list[str]) -> None:
    finance = member(app, db, "finance")
    page = finance.get("/admin/payments")
    assert page.status_code == 200
    assert 'href="/admin/payments" class="on" aria-current="page"' in page.text
    assert "支付中心" in page.text
    orders = finance.get("/admin/orders").text
    assert 'data-testid="bulk-bar"' not in orders and 'name="n"' not in orders
    detail = finance.get(f"/admin/orders/{paid[0]}").text
    assert 'data-testid="no-permission"' in detail
    r = post(finance, "/admin/orders/fulfil", {"action": "picking", "n": paid[0]})
    assert r.status_code == 403 and f.status_of(db, paid[0]) == domain.PAID
