"""The pricing pipeline's inputs and outputs. Money is integer fen; rates are basis points
(10,000 bp = 100%). Everything here is immutable and free of I/O so that the pipeline can be
property-tested and its result stored as the order's explanation.

The steps, in this order (STEPS): list price → the price list of the buyer's group → the
member tier's discount → automatic promotions (item-level kinds first, then spend-X-save-Y)
→ one coupon → points → shipping (free-shipping promotions). Each step records Adjustments;
every goods adjustment names its line, so an order line knows exactly what was taken off it
and a refund of the line gives back line total − its adjustments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

STEPS = ("price_list", "tier", "promotion", "coupon", "points", "shipping")

# Promotion kinds. Item-level kinds change each covered line on its own; spend_save is
# measured on the covered lines together; free_shipping takes the shipping fee off.
TIME_DISCOUNT = "time_discount"  # percent_off_bp off each covered unit while it runs
X_FOR_Y = "x_for_y"  # buy x, pay for y: per x units of a covered line, x−y of them free
NTH_DISCOUNT = "nth_discount"  # every n-th covered unit of a line at percent_off_bp off
SPEND_SAVE = "spend_save"  # 满减: the best tier (threshold_fen, off_fen) reached
FREE_SHIPPING = "free_shipping"  # shipping free when the covered goods reach over_fen
ITEM_KINDS = (TIME_DISCOUNT, X_FOR_Y, NTH_DISCOUNT)
KINDS = (*ITEM_KINDS, SPEND_SAVE, FREE_SHIPPING)

# Stacking of automatic promotions (Promotion.stacking):
STACK = "stack"  # combines with any other promotion on the same line
EXCLUSIVE = "exclusive"  # a line it applies to takes no other promotion, and it skips
#                          lines another promotion already changed

# Coupon kinds.
AMOUNT_OFF = "amount"  # off_fen off the covered goods (满 min_spend_fen 减 off_fen)
PERCENT_OFF = "percent"  # percent_off_bp off the covered goods, at most cap_fen (0: no cap)

# Why a chosen coupon did not apply (Priced.coupon_error): stable codes the web layer translates.
COUPON_NOT_STARTED = "coupon.not_started"
COUPON_EXPIRED = "coupon.expired"
COUPON_NOT_ELIGIBLE = "coupon.not_eligible"  # guest, tier/channel, or no covered line
COUPON_MIN_SPEND = "coupon.min_spend"  # the covered goods are below min_spend_fen
COUPON_ERRORS = (COUPON_NOT_STARTED, COUPON_EXPIRED, COUPON_NOT_ELIGIBLE, COUPON_MIN_SPEND)


@dataclass(frozen=True, slots=True)
class Line:
    """A cart line as the catalogue prices it now."""

    sku_id: int
    product_id: int
    category_id: int | None
    brand: str  # the brand's slug ("" none)
    unit_price_fen: int  # the list price
    quantity: int


@dataclass(frozen=True, slots=True)
class Buyer:
    customer_id: int | None  # None: a guest (no tier, no points, no coupons)
    tier: str = ""  # "", "silver", "gold", "diamond" (members.domain names them)
    group: str = ""  # the customer group whose price list applies ("" none)
    points: int = 0  # points held
    channel: str = "web"  # web, app, mini (the storefront that asks)


@dataclass(frozen=True, slots=True)
class Scope:
    """What a promotion or coupon covers; an empty set means no restriction on that axis.
    A line is covered when its product, category and brand pass; the buyer when their tier
    and channel pass."""

    products: frozenset[int] = frozenset()
    categories: frozenset[int] = frozenset()
    brands: frozenset[str] = frozenset()
    tiers: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    exclude_products: frozenset[int] = frozenset()

    def covers(self, line: Line) -> bool:
        return (
            line.product_id not in self.exclude_products
            and (not self.products or line.product_id in self.products)
            and (not self.categories or line.category_id in self.categories)
            and (not self.brands or line.brand in self.brands)
        )

    def admits(self, buyer: Buyer) -> bool:
        return (not self.tiers or buyer.tier in self.tiers) and (
            not self.channels or buyer.channel in self.channels
        )


@dataclass(frozen=True, slots=True)
class Promotion:
    id: int
    name: str  # shown to the shopper as the discount's label
    kind: str  # one of KINDS
    scope: Scope = field(default_factory=Scope)
    starts_at: datetime | None = None  # naive UTC; None: no bound
    ends_at: datetime | None = None  # exclusive
    priority: int = 0  # higher first; ties by id
    stacking: str = STACK
    percent_off_bp: int = 0  # TIME_DISCOUNT, NTH_DISCOUNT
    buy: int = 0  # X_FOR_Y: x (buy)
    pay: int = 0  # X_FOR_Y: y (pay for)
    nth: int = 0  # NTH_DISCOUNT: n
    tiers: tuple[tuple[int, int], ...] = ()  # SPEND_SAVE: (threshold_fen, off_fen) ascending
    over_fen: int = 0  # FREE_SHIPPING


@dataclass(frozen=True, slots=True)
class Coupon:
    """An issued coupon the buyer chose, already checked to be theirs and unused."""

    id: int  # the issued coupon's id
    code: str
    name: str
    kind: str  # AMOUNT_OFF or PERCENT_OFF
    off_fen: int = 0
    percent_off_bp: int = 0
    cap_fen: int = 0
    min_spend_fen: int = 0  # measured on the covered goods after promotions
    scope: Scope = field(default_factory=Scope)
    with_promotions: bool = True  # False: lines a promotion changed are not covered
    starts_at: datetime | None = None
    ends_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Rules:
    """The shop's settings the pipeline follows."""

    tier_discount_bp: tuple[tuple[str, int], ...] = ()  # (tier, percent off in bp)
    point_value_fen: int = 1  # what one point is worth
    points_max_share_bp: int = 5000  # points pay at most this share of the goods left


