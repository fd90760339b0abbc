"""我的订单 in the shopper's words: the tabs 全部 / 待付款 / 待发货 / 待收货 / 已完成 / 已取消,
each listing the statuses it stands for (待发货: paid or being packed), the same words on the
order cards, the order page and 我的's shortcuts; and the phone title bar that stands in for
the shop header on the pages on the way to an order."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mercato.orders import domain
from tests.members.conftest import page_login
from tests.members.seed_orders import add_order
from tests.orders.conftest import fill_cart, make_buyer

ZH = {"Accept-Language": "zh-CN"}
AT = datetime(2026, 3, 1, 2, 0)
# status → order number; one order each, the newest last.
NUMBERS = {s: f"20260301000000{i:02d}" for i, s in enumerate(domain.STATUSES)}


@pytest.fixture
def orders(client, db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    me = make_buyer(db, "13800000011")
    other = make_buyer(db, "13800000012")
    with db.transaction() as tx:
        for i, (status, number) in enumerate(NUMBERS.items()):
            lines = 3 if status == domain.SHIPPED else 1  # one order of several lines
            add_order(tx, me["id"], number, status, AT + timedelta(hours=i), lines)
        add_order(tx, other["id"], "2026030100000099", domain.PAID, AT)  # someone else's
    page_login(client, me["phone"])
    return NUMBERS


def _listed(client, status: str = "") -> tuple[list[str], list[str], str]:  # type: ignore[no-untyped-def]
    """The numbers listed, their status labels, and the current tab's label."""
    url = "/account/orders" + (f"?status={status}" if status else "")
    html = client.get(url, headers=ZH).text
    numbers = re.findall(r'data-testid="order-card" data-number="(\d+)"', html)
    labels = re.findall(r'data-testid="order-status">([^<]+)<', html)
    on = re.findall(r'class="on" aria-current="page">([^<]+)<', html)
    assert len(on) == 1, on
    return numbers, labels, on[0]


def test_the_tabs_are_in_the_shoppers_words(client, orders):
    html = client.get("/account/orders", headers=ZH).text
    nav = re.search(r'<nav class="tabs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</a>", nav) == [
        "全部",
        "待付款",
        "待发货",
        "待收货",
        "已完成",
        "已取消",
    ]
    assert re.findall(r'href="/account/orders\?status=(\w+)"', nav) == [
        "to_pay",
        "to_ship",
        "to_receive",
        "completed",
        "cancelled",
    ]
    assert "已付款" not in nav and "已发货" not in nav


@pytest.mark.parametrize(
    ("tab", "statuses", "label"),
    [
        ("to_pay", ["pending_payment"], "待付款"),
        ("to_ship", ["paid", "picking"], "待发货"),
        ("to_receive", ["shipped"], "待收货"),
        ("completed", ["signed", "completed"], "已完成"),
        ("cancelled", ["cancelled", "closed"], "已取消"),
    ],
)
def test_each_tab_lists_its_statuses(client, orders, tab, statuses, label):
    numbers, labels, on = _listed(client, tab)
    assert sorted(numbers) == sorted(orders[s] for s in statuses)
    assert labels == [label] * len(statuses) and on == label


def test_to_ship_lists_paid_and_picking_orders_and_old_links_open_their_tab(client, orders):
    numbers, labels, on = _listed(client, "to_ship")
    assert numbers == [orders["picking"], orders["paid"]] and labels == ["待发货", "待发货"]
    assert "2026030100000099" not in numbers  # someone else's paid order
    # A link naming one status (as 我的 used to send) opens the tab that status is under.
    assert _listed(client, "paid") == (numbers, labels, on)
    all_numbers, _labels, on = _listed(client, "nonsense")
    assert on == "全部" and len(all_numbers) == len(domain.STATUSES)


def test_my_shortcuts_lead_to_tabs_listing_what_they_count(client, orders):
    html = client.get("/account", headers=ZH).text
    for key in ("to-pay", "to-ship", "to-receive"):
        href, count = re.search(
            rf'href="([^"]+)" data-testid="shortcut-{key}">.*?data-testid="count-{key}">(\d+)<',
            html,
            re.S,
        ).groups()
        listed = re.findall(r'data-testid="order-card" ', client.get(href, headers=ZH).text)
        assert len(listed) == int(count), key
    assert 'data-testid="count-to-ship">2<' in html


