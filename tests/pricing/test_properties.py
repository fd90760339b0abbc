"""Properties of the pipeline over random carts with every kind of promotion, a coupon, points
and shipping: the money adds up, every step stays within what it measured, steps see only
the work of earlier steps, and the result depends on nothing but the request."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mercato.pricing.domain import pipeline
from mercato.pricing.public import (
    COUPON_ERRORS,
    COUPON_NOT_ELIGIBLE,
    EXCLUSIVE,
    FREE_SHIPPING,
    PERCENT_OFF,
    SPEND_SAVE,
    STEPS,
    TIME_DISCOUNT,
    Coupon,
    Priced,
    Promotion,
    Request,
    price,
)
from tests.pricing.strategies import requests

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BP = 10_000
BEFORE_COUPON = ("price_list", "tier", "promotion")


def _left_after(req: Request, priced: Priced, steps: tuple[str, ...]) -> int:
    """Σ line amounts once `steps` have run, read back from the result."""
    taken = sum(a.amount_fen for a in priced.adjustments if a.step in steps)
    return sum(line.unit_price_fen * line.quantity for line in req.lines) - taken


@MANY
@given(requests)
def test_the_money_adds_up(req: Request) -> None:
    priced = price(req)
    by_line: dict[int, int] = defaultdict(int)
    for a in priced.adjustments:
        assert a.amount_fen > 0 and a.step in STEPS
        assert (a.sku_id is None) == (a.step == "shipping")
        by_line[a.sku_id or 0] += a.amount_fen
    assert [p.sku_id for p in priced.lines] == [line.sku_id for line in req.lines]
    for p in priced.lines:
        assert p.list_total_fen == p.list_unit_fen * p.quantity
        assert p.discount_fen == by_line[p.sku_id]
        assert p.paid_fen == p.list_total_fen - p.discount_fen >= 0
    assert priced.discount_fen == sum(p.discount_fen for p in priced.lines)
    assert priced.shipping_fen == req.shipping_fen
    assert priced.shipping_discount_fen == by_line[0] in (0, req.shipping_fen)
    shipping_paid = priced.shipping_fen - priced.shipping_discount_fen
    # a refund of every line plus the shipping paid is exactly what the shopper paid
    assert sum(p.paid_fen for p in priced.lines) + shipping_paid == priced.total_fen >= 0
    order = [STEPS.index(a.step) for a in priced.adjustments]
    assert order == sorted(order)


@MANY
@given(requests)
def test_each_step_stays_within_what_it_measured(req: Request) -> None:
    priced = price(req)
    promos = {f"promotion:{p.id}": p for p in req.promotions}
    left = {line.sku_id: line.unit_price_fen * line.quantity for line in req.lines}
    for a in priced.adjustments:
        if a.sku_id is None:
            continue
        assert a.amount_fen <= left[a.sku_id]
        p = promos.get(a.source)
        if p is not None and p.kind == TIME_DISCOUNT:
            assert a.amount_fen == left[a.sku_id] * min(p.percent_off_bp, BP) // BP
        left[a.sku_id] -= a.amount_fen
    for source, p in promos.items():
        taken = sum(a.amount_fen for a in priced.adjustments if a.source == source)
        if p.kind == SPEND_SAVE:
            assert taken <= max((off for _, off in p.tiers), default=0)
    _check_coupon(req, priced)
    _check_points(req, priced)


def _check_coupon(req: Request, priced: Priced) -> None:
    taken = sum(a.amount_fen for a in priced.adjustments if a.step == "coupon")
    assert priced.coupon_fen == taken
    if req.coupon is None:
        assert priced.coupon_error == ""
        return
    if priced.coupon_error:
        assert priced.coupon_error in COUPON_ERRORS and taken == 0
    assert taken <= _left_after(req, priced, BEFORE_COUPON)
    if req.coupon.kind == PERCENT_OFF:
        bound = _left_after(req, priced, BEFORE_COUPON) * min(req.coupon.percent_off_bp, BP) // BP
        assert taken <= bound and (req.coupon.cap_fen == 0 or taken <= req.coupon.cap_fen)
    else:
        assert taken <= req.coupon.off_fen
    if not req.coupon.with_promotions:
        promoted = {a.sku_id for a in priced.adjustments if a.step == "promotion"}
        assert not promoted & {a.sku_id for a in priced.adjustments if a.step == "coupon"}


def _check_points(req: Request, priced: Priced) -> None:
    money = sum(a.amount_fen for a in priced.adjustments if a.step == "points")
    assert money == priced.points_used * req.rules.point_value_fen
    assert priced.points_used <= min(req.points, req.buyer.points)
    if req.buyer.customer_id is None:
        assert priced.points_used == 0
    share = min(req.rules.points_max_share_bp, BP)
    assert money <= _left_after(req, priced, (*BEFORE_COUPON, "coupon")) * share // BP


@MANY
@given(requests)
def test_an_exclusive_promotion_is_alone_on_its_lines(req: Request) -> None:
    priced = price(req)
    exclusive = {f"promotion:{p.id}" for p in req.promotions if p.stacking == EXCLUSIVE}
    sources: dict[int | None, set[str]] = defaultdict(set)
    for a in priced.adjustments:
        if a.step == "promotion":
            sources[a.sku_id].add(a.source)
    for found in sources.values():
        assert not (found & exclusive) or len(found) == 1


@MANY
@given(requests, st.randoms(use_true_random=False))
def test_the_result_depends_only_on_the_request(req: Request, rnd: random.Random) -> None:
    shuffled = list(req.promotions)
    rnd.shuffle(shuffled)
    assert price(req) == price(replace(req, promotions=tuple(shuffled))) == price(req)


@MANY
@given(requests)
def test_price_is_its_steps_run_in_order(req: Request) -> None:
    state = pipeline.start(req)
    assert [name for name, _ in pipeline.RUNNERS] == list(STEPS)
    for name, run in pipeline.RUNNERS:
        made = len(state.adjustments)
        run(state)
        assert all(a.step == name for a in state.adjustments[made:])
    assert state.result() == price(req)


@MANY
@given(requests)
def test_earlier_steps_never_see_later_ones(req: Request) -> None:
    full = price(req)
    bare = price(replace(req, coupon=None, points=0, shipping_fen=0))
    no_points = price(replace(req, points=0, shipping_fen=0))

    def upto(priced: Priced, steps: tuple[str, ...]) -> list[object]:
        return [a for a in priced.adjustments if a.step in steps]

    assert upto(full, BEFORE_COUPON) == upto(bare, BEFORE_COUPON)
    assert upto(full, (*BEFORE_COUPON, "coupon")) == upto(no_points, (*BEFORE_COUPON, "coupon"))


@MANY
@given(requests, st.integers(1, BP))
def test_a_percent_coupon_is_computed_on_post_promotion_amounts(req: Request, bp: int) -> None:
    req = replace(req, buyer=replace(req.buyer, customer_id=1),
                  coupon=Coupon(1, "P", "全场9折", PERCENT_OFF, percent_off_bp=bp))
    priced = price(req)
    base = _left_after(req, priced, BEFORE_COUPON)
    if base > 0:
        assert (priced.coupon_fen, priced.coupon_error) == (base * bp // BP, "")
    else:
        assert (priced.coupon_fen, priced.coupon_error) == (0, COUPON_NOT_ELIGIBLE)


@MANY
@given(requests, st.integers(1, 20), st.integers(0, BP))
def test_points_are_computed_on_post_coupon_amounts(req: Request, value: int, share: int) -> None:
    req = replace(req, buyer=replace(req.buyer, customer_id=1, points=10**9), points=10**9,
                  rules=replace(req.rules, point_value_fen=value, points_max_share_bp=share))
    priced = price(req)
    left = _left_after(req, priced, (*BEFORE_COUPON, "coupon"))
    assert priced.points_used == left * share // BP // value


@MANY
@given(requests, st.integers(0, 60_000), st.integers(1, 2000))
def test_free_shipping_is_measured_after_promotions(req: Request, over: int, fee: int) -> None:
    others = tuple(p for p in req.promotions if p.kind != FREE_SHIPPING)
    free = Promotion(999, "包邮", FREE_SHIPPING, over_fen=over)
    req = replace(req, promotions=(*others, free), shipping_fen=fee)
    priced = price(req)
    reached = bool(req.lines) and _left_after(req, priced, BEFORE_COUPON) >= over
    assert priced.shipping_discount_fen == (fee if reached else 0)
    hinted = any(h.source == "promotion:999" for h in priced.hints)
    assert hinted == (bool(req.lines) and not reached)


@MANY
@given(requests)
def test_hints_point_forward(req: Request) -> None:
    for hint in price(req).hints:
        assert hint.more_fen > 0 and hint.save_fen > 0
    assert len({h.source for h in price(req).hints}) == len(price(req).hints)