@dataclass(frozen=True, slots=True)
class Request:
    lines: tuple[Line, ...]
    buyer: Buyer
    now: datetime  # naive UTC: promotions and coupons outside their window are ignored
    price_list: tuple[tuple[int, int], ...] = ()  # (sku_id, unit price) of the buyer's group
    price_list_name: str = ""
    promotions: tuple[Promotion, ...] = ()
    coupon: Coupon | None = None
    points: int = 0  # points the buyer wants to redeem (0: none)
    shipping_fen: int = 0  # the chosen method's fee
    rules: Rules = field(default_factory=Rules)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One thing a step did: `amount_fen` taken off (> 0). `sku_id` None only for shipping."""

    step: str  # one of STEPS
    source: str  # "price_list", "tier:gold", "promotion:12", "coupon:34", "points"
    label: str  # what the shopper reads ("满200减20", "金卡会员 95折", "优惠券 …")
    amount_fen: int
    sku_id: int | None = None


@dataclass(frozen=True, slots=True)
class PricedLine:
    sku_id: int
    quantity: int
    list_unit_fen: int
    list_total_fen: int  # list price × quantity
    discount_fen: int  # every adjustment of this line, the price list's included
    paid_fen: int  # list_total_fen − discount_fen (≥ 0): what a refund of the line returns


@dataclass(frozen=True, slots=True)
class Hint:
    """A promotion the cart is close to: "再买 ¥38 减 ¥20"."""

    source: str
    label: str
    more_fen: int  # goods still to add
    save_fen: int  # what it would then take off


@dataclass(frozen=True, slots=True)
class Priced:
    lines: tuple[PricedLine, ...]  # in the request's order
    adjustments: tuple[Adjustment, ...]  # in step order
    goods_fen: int  # Σ list totals
    discount_fen: int  # Σ goods adjustments (price list included)
    shipping_fen: int  # the fee before free shipping
    shipping_discount_fen: int
    points_used: int
    coupon_fen: int  # what the coupon took off (0: none or it did not apply)
    coupon_error: str = ""  # why the chosen coupon did not apply ("" it did / none chosen)
    hints: tuple[Hint, ...] = ()

    @property
    def total_fen(self) -> int:
        return self.goods_fen - self.discount_fen + self.shipping_fen - self.shipping_discount_fen