def test_order_cards_rows_pictures_totals_and_buttons(client, orders):
    html = client.get("/account/orders", headers=ZH).text
    cards = dict(re.findall(r'data-number="(\d+)" data-status="\w+">(.*?)</article>', html, re.S))
    assert len(cards) == len(domain.STATUSES)
    card = cards[orders["pending_payment"]]
    # One line: a row with the picture, the name and the quantity; 应付; 订单详情 and 去支付.
    assert 'data-testid="order-card-line"' in card and "× 1" in card
    assert "应付" in card and 'data-testid="order-card-total">¥50.00<' in card
    assert f'href="/account/orders/{orders["pending_payment"]}" data-testid="order-link"' in card
    assert 'class="btn-o red"' in card and ">去支付<" in card
    # Several lines: their pictures in a row and how many items; paid orders say 实付 and
    # offer no payment.
    shipped = cards[orders["shipped"]]
    assert 'data-testid="order-card-pictures"' in shipped and "共3件" in shipped
    assert shipped.count("<img ") == 3 and "实付" in shipped and "去支付" not in shipped
    assert html.count('data-testid="order-pay"') == 1


def test_the_order_page_says_the_status_in_the_shoppers_words(client, orders):
    html = client.get(f"/account/orders/{orders['picking']}", headers=ZH).text
    status = re.search(r'data-testid="order-status" data-status="(\w+)">([^<]+)<', html)
    assert status.groups() == ("picking", "待发货")
    assert 'class="btn-o" href="/account/orders" data-testid="all-orders-link"' in html
    assert 'href="/p/p"' in html  # a line links to its product page (the seeded slug is "p")


def test_phone_title_bar_on_the_pages_on_the_way_to_an_order(client, db, market):
    buyer = make_buyer(db, "13800000013")
    with db.transaction() as tx:
        add_order(
            tx,
            buyer["id"],
            "2026030100000050",
            domain.PENDING,
            datetime.now(UTC).replace(tzinfo=None),
        )
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    page_login(client, buyer["phone"])
    expected = {
        "/checkout": ("确认订单", "/cart"),
        "/account/orders": ("我的订单", "/account"),
        "/account/orders/2026030100000050": ("订单详情", "/account/orders"),
        "/account/orders/2026030100000050/pay": ("支付订单", "/account/orders/2026030100000050"),
        "/account": ("我的", None),  # a tab of its own: nowhere to go back to
    }
    for url, (title, back) in expected.items():
        r = client.get(url, headers=ZH)
        assert r.status_code == 200, url
        bar = re.search(r'<div class="tbar" data-testid="title-bar">(.*?)</div>', r.text, re.S)
        assert bar, url
        assert re.search(r'class="tbar-t">([^<]+)<', bar.group(1)).group(1) == title, url
        found = re.search(r'class="tbar-back" href="([^"]+)"', bar.group(1))
        assert (found.group(1) if found else None) == back, url
        # The bar comes before the shop header and the category bar (which app.css hides
        # after it on phones); PC keeps the header, search box and all.
        assert r.text.index('data-testid="title-bar"') < r.text.index('class="site-header"')
        assert 'data-testid="search-input"' in r.text
    for url in ("/", "/cart", "/p/cotton-tee"):
        assert 'data-testid="title-bar"' not in client.get(url, headers=ZH).text, url


def test_the_stylesheet_swaps_the_header_for_the_title_bar_on_phones_only():
    css = (Path(__file__).parents[2] / "src/mercato/web/static/app.css").read_text()
    assert ".tbar{display:none}" in css
    phone = re.search(r"@media \(max-width:639px\)\{\s*\.tbar\{.*?\n\}", css, re.S)
    assert phone, "no phone rules for the title bar"
    assert ".tbar~.site-header,.tbar~.cats" in phone.group(0)
    assert "-webkit-tap-highlight-color:transparent" in css
