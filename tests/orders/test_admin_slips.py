"""Packing slips, one order's or many: an HTML page for printing with the order number as
text and as a QR code, the recipient (phone partly hidden) and address, the lines with SKU
and quantity, no prices unless asked for; and the order page's one place for status actions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.inventory import public as inventory
from mercato.orders import domain
from mercato.platform.db import Database
from tests.orders import admin_factory as f
from tests.storefront.helpers import count_queries


@pytest.fixture
def orders(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    f.order_shop(db, shop)
    li = f.customer(db, "13800000001", "李雷", "13912345678")
    han = f.customer(db, "13800000002", "韩梅梅", "13700000002")
    tee, mug = shop["tee"]["skus"][0], shop["cup"]["skus"][1]
    a = f.place(db, li, {tee: 2, mug: 1}, note="请周末送货")
    b = f.place(db, han, {mug: 3})
    return {"a": a, "b": b, "tee": tee, "mug": mug}


def _slips(page: str) -> list[tuple[str, str]]:
    found = re.findall(
        r'<article class="slip slip-(\w+)" data-testid="slip" data-order="(\d+)">', page
    )
    return [(number, size) for size, number in found]


def _slip(page: str, number: str) -> str:
    return page.split(f'data-order="{number}">')[1].split("</article>")[0]


def _lines(slip: str) -> list[tuple[str, str, str]]:
    """(SKU shown, item, quantity) per line."""
    rows = re.findall(r'<tr data-testid="slip-line" data-sku="\d+">(.*?)</tr>', slip, re.S)
    out = []
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        cells = [re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in cells]
        out.append((cells[0], cells[1], cells[2]))
    return out


def test_one_order_slip(admin: TestClient, orders: dict[str, Any]) -> None:
    a = orders["a"]
    r = admin.get(f"/admin/orders/packing-slips?n={a}")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert _slips(r.text) == [(a, "a4")]
    slip = _slip(r.text, a)
    assert f'data-testid="slip-number">{a}<' in slip
    # A full QR code of the number (version 1: 21 modules and a 2-module border), not a Micro
    # QR (one finder pattern), which many scanners do not read.
    assert re.search(r'data-testid="slip-qr"><svg[^>]*viewBox="0 0 25 25"', slip)
    assert f"<title>{a}</title>" in slip
    assert "李雷" in slip and "139****5678" in slip and "13912345678" not in slip
    assert "上海市上海市浦东新区世纪大道100号 200120" in slip
    assert _lines(slip) == [  # SKU codes as inventory keeps them
        ("TEE-WH-M", "纯棉圆领T恤 颜色: 白色 / 尺码: M", "2"),
        ("MUG-500", "陶瓷马克杯 容量: 500毫升", "1"),
    ]
    assert "请周末送货" in slip and "3 件" in slip
    assert "¥" not in slip  # no prices by default
    priced = _slip(admin.get(f"/admin/orders/packing-slips?n={a}&prices=1").text, a)
    assert "¥99.00" in priced and 'data-testid="slip-total">¥' in priced
    assert "@page" not in r.text  # print rules live in admin.css, not in the page


def test_many_slips_in_the_order_chosen_on_a_label(
    admin: TestClient, orders: dict[str, Any]
) -> None:
    a, b = orders["a"], orders["b"]
    ghost = "2501019999999999"
    r = admin.get(f"/admin/orders/packing-slips?n={b}&n={a}&n={ghost}&n={b}&size=label")
    assert r.status_code == 200
    assert _slips(r.text) == [(b, "label"), (a, "label")]
    assert "韩梅梅" in _slip(r.text, b) and "137****0002" in _slip(r.text, b)
    assert [q for _sku, _item, q in _lines(_slip(r.text, b))] == ["3"]
    missing = re.search(r'data-testid="slips-missing">(.*?)</p>', r.text)
    assert missing and ghost in missing.group(1)
    assert "1 / 2" in _slip(r.text, b) and "2 / 2" in _slip(r.text, a)
    assert 'aria-current="true" data-size="label"' in r.text


def test_sku_codes_are_printed_when_inventory_knows_them(
    admin: TestClient, orders: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # inventory.public.sku_codes is requested from the inventory context (see the issue 14
    # report); the slip uses it as soon as it exists.
    codes = {orders["tee"]: "TEE-WHITE-M", orders["mug"]: "MUG-500"}
    monkeypatch.setattr(
        inventory, "sku_codes", lambda _tx, ids: {i: codes[i] for i in ids}, raising=False
    )
    slip = _slip(admin.get(f"/admin/orders/packing-slips?n={orders['a']}").text, orders["a"])
    assert [sku for sku, _item, _q in _lines(slip)] == ["TEE-WHITE-M", "MUG-500"]


@pytest.mark.parametrize(
    ("query", "status"),
    [("", 422), ("?n=12", 422), ("?n=2501019999999999", 404)],
)
def test_slips_of_nothing_are_an_error(
    admin: TestClient, orders: dict[str, Any], query: str, status: int
) -> None:
    r = admin.get(f"/admin/orders/packing-slips{query}")
    assert r.status_code == status and 'data-testid="admin-error"' in r.text


def test_slips_take_a_fixed_number_of_statements(
    admin: TestClient, db: Database, shop: dict[str, Any], orders: dict[str, Any]
) -> None:
    li = f.customer(db, "13800000003", "李雷", "13900000003")
    skus = shop["tee"]["skus"] + shop["polo"]["skus"]
    more = [f.place(db, li, {skus[i % 4]: 1, skus[(i + 1) % 4]: 1}) for i in range(8)]
    with count_queries(db) as one:
        admin.get(f"/admin/orders/packing-slips?n={orders['a']}")
    query = "&".join(f"n={n}" for n in [orders["a"], orders["b"], *more])
    with count_queries(db) as ten:
        assert len(_slips(admin.get(f"/admin/orders/packing-slips?{query}").text)) == 10
    assert len(one) == len(ten) <= 6, ten


def _forms(page: str) -> list[tuple[str, str]]:
    form = r'<form method="post" action="(/admin/orders/\d+/\w+)" data-target="(\w+)"'
    return re.findall(form, page)


def test_the_order_page_offers_the_next_steps_in_one_place(
    admin: TestClient, db: Database, orders: dict[str, Any]
) -> None:
    a = orders["a"]
    page = admin.get(f"/admin/orders/{a}").text
    actions = page.split('data-testid="status-actions"')[1].split("</section>")[0]
    assert [t for _url, t in _forms(actions)] == [domain.CANCELLED]
    assert "原因（必填）" in actions
    f.pay(db, a)
    actions = admin.get(f"/admin/orders/{a}").text.split('data-testid="status-actions"')[1]
    assert _forms(actions.split("</section>")[0]) == [
        (f"/admin/orders/{a}/status", domain.PICKING),
        (f"/admin/orders/{a}/status", domain.CLOSED),
    ]
    assert f'href="/admin/orders/packing-slips?n={a}&amp;size=a4"' in page
    assert '<span class="badge warn" data-testid="order-status" data-status="paid">' in (
        admin.get(f"/admin/orders/{a}").text
    )
