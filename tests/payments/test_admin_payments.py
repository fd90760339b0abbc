"""The payments centre: every payment attempt with order, provider, channel, amount, status
and times, filtered by provider, status, local days and number; the refunds tab; the figures
per status follow the other filters; a fixed number of statements per page; who may see it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.platform.db import Database
from tests.orders.staff_helpers import member
from tests.payments.payment_rows import add_payment
from tests.storefront.helpers import count_queries

DAY = datetime(2026, 3, 1, 2, 0)  # 10:00 in Beijing


@pytest.fixture
def attempts(db: Database) -> dict[str, str]:
    """One attempt per status, providers and days mixed; name → out_trade_no."""
    rows = {
        "pending": ("2603010000000001", "pending", "wechatpay", "native", "", DAY),
        "paid": ("2603010000000002", "paid", "alipay", "page", "", DAY),
        "failed": ("2603010000000003", "failed", "sandbox", "page", "failed", DAY),
        "closed": ("2603010000000004", "closed", "wechatpay", "native", "closed", DAY),
        "refund_due": ("2603020000000005", "refund_due", "sandbox", "page", "", DAY),
        "refunded": ("2603020000000006", "refunded", "alipay", "wap", "", DAY),
        "refund_failed": ("2603020000000007", "refund_failed", "wechatpay", "jsapi", "", DAY),
        # 23:59 on 1 March and 00:00 on 2 March in Beijing
        "late": ("2603010000000008", "paid", "sandbox", "page", "", datetime(2026, 3, 1, 15, 59)),
        "next": ("2603020000000009", "paid", "sandbox", "page", "", datetime(2026, 3, 1, 16, 0)),
    }
    with db.transaction() as tx:
        for number, status, provider, channel, notified, at in rows.values():
            add_payment(tx, number, status, at, provider, channel, notified=notified)
    return {name: f"{row[0]}01" for name, row in rows.items()}


def _shown(page: str) -> list[str]:
    return re.findall(r'<tr data-payment="(\w+)"', page)


def _row(page: str, no: str) -> str:
    return re.sub(r"\s+", " ", page.split(f'<tr data-payment="{no}"')[1].split("</tr>")[0])


def test_every_attempt_is_listed_with_its_facts(
    admin: TestClient, attempts: dict[str, str]
) -> None:
    r = admin.get("/admin/payments")
    assert r.status_code == 200
    assert len(_shown(r.text)) == 9
    paid = _row(r.text, attempts["paid"])
    assert 'href="/admin/orders/2603010000000002"' in paid
    assert "支付宝" in paid and "电脑网页" in paid and "¥129.00" in paid
    assert '<span class="badge ok">已付款</span>' in paid
    assert "创建时间 2026-03-01 10:00" in paid and "付款时间 2026-03-01 10:01" in paid
    assert "支付机构通知：支付失败。" in _row(r.text, attempts["failed"])
    no = attempts["refund_failed"]
    assert f'href="/admin/payments/refunds?q={no}" data-testid="to-retry"' in _row(r.text, no)
    assert "支付机构已关闭交易：未在时限内付款。" in _row(r.text, attempts["closed"])
    assert "微信支付" in _row(r.text, attempts["pending"]) and "扫码支付" in r.text
    assert 'href="/admin/payments" class="on" aria-current="page"' in r.text  # in the nav
    assert "支付中心" in r.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"provider": "alipay"}, ["paid", "refunded"]),
        ({"status": "paid"}, ["paid", "late", "next"]),
        ({"provider": "sandbox", "status": "paid"}, ["late", "next"]),
        ({"q": "260302"}, ["refund_due", "refunded", "refund_failed", "next"]),
        ({"q": "260301000000000301"}, ["failed"]),
        ({"date_to": "2026-03-01", "status": "paid"}, ["paid", "late"]),
        ({"date_from": "2026-03-02"}, ["next"]),
        ({"provider": "nope"}, None),  # unknown: left out, everything listed
    ],
)
def test_filters(
    admin: TestClient, attempts: dict[str, str], params: dict[str, str], expected: Any
) -> None:
    r = admin.get("/admin/payments", params=params)
    assert r.status_code == 200, r.text
    want = set(attempts.values()) if expected is None else {attempts[n] for n in expected}
    assert set(_shown(r.text)) == want


def test_the_refunds_tab_lists_refunds_only(admin: TestClient, attempts: dict[str, str]) -> None:
    r = admin.get("/admin/payments/refunds")
    names = ("refund_due", "refunded", "refund_failed")
    assert set(_shown(r.text)) == {attempts[n] for n in names}
    failed = _row(r.text, attempts["refund_failed"])
    assert '<span class="badge bad">退款失败</span>' in failed
    assert f"{attempts['refund_failed']}R" in failed  # the refund's own number
    assert "支付机构拒绝了退款" in failed and 'data-testid="retry-refund"' in failed
    assert 'data-testid="retry-refund"' not in _row(r.text, attempts["refunded"])
    # Owed since 1 March and not sent yet (the refund job is not running): stuck, retryable.
    due = _row(r.text, attempts["refund_due"])
    assert "自 2026-03-01 10:01 起无进展" in due and 'data-testid="retry-refund"' in due
    only = admin.get("/admin/payments/refunds", params={"status": "refunded"}).text
    assert _shown(only) == [attempts["refunded"]]
    ignored = admin.get("/admin/payments/refunds", params={"status": "paid"}).text
    assert len(_shown(ignored)) == 3  # not a refund status: left out


def test_figures_follow_the_other_filters(admin: TestClient, attempts: dict[str, str]) -> None:
    def stat(page: str, status: str) -> str:
        found = re.search(rf'data-stat="{status}">(.*?)</a>', page, re.S)
        assert found, status
        return re.sub(r"<[^>]+>|\s+", " ", found.group(1))

    page = admin.get("/admin/payments").text
    assert "3" in stat(page, "paid") and "¥387.00" in stat(page, "paid")
    page = admin.get("/admin/payments", params={"provider": "sandbox", "status": "failed"}).text
    assert " 2 " in stat(page, "paid") and "¥258.00" in stat(page, "paid")
    assert " 1 " in stat(page, "refund_due") and " 0 " in stat(page, "refund_failed")
    tabs = re.findall(r'<span class="count">(\d+)</span>', page)
    assert tabs == ["4", "1"]  # sandbox attempts, of which refunds


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"q": "26%03"}, "q"),
    ],
)
def test_bad_filters_are_shown_not_500(
    admin: TestClient, attempts: dict[str, str], params: dict[str, str], field: str
) -> None:
    r = admin.get("/admin/payments", params=params)
    assert r.status_code == 422
    assert f'data-error-for="{field}"' in r.text
    assert len(_shown(r.text)) >= 1  # the rest of the filter still works


def test_the_list_runs_a_fixed_number_of_statements(admin: TestClient, db: Database) -> None:
    def seed(first: int, n: int) -> None:
        with db.transaction() as tx:
            for i in range(first, first + n):
                status = ("paid", "failed", "refund_failed", "closed")[i % 4]
                notified = "failed" if status == "failed" else ""
                add_payment(tx, f"26030100000{i:05d}", status, DAY, notified=notified)

    seed(0, 4)
    with count_queries(db) as few:
        admin.get("/admin/payments")
        admin.get("/admin/payments/refunds")
    seed(4, 40)
    with count_queries(db) as many:
        assert len(_shown(admin.get("/admin/payments").text)) == 20
        admin.get("/admin/payments/refunds")
    assert len(few) == len(many), (few, many)
    assert len(many) <= 16, many


def test_who_sees_the_payments_centre(app: Any, db: Database, attempts: dict[str, str]) -> None:
    service = member(app, db, "service")  # views payments
    r = service.get("/admin/payments/refunds")
    assert r.status_code == 200 and 'data-testid="retry-refund"' not in r.text
    no = attempts["refund_failed"]
    refused = service.post(f"/admin/payments/{no}/retry-refund", data={"csrf": service.csrf})  # type: ignore[attr-defined]
    assert refused.status_code == 403
    finance = member(app, db, "finance")
    page = finance.get("/admin/payments/refunds").text
    assert 'data-testid="retry-refund"' in _row(page, no)
    warehouse = member(app, db, "warehouse")
    assert warehouse.get("/admin/payments").status_code == 403
    assert 'href="/admin/payments"' not in warehouse.get("/admin/orders").text
