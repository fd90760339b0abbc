"""Points an order redeemed come back with its refunds (issue 16: refunds unwind every
discount): each after-sales refund gives back the points that paid for its share of the
goods, counted cumulatively, so refunding everything gives back exactly what was redeemed;
a later close gives back only the rest, never twice."""

from __future__ import annotations

from mercato import events
from mercato.members import public as members
from mercato.platform.db import Database
from tests.members.loyalty_helpers import NOW, balance, bus, customers, days, event, order, refund


def _order_with_points(db: Database, cid: int, used: int) -> None:
    with db.transaction() as tx:
        members.earn_points(tx, cid, 5000, "earn", "gift", "test")
        members.redeem_points(tx, cid, used, "O-1")


def test_refunds_give_redeemed_points_back_in_share(db: Database) -> None:
    (cid,) = customers(db, 1)
    _order_with_points(db, cid, 999)
    b = bus()
    b.handle(db, event(events.ORDER_PAID, order("O-1", cid, 30_000, points_used=999), NOW))
    assert balance(db, cid) == 4001
    refund(db, b, cid, "O-1", "O-1-A1", 10_000, NOW + days(1))  # a third of the goods
    assert balance(db, cid) == 4001 + 333
    refund(db, b, cid, "O-1", "O-1-A1", 10_000, NOW + days(1))  # the same refund again
    assert balance(db, cid) == 4001 + 333
    refund(db, b, cid, "O-1", "O-1-A2", 20_000, NOW + days(2))  # the rest
    assert balance(db, cid) == 5000
    b.handle(db, event(events.ORDER_CLOSED, order("O-1", cid, 30_000), NOW + days(3)))
    assert balance(db, cid) == 5000  # nothing left to give back


def test_a_close_after_a_partial_refund_gives_back_the_rest(db: Database) -> None:
    (cid,) = customers(db, 1)
    _order_with_points(db, cid, 1000)
    b = bus()
    b.handle(db, event(events.ORDER_PAID, order("O-1", cid, 40_000, points_used=1000), NOW))
    refund(db, b, cid, "O-1", "O-1-A1", 10_000, NOW + days(1))
    assert balance(db, cid) == 4000 + 250
    b.handle(db, event(events.ORDER_CLOSED, order("O-1", cid, 40_000), NOW + days(2)))
    assert balance(db, cid) == 5000
