"""The merchant's order centre pages: list with status tabs, search, dates and pages; one
order with its timeline; status changes, notes and the CSV download."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from mercato.orders import domain
from mercato.orders.adapters.tables import OrderLine
from mercato.platform.db import Database
from tests.orders import admin_factory as f
from tests.storefront.helpers import count_queries

STAFF_ACTOR = "员工 admin@example.com"


@pytest.fixture
def shop_with_shipping(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    return f.order_shop(db, shop)


@pytest.fixture
def li(db: Database, shop_with_shipping: dict[str, Any]) -> dict[str, Any]:
    return f.customer(db, "13800000001", "李雷", "13912345678")


@pytest.fixture
def han(db: Database, shop_with_shipping: dict[str, Any]) -> dict[str, Any]:
    return f.customer(db, "13800000002", "韩梅梅", "13700000002")


def _numbers(page: str) -> list[str]:
    return re.findall(r'<tr data-order="(\d+)">', page)


def _status_forms(page: str) -> list[str]:
    return re.findall(
        r'<form method="post" action="/admin/orders/\d+/status" data-target="(\w+)"', page
    )


def _post(admin: TestClient, url: str, **data: str) -> Any:
    return admin.post(url, data={"csrf": admin.csrf, **data}, follow_redirects=False)  # type: ignore[attr-defined]


def test_login_required(
    client: TestClient, db: Database, shop_with_shipping: dict[str, Any]
) -> None:
    for url in ("/admin/orders", "/admin/orders/2501010000000001", "/admin/orders/export.csv"):
        r = client.get(url, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login"), url
    r = client.post(
        "/admin/orders/2501010000000001/notes", data={"note": "x"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


def test_list_shows_orders_newest_first(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    tee, mug = shop_with_shipping["tee"]["skus"], shop_with_shipping["cup"]["skus"]
    first = f.place(db, li, {tee[0]: 2, mug[0]: 1, mug[1]: 1})
    second = f.place(db, li, {mug[0]: 1})
    r = admin.get("/admin/orders")
    assert r.status_code == 200
    assert _numbers(r.text) == [second, first]
    row = r.text.split(f'<tr data-order="{first}">')[1].split("</tr>")[0]
    assert f'href="/admin/orders/{first}"' in row
    assert "李雷" in row and "13912345678" in row
    assert "纯棉圆领T恤" in row and "+2" in row  # first item and how many more lines
    # 2 × 99.00 + 39.00 + 49.00 = 286.00, free shipping from 99.00
    assert "¥286.00" in row and "待付款" in row
    assert 'href="/admin/orders"' in admin.get("/admin/products").text  # nav link


def test_status_tabs_count_and_filter(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    mug = shop_with_shipping["cup"]["skus"][0]
    pending, paid, cancelled = (f.place(db, li, {mug: 1}) for _ in range(3))
    f.pay(db, paid)
    f.move(db, cancelled, domain.CANCELLED)
    page = admin.get("/admin/orders").text
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    assert counts[domain.PENDING] == "1" and counts[domain.PAID] == "1"
    assert counts[domain.CANCELLED] == "1" and counts[domain.SHIPPED] == "0"
    assert "已付款 / 待发货" in page and "拣货中" in page and "已关闭" in page
    assert _numbers(admin.get("/admin/orders?status=paid").text) == [paid]
    assert _numbers(admin.get("/admin/orders?status=cancelled").text) == [cancelled]
    assert _numbers(admin.get("/admin/orders?status=shipped").text) == []
    assert len(_numbers(admin.get("/admin/orders?status=bogus").text)) == 3  # ignored
    assert pending in admin.get("/admin/orders?status=pending_payment").text


def test_search_by_number_prefix_phone_and_recipient(
    admin: TestClient,
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
    han: dict[str, Any],
) -> None:
    mug = shop_with_shipping["cup"]["skus"][0]
    a, b = f.place(db, li, {mug: 1}), f.place(db, han, {mug: 1})
    assert _numbers(admin.get(f"/admin/orders?q={a[:6]}").text) == [b, a]  # the day
    prefix = a[:12]
    expected = [n for n in (b, a) if n.startswith(prefix)]  # b too only by a 1e-6 chance
    assert _numbers(admin.get(f"/admin/orders?q={prefix}").text) == expected
    assert _numbers(admin.get(f"/admin/orders?q={a}").text) == [a]
    assert _numbers(admin.get("/admin/orders?q=13700000002").text) == [b]
    assert _numbers(admin.get("/admin/orders?q=1370000000").text) == []  # phone: exact only
    assert _numbers(admin.get("/admin/orders", params={"q": "梅梅"}).text) == [b]
    assert _numbers(admin.get("/admin/orders", params={"q": " 李雷 "}).text) == [a]
    assert _numbers(admin.get("/admin/orders", params={"q": "nobody"}).text) == []


def test_date_filter_uses_beijing_days(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    mug = shop_with_shipping["cup"]["skus"][0]
    early, late, other = (f.place(db, li, {mug: 1}) for _ in range(3))
    f.placed_on(db, early, datetime(2025, 3, 1, 15, 59))  # 23:59 on 1 March in Beijing
    f.placed_on(db, late, datetime(2025, 3, 1, 16, 0))  # 00:00 on 2 March in Beijing
    f.placed_on(db, other, datetime(2025, 3, 5, 8, 0))

    def shown(**params: str) -> list[str]:
        r = admin.get("/admin/orders", params=params)
        assert r.status_code == 200, r.text
        return _numbers(r.text)

    assert shown(date_from="2025-03-02") == [other, late]
    assert shown(date_to="2025-03-01") == [early]
    assert shown(date_from="2025-03-02", date_to="2025-03-02") == [late]
    assert shown(date_from="2025-03-01", date_to="2025-03-05") == [other, late, early]
    assert shown(date_from="2025-03-06") == []
    assert "2025-03-02 00:00" in admin.get("/admin/orders").text  # shown in Beijing time


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2025-02-30"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "9999-12-31"}, "date_from"),
        ({"date_from": "2025-03-05", "date_to": "2025-03-01"}, "date_to"),
    ],
)
def test_bad_dates_are_shown_not_500(
    admin: TestClient,
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
    params: dict[str, str],
    field: str,
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    r = admin.get("/admin/orders", params=params)
    assert r.status_code == 422
    assert f'data-error-for="{field}"' in r.text
    assert _numbers(r.text) == [number]  # the bad date is left out, the rest still works
    r = admin.get("/admin/orders/export.csv", params=params)
    assert r.status_code == 422


def test_paging_keeps_filters(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    skus = shop_with_shipping["tee"]["skus"] + shop_with_shipping["polo"]["skus"]
    numbers = [f.place(db, li, {skus[i % len(skus)]: 1}) for i in range(22)]
    first = admin.get("/admin/orders?q=李雷")
    assert _numbers(first.text) == numbers[::-1][:20]
    assert "第 1 页，共 2 页" in first.text
    nxt = re.search(r'<a rel="next" href="\?([^"]+)"', first.text)
    assert nxt and "q=%E6%9D%8E%E9%9B%B7" in nxt.group(1) and "page=2" in nxt.group(1)
    second = admin.get("/admin/orders?" + nxt.group(1).replace("&amp;", "&"))
    assert _numbers(second.text) == numbers[::-1][20:]
    assert _numbers(admin.get("/admin/orders?page=99").text) == numbers[::-1][20:]  # clamped
    assert _numbers(admin.get("/admin/orders?page=x").text) == numbers[::-1][:20]


def test_list_statement_count_does_not_grow_with_orders(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    skus = (
        shop_with_shipping["tee"]["skus"]
        + shop_with_shipping["polo"]["skus"]
        + shop_with_shipping["cup"]["skus"]
    )
    for i in range(2):
        f.place(db, li, {skus[i]: 1, skus[i + 1]: 1})
    with count_queries(db) as few:
        assert len(_numbers(admin.get("/admin/orders").text)) == 2
    for i in range(18):
        f.place(db, li, {skus[i % len(skus)]: 1, skus[(i + 3) % len(skus)]: 2})
    with count_queries(db) as many:
        assert len(_numbers(admin.get("/admin/orders").text)) == 20
    assert len(few) == len(many), (few, many)
    assert len(many) <= 8, many


def test_detail_shows_everything(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    tee, mug = shop_with_shipping["tee"]["skus"][0], shop_with_shipping["cup"]["skus"][1]
    invoice = domain.InvoiceRequest("company", "上海某某科技有限公司", "91310000MA1FL8XQ3X")
    number = f.place(db, li, {tee: 1, mug: 2}, note="请周末送货", invoice=invoice)
    with db.transaction() as tx:
        tx.execute(update(OrderLine).where(OrderLine.sku_id == tee).values(image="/media/tee.jpg"))
    f.pay(db, number)
    page = admin.get(f"/admin/orders/{number}").text
    for text in (
        "纯棉圆领T恤",
        "陶瓷马克杯",
        "500毫升",
        '<img src="/media/tee.jpg"',
        "¥99.00",
        "¥98.00",
        "¥197.00",
        "上海市上海市浦东新区世纪大道100号",
        "200120",
        "李雷",
        "13912345678",
        "标准快递",
        "企业发票",
        "上海某某科技有限公司",
        "91310000MA1FL8XQ3X",
        "请周末送货",
        "wechat",
        "已付款 / 待发货",
        f"顾客 #{li['id']}",
        "支付（wechat）",
    ):
        assert text in page, text
    assert _status_forms(page) == [domain.PICKING, domain.CLOSED]
    assert 'data-to="pending_payment"' in page and 'data-to="paid"' in page


def test_detail_of_unknown_order_is_404(admin: TestClient, db: Database) -> None:
    for number in ("2501019999999999", "abc", "1" * 40):
        r = admin.get(f"/admin/orders/{number}")
        assert r.status_code == 404 and 'data-testid="admin-error"' in r.text, number
    r = _post(admin, "/admin/orders/2501019999999999/status", status="cancelled", reason="x")
    assert r.status_code == 404
    assert _post(admin, "/admin/orders/2501019999999999/notes", note="x").status_code == 404


def test_each_allowed_change_writes_the_timeline(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    f.pay(db, number)
    url = f"/admin/orders/{number}"
    for target in (domain.PICKING, domain.SHIPPED, domain.SIGNED, domain.COMPLETED):
        assert target in _status_forms(admin.get(url).text)
        r = _post(admin, f"{url}/status", status=target, reason=f"because {target}")
        assert r.status_code == 303 and r.headers["location"].startswith(url + "?flash="), r.text
        assert f.status_of(db, number) == target
    page = admin.get(url).text
    assert _status_forms(page) == [] and "已完成" in page
    rows = re.findall(r'<tr data-kind="status" data-to="(\w+)">(.*?)</tr>', page, re.S)
    assert [to for to, _ in rows] == [
        domain.PENDING,
        domain.PAID,
        domain.PICKING,
        domain.SHIPPED,
        domain.SIGNED,
        domain.COMPLETED,
    ]
    for to, row in rows[2:]:
        assert STAFF_ACTOR in row and f"because {to}" in row


@pytest.mark.parametrize(
    ("setup", "target", "status"),
    [
        ((), domain.SHIPPED, 409),  # unpaid cannot ship
        ((), domain.PAID, 403),  # paid comes only from a verified payment
        (("pay",), domain.COMPLETED, 409),
        (("pay", domain.PICKING, domain.SHIPPED), domain.CLOSED, 409),
        (
            ("pay", domain.PICKING, domain.SHIPPED, domain.SIGNED, domain.COMPLETED),
            domain.CANCELLED,
            409,
        ),
    ],
)
def test_forbidden_change_is_refused_without_change(
    admin: TestClient,
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
    setup: tuple[str, ...],
    target: str,
    status: int,
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    if setup:
        f.pay(db, number)
        f.move(db, number, *setup[1:])
    before = f.status_of(db, number)
    timeline = admin.get(f"/admin/orders/{number}").text.count('data-kind="status"')
    r = _post(admin, f"/admin/orders/{number}/status", status=target, reason="try")
    assert r.status_code == status
    assert 'data-error-for="status"' in r.text
    assert f.status_of(db, number) == before
    assert admin.get(f"/admin/orders/{number}").text.count('data-kind="status"') == timeline


def test_cancel_and_close_release_stock(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    tee, mug = shop_with_shipping["tee"]["skus"][0], shop_with_shipping["cup"]["skus"][0]
    start = f.available(db, tee), f.available(db, mug)
    unpaid = f.place(db, li, {tee: 3})
    paid = f.place(db, li, {mug: 2})
    f.pay(db, paid)
    assert (f.available(db, tee), f.available(db, mug)) == (start[0] - 3, start[1] - 2)
    r = _post(admin, f"/admin/orders/{unpaid}/status", status="cancelled", reason="out of stock")
    assert r.status_code == 303
    assert f.available(db, tee) == start[0]
    r = _post(admin, f"/admin/orders/{paid}/status", status="closed", reason="customer asked")
    assert r.status_code == 303
    assert f.available(db, mug) == start[1]
    page = admin.get(f"/admin/orders/{paid}").text
    assert "customer asked" in page and "已关闭" in page


def test_reason_required_to_cancel(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    mug = shop_with_shipping["cup"]["skus"][0]
    number = f.place(db, li, {mug: 1})
    left = f.available(db, mug)
    r = _post(admin, f"/admin/orders/{number}/status", status="cancelled", reason="   ")
    assert r.status_code == 422
    assert 'data-error-for="reason"' in r.text and "请说明结束订单的原因" in r.text
    assert f.status_of(db, number) == domain.PENDING and f.available(db, mug) == left
    assert "原因（必填）" in r.text


def test_notes(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    url = f"/admin/orders/{number}"
    r = _post(admin, f"{url}/notes", note="客户来电：<b>改地址</b>")
    assert r.status_code == 303
    page = admin.get(r.headers["location"]).text
    assert "备注已添加" in page
    note = re.search(r'<blockquote data-testid="note">(.*?)</blockquote>', page, re.S)
    assert note and "客户来电：&lt;b&gt;改地址&lt;/b&gt;" in note.group(1)
    assert STAFF_ACTOR in note.group(1)
    for bad, message in (("  ", "请填写备注"), ("x" * 501, "备注最多 500 个字")):
        r = _post(admin, f"{url}/notes", note=bad)
        assert r.status_code == 422 and 'data-error-for="note"' in r.text and message in r.text
    assert admin.get(url).text.count('data-testid="note"') == 1


def test_posts_without_csrf_are_refused(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    url = f"/admin/orders/{number}"
    for path, data in (
        ("status", {"status": "cancelled", "reason": "x"}),
        ("notes", {"note": "x"}),
    ):
        for token in ({}, {"csrf": "0" * 32}):
            r = admin.post(f"{url}/{path}", data={**data, **token}, follow_redirects=False)
            assert r.status_code == 403, (path, token)
    assert f.status_of(db, number) == domain.PENDING
    assert 'data-testid="note"' not in admin.get(url).text


def _csv(r: Any) -> list[dict[str, str]]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_csv_export_follows_the_filters(
    admin: TestClient,
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
    han: dict[str, Any],
) -> None:
    tee, mug = shop_with_shipping["tee"]["skus"][0], shop_with_shipping["cup"]["skus"][0]
    a = f.place(db, li, {tee: 1, mug: 2}, note='=HYPERLINK("http://evil")')
    b = f.place(db, han, {mug: 1})
    f.pay(db, a)
    f.placed_on(db, b, datetime(2025, 3, 1, 16, 0))
    rows = _csv(admin.get("/admin/orders/export.csv"))
    assert [r["订单号"] for r in rows] == [b, a]
    row = rows[1]
    assert row["状态"] == "已付款 / 待发货" and row["收货人"] == "李雷"
    assert row["订单金额"] == "177.00" and row["商品金额"] == "177.00" and row["运费"] == "0.00"
    assert row["商品"] == "纯棉圆领T恤 (颜色: 白色 / 尺码: M) ×1; 陶瓷马克杯 (容量: 350毫升) ×2"
    assert row["买家留言"] == '\'=HYPERLINK("http://evil")'  # formula disarmed
    assert row["支付方式"] == "wechat" and row["付款时间"]
    assert rows[0]["下单时间"] == "2025-03-02 00:00:00"
    assert [r["订单号"] for r in _csv(admin.get("/admin/orders/export.csv?status=paid"))] == [a]
    by_phone = admin.get("/admin/orders/export.csv", params={"q": "13700000002"})
    assert [r["订单号"] for r in _csv(by_phone)] == [b]
    by_day = admin.get("/admin/orders/export.csv?date_from=2025-03-02&date_to=2025-03-02")
    assert [r["订单号"] for r in _csv(by_day)] == [b]
    assert _csv(admin.get("/admin/orders/export.csv?status=closed")) == []
    english = admin.get("/admin/orders/export.csv?lang=en").content.decode("utf-8-sig")
    assert english.startswith("Order number,Placed at,Status,")


def test_every_order_centre_message_has_a_chinese_translation() -> None:
    from pathlib import Path

    from mercato.orders.web import admin_forms, admin_pages
    from mercato.platform.i18n import translations

    web = Path(admin_forms.__file__).parent
    found: set[str] = set()
    for path in [*web.glob("admin*.py"), web / "api_staff.py", *web.glob("templates/admin/*")]:
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\b_\(\s*"([^"]+)"', text))
        found |= set(re.findall(r'DomainError\(\s*"[\w.]+",\s*"([^"]+)"', text))
    found |= {*admin_forms._LABELS.values(), *admin_forms._ACTIONS.values()}
    found |= {*admin_pages._CSV_COLUMNS, *admin_pages._INVOICE_KINDS.values()}
    assert len(found) > 80
    zh = translations("zh_CN")
    assert sorted(m for m in found if zh.gettext(m) == m) == []
