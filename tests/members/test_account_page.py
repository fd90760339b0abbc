"""我的 (/account): the customer's name, order shortcuts counted per status (only their own
orders), the latest orders with thumbnails and status, and the account links."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from tests.members.conftest import make_customer, page_login
from tests.members.seed_orders import add_order


def seed(db, alice_id: int, bob_id: int) -> None:  # type: ignore[no-untyped-def]
    at = datetime(2026, 3, 1, 2, 0)
    statuses = ["completed", "pending_payment", "paid", "picking", "shipped", "cancelled"]
    with db.transaction() as tx:
        for i, status in enumerate(statuses):
            add_order(tx, alice_id, f"20260301000000{i:02d}", status, at + timedelta(hours=i), 2)
        add_order(tx, bob_id, "2026030100000099", "pending_payment", at)


def count(html: str, key: str) -> str | None:
    found = re.search(rf'data-testid="count-{key}">([^<]+)<', html)
    return found.group(1) if found else None


def test_account_page_counts_and_recent_orders(client, db, alice):
    bob = make_customer(db, "13900000002")
    seed(db, alice["id"], bob["id"])
    page_login(client, alice["phone"])
    html = client.get("/account", headers={"Accept-Language": "zh-CN"}).text
    assert (count(html, "to-pay"), count(html, "to-ship"), count(html, "to-receive")) == (
        "1",
        "2",
        "1",
    )
    assert count(html, "after-sales") is None and 'href="/account/aftersales"' in html
    numbers = re.findall(r'data-testid="recent-order" data-number="(\d+)"', html)
    assert numbers == ["2026030100000005", "2026030100000004", "2026030100000003"]
    assert "2026030100000099" not in html  # Bob's order
    # The shopper's words, as on the tabs of 我的订单 (shipped: 待收货; being packed: 待发货).
    assert re.findall(r'data-testid="recent-status">([^<]+)<', html) == [
        "已取消",
        "待收货",
        "待发货",
    ]
    for key, tab in (("to-pay", "to_pay"), ("to-ship", "to_ship"), ("to-receive", "to_receive")):
        assert f'href="/account/orders?status={tab}" data-testid="shortcut-{key}"' in html
    assert 'src="/media/2026030100000005-0.svg"' in html
    assert "2026-03-01 15:00" in html  # shop time (Asia/Shanghai) of the newest
    for link in ("/account/orders", "/account/addresses", "/account/password", "/account/logout"):
        assert link in html
    assert 'data-testid="account-name">Li Lei<' in html
    assert 'data-testid="account-phone">138****0001<' in html


def test_account_page_without_orders(client, alice):
    page_login(client, alice["phone"])
    html = client.get("/account", headers={"Accept-Language": "en"}).text
    assert 'data-testid="no-recent-orders"' in html and 'data-testid="count-' not in html
    assert "To pay" in html and "To ship" in html and "To receive" in html


def test_account_page_needs_sign_in(client):
    r = client.get("/account", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/account/login?next=%2Faccount"


def test_account_page_without_the_orders_hook(client, app, alice):
    del app.state.members_orders_overview
    page_login(client, alice["phone"])
    html = client.get("/account").text
    assert 'data-testid="shortcut-to-pay"' in html and 'data-testid="count-' not in html
