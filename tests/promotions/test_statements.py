"""The checkout's reads cost one statement whatever the number of promotions and coupons."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert

from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.promotions import domain
from mercato.promotions import public as promotions
from mercato.promotions.adapters.tables import Coupon, Promotion
from tests.api.helpers import sql_statements
from tests.promotions.helpers import customers, template


def live(i: int) -> bool:
    return i % 4 != 3 and i % 5 != 0  # every 4th switched off, every 5th ended


def _promotions(db: Database, first: int, n: int) -> None:
    now = utcnow()
    rows = [{"name": f"满减{i}", "kind": "spend_save", "enabled": i % 4 != 3,
             "priority": i % 7, "stacking": "stack", "percent_off_bp": 0, "buy": 0, "pay": 0,
             "nth": 0, "tiers": "[[20000, 2000]]", "over_fen": 0,
             "scope": f'{{"categories": [{i % 9 + 1}]}}',
             "starts_at": now - timedelta(hours=1 + i % 3),
             "ends_at": now + timedelta(days=1) if i % 5 else now - timedelta(minutes=1),
             "created_by": "t", "created_at": now, "updated_at": now}
            for i in range(first, first + n)]
    with db.transaction() as tx:
        tx.execute(insert(Promotion), rows)


def _coupons(db: Database, template_id: int, customer_ids: list[int], first: int,
             n: int) -> None:
    now = utcnow()
    rows = [{"template_id": template_id, "customer_id": customer_ids[i % len(customer_ids)],
             "code": f"C{i:011d}", "off_fen": 0,
             "status": domain.AVAILABLE if i % 3 else domain.USED,
             "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=1 + i % 5),
             "source": "manual", "source_ref": f"r{i}", "issued_at": now}
            for i in range(first, first + n)]
    with db.transaction() as tx:
        tx.execute(insert(Coupon), rows)


def _cost(db: Database, customer_id: int) -> tuple[int, int, int, int]:
    now = utcnow()
    with db.core_transaction(write=False) as tx:
        tx.connection()
        with sql_statements(db) as seen:
            promotions.active_promotions(tx, now)
        assert len(seen) == 2  # after a change: the stamp, then the promotions read once
        with sql_statements(db) as seen:
            running = promotions.active_promotions(tx, now)
        a = len(seen)  # then the stamp alone, until they change
        with sql_statements(db) as seen:
            usable = promotions.usable_coupons(tx, customer_id, now)
        return a, len(seen), len(running), len(usable)


def test_statements_do_not_grow_with_promotions_or_coupons(db: Database) -> None:
    ids = customers(db, 10)
    t = template(db)
    _promotions(db, 1, 1)
    _coupons(db, t, ids[:1], 1, 1)
    small = _cost(db, ids[0])
    _promotions(db, 2, 199)
    _coupons(db, t, ids, 2, 9_999)
    big = _cost(db, ids[0])
    assert small[:2] == big[:2] == (1, 1)
    assert small[2:] == (1, 1)
    assert big[2] == len([i for i in range(1, 201) if live(i)])
    # The customer's usable ones: the first, and every 10th of the rest not used.
    assert big[3] == 1 + len([i for i in range(2, 10_001) if i % 10 == 0 and i % 3])
