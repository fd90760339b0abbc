"""The payments centre shows each attempt's partial refunds (after-sales) under it: refund
number, amount, status, reason and times in the shop's time zone; and, for an attempt owed
back after partial refunds, the rest its whole refund gives back."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from mercato.payments import public as payments
from mercato.payments.adapters.tables import Payment, PaymentRefund
from mercato.platform.db import Database
from tests.payments.payment_rows import add_payment

DAY = datetime(2026, 3, 1, 2, 0)  # 10:00 in Beijing
NUMBER = "2603010000000201"


def _flat(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _refund_row(page: str, refund_no: str) -> str:
    return _flat(page.split(f'<tr data-refund="{refund_no}"')[1].split("</tr>")[0])


def _seed(db: Database) -> None:
    with db.transaction() as tx:
        add_payment(tx, NUMBER, "paid", DAY, "wechatpay", "native")
        add_payment(tx, "2603010000000202", "paid", DAY, "alipay")  # none of its own
    statuses = {"AS-0301-0001": "succeeded", "AS-0301-0002": "processing"}
    statuses |= {"AS-0301-0003": "failed", "AS-0301-0004": "requested"}
    with db.transaction() as tx:
        for i, (no, status) in enumerate(statuses.items(), 1):
            payments.request_refund(tx, NUMBER, no, 1_000 * i, f"退货 {i}")
            values = {"status": status, "created_at": DAY + timedelta(hours=i)}
            values["updated_at"] = DAY + timedelta(hours=i, minutes=5)
            if no == "AS-0301-0001":
                values["refund_id"] = "50300000000000000000000001"
            if no == "AS-0301-0004":
                values["error"] = "payments.provider_unreachable"
            tx.execute(update(PaymentRefund).where(PaymentRefund.refund_no == no).values(**values))


def test_partial_refunds_are_shown_under_their_payment(admin: TestClient, db: Database) -> None:
    _seed(db)
    page = admin.get("/admin/payments").text
    block = page.split(f'data-refunds-of="{NUMBER}01"')[1].split("</table>")[0]
    assert re.findall(r'<tr data-refund="([\w-]+)"', block) == [
        "AS-0301-0001",
        "AS-0301-0002",
        "AS-0301-0003",
        "AS-0301-0004",
    ]
    done = _refund_row(page, "AS-0301-0001")
    assert "AS-0301-0001" in done and "¥10.00" in done and "已退款" in done and "退货 1" in done
    assert "创建时间 2026-03-01 11:00" in done and "最近变更 2026-03-01 11:05" in done
    assert "50300000000000000000000001" in done
    assert "退款中" in _refund_row(page, "AS-0301-0002")
    assert "退款失败" in _refund_row(page, "AS-0301-0003")
    waiting = _refund_row(page, "AS-0301-0004")
    assert "已申请退款" in waiting and "payments.provider_unreachable" in waiting
    assert "¥40.00" in waiting
    assert 'data-refunds-of="260301000000020201"' not in page
    found = admin.get("/admin/payments", params={"q": NUMBER}).text
    assert found.count("<tr data-refund=") == 4


def test_the_rest_owed_after_partial_refunds_is_shown(admin: TestClient, db: Database) -> None:
    with db.transaction() as tx:
        add_payment(tx, NUMBER, "refund_due", DAY, "wechatpay", "native")
        tx.flush()
        tx.execute(update(Payment).values(refund_fen=9_900))
    row = admin.get("/admin/payments/refunds").text
    assert "退还剩余 ¥99.00" in _flat(row)
