"""price(request) → Priced: the one pipeline carts, checkout, the API and the admin preview
price by. Pure: no I/O, no clock (request.now), the same request always gives the same result.

The rules, step by step (STEPS order; each step sees only the amounts the earlier steps left):
1. price_list: a line whose sku_id is in request.price_list costs that unit price when it is
   lower than the list price (a price list never raises a price); adjustment
   (list − group unit) × quantity, label request.price_list_name or labels.PRICE_LIST.
2. tier: a customer (not a guest) whose tier has a rate in rules.tier_discount_bp gets
   floor(line amount × bp / 10,000) off each line: the discount is rounded down, per line, so
   the shop never gives more than the stated rate. Source "tier:<tier>", labels.TIER.
3. promotion: automatic promotions, see promotions.py (window, buyer, priority, kinds,
   stacking, rounding, hints).
4. coupon: the chosen coupon, see coupons.py (eligibility, min spend, error codes).
5. points: when request.points > 0 and the buyer is a customer:
   usable = min(request.points, buyer.points,
                floor(goods left × points_max_share_bp / 10,000 / point_value_fen));
   usable × point_value_fen is spread over the lines with money left by largest remainder;
   Priced.points_used = usable. Source "points", labels.POINTS.
6. shipping: the fee and free-shipping promotions, see shipping.py.

Money: integer fen. Rates are clamped to 0..10,000 bp. Every discount rounds down; a sum spread
over lines (spend-save, coupon, points) uses largest remainder (allocate.py), so the shares
add up exactly. Hence every line's paid_fen = list total − its adjustments ≥ 0, and refunding
every line gives back Σ paid_fen = total_fen − (shipping fee − shipping discount): a refund of
every line plus the shipping paid is exactly what the shopper paid. Adjustments come in step
order, within a step in the order the step made them.

Preconditions (ValueError otherwise): quantities ≥ 1; prices, fees and points ≥ 0; one line
per sku_id (adjustments name lines by SKU); promotion ids distinct."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from mercato.pricing.domain import candidates, labels
from mercato.pricing.domain.allocate import allocate
from mercato.pricing.domain.coupons import apply_coupon
from mercato.pricing.domain.model import Coupon, Priced, Request
from mercato.pricing.domain.promotions import apply_promotions
from mercato.pricing.domain.shipping import apply_shipping
from mercato.pricing.domain.state import BP, State, clamp_bp


def apply_price_list(state: State) -> None:
    prices = dict(state.request.price_list)
    label = labels.price_list_label(state.request.price_list_name)
    for i, line in enumerate(state.request.lines):
        group_unit = prices.get(line.sku_id)
        if group_unit is not None and group_unit < line.unit_price_fen:
            off = (line.unit_price_fen - group_unit) * line.quantity
            state.take("price_list", "price_list", label, i, off)


def apply_tier(state: State) -> None:
    buyer = state.request.buyer
    if buyer.customer_id is None or not buyer.tier:
        return
    bp = clamp_bp(dict(state.request.rules.tier_discount_bp).get(buyer.tier, 0))
    label = labels.tier_label(buyer.tier)
    for i in range(len(state.amounts)):
        state.take("tier", f"tier:{buyer.tier}", label, i, state.amounts[i] * bp // BP)


def usable_points(state: State) -> int:
    """The points the buyer may redeem now (see rule 5)."""
    request = state.request
    value = request.rules.point_value_fen
    if request.points <= 0 or request.buyer.customer_id is None or value <= 0:
        return 0
    cap_fen = sum(state.amounts) * clamp_bp(request.rules.points_max_share_bp) // BP
    return max(0, min(request.points, request.buyer.points, cap_fen // value))


def apply_points(state: State) -> None:
    points = usable_points(state)
    if points <= 0:
        return
    shares = allocate(points * state.request.rules.point_value_fen, state.amounts)
    label = labels.points_label(points)
    for i, share in enumerate(shares):
        state.take("points", "points", label, i, share)
    state.points_used = points


# The steps in STEPS order; tests run them one by one to prove price() is exactly this.
RUNNERS: tuple[tuple[str, Callable[[State], None]], ...] = (
    ("price_list", apply_price_list),
    ("tier", apply_tier),
    ("promotion", apply_promotions),
    ("coupon", apply_coupon),
    ("points", apply_points),
    ("shipping", apply_shipping),
)


def check(request: Request) -> None:
    """Refuse requests the rules do not cover (ValueError)."""
    lines = request.lines
    if any(line.quantity < 1 or line.unit_price_fen < 0 for line in lines):
        raise ValueError("a line needs a quantity ≥ 1 and a price ≥ 0")
    if len({line.sku_id for line in lines}) != len(lines):
        raise ValueError("one line per SKU: merge lines of the same SKU before pricing")
    if any(unit < 0 for _, unit in request.price_list):
        raise ValueError("price list prices must be ≥ 0")
    if request.points < 0 or request.shipping_fen < 0:
        raise ValueError("points and the shipping fee must be ≥ 0")
    if len({p.id for p in request.promotions}) != len(request.promotions):
        raise ValueError("promotion ids must be distinct")


def start(request: Request) -> State:
    """A fresh state: the request checked, its running promotions chosen and ordered once."""
    check(request)
    run, ix = candidates.prepared(request.promotions, request.buyer, request.now)
    return State.start(request, candidates.for_cart(run, ix, request.lines))


def price(request: Request) -> Priced:
    """Price a cart: run every step of RUNNERS in order and return the lines, the
    adjustments that explain them, the totals, the coupon's fate and the hints."""
    state = start(request)
    for _, run in RUNNERS:
        run(state)
    return state.result()


def coupon_offs(request: Request, coupons: Sequence[Coupon]) -> list[int]:
    """What each coupon would take off this cart (0: it would not apply), exactly as
    price(replace(request, coupon=c)).coupon_fen: the steps before the coupon run once, then
    the coupon step alone per coupon (the checkout's choice of the best coupon)."""
    base = start(replace(request, coupon=None))
    for name, run in RUNNERS:
        if name == "coupon":
            break
        run(base)
    offs = []
    for c in coupons:
        trial = State(replace(request, coupon=c), base.promotions, list(base.amounts),
                      touched=base.touched, locked=base.locked, _covered=base._covered,
                      _in_cart=base._in_cart)
        apply_coupon(trial)
        offs.append(trial.coupon_fen)
    return offs
