"""The cart priced through the one pipeline (mercato.pricing): who buys (members: tier, group,
points), what runs now (promotions), the coupon chosen or the best one, points to redeem and
the shipping fee. The cart page, the checkout page, the API and order placement all call
`offer`, so what the shopper sees is what the order charges. Statements: one each for the
member (with their tier's discount), the active promotions, the group's price list (when in
a group) and the usable coupons (at checkout), whatever the number of lines, promotions or
coupons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from mercato.checkout.domain import CartLineView
from mercato.members import public as members
from mercato.platform.i18n import gettext_ as _
from mercato.platform.tx import AnyTx
from mercato.pricing import public as pricing
from mercato.promotions import public as promotions

AUTO = -1  # coupon: the best of the buyer's usable coupons
NONE = 0  # coupon: none
ALL_POINTS = -1  # points: as many as the order may take
MAX_TRIED = 30  # coupons tried for the best one (the soonest to expire first)
RULES = pricing.Rules(point_value_fen=1, points_max_share_bp=5000)  # 100 points = ¥1, ≤ 50%


# Why a chosen coupon did not apply (pricing's codes), in the shopper's words (msgids).
COUPON_ERRORS = {
    "coupon.min_spend": "The order does not reach this coupon's minimum spend",
    "coupon.not_eligible": "This coupon does not cover the items of this order",
    "coupon.expired": "This coupon has expired",
    "coupon.not_started": "This coupon cannot be used yet",
}


def coupon_message(code: str) -> str:
    return COUPON_ERRORS.get(code, "This coupon cannot be used on this order") if code else ""


@dataclass(frozen=True, slots=True)
class Offer:
    priced: pricing.Priced
    buyer: pricing.Buyer
    coupons: tuple[pricing.Coupon, ...] = ()  # the buyer's usable coupons (when asked)
    coupon: pricing.Coupon | None = None  # the one priced in
    priority: bool = False  # the member's tier ships first
    tier_name: str = ""  # the member's tier as the shop names it ("金卡")

    def label(self, a: pricing.Adjustment) -> str:
        """What the shopper reads for an adjustment, in their language: the pipeline's own
        steps are translated, promotions and coupons keep the merchant's names."""
        if a.source.startswith("tier:"):
            return _("Member discount (%(tier)s)") % {"tier": _(self.tier_name or a.source[5:])}
        if a.source == "points":
            return _("Points (%(n)s)") % {"n": f"{self.priced.points_used:,}"}
        if a.label in (pricing.labels.PRICE_LIST, pricing.labels.FREE_SHIPPING):
            return _(a.label)
        return a.label

    @property
    def discounts(self) -> tuple[tuple[str, str, int], ...]:
        """(step, label, fen) per source in step order: what the shopper reads under the
        goods ("满200减20 −¥20"), every line's share of it summed."""
        return pricing.by_source((a.source, a.step, self.label(a), a.amount_fen)
                                 for a in self.priced.adjustments)

    @property
    def line_labels(self) -> dict[int, list[str]]:
        """SKU id → the names of the promotions and prices that changed its line (the
        cart's tags under each item)."""
        out: dict[int, list[str]] = {}
        for a in self.priced.adjustments:
            if a.sku_id is not None and a.step in ("price_list", "tier", "promotion"):
                names, label = out.setdefault(a.sku_id, []), self.label(a)
                if label not in names:
                    names.append(label)
        return out

    @property
    def goods_due_fen(self) -> int:
        return self.priced.goods_fen - self.priced.discount_fen

    @property
    def point_value_fen(self) -> int:
        return RULES.point_value_fen

    @property
    def saved_fen(self) -> int:
        return self.priced.discount_fen + self.priced.shipping_discount_fen

    @property
    def max_points(self) -> int:
        """The most points this order could take (what the points field offers)."""
        left = self.priced.goods_fen - self.priced.discount_fen + self.priced.points_used * (
            RULES.point_value_fen)
        cap = left * RULES.points_max_share_bp // 10_000 // RULES.point_value_fen
        return max(min(self.buyer.points, cap), 0)


def line_of(line: CartLineView) -> pricing.Line:
    return pricing.Line(line.sku_id, line.product_id, line.category_id, line.brand,
                        line.unit_price_fen, line.quantity)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def offer(
    tx: AnyTx,
    lines: Sequence[CartLineView],
    customer_id: int | None,
    *,
    channel: str = "web",
    coupon: int = NONE,
    points: int = 0,
    shipping_fen: int = 0,
    at: datetime | None = None,
    list_coupons: bool = False,
) -> Offer:
    """The sellable `lines` priced for the customer (None: a guest). `coupon`: an issued
    coupon's id, AUTO (the best usable one) or NONE; `points` a number or ALL_POINTS. A
    chosen coupon that is not the customer's, used or out of its window raises the
    promotions context's error.
    `list_coupons`: also return the customer's usable coupons (the checkout's picker)."""
    at = at or now()
    sellable = tuple(line_of(ln) for ln in lines if ln.sellable)
    buyer, priority, tier_name = pricing.Buyer(None, channel=channel), False, ""
    rules = RULES
    if customer_id is not None:
        me = members.loyalty(tx, customer_id)
        buyer = pricing.Buyer(customer_id, me.tier, me.group, me.points, channel)
        priority, tier_name = me.priority_shipping, me.tier_name
        # Only the buyer's own tier matters: its discount comes with the member's row.
        rules = replace(RULES, tier_discount_bp=((me.tier, me.discount_bp),) if me.tier else ())
    if points == ALL_POINTS:
        points = buyer.points
    name, listed = pricing.group_prices(tx, buyer.group, [ln.sku_id for ln in sellable])
    request = pricing.Request(
        sellable, buyer, at, listed, name, promotions.active_promotions(tx, at),
        None, points, shipping_fen, rules)
    usable, chosen = _coupons(tx, request, coupon, list_coupons)
    priced = pricing.price(replace(request, coupon=chosen))
    return Offer(priced, buyer, usable, chosen if priced.coupon_fen else None, priority,
                 tier_name)


def _coupons(
    tx: AnyTx, request: pricing.Request, coupon: int, list_coupons: bool
) -> tuple[tuple[pricing.Coupon, ...], pricing.Coupon | None]:
    """(the buyer's usable coupons if asked or needed, the coupon to price in)."""
    who, at = request.buyer.customer_id, request.now
    if who is None:
        return (), None
    usable: tuple[pricing.Coupon, ...] = ()
    if coupon == AUTO or list_coupons:
        usable = tuple(promotions.usable_coupons(tx, who, at))
    if coupon == AUTO:
        return usable, _best(request, usable)
    return usable, (promotions.coupon_for(tx, who, coupon, at) if coupon != NONE else None)


def _best(request: pricing.Request, usable: Sequence[pricing.Coupon]) -> pricing.Coupon | None:
    """The coupon taking the most off this cart; on a tie the one expiring first."""
    tried = sorted(usable, key=lambda c: (c.ends_at or datetime.max, c.id))[:MAX_TRIED]
    best, most = None, 0
    for c, off in zip(tried, pricing.coupon_offs(request, tried), strict=True):
        if off > most:
            best, most = c, off
    return best
