"""Customers, coupon templates and promotions for the promotions tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from mercato.members.adapters.tables import Customer
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.promotions.adapters.tables import Coupon, CouponTemplate
from mercato.promotions.services import editing

SPEND = domain.PromotionData("满200减20", pricing.SPEND_SAVE, tiers=((20000, 2000),),
                             enabled=True)


def customers(db: Database, n: int, first: int = 0) -> list[int]:
    rows = [{"phone": f"139{first + i:08d}", "password_hash": "x", "name": f"c{i}"}
            for i in range(n)]
    with db.transaction() as tx:
        return list(tx.scalars(insert(Customer).returning(Customer.id), rows))


def template(db: Database, **given: Any) -> int:
    base = domain.TemplateData("满100减10", pricing.AMOUNT_OFF, off_fen=1000,
                               min_spend_fen=10000, valid_days=30)
    with db.transaction() as tx:
        return editing.save_template(tx, None, replace(base, **given), "test").id


def promotion(db: Database, **given: Any) -> int:
    now = utcnow()
    base = replace(SPEND, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1))
    with db.transaction() as tx:
        return editing.save_promotion(tx, None, replace(base, **given), "test").id


def coupon_row(db: Database, coupon_id: int) -> Coupon:
    with db.reading() as tx:
        found = tx.get(Coupon, coupon_id)
        assert found is not None
        tx.expunge_all()  # read after the session ends
        return found


def coupons_of(db: Database, customer_id: int) -> list[Coupon]:
    with db.reading() as tx:
        rows = list(tx.scalars(select(Coupon).where(Coupon.customer_id == customer_id)
                               .order_by(Coupon.id)))
        tx.expunge_all()  # read after the session ends
        return rows


def counts(db: Database, template_id: int) -> tuple[int, int]:
    """(issued_count, used_count) of the template."""
    with db.reading() as tx:
        t = tx.get(CouponTemplate, template_id)
        assert t is not None
        return t.issued_count, t.used_count


def shift(db: Database, coupon_id: int, starts: datetime, ends: datetime) -> None:
    with db.transaction() as tx:
        c = tx.get(Coupon, coupon_id)
        assert c is not None
        c.starts_at, c.ends_at = starts, ends
