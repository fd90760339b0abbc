"""The demo's promotions and coupons load once, running now, through the real services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from mercato.demo.promotions import seed
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.promotions import public as promotions
from mercato.promotions.adapters.tables import Bundle, Coupon, CouponTemplate
from tests.promotions.helpers import customers


def test_seed_runs_once(db: Database, shop: dict[str, Any]) -> None:
    ids = customers(db, 4)
    assert seed(db) is True
    assert seed(db) is False
    with db.reading() as tx:
        running = promotions.active_promotions(tx, utcnow())
        assert sorted(p.kind for p in running) == [
            "free_shipping", "nth_discount", "spend_save", "time_discount"]
        codes = set(tx.scalars(select(CouponTemplate.code)))
        assert "WELCOME10" in codes
        assert tx.scalar(select(func.count()).select_from(Bundle)) == 5
        issued = tx.scalar(select(func.count()).select_from(Coupon))
    assert issued == len(ids) + len(ids) // 2
    with db.transaction() as tx:
        assert promotions.claim_code(tx, ids[0], "welcome10").name.startswith("新人专享")
