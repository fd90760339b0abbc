"""Coupons from issue to use and back: limits, someone else's, expired, used, release on
cancel, counts kept exact."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.promotions import public as promotions
from mercato.promotions.adapters.tables import CouponTemplate, Redemption
from mercato.promotions.services import checkout
from tests.promotions.helpers import counts, coupons_of, customers, shift, template


def _issue(db: Database, template_id: int, ids: list[int], source: str = "manual",
           ref: str = "r1") -> int:
    with db.transaction() as tx:
        return promotions.issue(tx, template_id, ids, source, ref)


def _code(exc: pytest.ExceptionInfo[DomainError]) -> tuple[str, str | None, int]:
    return exc.value.code, exc.value.field, exc.value.status


def test_bulk_issue_is_idempotent_and_keeps_the_limits(db: Database) -> None:
    ids = customers(db, 5)
    t = template(db, total_limit=4, per_customer_limit=1)
    assert _issue(db, t, ids[:2]) == 2
    assert _issue(db, t, ids[:2]) == 0  # the same ref again: nothing
    assert _issue(db, t, ids[:2], ref="r2") == 0  # per-customer limit 1 (staff issues)
    assert _issue(db, t, ids, ref="r3") == 2  # total 4: only two more, lowest ids first
    assert counts(db, t) == (4, 0)
    assert [len(coupons_of(db, c)) for c in ids] == [1, 1, 1, 1, 0]
    # Automatic gifts are once per occasion, whatever the per-customer limit.
    t2 = template(db, per_customer_limit=1)
    assert _issue(db, t2, ids[:1], "birthday", "birthday:2026") == 1
    assert _issue(db, t2, ids[:1], "birthday", "birthday:2027") == 1
    assert _issue(db, t2, ids[:1], "birthday", "birthday:2027") == 0


def test_a_switched_off_or_ended_template_issues_nothing(db: Database) -> None:
    (c,) = customers(db, 1)
    off = template(db, enabled=False)
    with pytest.raises(Conflict) as exc:
        _issue(db, off, [c])
    assert _code(exc) == ("promotions.template_disabled", "template_id", 409)
    now = utcnow()
    ended = template(db, valid_days=0, starts_at=now - timedelta(days=2),
                     ends_at=now + timedelta(days=1))
    with db.transaction() as tx:
        t = tx.get(CouponTemplate, ended)
        assert t is not None
        t.ends_at = now - timedelta(days=1)
    with pytest.raises(Conflict):
        _issue(db, ended, [c])
    with pytest.raises(NotFound):
        _issue(db, 999_999, [c])
    with pytest.raises(DomainError):
        _issue(db, off, [c], source="gift")
    assert coupons_of(db, c) == []


def test_someone_elses_or_unknown_coupon_is_the_same_not_found(db: Database) -> None:
    mine, theirs = customers(db, 2)
    t = template(db)
    _issue(db, t, [mine, theirs])
    coupon = coupons_of(db, theirs)[0]
    now = utcnow()
    with db.reading() as tx:
        for cid in (coupon.id, 999_999):
            with pytest.raises(NotFound) as exc:
                promotions.coupon_for(tx, mine, cid, now)
            assert _code(exc) == ("promotions.coupon_not_found", "coupon_id", 404)
        got = promotions.coupon_for(tx, theirs, coupon.id, now)
    assert (got.id, got.off_fen, got.min_spend_fen) == (coupon.id, 1000, 10000)
    with db.transaction() as tx, pytest.raises(NotFound):
        promotions.use_coupon(tx, coupon.id, mine, "2612070000000001", 1000, 12000, 12000)
    assert coupons_of(db, theirs)[0].status == "available"


def test_expired_and_not_started_coupons_are_refused(db: Database) -> None:
    (c,) = customers(db, 1)
    t = template(db)
    _issue(db, t, [c])
    coupon = coupons_of(db, c)[0]
    now = utcnow()
    shift(db, coupon.id, now - timedelta(days=3), now - timedelta(seconds=1))
    with db.reading() as tx:
        with pytest.raises(Conflict) as exc:
            promotions.coupon_for(tx, c, coupon.id, now)
        assert _code(exc) == ("promotions.coupon_expired", "coupon_id", 409)
        assert promotions.usable_coupons(tx, c, now) == []
    with db.transaction() as tx, pytest.raises(Conflict):
        promotions.use_coupon(tx, coupon.id, c, "2612070000000001", 1000, 12000, 12000)
    shift(db, coupon.id, now + timedelta(days=1), now + timedelta(days=3))
    with db.reading() as tx, pytest.raises(Conflict) as exc:
        promotions.coupon_for(tx, c, coupon.id, now)
    assert _code(exc) == ("promotions.coupon_not_started", "coupon_id", 409)


def _redemptions(db: Database) -> list[tuple[str, str, int]]:
    with db.reading() as tx:
        q = select(Redemption.source, Redemption.status, Redemption.discount_fen)
        return [tuple(r) for r in tx.execute(q.order_by(Redemption.id))]  # type: ignore[misc]


def test_use_once_release_on_cancel_and_count_exactly(db: Database) -> None:
    (c,) = customers(db, 1)
    t = template(db)
    _issue(db, t, [c])
    coupon = coupons_of(db, c)[0]
    with db.transaction() as tx:
        promotions.use_coupon(tx, coupon.id, c, "2612070000000001", 1000, 12000, 11000)
        promotions.record_promotions(tx, "2612070000000001", c, [(7, 2000)], 12000, 11000)
    assert counts(db, t) == (1, 0)  # counted after the order's transaction:
    with db.transaction() as tx:
        promotions.count_uses(tx, "2612070000000001")  # (the order-placed subscriber)
    assert coupons_of(db, c)[0].status == "used" and counts(db, t) == (1, 1)
    with db.transaction() as tx, pytest.raises(Conflict) as exc:
        promotions.use_coupon(tx, coupon.id, c, "2612070000000002", 1000, 12000, 11000)
    assert _code(exc) == ("promotions.coupon_used", "coupon_id", 409)
    with db.reading() as tx, pytest.raises(Conflict):
        promotions.coupon_for(tx, c, coupon.id, utcnow())
    assert counts(db, t) == (1, 1)
    with db.transaction() as tx:
        assert promotions.release_order(tx, "2612070000000001") == 1
    with db.transaction() as tx:
        assert promotions.release_order(tx, "2612070000000001") == 0  # idempotent
    row = coupons_of(db, c)[0]
    assert (row.status, row.used_order_number, row.used_at) == ("available", None, None)
    assert counts(db, t) == (1, 0)
    assert _redemptions(db) == [(f"coupon:{coupon.id}", "cancelled", 1000),
                                ("promotion:7", "cancelled", 2000)]
    with db.transaction() as tx:  # usable again, by another order
        promotions.use_coupon(tx, coupon.id, c, "2612070000000003", 1000, 12000, 11000)
        promotions.count_uses(tx, "2612070000000003")
    assert counts(db, t) == (1, 1)


def test_a_released_coupon_past_its_window_expires(db: Database) -> None:
    (c,) = customers(db, 1)
    t = template(db)
    _issue(db, t, [c])
    coupon = coupons_of(db, c)[0]
    with db.transaction() as tx:
        promotions.use_coupon(tx, coupon.id, c, "2612070000000001", 1000, 12000, 11000)
    now = utcnow()
    shift(db, coupon.id, now - timedelta(days=30), now - timedelta(minutes=1))
    with db.transaction() as tx:
        promotions.release_order(tx, "2612070000000001")
    assert coupons_of(db, c)[0].status == "expired" and counts(db, t) == (1, 0)


def test_paid_orders_count_as_revenue_touched(db: Database) -> None:
    from mercato.promotions.services import reports

    (c,) = customers(db, 1)
    with db.transaction() as tx:
        promotions.record_promotions(tx, "A1", c, [(3, 2000)], 25000, 23000)
        promotions.record_promotions(tx, "A2", c, [(3, 2000)], 21000, 19000)
        promotions.record_promotions(tx, "A3", c, [(3, 5000)], 41000, 36000)
        promotions.order_paid(tx, "A1")
        promotions.order_paid(tx, "A1")
        promotions.order_paid(tx, "A2")
        promotions.release_order(tx, "A3")
    with db.reading() as tx:
        usage = reports.promotion_usage(tx, [3])[3]
    assert (usage.uses, usage.discount_fen, usage.revenue_fen) == (2, 4000, 42000)


def test_the_expiry_job(db: Database) -> None:
    (c,) = customers(db, 1)
    t = template(db)
    _issue(db, t, [c], ref="a")
    _issue(db, t, [c], source="birthday", ref="b")
    first, _second = coupons_of(db, c)
    now = utcnow()
    shift(db, first.id, now - timedelta(days=3), now - timedelta(seconds=1))
    with db.transaction() as tx:
        assert checkout.expire_coupons(tx, now) == 1
        assert checkout.expire_coupons(tx, now) == 0
    assert [x.status for x in coupons_of(db, c)] == ["expired", "available"]


def test_applied_promotions_sums_per_promotion() -> None:
    from mercato.pricing import public as pricing

    priced = pricing.Priced(
        lines=(), adjustments=(
            pricing.Adjustment("tier", "tier:gold", "金卡", 100, 1),
            pricing.Adjustment("promotion", "promotion:4", "满减", 300, 1),
            pricing.Adjustment("promotion", "promotion:4", "满减", 200, 2),
            pricing.Adjustment("shipping", "promotion:9", "包邮", 1000, None),
            pricing.Adjustment("coupon", "coupon:3", "券", 500, 1)),
        goods_fen=0, discount_fen=0, shipping_fen=0, shipping_discount_fen=0, points_used=0,
        coupon_fen=0)
    assert promotions.applied_promotions(priced) == [(4, 500), (9, 1000)]
