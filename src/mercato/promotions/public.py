"""What other contexts may ask of promotions. Functions take the caller's transaction first
(a Session or, on the money path, a Core transaction where marked AnyTx) and write nothing
outside it. Times are naive UTC. Checkout and orders: `active_promotions` and the coupon the
buyer chose (`coupon_for`, `usable_coupons`) go into pricing.Request; the order's write then
calls `use_coupon` and `record_promotions`; cancelling an unpaid order, `release_order`
(also done on orders' cancelled/closed events)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.platform.clock import utcnow
from mercato.platform.tx import AnyTx
from mercato.pricing import public as pricing
from mercato.promotions.services import cashback as _cashback
from mercato.promotions.services import checkout, issuing, reports, views
from mercato.promotions.services.cashback import Given
from mercato.promotions.services.views import CouponPage, CouponView

__all__ = [
    "CouponPage",
    "CouponView",
    "Given",
    "active_promotions",
    "applied_promotions",
    "cashback",
    "claim_code",
    "count_uses",
    "coupon_for",
    "coupon_views",
    "issuable_templates",
    "issue",
    "order_paid",
    "record_promotions",
    "release_order",
    "usable_coupons",
    "use_coupon",
]


def active_promotions(tx: AnyTx, now: datetime) -> tuple[pricing.Promotion, ...]:
    """Every enabled promotion whose window contains `now` (one statement, whatever their
    number), for pricing.Request.promotions; the pipeline itself checks buyer and scope."""
    return checkout.active_promotions(tx, now)


def usable_coupons(tx: AnyTx, customer_id: int, now: datetime) -> list[pricing.Coupon]:
    """The customer's coupons usable at `now` (available, in their window), soonest to
    lapse first: the checkout's picker. One statement."""
    return checkout.usable_coupons(tx, customer_id, now)


def coupon_for(tx: AnyTx, customer_id: int, coupon_id: int, now: datetime) -> pricing.Coupon:
    """The coupon the buyer chose, checked to be theirs and usable now. NotFound
    promotions.coupon_not_found (unknown and someone else's alike); Conflict
    promotions.coupon_used, promotions.coupon_expired (also withdrawn by the shop),
    promotions.coupon_not_started; field "coupon_id". One statement."""
    return checkout.coupon_for(tx, customer_id, coupon_id, now)


def use_coupon(tx: AnyTx, coupon_id: int, customer_id: int, order_number: str,
               discount_fen: int, goods_fen: int, total_fen: int) -> None:
    """Inside the order's write: mark the coupon used by this order (one conditional UPDATE:
    of two concurrent orders one wins, the other gets Conflict promotions.coupon_used), count
    it on its template and record the redemption (discount_fen: what it took off;
    goods_fen, total_fen: the order's goods and total). The template's used count follows
    after the commit (count_uses). Errors as coupon_for."""
    checkout.use_coupon(tx, coupon_id, customer_id, order_number, discount_fen, goods_fen,
                        total_fen)


def record_promotions(tx: AnyTx, order_number: str, customer_id: int,
                      applied: Iterable[tuple[int, int]], goods_fen: int,
                      total_fen: int) -> None:
    """Inside the order's write: the automatic promotions the order got, as (promotion id,
    discount in fen) — see applied_promotions — one executemany."""
    checkout.record_promotions(tx, order_number, customer_id, applied, goods_fen, total_fen)


def applied_promotions(priced: pricing.Priced) -> list[tuple[int, int]]:
    """(promotion id, fen taken off goods and shipping) of a priced cart, for
    record_promotions."""
    out: dict[int, int] = {}
    for a in priced.adjustments:
        kind, _, ref = a.source.partition(":")
        if kind == "promotion" and ref.isdigit():
            out[int(ref)] = out.get(int(ref), 0) + a.amount_fen
    return sorted(out.items())


def count_uses(tx: AnyTx, order_number: str) -> None:
    """After an order was placed (its subscriber): the used counts of the templates whose
    coupon it used, recounted from the coupons. Idempotent."""
    checkout.count_uses(tx, order_number)


def release_order(tx: AnyTx, order_number: str) -> int:
    """The order was cancelled or closed: its coupon goes back to the customer (expired if
    its window has passed), its redemptions stop counting. Idempotent; returns the coupons
    given back."""
    return checkout.release_order(tx, order_number)


def order_paid(tx: AnyTx, order_number: str) -> None:
    """The order was paid: its redemptions count as revenue touched. Idempotent."""
    checkout.order_paid(tx, order_number)


def claim_code(tx: Session, customer_id: int, code: str) -> CouponView:
    """A customer enters a public code (WELCOME10, any case): a coupon of that template for
    them. NotFound promotions.code_unknown; Conflict promotions.code_expired,
    promotions.code_exhausted (total limit reached), promotions.code_limit (this customer's
    limit reached); field "code". Safe under concurrent claims."""
    return issuing.claim_code(tx, customer_id, code)


def issue(tx: Session, template_id: int, customer_ids: Iterable[int], source: str,
          source_ref: str) -> int:
    """Issue a template's coupon to each customer (one INSERT for all); returns how many.
    source: manual, segment, code, birthday, referral, cashback or tier; with source_ref it
    makes the issue idempotent (the same call twice issues once). Limits: total_limit (first
    customers by id), per_customer_limit (for manual, segment and code). NotFound
    promotions.template_not_found; Conflict promotions.template_disabled / template_ended."""
    return issuing.issue(tx, template_id, customer_ids, source, source_ref)


def issuable_templates(tx: Session, now: datetime | None = None) -> list[tuple[int, str]]:
    """(id, name) of the staff's coupon templates that `issue` would accept now (switched
    on, validity not ended; the shop's own, such as cashback's, left out), newest first: for
    other contexts' "issue a coupon" forms. One statement."""
    at = now or utcnow()
    return [(t.id, t.name) for t in reports.all_templates(tx)
            if t.enabled and t.purpose is None and issuing.window(t, at) is not None]


def cashback(tx: Session, customer_id: int, amount_fen: int, how: str, ref: str, *,
             fen_per_point: int = 1, valid_days: int = 30) -> Given:
    """The group-buy hook: give `amount_fen` back as points (how="points": amount_fen //
    fen_per_point points through members.public.earn_points) or as a coupon worth it
    (how="coupon": valid `valid_days` days, no minimum spend). Once per ref: called again
    with the same ref it gives nothing and answers what was given; a ref reused for another
    customer, amount or how is Conflict promotions.cashback_ref_reused."""
    return _cashback.cashback(tx, customer_id, amount_fen, how, ref,
                              fen_per_point=fen_per_point, valid_days=valid_days)


def coupon_views(tx: Session, customer_id: int, status: str = "available", page: int = 1,
                 now: datetime | None = None) -> CouponPage:
    """"My coupons": status available, used or expired (withdrawn and lapsed ones included),
    20 a page; two statements."""
    return views.coupon_views(tx, customer_id, status, page, now or utcnow())
