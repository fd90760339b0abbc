"""Loyalty rules: tiers from rolling spend and order count, progress to the next tier,
life-cycle tags, RFM quintile scores, how many points an order earns and when points expire,
FIFO use of point lots, staff inputs (birthday, group, amounts). Pure: no I/O. (Invite codes
and referral abuse: domain_referral.) Choices stated once, here:
- A tier is reached when BOTH its thresholds are met: completed orders' spend (net of
  refunds, delivery excluded) and their number, over the last 365 days. The highest tier
  reached is the member's; below the first tier a member has none ("").
- Points: `per_yuan` points per whole ¥1 of goods kept (total less delivery, less refunds),
  earned when the order completes. Points earned in year Y expire at the end of year Y+1
  (shop time): they lapse at the first moment of January 1 of Y+2.
- A purchase (for tags and RFM) is an order paid and not closed whose goods were not all
  given back; recency is the last purchase's payment time."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from mercato.kernel.errors import DomainError

TIER_CODES = ("silver", "gold", "diamond")
MAX_DISCOUNT_BP = 5000
# Life-cycle tags, in the order the admin shows them.
PROSPECT, NEW, ACTIVE, REPEAT, DORMANT, CHURNED = (
    "prospect", "new", "active", "repeat", "dormant", "churned")
TAGS = (PROSPECT, NEW, ACTIVE, REPEAT, DORMANT, CHURNED)
NEW_DAYS, ACTIVE_DAYS, CHURN_DAYS = 30, 90, 365

# Ledger kinds. Positive: earn (an order), cashback (group buys), offline (a store),
# return (redeemed points given back), adjust (staff, either sign). Negative: redeem,
# reverse (a refund takes back what its goods earned), expire.
EARN, REDEEM, RETURN, REVERSE, EXPIRE, ADJUST, CASHBACK, OFFLINE = (
    "earn", "redeem", "return", "reverse", "expire", "adjust", "cashback", "offline")
KINDS = (EARN, REDEEM, RETURN, REVERSE, EXPIRE, ADJUST, CASHBACK, OFFLINE)
# What other contexts may give through members.public.earn_points.
EXTERNAL_EARN = (EARN, CASHBACK, OFFLINE)
MAX_POINTS = 100_000_000  # one movement; far above any order, far below BIGINT



@dataclass(frozen=True, slots=True)
class TierRule:
    code: str
    name: str
    rank: int
    min_spend_fen: int
    min_orders: int
    discount_bp: int
    priority_shipping: bool
    birthday_gift: bool


# What a new shop starts with (the migration writes the same rows).
DEFAULT_TIERS = (
    TierRule("silver", "Silver", 1, 50_000, 1, 0, False, True),
    TierRule("gold", "Gold", 2, 300_000, 3, 200, False, True),
    TierRule("diamond", "Diamond", 3, 1_000_000, 8, 500, True, True),
)


def tier_for(spend_fen: int, orders: int, tiers: Sequence[TierRule]) -> TierRule | None:
    """The highest tier whose spend and order thresholds are both met, else None."""
    reached = [t for t in tiers if spend_fen >= t.min_spend_fen and orders >= t.min_orders]
    return max(reached, key=lambda t: t.rank) if reached else None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a member stands: the tier held, the next one, what is missing to reach it, and
    the share of the way from the current tier's thresholds to the next's (0-100: the
    slower of spend and orders)."""

    current: TierRule | None
    next: TierRule | None
    spend_fen: int
    orders: int
    spend_missing_fen: int
    orders_missing: int
    percent: int


