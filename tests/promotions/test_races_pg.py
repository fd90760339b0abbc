"""On PostgreSQL, under real concurrency: a single-use coupon used by two orders at once is
used by exactly one; eight customers claiming the last coupon of a code get exactly one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mercato.platform.db import Database
from mercato.promotions import public as promotions
from mercato.promotions.adapters.tables import Coupon, Redemption
from tests.promotions.helpers import counts, coupons_of, customers, template
from tests.races import race

pytestmark = pytest.mark.postgres


def test_two_orders_cannot_both_use_a_single_use_coupon(pg_db: Database) -> None:
    for round_ in range(10):
        (c,) = customers(pg_db, 1, first=round_)
        t = template(pg_db)
        with pg_db.transaction() as tx:
            promotions.issue(tx, t, [c], "manual", "race")
        coupon = coupons_of(pg_db, c)[0]

        def order(i: int, coupon_id: int = coupon.id, customer: int = c,
                  r: int = round_) -> None:
            with pg_db.transaction() as tx:
                promotions.use_coupon(tx, coupon_id, customer, f"R{r:02d}{i:014d}", 1000,
                                      12000, 11000)
            with pg_db.transaction() as tx:  # the order-placed subscriber
                promotions.count_uses(tx, f"R{r:02d}{i:014d}")

        outcomes = race(2, order)
        assert sorted(outcomes) == ["ok", "promotions.coupon_used"], outcomes
        assert counts(pg_db, t) == (1, 1)
        with pg_db.reading() as tx:
            row = tx.get(Coupon, coupon.id)
            assert row is not None and row.status == "used"
            used = tx.scalar(select(func.count()).select_from(Redemption)
                             .where(Redemption.coupon_id == coupon.id))
            winner = f"R{round_:02d}{outcomes.index('ok'):014d}"
            assert used == 1 and row.used_order_number == winner


def test_eight_claims_of_the_last_coupon_issue_one(pg_db: Database) -> None:
    ids = customers(pg_db, 8)
    t = template(pg_db, code="LAST1", total_limit=1, per_customer_limit=1)

    def claim(i: int) -> None:
        with pg_db.transaction() as tx:
            promotions.claim_code(tx, ids[i], "LAST1")

    outcomes = race(8, claim)
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) == {"ok", "promotions.code_exhausted"}
    assert counts(pg_db, t) == (1, 0)
    assert sum(len(coupons_of(pg_db, c)) for c in ids) == 1


def test_one_customer_claiming_twice_at_once_gets_one(pg_db: Database) -> None:
    (c,) = customers(pg_db, 1)
    t = template(pg_db, code="ONCE", per_customer_limit=1)

    def claim(_i: int) -> None:
        with pg_db.transaction() as tx:
            promotions.claim_code(tx, c, "ONCE")

    outcomes = race(8, claim)
    assert sorted(set(outcomes)) == ["ok", "promotions.code_limit"], outcomes
    assert outcomes.count("ok") == 1 and counts(pg_db, t) == (1, 0)


def test_bulk_issues_racing_keep_the_total_limit(pg_db: Database) -> None:
    ids = customers(pg_db, 40)
    t = template(pg_db, total_limit=25, per_customer_limit=0)
    issued: list[int] = [0] * 4

    def issue(i: int) -> None:
        with pg_db.transaction() as tx:
            issued[i] = promotions.issue(tx, t, ids[i * 10:(i + 1) * 10], "segment", f"s{i}")

    assert set(race(4, issue)) == {"ok"}
    assert sum(issued) == 25 and counts(pg_db, t) == (25, 0)
    with pg_db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Coupon)) == 25
