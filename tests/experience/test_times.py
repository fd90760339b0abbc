"""One shop time zone (issue 14, defect 4): the shopper and the merchant see the same local
times, the API gives ISO 8601 with the offset, date filters take local days; system reasons
and payment providers read as words (defect 9)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from mercato.orders.adapters.tables import Order
from mercato.platform import clock
from tests.members.conftest import page_login
from tests.payments.order_helpers import pay_in_sandbox, placed_order


def _placed_at(db: Any, number: str) -> Any:
    with db.reading() as tx:
        return tx.scalar(select(Order.placed_at).where(Order.number == number))


def test_shopper_merchant_and_api_agree_on_local_time(admin: Any, db: Any, market: Any, buyer: Any):
    number, _total, h = placed_order(admin, db, market, buyer)
    local = clock.shop_time(_placed_at(db, number))
    api = admin.get(f"/api/v1/orders/{number}", headers=h).json()
    assert api["placed_at"].endswith("+08:00") and api["placed_at"][:16].replace("T", " ") == local
    assert admin.get(f"/admin/orders/{number}").text.count(local) >= 1
    page_login(admin, buyer["phone"])
    mine = admin.get("/account/orders").text
    assert local in mine
    detail = admin.get(f"/account/orders/{number}").text
    assert "UTC" not in detail and "前付款" in detail


def test_date_filters_take_local_days(admin: Any, db: Any, market: Any, buyer: Any) -> None:
    number, _total, _h = placed_order(admin, db, market, buyer)
    placed = _placed_at(db, number)
    # 23:30 in Shanghai on a day is 15:30 UTC the same day: it belongs to that local day only.
    day = clock.local(placed).date()
    late = clock.day_end_utc(day) - timedelta(minutes=30)
    with db.transaction() as tx:
        tx.execute(update(Order).where(Order.number == number).values(placed_at=late))
    on_day = admin.get(f"/api/v1/admin/orders?date_from={day}&date_to={day}").json()
    next_day = day + timedelta(days=1)
    after = admin.get(f"/api/v1/admin/orders?date_from={next_day}&date_to={next_day}").json()
    assert [o["number"] for o in on_day["orders"]] == [number] and after["orders"] == []


def test_the_merchant_reads_reasons_and_providers_in_words(
    admin: Any, db: Any, market: Any, buyer: Any
) -> None:
    number, _total, _h = placed_order(admin, db, market, buyer)
    page_login(admin, buyer["phone"])
    pay_in_sandbox(admin, number, "pay")
    page = admin.get(f"/admin/orders/{number}").text
    assert "提交订单" in page and ">placed<" not in page
    assert "支付方式: 演示支付" in page and "sandbox</p>" not in page
