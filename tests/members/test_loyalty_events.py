"""Order and after-sales events through members' subscribers (a real Bus): points earned on
completion (delivery excluded, once), taken back in proportion on refunds, redeemed points
given back on cancellation or closing, tiers recomputed with members.tier_changed.v1, the
daily jobs; every event may come twice."""

from __future__ import annotations

from datetime import datetime

from mercato import events
from mercato.members import public as members
from mercato.members.services import order_feed, points, standing
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from tests.members.loyalty_helpers import (
    NOW,
    balance,
    bus,
    buy,
    customers,
    days,
    event,
    ledger,
    lots_match_balance,
    order,
    outbox,
    record,
    refund,
)
from tests.members.loyalty_helpers import standing as row


def test_a_completed_order_earns_its_goods_points_once(db: Database):
    (cid,) = customers(db, 1)
    b = bus()
    p = order("2606150001", cid, 25_999, shipping_fen=1_000)
    b.handle(db, event(events.ORDER_PAID, p, NOW))
    assert balance(db, cid) == 0  # paid is not enough
    done = event(events.ORDER_COMPLETED, p, NOW + days(10))
    b.handle(db, done)
    b.handle(db, done)  # redelivered: the inbox skips it
    with db.transaction() as tx:  # and the use case itself is idempotent
        assert order_feed.on_completed(tx, p, NOW + days(11), 1) == 249
    assert balance(db, cid) == 249  # ¥249.99 of goods; the ¥10 delivery earns nothing
    assert ledger(db, cid) == [("earn", 249, 249, 249)]
    r = record(db, "2606150001")
    assert (r.goods_fen, r.points_earned, r.status) == (24_999, 249, "completed")


def test_points_per_yuan_comes_from_the_settings(db: Database):
    (cid,) = customers(db, 1)
    b = bus(Settings(demo=True, secret_key="k" * 40, jobs=False, points_per_yuan=3))
    buy(db, b, cid, "2606150002", 10_050, NOW, NOW + days(8))
    assert balance(db, cid) == 300


def test_guests_and_strangers_are_skipped(db: Database):
    b = bus()
    for cid in (None, 0, 999_999, "7"):
        b.handle(db, event(events.ORDER_COMPLETED, order("2606150003", cid, 10_000), NOW))  # type: ignore[arg-type]
    with db.reading() as tx:
        assert members.segment(tx, frozenset(), frozenset()) == []


def test_refunds_take_back_what_their_goods_earned(db: Database):
    (cid,) = customers(db, 1)
    b = bus()
    buy(db, b, cid, "N1", 40_000, NOW, NOW + days(10))  # 400 points
    e = refund(db, b, cid, "N1", "N1-A1", 10_000, NOW + days(12))  # a quarter back
    b.handle(db, e)  # twice
    assert balance(db, cid) == 300
    refund(db, b, cid, "N1", "N1-A2", 30_500, NOW + days(13), shipping_fen=500)
    assert balance(db, cid) == 0
    assert [(k, d) for k, d, *_ in ledger(db, cid)] == [
        ("earn", 400), ("reverse", -100), ("reverse", -300)]
    r = record(db, "N1")
    assert (r.refunded_fen, r.points_reversed) == (40_000, 400)


def test_a_refund_of_spent_points_takes_the_balance_to_zero_only(db: Database):
    (cid,) = customers(db, 1)
    b = bus()
    buy(db, b, cid, "N2", 50_000, NOW, NOW + days(10))
    with db.transaction() as tx:
        members.redeem_points(tx, cid, 450, "N3")
    refund(db, b, cid, "N2", "N2-A1", 50_000, NOW + days(12))
    assert balance(db, cid) == 0 and lots_match_balance(db, cid)
    assert ledger(db, cid)[-1] == ("reverse", -50, 0, 0)
    assert record(db, "N2").points_reversed == 500  # owed in full, so never asked again


