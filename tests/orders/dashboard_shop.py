"""The dashboard tests' shop: ten orders around "now" = 2026-03-10 14:00 in Shanghai, whose
figures are worked out by hand in the tests (see the table below)."""

from __future__ import annotations

from typing import Any

from mercato.inventory import services as stock
from mercato.orders import public as orders
from mercato.platform.db import Database
from tests.orders.dashboard_rows import add_order, utc

NOW = utc("2026-03-10 14:00")
UNPAID = "2026-03-10 11:00"  # when order 9 was placed (the others: 3 minutes before paying)


def dashboard_shop(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    """customer  fen    paid (Shanghai)     status     lines
    1   c1        10000  03-10 09:00         completed  tee0 x2 6000, cup0 x1 4000
    2   c1        5000   03-10 13:59         paid       polo0 x1 5000
    3   c7        1000   03-10 00:30 (UTC 03-09 16:30)  closed, refund due   cup0 x1 1000
    4   c3        8000   03-09 23:30         shipped    tee0 x4 8000
    5   c2        2000   03-09 10:00         completed  cup1 x6 2000
    6   c4        4000   03-04 00:10         completed  polo1 x1 4000
    7   c5        6000   03-03 23:50         completed  tee1 x3 6000 (refunded)
    8   c6        3000   02-01 12:00         completed  tee2 x9 3000
    9   c8        5000   unpaid (placed 03-10 11:00)    pending   tee3 x5 5000
    10  c2        7000   02-20 10:00         picking    polo0 x2 7000
    Stock: 10 of each SKU but tee0 (200) and cup0 (0)."""
    tee, polo, cup = shop["tee"], shop["polo"], shop["cup"]
    t, p, c = tee["skus"], polo["skus"], cup["skus"]
    T, P, C = tee["id"], polo["id"], cup["id"]
    with db.transaction() as tx:
        stock.set_on_hand(tx, t[0], shop["warehouse"], 200, "count", "test")
        stock.set_on_hand(tx, c[0], shop["warehouse"], 0, "count", "test")
        rows = [
            (1, 10000, "03-10 09:00", "completed", [(T, t[0], 2, 6000), (C, c[0], 1, 4000)]),
            (1, 5000, "03-10 13:59", "paid", [(P, p[0], 1, 5000)]),
            (7, 1000, "03-10 00:30", "closed", [(C, c[0], 1, 1000)]),
            (3, 8000, "03-09 23:30", "shipped", [(T, t[0], 4, 8000)]),
            (2, 2000, "03-09 10:00", "completed", [(C, c[1], 6, 2000)]),
            (4, 4000, "03-04 00:10", "completed", [(P, p[1], 1, 4000)]),
            (5, 6000, "03-03 23:50", "completed", [(T, t[1], 3, 6000)]),
            (6, 3000, "02-01 12:00", "completed", [(T, t[2], 9, 3000)]),
            (8, 5000, None, "pending_payment", [(T, t[3], 5, 5000)]),
            (2, 7000, "02-20 10:00", "picking", [(P, p[0], 2, 7000)]),
        ]
        n = [
            add_order(tx, who, fen, f"2026-{paid}" if paid else None, status, lines, UNPAID)
            for who, fen, paid, status, lines in rows
        ]
        orders.record_refund(tx, n[2], "sandbox", f"{n[2]}01", 1000, "due")
        orders.record_refund(tx, n[6], "sandbox", f"{n[6]}01", 6000, "due")
        orders.record_refund(tx, n[6], "sandbox", f"{n[6]}01", 6000, "refunded")
    return {"numbers": n, "T": T, "P": P, "C": C, "t": t, "p": p, "c": c}
