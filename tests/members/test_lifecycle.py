"""Life-cycle tags from a member's order history as time passes (events, then the daily
job at later dates), and segments of them for coupon targeting."""

from __future__ import annotations

from mercato import events
from mercato.members import public as members
from mercato.members.services import standing
from mercato.platform.db import Database
from tests.members.loyalty_helpers import NOW, bus, buy, customers, days, event, order
from tests.members.loyalty_helpers import standing as row


def test_a_member_moves_through_the_life_cycle(db: Database) -> None:
    (cid,) = customers(db, 1)
    b = bus()
    buy(db, b, cid, "LC1", 9_900, NOW, NOW + days(8))
    assert row(db, cid).tag == "new"
    standing.recompute_all(db, NOW + days(45))
    assert row(db, cid).tag == "active"
    buy(db, b, cid, "LC2", 9_900, NOW + days(60), NOW + days(68))
    assert row(db, cid).tag == "repeat"
    standing.recompute_all(db, NOW + days(60 + 91))
    assert row(db, cid).tag == "dormant"
    standing.recompute_all(db, NOW + days(60 + 366))
    assert row(db, cid).tag == "churned"
    assert row(db, cid).purchases == 2 and row(db, cid).spend_fen_total == 19_800


def test_tags_target_segments(db: Database) -> None:
    fresh, lapsed, never = customers(db, 3)
    b = bus()
    buy(db, b, fresh, "S1", 9_900, NOW, NOW + days(8))
    buy(db, b, lapsed, "S2", 9_900, NOW - days(200), NOW - days(190))
    standing.recompute_all(db, NOW + days(10))
    with db.reading() as tx:
        assert members.segment(tx, frozenset(), frozenset({"new"})) == [fresh]
        assert members.segment(tx, frozenset(), frozenset({"dormant"})) == [lapsed]
        assert members.segment(tx, frozenset(), frozenset({"prospect"})) == [never]


def test_a_paid_but_closed_order_is_no_purchase(db: Database) -> None:
    (cid,) = customers(db, 1)
    b = bus()
    b.handle(db, event(events.ORDER_PAID, order("X1", cid, 5_000), NOW))
    assert row(db, cid).tag == "new"
    b.handle(db, event(events.ORDER_CLOSED, order("X1", cid, 5_000), NOW + days(1)))
    assert row(db, cid).tag == "prospect" and row(db, cid).purchases == 0
