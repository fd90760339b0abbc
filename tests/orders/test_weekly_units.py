"""orders.public.weekly_units: units sold per SKU per local week (Monday start, Shanghai),
from paid orders only, in one statement whatever the span, worked out by hand on the orders
below (SKU ids 11, 12, 13; no catalogue needed: lines refer to SKUs by id).

order  paid (Shanghai)                  status     lines         counted in
o1     Mon 03-02 09:00                  completed  11 x2, 12 x1  W1 (Mon 03-02)
o2     Sun 03-08 22:00                  completed  11 x3         W1
o3     Mon 03-09 00:30 (UTC Sun 16:30)  shipped    11 x4         W2 (Mon 03-09): local week
o4     Sun 03-08 23:59                  paid       12 x5         W1
o5     unpaid (placed 03-03)            cancelled  11 x7         never
o6     Wed 03-04 10:00, then closed     closed     12 x6         never (given back whole)
o7     Sun 03-01 23:00                  completed  11 x8         the week before W1
o8     Mon 03-16 00:00                  completed  13 x9         the week after W2
o9     Tue 03-10 12:00                  picking    13 x1         W2

W1: SKU 11 = 2 + 3 = 5, SKU 12 = 1 + 5 = 6.  W2: SKU 11 = 4, SKU 13 = 1."""

from __future__ import annotations

from datetime import date

import pytest

from mercato.orders import public as orders
from mercato.orders.public import WeekUnits
from mercato.platform.db import Database
from tests.orders.dashboard_rows import add_order
from tests.storefront.helpers import count_queries

W1, W2 = date(2026, 3, 2), date(2026, 3, 9)


def _orders(db: Database) -> None:
    rows = [
        ("2026-03-02 09:00", "completed", [(1, 11, 2, 200), (1, 12, 1, 100)]),
        ("2026-03-08 22:00", "completed", [(1, 11, 3, 300)]),
        ("2026-03-09 00:30", "shipped", [(1, 11, 4, 400)]),
        ("2026-03-08 23:59", "paid", [(1, 12, 5, 500)]),
        (None, "cancelled", [(1, 11, 7, 700)]),
        ("2026-03-04 10:00", "closed", [(1, 12, 6, 600)]),
        ("2026-03-01 23:00", "completed", [(1, 11, 8, 800)]),
        ("2026-03-16 00:00", "completed", [(1, 13, 9, 900)]),
        ("2026-03-10 12:00", "picking", [(1, 13, 1, 100)]),
    ]
    with db.transaction() as tx:
        for i, (paid, status, lines) in enumerate(rows):
            total = sum(t for _p, _s, _q, t in lines)
            add_order(tx, 100 + i, total, paid, status, lines, "2026-03-03 08:00")


def _selects(seen: list[str]) -> int:
    """Statements run, SQLite's BEGIN aside (the transaction, not the query)."""
    return len([s for s in seen if not s.startswith("BEGIN")])


def test_units_per_sku_and_local_week(db: Database) -> None:
    _orders(db)
    with db.transaction() as tx, count_queries(db) as seen:
        # Any days inside the two weeks ask for both weeks whole.
        found = orders.weekly_units(tx, date(2026, 3, 4), date(2026, 3, 10))
    assert found == [WeekUnits(11, W1, 5), WeekUnits(12, W1, 6),
                     WeekUnits(11, W2, 4), WeekUnits(13, W2, 1)]
    assert _selects(seen) == 1


def test_one_statement_for_two_years_of_weeks(db: Database) -> None:
    _orders(db)
    with db.transaction() as tx, count_queries(db) as seen:
        found = orders.weekly_units(tx, date(2024, 3, 18), date(2026, 3, 22))
    assert _selects(seen) == 1
    assert {(w.sku_id, w.week): w.units for w in found} == {
        (11, date(2026, 2, 23)): 8, (11, W1): 5, (12, W1): 6, (11, W2): 4, (13, W2): 1,
        (13, date(2026, 3, 16)): 9,
    }


def test_a_single_week_and_the_refused_spans(db: Database) -> None:
    _orders(db)
    with db.transaction() as tx:
        assert orders.weekly_units(tx, W2, W2) == [WeekUnits(11, W2, 4), WeekUnits(13, W2, 1)]
        assert orders.weekly_units(tx, date(2025, 1, 6), date(2025, 1, 12)) == []
        with pytest.raises(ValueError):
            orders.weekly_units(tx, W2, W1)
        with pytest.raises(ValueError):
            orders.weekly_units(tx, date(2023, 1, 2), date(2026, 3, 8))  # 166 weeks
