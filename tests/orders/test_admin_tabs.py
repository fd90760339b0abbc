"""The order list's status tabs count what the other filters (search, dates) let through, so
a tab's number is what a click on it shows."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient

from mercato.orders import domain
from mercato.platform.db import Database
from tests.orders import admin_factory as f


def _counts(page: str) -> dict[str, int]:
    found = dict(re.findall(r'data-count="(\w*)">(\d+)<', page))
    return {k: int(v) for k, v in found.items()}


def _numbers(page: str) -> list[str]:
    return re.findall(r'<tr data-order="(\d+)"', page)


def test_tab_counts_follow_search_and_dates(
    admin: TestClient, db: Database, shop: dict[str, Any]
) -> None:
    f.order_shop(db, shop)
    li = f.customer(db, "13800000001", "李雷", "13912345678")
    han = f.customer(db, "13800000002", "韩梅梅", "13700000002")
    mug = shop["cup"]["skus"][0]
    li_paid, _li_pending, han_paid, han_old = (
        f.place(db, who, {mug: 1}) for who in (li, li, han, han)
    )
    for number in (li_paid, han_paid, han_old):
        f.pay(db, number)
    f.placed_on(db, han_old, datetime(2025, 3, 1, 8, 0))

    everything = _counts(admin.get("/admin/orders").text)
    assert everything[""] == 4 and everything[domain.PAID] == 3
    assert everything[domain.PENDING] == 1

    by_name = admin.get("/admin/orders", params={"q": "韩梅梅"}).text
    assert _counts(by_name)[""] == 2 and _counts(by_name)[domain.PAID] == 2
    assert _counts(by_name)[domain.PENDING] == 0

    since = admin.get("/admin/orders", params={"q": "韩梅梅", "date_from": "2025-04-01"}).text
    assert _counts(since)[""] == 1 and _counts(since)[domain.PAID] == 1

    # The tab shown keeps its count when a status is chosen, and every tab's count is what
    # a click on it lists.
    params = {"q": "李雷", "status": domain.PAID}
    page = admin.get("/admin/orders", params=params).text
    counts = _counts(page)
    assert counts[domain.PAID] == 1 and counts[domain.PENDING] == 1 and counts[""] == 2
    for status, n in counts.items():
        shown = admin.get("/admin/orders", params={"q": "李雷", "status": status}).text
        assert len(_numbers(shown)) == n, status
