"""The points ledger through members.public and its services: redeeming more than held, or
nonsense, is a clear error that writes nothing; lots are used soonest-expiry first and
expiry takes only what is left; give-backs and credits are idempotent; staff adjustments;
loyalty() in one statement; tier discounts, birthdays and segments."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text, update

from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.members import public as members
from mercato.members.adapters.loyalty_tables import Loyalty, PointsEntry
from mercato.members.services import points, profile, standing
from mercato.platform.db import Database
from tests.members.loyalty_helpers import NOW, balance, customers, days, ledger, lots_match_balance
from tests.storefront.helpers import count_queries


def _credit(db: Database, cid: int, n: int, ref: str, at: datetime = NOW) -> int:
    with db.transaction() as tx:
        return points.credit(tx, cid, n, "earn", ref, f"order {ref}", at)


def _redeem(db: Database, cid: int, n: object, order: str = "O-1") -> None:
    with db.transaction() as tx:
        members.redeem_points(tx, cid, n, order)  # type: ignore[arg-type]


def test_redeeming_more_points_than_held_is_a_clear_error_and_writes_nothing(db: Database):
    (cid,) = customers(db, 1)
    _credit(db, cid, 100, "A")
    with pytest.raises(DomainError) as exc:
        _redeem(db, cid, 101)
    assert (exc.value.code, exc.value.field, exc.value.status) == (
        "members.points_insufficient", "points", 422)
    assert "not have that many points" in exc.value.message
    assert balance(db, cid) == 100 and [k for k, *_ in ledger(db, cid)] == ["earn"]
    _redeem(db, cid, 100)
    assert balance(db, cid) == 0 and ledger(db, cid)[-1] == ("redeem", -100, 0, 0)


@pytest.mark.parametrize("bad", [0, -5, True, 2.5, "10"])
def test_redeeming_nonsense_is_refused(db: Database, bad: object):
    (cid,) = customers(db, 1)
    _credit(db, cid, 100, "A")
    with pytest.raises(DomainError) as exc:
        _redeem(db, cid, bad)
    assert exc.value.code == "members.invalid_points"
    assert balance(db, cid) == 100


def test_a_customer_without_points_cannot_redeem_and_one_order_redeems_once(db: Database):
    a, b = customers(db, 2)
    with pytest.raises(DomainError, match="not have that many"):
        _redeem(db, a, 1)  # no loyalty row at all
    _credit(db, b, 500, "A")
    _redeem(db, b, 100, "O-9")
    with pytest.raises(Conflict) as exc:
        _redeem(db, b, 100, "O-9")
    assert exc.value.code == "members.points_already_redeemed"
    with pytest.raises(DomainError) as exc2:
        _redeem(db, b, 10, "")
    assert exc2.value.code == "members.invalid_order"
    assert balance(db, b) == 400


def test_redemption_uses_the_lots_soonest_to_expire_first(db: Database):
    (cid,) = customers(db, 1)
    _credit(db, cid, 50, "late", datetime(2026, 3, 1))  # expires 2028-01-01
    _credit(db, cid, 30, "early", datetime(2025, 3, 1))  # expires 2027-01-01
    _redeem(db, cid, 40)
    assert [(k, d, left) for k, d, _b, left in ledger(db, cid)] == [
        ("earn", 50, 40), ("earn", 30, 0), ("redeem", -40, 0)]
    assert lots_match_balance(db, cid)


def test_expiry_takes_only_what_is_left_of_lapsed_lots(db: Database):
    (cid,) = customers(db, 1)
    _credit(db, cid, 100, "old", datetime(2025, 5, 1))  # lapses 2027-01-01 (Shanghai)
    _credit(db, cid, 70, "new", datetime(2026, 5, 1))
    _redeem(db, cid, 60)  # from the old lot: 40 of it left
    before = datetime(2026, 12, 31, 15, 59)  # 23:59 on December 31 in Shanghai
    assert points.expire_all(db, before) == 0
    assert points.expire_all(db, datetime(2026, 12, 31, 16, 0)) == 40
    assert ledger(db, cid)[-1] == ("expire", -40, 70, 0)
    assert points.expire_all(db, datetime(2027, 6, 1)) == 0  # nothing twice
    assert balance(db, cid) == 70 and lots_match_balance(db, cid)


def test_returning_redeemed_points_is_idempotent(db: Database):
    (cid,) = customers(db, 1)
    _credit(db, cid, 100, "A")
    _redeem(db, cid, 80, "O-5")
    with db.transaction() as tx:
        assert members.return_points(tx, cid, "O-5", "order cancelled") == 80
    with db.transaction() as tx:
        assert members.return_points(tx, cid, "O-5", "order cancelled") == 0
        assert members.return_points(tx, cid, "O-404", "never redeemed") == 0
    assert balance(db, cid) == 100 and ledger(db, cid)[-1][:3] == ("return", 80, 100)
    assert lots_match_balance(db, cid)


def test_taking_back_never_goes_below_zero_and_notes_the_rest(db: Database):
    (cid,) = customers(db, 1)
    _credit(db, cid, 100, "O-1")
    _redeem(db, cid, 90, "O-2")
    with db.transaction() as tx:
        assert points.take_back(tx, cid, 60, "O-1", "O-1-A1", NOW) == 10
    assert balance(db, cid) == 0
    with db.reading() as tx:
        note = tx.query(PointsEntry.reason).filter(PointsEntry.kind == "reverse").scalar()
    assert "50 points already spent" in note


def test_earn_points_from_other_contexts(db: Database):
    (cid,) = customers(db, 1)
    with db.transaction() as tx:
        assert members.earn_points(tx, cid, 30, "cashback", "GB-7", "group buy GB-7") == 30
        assert members.earn_points(tx, cid, 30, "cashback", "GB-7", "again") == 0
        assert members.earn_points(tx, cid, 5, "offline", "STORE1-0001", "store sale") == 5
    assert balance(db, cid) == 35
    bad = [(cid, 0, "cashback", "x", "members.invalid_points"),
           (cid, 5, "adjust", "x", "members.invalid_kind"),
           (cid, 5, "offline", "", "members.invalid_ref"),
           (cid, 5, "offline", "x" * 41, "members.invalid_ref")]
    for who, n, kind, ref, code in bad:
        with pytest.raises(DomainError) as exc, db.transaction() as tx:
            members.earn_points(tx, who, n, kind, ref, "")
        assert exc.value.code == code
    with pytest.raises(NotFound), db.transaction() as tx:
        members.earn_points(tx, 999_999, 5, "offline", "x", "")


def test_staff_adjustments_need_a_reason_and_cannot_overdraw(db: Database):
    (cid,) = customers(db, 1)
    with db.transaction() as tx:
        assert points.adjust(tx, cid, 50, "goodwill: late parcel", "cs@example.com", NOW) == 50
    with pytest.raises(DomainError) as exc, db.transaction() as tx:
        points.adjust(tx, cid, -51, "typo", "cs@example.com", NOW)
    assert exc.value.code == "members.points_insufficient"
    for delta, reason, code in ((0, "x", "members.invalid_points"),
                                (5, "  ", "members.reason_required"),
                                (True, "x", "members.invalid_points")):
        with pytest.raises(DomainError) as exc, db.transaction() as tx:
            points.adjust(tx, cid, delta, reason, "cs@example.com", NOW)
        assert exc.value.code == code
    with db.transaction() as tx:
        assert points.adjust(tx, cid, -20, "typo", "cs@example.com", NOW) == 30
    assert [(k, d) for k, d, *_ in ledger(db, cid)] == [("adjust", 50), ("adjust", -20)]


def test_the_database_refuses_a_negative_balance_whatever_the_caller(db: Database):
    (cid,) = customers(db, 1)
    _credit(db, cid, 10, "A")
    with pytest.raises(Exception), db.transaction() as tx:  # noqa: B017 (the CHECK)
        tx.execute(update(Loyalty).where(Loyalty.customer_id == cid).values(points=-1))


def test_loyalty_is_one_statement(db: Database):
    a, b = customers(db, 2)
    _credit(db, a, 1234, "A")
    with db.transaction() as tx:
        standing.tier_rules(tx)  # the default tiers
        tx.execute(update(Loyalty).where(Loyalty.customer_id == a).values(tier="diamond"))
        profile.set_group(tx, a, "vip")
    with db.transaction() as tx:
        tx.execute(text("SELECT 1"))  # the transaction has begun
        with count_queries(db) as seen:
            got = members.loyalty(tx, a)
        assert len(seen) == 1, seen
        assert got == members.Loyalty("diamond", "Diamond", "vip", 1234, True, 500)
        assert members.loyalty(tx, b) == members.Loyalty("", "", "", 0, False, 0)
        with pytest.raises(NotFound):
            members.loyalty(tx, 999_999)
        with count_queries(db) as seen:
            discounts = members.tier_discounts(tx)
        assert len(seen) == 1
        assert discounts == (("silver", 0), ("gold", 200), ("diamond", 500))
        assert [t.code for t in members.tier_benefits(tx)] == ["silver", "gold", "diamond"]


def test_tier_benefits_before_any_tier_is_written(db: Database):
    with db.reading() as tx:
        assert members.tier_discounts(tx) == ()
        assert [(t.code, t.discount_bp, t.priority_shipping)
                for t in members.tier_benefits(tx)] == [
            ("silver", 0, False), ("gold", 200, False), ("diamond", 500, True)]


def test_birthdays_on_a_day_and_leap_day_births(db: Database):
    a, b, c, d = customers(db, 4)
    with db.transaction() as tx:
        profile.set_birthday(tx, a, date(1990, 6, 15), date(2026, 6, 15))
        profile.set_birthday(tx, b, date(1988, 2, 29), date(2026, 6, 15))
        profile.set_birthday(tx, c, date(2000, 2, 28), date(2026, 6, 15))
        tx.execute(update(Loyalty).where(Loyalty.customer_id == a).values(tier="gold"))
        profile.set_birthday(tx, d, date(1970, 6, 15), date(2026, 6, 15))
        tx.execute(text("UPDATE members_customer SET active = false WHERE id = :d"), {"d": d})
    with db.reading() as tx:
        assert members.birthdays_on(tx, 6, 15) == [(a, "gold")]  # d is disabled
        assert members.birthdays_on(tx, 2, 28) == [(c, "")]
        assert members.birthdays_on(tx, 2, 28, year=2027) == [(b, ""), (c, "")]
        assert members.birthdays_on(tx, 2, 28, year=2028) == [(c, "")]  # leap: 29th comes
        assert members.birthdays_on(tx, 2, 29) == [(b, "")]


def test_a_birthday_is_set_once_by_the_customer(db: Database):
    (cid,) = customers(db, 1)
    today = date(2026, 6, 15)
    with db.transaction() as tx:
        profile.set_birthday(tx, cid, date(1990, 1, 2), today)
    with pytest.raises(Conflict) as exc, db.transaction() as tx:
        profile.set_birthday(tx, cid, date(1991, 1, 2), today)
    assert exc.value.code == "members.birthday_set"
    with db.transaction() as tx:  # customer service corrects it
        profile.set_birthday(tx, cid, date(1991, 1, 2), today, staff=True)
    with db.reading() as tx:
        assert members.birthdays_on(tx, 1, 2) == [(cid, "")]


def test_segments_by_tier_and_tag(db: Database):
    a, b, c = customers(db, 3)
    with db.transaction() as tx:
        for cid, tier, tag in ((a, "gold", "repeat"), (b, "", "dormant")):
            points.credit(tx, cid, 1, "earn", f"r{cid}", "", NOW)  # makes the row
            tx.execute(update(Loyalty).where(Loyalty.customer_id == cid)
                       .values(tier=tier, tag=tag))
    with db.reading() as tx:
        assert members.segment(tx, frozenset(), frozenset()) == [a, b, c]
        assert members.segment(tx, frozenset({"gold"}), frozenset()) == [a]
        assert members.segment(tx, frozenset({""}), frozenset()) == [b, c]
        assert members.segment(tx, frozenset(), frozenset({"prospect"})) == [c]  # no row yet
        assert members.segment(tx, frozenset({"gold"}), frozenset({"dormant"})) == []
        assert members.segment(tx, frozenset(), frozenset({"dormant", "repeat"})) == [a, b]


def test_expiry_job_moves_on_in_batches(db: Database):
    ids = customers(db, 5)
    for cid in ids:
        _credit(db, cid, 10, "A", datetime(2024, 5, 1))
    assert points.expire_all(db, NOW + days(1), batch=2) == 50
    assert all(balance(db, cid) == 0 and lots_match_balance(db, cid) for cid in ids)
