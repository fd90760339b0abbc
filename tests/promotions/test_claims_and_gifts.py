"""Public codes (WELCOME10), gift bundles (birthday, referral, tier) and group-buy cashback."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from mercato import events
from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from mercato.promotions import domain, tasks
from mercato.promotions import public as promotions
from mercato.promotions.services import editing, gifts
from tests.promotions.helpers import counts, coupons_of, customers, template


def _claim(db: Database, customer_id: int, code: str) -> promotions.CouponView:
    with db.transaction() as tx:
        return promotions.claim_code(tx, customer_id, code)


def _refused(db: Database, customer_id: int, code: str) -> tuple[str, int]:
    with pytest.raises(DomainError) as exc:
        _claim(db, customer_id, code)
    assert exc.value.field == "code"
    return exc.value.code, exc.value.status


def test_claiming_a_code(db: Database) -> None:
    a, b, c = customers(db, 3)
    t = template(db, code="WELCOME10", total_limit=2, per_customer_limit=1)
    got = _claim(db, a, " welcome10 ")
    assert (got.name, got.status, got.source, got.off_fen) == ("满100减10", "available", "code",
                                                               1000)
    assert _refused(db, a, "WELCOME10") == ("promotions.code_limit", 409)
    assert _refused(db, b, "NOSUCHCODE") == ("promotions.code_unknown", 404)
    assert _refused(db, b, "x") == ("promotions.code_unknown", 404)
    _claim(db, b, "WELCOME10")
    assert _refused(db, c, "WELCOME10") == ("promotions.code_exhausted", 409)
    assert counts(db, t) == (2, 0)
    assert [len(coupons_of(db, x)) for x in (a, b, c)] == [1, 1, 0]


def test_per_customer_limits_above_one_and_switched_off_codes(db: Database) -> None:
    (a,) = customers(db, 1)
    template(db, code="TWICE", per_customer_limit=2)
    _claim(db, a, "TWICE")
    _claim(db, a, "TWICE")
    assert _refused(db, a, "TWICE") == ("promotions.code_limit", 409)
    template(db, code="OFFCODE", enabled=False)
    assert _refused(db, a, "OFFCODE") == ("promotions.code_unknown", 404)
    now = utcnow()
    template(db, code="OVER", valid_days=0, starts_at=now - timedelta(days=9),
             ends_at=now + timedelta(days=1))
    from sqlalchemy import update

    from mercato.promotions.adapters.tables import CouponTemplate

    with db.transaction() as tx:
        tx.execute(update(CouponTemplate).where(CouponTemplate.code == "OVER")
                   .values(ends_at=now - timedelta(days=1)))
    assert _refused(db, a, "OVER") == ("promotions.code_expired", 409)


def _bundle(db: Database, trigger: str, tier: str, *templates: int) -> None:
    with db.transaction() as tx:
        editing.save_bundle(tx, None, "礼包", trigger, tier, templates, True)


def test_the_birthday_job_gives_once_a_year_by_tier(db: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    gold, plain = customers(db, 2)
    cake, extra = template(db, per_customer_limit=1), template(db, per_customer_limit=1)
    _bundle(db, domain.BIRTHDAY, "", cake)
    _bundle(db, domain.BIRTHDAY, "gold", cake, extra)
    asked: list[tuple[int, int, int | None]] = []

    def born(_tx: Any, month: int, day: int, year: int | None = None) -> list[tuple[int, str]]:
        asked.append((month, day, year))
        return [(gold, "gold"), (plain, "")]

    monkeypatch.setattr(gifts.members, "birthdays_on", born)
    today = date(2026, 12, 7)
    with db.transaction() as tx:
        assert gifts.birthdays(tx, today) == 3
    with db.transaction() as tx:
        assert gifts.birthdays(tx, today) == 0  # the job runs again the same day or year
    assert asked[0] == (12, 7, 2026)
    assert sorted(c.template_id for c in coupons_of(db, gold)) == [cake, extra]
    assert [c.template_id for c in coupons_of(db, plain)] == [cake]
    assert {c.source_ref for c in coupons_of(db, gold)} == {"birthday:2026"}
    with db.transaction() as tx:
        assert gifts.birthdays(tx, date(2027, 12, 7)) == 3  # next year's


def _event(name: str, payload: dict[str, Any], n: int) -> Event:
    return Event(f"ev-{n}", name, payload, utcnow())


def test_referral_and_tier_events_give_their_bundles_once(db: Database,
                                                          settings: Settings) -> None:
    referrer, invitee = customers(db, 2)
    for_referrer, for_invitee, for_gold = template(db), template(db), template(db)
    _bundle(db, domain.REFERRER, "", for_referrer)
    _bundle(db, domain.INVITEE, "", for_invitee)
    _bundle(db, domain.TIER_UPGRADE, "gold", for_gold)
    bus = Bus()
    tasks.wire(bus, settings)
    qualified = {"referrer_id": referrer, "invitee_id": invitee, "order_number": "1"}
    bus.handle(db, _event(events.REFERRAL_QUALIFIED, qualified, 1))
    bus.handle(db, _event(events.REFERRAL_QUALIFIED, qualified, 2))  # a second delivery
    bus.handle(db, _event(events.MEMBER_TIER_CHANGED,
                          {"customer_id": invitee, "old": "silver", "new": "gold"}, 3))
    bus.handle(db, _event(events.MEMBER_TIER_CHANGED,
                          {"customer_id": invitee, "old": "gold", "new": "silver"}, 4))
    bus.handle(db, _event(events.MEMBER_TIER_CHANGED,
                          {"customer_id": invitee, "old": "silver", "new": "gold"}, 5))
    assert [c.template_id for c in coupons_of(db, referrer)] == [for_referrer]
    assert [c.template_id for c in coupons_of(db, invitee)] == [for_invitee, for_gold]


def test_cashback_as_a_coupon_once_per_ref(db: Database) -> None:
    (c,) = customers(db, 1)
    with db.transaction() as tx:
        first = promotions.cashback(tx, c, 1234, "coupon", "gb-1")
    with db.transaction() as tx:
        again = promotions.cashback(tx, c, 1234, "coupon", "gb-1")
    assert first == again and first.coupon_id is not None
    (coupon,) = coupons_of(db, c)
    assert (coupon.source, coupon.off_fen, coupon.status) == ("cashback", 1234, "available")
    with db.reading() as tx:
        assert promotions.coupon_for(tx, c, coupon.id, utcnow()).off_fen == 1234
    with db.transaction() as tx, pytest.raises(Conflict) as exc:
        promotions.cashback(tx, c, 999, "coupon", "gb-1")
    assert exc.value.code == "promotions.cashback_ref_reused"
    for bad in ((0, "coupon", "r"), (100, "cash", "r"), (100, "coupon", "")):
        with db.transaction() as tx, pytest.raises(DomainError):
            promotions.cashback(tx, c, *bad)


def test_cashback_as_points_goes_through_members(db: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (c,) = customers(db, 1)
    earned: list[tuple[Any, ...]] = []

    def earn(_tx: Any, *args: Any) -> int:
        earned.append(args)
        return int(args[1])

    from mercato.promotions.services import cashback

    monkeypatch.setattr(cashback.members, "earn_points", earn)
    with db.transaction() as tx:
        given = promotions.cashback(tx, c, 1250, "points", "gb-9", fen_per_point=10)
    with db.transaction() as tx:
        promotions.cashback(tx, c, 1250, "points", "gb-9", fen_per_point=10)
    assert given.points == 125 and given.coupon_id is None
    assert earned == [(c, 125, "cashback", "gb-9", "拼团返现")]


def test_unknown_bundle_template_is_refused(db: Database) -> None:
    with db.transaction() as tx, pytest.raises(editing.Invalid) as exc:
        editing.save_bundle(tx, None, "礼包", domain.BIRTHDAY, "", (424242,), True)
    assert "template_ids" in exc.value.problems
    t = template(db)
    with db.transaction() as tx, pytest.raises(NotFound):
        editing.save_bundle(tx, 999, "礼包", domain.BIRTHDAY, "", (t,), True)


def test_order_events_release_and_pay_and_the_jobs_run(db: Database, settings: Settings,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from mercato.promotions.services import reports

    (c,) = customers(db, 1)
    t = template(db)
    with db.transaction() as tx:
        promotions.issue(tx, t, [c], "manual", "x")
    coupon = coupons_of(db, c)[0]
    with db.transaction() as tx:
        promotions.use_coupon(tx, coupon.id, c, "2612070000000001", 1000, 12000, 11000)
        promotions.record_promotions(tx, "2612070000000002", c, [(5, 2000)], 30000, 28000)
    bus = Bus()
    tasks.wire(bus, settings)
    bus.handle(db, _event(events.ORDER_CANCELLED, {"number": "2612070000000001"}, 1))
    bus.handle(db, _event(events.ORDER_PAID, {"number": "2612070000000002"}, 2))
    assert coupons_of(db, c)[0].status == "available" and counts(db, t) == (1, 0)
    with db.reading() as tx:
        assert reports.promotion_usage(tx, [5])[5].revenue_fen == 28000
    monkeypatch.setattr(gifts.members, "birthdays_on", lambda *_a: [(c, "")])
    _bundle(db, domain.BIRTHDAY, "", t)
    bus.run_job(db, "promotions.birthday_gifts")
    bus.run_job(db, "promotions.birthday_gifts")
    assert [x.source for x in coupons_of(db, c)] == ["manual", "birthday"]
    bus.run_job(db, "promotions.expire_coupons")
