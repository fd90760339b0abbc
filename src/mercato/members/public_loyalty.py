"""Members' loyalty as other contexts use it, re-exported by members.public (import it from
there): the member's standing at checkout in one statement, tier discounts and benefits,
race-free redemption of points, giving them back, credits from group buys and stores,
birthdays for the gift job, and segments by tier and life-cycle tag for coupon targeting."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from mercato.kernel.errors import DomainError, NotFound
from mercato.members import domain_loyalty
from mercato.members.adapters import loyalty_repository
from mercato.members.adapters.loyalty_tables import Loyalty as LoyaltyRow
from mercato.members.adapters.loyalty_tables import Tier as TierRow
from mercato.members.adapters.tables import Customer as CustomerRow
from mercato.members.services import clock as members_clock
from mercato.members.services import points as points_service
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

__all__ = [
    "Loyalty",
    "TierBenefit",
    "birthdays_on",
    "earn_points",
    "loyalty",
    "redeem_points",
    "return_points",
    "segment",
    "tier_benefits",
    "tier_discounts",
]


@dataclass(frozen=True, slots=True)
class Loyalty:
    """A member's standing at checkout: tier code ('' = none) and its name, the customer
    group whose price list applies ('' = public prices), the points balance, whether their
    parcels go first (priority shipping) and their tier's discount in basis points."""

    tier: str
    tier_name: str
    group: str
    points: int
    priority_shipping: bool
    discount_bp: int


@dataclass(frozen=True, slots=True)
class TierBenefit:
    """A tier as shown to shoppers: what it takes (both thresholds, over the last 365 days
    of completed orders) and what it gives."""

    code: str
    name: str
    rank: int
    min_spend_fen: int
    min_orders: int
    discount_bp: int
    priority_shipping: bool
    birthday_gift: bool


_LOYALTY = Prepared(
    select(
        CustomerRow.group,
        LoyaltyRow.tier,
        LoyaltyRow.points,
        TierRow.name,
        TierRow.discount_bp,
        TierRow.priority_shipping,
    )
    .select_from(CustomerRow)
    .outerjoin(LoyaltyRow, LoyaltyRow.customer_id == CustomerRow.id)
    .outerjoin(TierRow, TierRow.code == LoyaltyRow.tier)
    .where(CustomerRow.id == bindparam("id"))
)


def loyalty(tx: AnyTx, customer_id: int) -> Loyalty:
    """The member's tier, group, points and tier benefits, in ONE statement; NotFound
    (members.customer_not_found) for no such customer. A customer with no loyalty history
    yet has no tier and 0 points."""
    row = run(tx, _LOYALTY, {"id": customer_id}).first()
    if row is None:
        raise NotFound("members.customer_not_found", "No such customer")
    group, tier, balance, name, discount, priority = row
    known = bool(tier) and name is not None
    return Loyalty(tier if known else "", name if known else "", group or "", int(balance or 0),
                   bool(priority) if known else False, int(discount or 0) if known else 0)


def tier_discounts(tx: AnyTx) -> tuple[tuple[str, int], ...]:
    """(tier code, discount in basis points) of every tier, lowest tier first; one
    statement. Empty before the shop's tiers exist (then nobody holds a tier either)."""
    stmt = select(TierRow.code, TierRow.discount_bp).order_by(TierRow.rank)
    return tuple((str(c), int(d)) for c, d in loyalty_repository.ex(tx, stmt).all())


def tier_benefits(tx: AnyTx) -> tuple[TierBenefit, ...]:
    """Every tier with its thresholds and benefits, lowest first (the defaults until the
    shop's tiers are written)."""
    rules = loyalty_repository.tier_rules(tx) or list(domain_loyalty.DEFAULT_TIERS)
    return tuple(TierBenefit(t.code, t.name, t.rank, t.min_spend_fen, t.min_orders,
                             t.discount_bp, t.priority_shipping, t.birthday_gift) for t in rules)