def _share(have: int, low: int, high: int) -> int:
    if high <= low:
        return 100
    return max(0, min(100, (have - low) * 100 // (high - low)))


def progress(spend_fen: int, orders: int, tiers: Sequence[TierRule]) -> Progress:
    ordered = sorted(tiers, key=lambda t: t.rank)
    current = tier_for(spend_fen, orders, ordered)
    above = [t for t in ordered if current is None or t.rank > current.rank]
    nxt = above[0] if above else None
    if nxt is None:
        return Progress(current, None, spend_fen, orders, 0, 0, 100)
    low_spend = current.min_spend_fen if current else 0
    low_orders = current.min_orders if current else 0
    percent = min(_share(spend_fen, low_spend, nxt.min_spend_fen),
                  _share(orders, low_orders, nxt.min_orders))
    return Progress(current, nxt, spend_fen, orders, max(0, nxt.min_spend_fen - spend_fen),
                    max(0, nxt.min_orders - orders), percent)


def check_tiers(tiers: Sequence[TierRule]) -> None:
    """Staff edits: each tier asks at least as much as the one below, in both thresholds,
    and more in one of them (else the lower tier could never be held); discounts 0-50%."""
    ordered = sorted(tiers, key=lambda t: t.rank)
    for t in ordered:
        if t.min_spend_fen < 0 or t.min_orders < 0:
            raise DomainError("members.invalid_threshold", "Thresholds cannot be negative",
                              f"{t.code}.min_spend")
        if not 0 <= t.discount_bp <= MAX_DISCOUNT_BP:
            raise DomainError("members.invalid_discount", "A tier discount is 0 to 50%",
                              f"{t.code}.discount")
        if not t.name.strip() or len(t.name) > 40:
            raise DomainError("members.invalid_tier_name", "A tier name has 1 to 40 characters",
                              f"{t.code}.name")
    for low, high in itertools.pairwise(ordered):
        harder = (high.min_spend_fen, high.min_orders) != (low.min_spend_fen, low.min_orders)
        if (high.min_spend_fen < low.min_spend_fen or high.min_orders < low.min_orders
                or not harder):
            raise DomainError("members.tier_order",
                              "A higher tier must ask for more than the tier below it",
                              f"{high.code}.min_spend")


def lifecycle_tag(purchases: int, purchases_365: int, first_at: datetime | None,
                  last_at: datetime | None, now: datetime) -> str:
    """prospect: never bought. churned: nothing for over a year. dormant: nothing for over
    90 days. new: first purchase within 30 days. repeat: two or more purchases this past
    year. active: one purchase within 90 days, the first over 30 days ago."""
    if purchases <= 0 or last_at is None or first_at is None:
        return PROSPECT
    since_last = (now - last_at).days
    if since_last > CHURN_DAYS:
        return CHURNED
    if since_last > ACTIVE_DAYS:
        return DORMANT
    if (now - first_at).days <= NEW_DAYS:
        return NEW
    return REPEAT if purchases_365 >= 2 else ACTIVE


@dataclass(frozen=True, slots=True)
class Buyer:
    customer_id: int
    recency_days: int
    frequency: int
    monetary_fen: int


def _score(sorted_values: Sequence[int], value: int) -> int:
    """1-5 by quintile: the share of buyers strictly below this value, in fifths."""
    if not sorted_values:
        return 0
    below = bisect.bisect_left(sorted_values, value)
    return min(5, 1 + 5 * below // len(sorted_values))


@dataclass(frozen=True, slots=True)
class RfmScale:
    """Every buyer's recency (negated: higher is better), frequency and spend, sorted: the
    yardstick a buyer is scored against (made once a day over all buyers)."""

    recency: tuple[int, ...]
    frequency: tuple[int, ...]
    money: tuple[int, ...]

    def score(self, b: Buyer) -> tuple[int, int, int]:
        """Recency, frequency and monetary scores 1-5 (5 best); 0 without a yardstick."""
        return (_score(self.recency, -b.recency_days), _score(self.frequency, b.frequency),
                _score(self.money, b.monetary_fen))


def rfm_scale(buyers: Sequence[Buyer]) -> RfmScale:
    return RfmScale(tuple(sorted(-b.recency_days for b in buyers)),
                    tuple(sorted(b.frequency for b in buyers)),
                    tuple(sorted(b.monetary_fen for b in buyers)))


def rfm_scores(buyers: Sequence[Buyer]) -> dict[int, tuple[int, int, int]]:
    """Each buyer's scores against all of them; ties score alike. Recency counts days since
    the last purchase: fewer is better."""
    scale = rfm_scale(buyers)
    return {b.customer_id: scale.score(b) for b in buyers}


def points_for(goods_fen: int, per_yuan: int = 1) -> int:
    """Points for goods kept: per_yuan per whole yuan (fen are dropped, never rounded up)."""
    return max(0, goods_fen) // 100 * max(0, per_yuan)


def expiry_day(earned: date) -> date:
    """The shop-local day at whose first moment points earned on `earned` lapse."""
    return date(earned.year + 2, 1, 1)


def check_points(points: object, field: str = "points") -> int:
    """A whole, positive number of points (bool is not a number here)."""
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        raise DomainError("members.invalid_points", "Points must be a positive whole number",
                          field)
    if points > MAX_POINTS:
        raise DomainError("members.invalid_points", "That is too many points at once", field)
    return points


def take(lots: Iterable[tuple[int, int]], wanted: int) -> tuple[list[tuple[int, int]], int]:
    """Use `wanted` points from lots (id, remaining) in the order given: the lots changed as
    (id, remaining left) and how many points were taken (less than wanted if they ran out)."""
    changed: list[tuple[int, int]] = []
    taken = 0
    for lot_id, remaining in lots:
        if taken >= wanted:
            break
        used = min(remaining, wanted - taken)
        if used > 0:
            changed.append((lot_id, remaining - used))
            taken += used
    return changed, taken


@dataclass(frozen=True, slots=True)
class Stats:
    """A member's order history as tiers, tags and RFM read it (see the module doc)."""

    purchases: int = 0
    purchases_365: int = 0
    spend_total_fen: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    spend_365_fen: int = 0  # completed orders, for tiers
    orders_365: int = 0

    def buyer(self, customer_id: int, now: datetime) -> Buyer | None:
        if not self.purchases or self.last_at is None:
            return None
        return Buyer(customer_id, max(0, (now - self.last_at).days), self.purchases,
                     self.spend_total_fen)


def standing(stats: Stats, now: datetime, tiers: Sequence[TierRule]) -> tuple[str, str]:
    """(tier code or "", life-cycle tag) for this history."""
    tier = tier_for(stats.spend_365_fen, stats.orders_365, tiers)
    tag = lifecycle_tag(stats.purchases, stats.purchases_365, stats.first_at, stats.last_at,
                        now)
    return (tier.code if tier else "", tag)


def check_birthday(value: date | None, today: date) -> date:
    """A date of birth: a real day, not in the future, not before 1900."""
    if value is None or not date(1900, 1, 1) <= value <= today:
        raise DomainError("members.invalid_birthday", "Enter your real date of birth",
                          "birthday")
    return value


def check_group(value: str) -> str:
    """A customer group's code as staff type it: up to 40 characters, spaces collapsed."""
    group = " ".join((value or "").split())
    if len(group) > 40 or "\x00" in group:
        raise DomainError("members.invalid_group", "A customer group has at most 40 characters",
                          "group")
    return group


_YUAN = re.compile(r"^\d{1,10}(?:\.\d{1,2})?$")
_PERCENT = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")


def parse_yuan(text: str, field: str) -> int:
    """Yuan as staff type them ('3000', '99.5') in fen."""
    raw = (text or "").strip().replace(",", "").replace("¥", "")
    if not _YUAN.match(raw):
        raise DomainError("members.invalid_amount", "Enter an amount in yuan, like 3000 or 99.50",
                          field)
    whole, _dot, cents = raw.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


def parse_percent(text: str, field: str) -> int:
    """A percentage as staff type it ('5', '2.5') in basis points."""
    raw = (text or "").strip().rstrip("%").strip()
    if not _PERCENT.match(raw):
        raise DomainError("members.invalid_discount", "A tier discount is 0 to 50%", field)
    whole, _dot, cents = raw.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])