def test_a_refund_before_completion_lowers_what_the_order_earns(db: Database):
    (cid,) = customers(db, 1)
    b = bus()
    buy(db, b, cid, "N4", 30_000, NOW)
    refund(db, b, cid, "N4", "N4-A1", 10_000, NOW + days(3))
    assert balance(db, cid) == 0  # nothing earned yet, nothing taken
    b.handle(db, event(events.ORDER_COMPLETED, order("N4", cid, 30_000), NOW + days(10)))
    assert balance(db, cid) == 200


def test_cancelled_and_closed_orders_give_redeemed_points_back(db: Database):
    (cid,) = customers(db, 1)
    b = bus()
    with db.transaction() as tx:
        points.credit(tx, cid, 500, "adjust", "", "welcome", NOW)
        members.redeem_points(tx, cid, 200, "C1")
        members.redeem_points(tx, cid, 100, "C2")
    cancelled = event(events.ORDER_CANCELLED, order("C1", cid, 5_000, points_used=200), NOW)
    b.handle(db, cancelled)
    b.handle(db, cancelled)
    assert balance(db, cid) == 400
    b.handle(db, event(events.ORDER_PAID, order("C2", cid, 5_000, points_used=100), NOW))
    b.handle(db, event(events.ORDER_CLOSED, order("C2", cid, 5_000), NOW + days(1)))
    assert balance(db, cid) == 500 and lots_match_balance(db, cid)
    assert record(db, "C2").status == "closed"
    assert row(db, cid).purchases == 0  # a closed order is no purchase


def test_tiers_follow_completed_spend_and_announce_changes(db: Database):
    (cid,) = customers(db, 1)
    b = bus()
    buy(db, b, cid, "T1", 60_000, NOW, NOW + days(8))
    assert row(db, cid).tier == "silver"
    for i, at in enumerate((NOW + days(20), NOW + days(30))):
        buy(db, b, cid, f"T{i + 2}", 150_000, at, at + days(8))
    assert row(db, cid).tier == "gold"
    refund(db, b, cid, "T3", "T3-A1", 150_000, NOW + days(50))  # all of T3's goods back
    assert row(db, cid).tier == "silver"
    assert outbox(db, events.MEMBER_TIER_CHANGED) == [
        {"customer_id": cid, "old": "", "new": "silver"},
        {"customer_id": cid, "old": "silver", "new": "gold"},
        {"customer_id": cid, "old": "gold", "new": "silver"}]
    with db.reading() as tx:
        assert members.loyalty(tx, cid).tier == "silver"


def test_the_daily_job_recomputes_everyone_and_scores_rfm(db: Database):
    ids = customers(db, 6)
    b = bus()
    for i, cid in enumerate(ids[:5]):
        for k in range(i + 1):  # customer i buys i + 1 times, later ones more recently
            at = NOW - days(300 - 40 * i - k)
            buy(db, b, cid, f"R{i}{k}", 20_000 * (i + 1), at, at + days(7))
    later = NOW + days(400)  # a year on: nothing in the last 365 days any more
    assert standing.recompute_all(db, NOW, chunk=2) == 0  # tiers set by the events already
    assert [row(db, c).r_score for c in ids[:5]] == [1, 2, 3, 4, 5]
    assert [row(db, c).f_score for c in ids[:5]] == [1, 2, 3, 4, 5]
    with db.reading() as tx:  # never bought: no loyalty row, a prospect all the same
        assert members.segment(tx, frozenset(), frozenset({"prospect"})) == [ids[5]]
    assert row(db, ids[4]).tier == "gold"
    assert standing.recompute_all(db, later) >= 1
    assert {row(db, c).tier for c in ids[:5]} == {""}
    assert {row(db, c).tag for c in ids[:5]} <= {"churned", "dormant"}
    assert outbox(db, events.MEMBER_TIER_CHANGED)[-1]["new"] == ""


def test_the_jobs_are_registered(db: Database):
    b = bus()
    assert {"members.recompute_standing", "members.expire_points"} <= set(b.jobs)
    (cid,) = customers(db, 1)
    with db.transaction() as tx:
        points.credit(tx, cid, 10, "earn", "X", "", datetime(2020, 1, 1))
    b.run_job(db, "members.expire_points")
    b.run_job(db, "members.recompute_standing")
    assert balance(db, cid) == 0 and ledger(db, cid)[-1][0] == "expire"