def redeem_points(tx: AnyTx, customer_id: int, points: int, order_number: str) -> None:
    """Spend `points` on order `order_number` at placing. Race-free: the balance is lowered
    by one conditional UPDATE (WHERE points >= n), then the lots soonest to expire are used
    and a ledger row written; two redemptions at once can never overdraw. Raises
    DomainError members.invalid_points (points <= 0 or not an int), members.points_insufficient
    (field "points": not enough points, or no points at all) and Conflict
    members.points_already_redeemed (this order redeemed already). Nothing is written when
    it raises; the caller's transaction must roll back on any error."""
    points_service.redeem(tx, customer_id, points, order_number, members_clock.now())


def return_points(tx: AnyTx, customer_id: int, order_number: str, reason: str) -> int:
    """Give back what `order_number` redeemed (as a fresh lot); the points given back, 0
    when it redeemed nothing or they were given back already (idempotent)."""
    return points_service.give_back(tx, customer_id, order_number, reason[:200],
                                    members_clock.now())


def earn_points(tx: AnyTx, customer_id: int, points: int, kind: str, ref: str,
                reason: str) -> int:
    """Credit points from elsewhere: kind 'cashback' (group buys), 'offline' (a store's
    sale) or 'earn'; `ref` (1-40 characters) names the source and makes it idempotent per
    (customer, kind, ref): a repeat credits nothing. The points credited (0 for a repeat).
    They expire like points earned now. NotFound for no such customer, DomainError
    members.invalid_points / members.invalid_kind / members.invalid_ref for bad input."""
    domain_loyalty.check_points(points)
    if kind not in domain_loyalty.EXTERNAL_EARN:
        raise DomainError("members.invalid_kind", "Unknown kind of points", "kind")
    if not ref or len(ref) > 40:
        raise DomainError("members.invalid_ref", "A reference of 1 to 40 characters is needed",
                          "ref")
    found = loyalty_repository.ex(tx, select(CustomerRow.id).where(CustomerRow.id == customer_id))
    if found.first() is None:
        raise NotFound("members.customer_not_found", "No such customer")
    return points_service.credit(tx, customer_id, points, kind, ref, reason[:200],
                                 members_clock.now())


def birthdays_on(tx: AnyTx, month: int, day: int, year: int | None = None) -> list[tuple[int, str]]:
    """(customer id, tier code or '') of active members born on that month and day, by
    customer id. With `year` not a leap year, February 28 also brings those born on
    February 29."""
    days = [month * 100 + day]
    if year is not None and (month, day) == (2, 28) and not calendar.isleap(year):
        days.append(229)
    stmt = (select(LoyaltyRow.customer_id, LoyaltyRow.tier)
            .join(CustomerRow, CustomerRow.id == LoyaltyRow.customer_id)
            .where(LoyaltyRow.birth_md.in_(days), CustomerRow.active.is_(True))
            .order_by(LoyaltyRow.customer_id))
    return [(int(c), str(t)) for c, t in loyalty_repository.ex(tx, stmt).all()]


def segment(tx: AnyTx, tiers: frozenset[str], tags: frozenset[str]) -> list[int]:
    """Ids of active customers in any of `tiers` ('' = no tier) and any of `tags` (the
    life-cycle tags: prospect, new, active, repeat, dormant, churned); an empty set means
    any. Customers with no loyalty row yet count as tier '' and tag 'prospect'."""
    tier = func.coalesce(LoyaltyRow.tier, "")
    tag = func.coalesce(LoyaltyRow.tag, domain_loyalty.PROSPECT)
    stmt = (select(CustomerRow.id)
            .outerjoin(LoyaltyRow, LoyaltyRow.customer_id == CustomerRow.id)
            .where(CustomerRow.active.is_(True)).order_by(CustomerRow.id))
    if tiers:
        stmt = stmt.where(tier.in_(sorted(tiers)))
    if tags:
        stmt = stmt.where(tag.in_(sorted(tags)))
    return [int(r[0]) for r in loyalty_repository.ex(tx, stmt).all()]
