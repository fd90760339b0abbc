"""The rules of what a promotion, a coupon template and a bundle may say, and the status."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from mercato.pricing import public as pricing
from mercato.promotions import domain

NOW = datetime(2026, 12, 7, 12, 0)
OK = domain.PromotionData("满200减20", pricing.SPEND_SAVE, starts_at=NOW,
                          tiers=((20000, 2000), (40000, 5000)))


def test_a_good_ladder_passes_and_bad_ones_name_the_field() -> None:
    assert domain.check_promotion(OK) == {}
    for tiers in ((), ((20000, 20000),), ((40000, 5000), (20000, 2000)),
                  ((20000, 2000), (40000, 2000)), ((20000, 0),),
                  tuple((i * 10000, i * 100) for i in range(1, 7))):
        assert set(domain.check_promotion(replace(OK, tiers=tiers))) == {"tiers"}, tiers


def test_windows_percent_and_counts() -> None:
    assert "ends_at" in domain.check_promotion(replace(OK, ends_at=NOW))
    assert "starts_at" in domain.check_promotion(replace(OK, starts_at=None))
    timed = replace(OK, kind=pricing.TIME_DISCOUNT, percent_off_bp=1500)
    assert domain.check_promotion(timed) == {"ends_at": "Enter an end time"}
    timed = replace(timed, ends_at=NOW + timedelta(days=1))
    assert domain.check_promotion(timed) == {}
    for bp in (0, 10_000, -5):
        assert "percent_off_bp" in domain.check_promotion(replace(timed, percent_off_bp=bp))
    xy = replace(OK, kind=pricing.X_FOR_Y, buy=3, pay=2)
    assert domain.check_promotion(xy) == {}
    assert "pay" in domain.check_promotion(replace(xy, pay=3))
    assert "buy" in domain.check_promotion(replace(xy, buy=1))
    nth = replace(OK, kind=pricing.NTH_DISCOUNT, nth=1, percent_off_bp=5000)
    assert set(domain.check_promotion(nth)) == {"nth"}
    assert "kind" in domain.check_promotion(replace(OK, kind="bogus"))
    assert "name" in domain.check_promotion(replace(OK, name="  "))
    assert "priority" in domain.check_promotion(replace(OK, priority=5000))


def test_scope_checks() -> None:
    bad = [pricing.Scope(products=frozenset({0})), pricing.Scope(brands=frozenset({"Bad Slug"})),
           pricing.Scope(tiers=frozenset({"platinum"})),
           pricing.Scope(channels=frozenset({"fax"}))]
    for scope in bad:
        assert domain.check_promotion(replace(OK, scope=scope)) != {}, scope
    good = pricing.Scope(products=frozenset({1}), brands=frozenset({"muji"}),
                         tiers=frozenset({"", "gold"}), channels=frozenset({"app"}))
    assert domain.check_promotion(replace(OK, scope=good)) == {}


def test_templates() -> None:
    t = domain.TemplateData("满100减10", pricing.AMOUNT_OFF, off_fen=1000, min_spend_fen=10000,
                            valid_days=30)
    assert domain.check_template(t) == {}
    assert "min_spend_fen" in domain.check_template(replace(t, min_spend_fen=1000))
    assert "valid_days" in domain.check_template(replace(t, valid_days=400))
    assert "ends_at" in domain.check_template(replace(t, valid_days=0, starts_at=NOW))
    assert "code" in domain.check_template(replace(t, code="welcome 10"))
    assert domain.check_template(replace(t, code="WELCOME10")) == {}
    pct = replace(t, kind=pricing.PERCENT_OFF, off_fen=0, percent_off_bp=1000, cap_fen=5000)
    assert domain.check_template(pct) == {}
    assert "total_limit" in domain.check_template(replace(t, total_limit=-1))


def test_status_follows_the_flag_and_the_window() -> None:
    later, earlier = NOW + timedelta(hours=1), NOW - timedelta(hours=1)
    assert domain.status(False, earlier, later, NOW) == domain.DRAFT
    assert domain.status(True, later, None, NOW) == domain.SCHEDULED
    assert domain.status(True, earlier, later, NOW) == domain.RUNNING
    assert domain.status(True, None, None, NOW) == domain.RUNNING
    assert domain.status(False, earlier, NOW, NOW) == domain.ENDED  # the end is exclusive


def test_codes_are_long_and_unambiguous() -> None:
    codes = {domain.new_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(c) == 12 and not set(c) & set("01OI") for c in codes)
