"""The customers figures, for local days [first, last] of the shop's time zone.

A customer is a customer_id on `order_paid` events; an order counts once (by its number) on
the day it was first paid. Refunds (`refunded` events, joined to orders by order number) are
taken off as of the range's end. Nothing after the range's end is seen.

- Life cycle, per period of the grain (its part inside the range: the window [start, end]):
  every customer whose first paid order is on or before `end` is in exactly one state:
  NEW      first paid order within the window;
  REPEAT   paid within the window, first paid before it;
  ACTIVE   not paid within the window, last paid 0–30 days before `end`;
  DORMANT  last paid 31–90 days before `end`;
  CHURNED  last paid more than 90 days before `end`.
  (A window is at most 31 days long, so new and repeat customers also paid within 30 days;
  a whole month's window holds those 30 days, so by month nearly nobody is active.)
- RFM, over the customers who paid within the range: recency = days from their last paid
  order in the range to the range's end; frequency = orders paid in the range; monetary =
  those orders' totals less what was refunded on them (fen). Each is scored 1–5 by quintile
  among those customers: 1 + ⌊5 × (customers strictly worse) ÷ customers⌋ (equal values
  score alike; fewer days is better for recency). A score is high when above the average of
  that score; high/low R, F, M give the eight classic segments (lifecycle.SEGMENTS).
- Cohorts: customers by the month of their first paid order ever, for the months of the
  range; the cell at month offset k holds those who paid in that cohort's month + k (offset 0
  is the whole cohort) and its share of the cohort. Months run up to the range's end.
- Profile: the RFM above (none when the customer did not pay within the range); lifetime
  value = every paid order's total less its refunds, up to the range's end; favourite
  categories = the three with most product views plus adds to cart, ever up to the range's
  end, by the customer or their visitors (tied as the funnel ties them); ties by category id.
  A product comes from the event's product id, else its SKU, else its page's slug.
- Coupons to a segment: its customers (an RFM segment, or a life-cycle state in the last
  period of the curve), issued once per segment and range end (promotions' source_ref
  "analytics:<target>:<end>"), so submitting twice issues once."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from mercato.analytics import domain, lifecycle
from mercato.analytics.adapters import customer_queries as q
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.lifecycle import CohortRow, Rfm
from mercato.catalog import public as catalog
from mercato.kernel.errors import DomainError
from mercato.promotions import public as promotions

TOP_CATEGORIES = 3
TARGETS = tuple(f"rfm:{s}" for s in lifecycle.SEGMENTS.values()) + tuple(
    f"state:{s}" for s in lifecycle.STATES)
_PRODUCT_PAGE = re.compile(r"^/p/([^/]+)$")


@dataclass(frozen=True, slots=True)
class LifecyclePoint:
    period: date  # the period's first day (a week starts on Monday)
    start: date  # the window: the period's days inside the range
    end: date
    new: int
    repeat: int
    active: int
    dormant: int
    churned: int

    @property
    def total(self) -> int:
        return self.new + self.repeat + self.active + self.dormant + self.churned


@dataclass(frozen=True, slots=True)
class Ledger:
    """One customer's paid orders up to the range's end."""
    customer_id: int
    first_paid: date
    last_paid: date
    orders: int
    ltv_fen: int


@dataclass(frozen=True, slots=True)
class Customers:
    rfm: list[Rfm]  # by customer id
    ledgers: dict[int, Ledger]  # the customer asked for (see `customers`), or everyone


@dataclass(frozen=True, slots=True)
class Favourite:
    category_id: int
    name: str
    views: int
    adds: int


@dataclass(frozen=True, slots=True)
class Profile:
    customer_id: int
    rfm: Rfm | None
    ledger: Ledger | None
    favourites: list[Favourite]


def check(first: date, last: date, grain: str = "day") -> None:
    domain.check_range(first, last)
    if grain not in domain.GRAINS:
        raise DomainError("analytics.invalid_grain", "Choose day, week or month", "grain")


def windows(first: date, last: date, grain: str) -> list[tuple[date, date, date]]:
    """(period, start, end) of each period touching the range, cut to the range."""
    starts = domain.periods(first, last, grain)
    ends = [s - timedelta(days=1) for s in starts[1:]] + [last]
    return [(p, max(p, first), min(e, last)) for p, e in zip(starts, ends, strict=True)]


def life_cycle(lake: Lake, first: date, last: date, grain: str = "day") -> list[LifecyclePoint]:
    check(first, last, grain)
    spans = windows(first, last, grain)
    counts = lifecycle.curve(q.lifecycle(lake, first, last, grain), spans)
    return [LifecyclePoint(p, s, e, *(c[k] for k in lifecycle.STATES))
            for (p, s, e), c in zip(spans, counts, strict=True)]


def _ledger(row: tuple[Any, ...]) -> Ledger:
    return Ledger(int(row[0]), row[1], row[2], int(row[6]), int(row[7] or 0))


def customers(lake: Lake, first: date, last: date, profile_of: int = 0,
              everyone: bool = False) -> Customers:
    """The RFM table, and the ledger of customer `profile_of` (of everyone with `everyone`)."""
    check(first, last)
    rows = q.customers(lake, first, last, everyone, profile_of)
    scored = lifecycle.rfm([(int(r[0]), (last - r[3]).days, int(r[4]), int(r[5] or 0))
                            for r in sorted(rows) if r[4]])
    wanted = [r for r in rows if everyone or r[0] == profile_of]
    return Customers(scored, {int(r[0]): _ledger(r) for r in wanted})


def segment_counts(scored: list[Rfm]) -> list[tuple[str, int, float]]:
    """(segment, customers, share of the scored customers) for every segment, in order."""
    found = Counter(r.segment for r in scored)
    return [(s, found[s], domain.rate(found[s], len(scored)))
            for s in lifecycle.SEGMENTS.values()]


def cohorts(lake: Lake, first: date, last: date) -> list[CohortRow]:
    check(first, last)
    months = domain.periods(first, last, "month")
    return lifecycle.cohorts(q.cohorts(lake, months[0], last), months)


def _products(tx: Session, rows: list[tuple[Any, ...]], locale: str) -> list[int | None]:
    """The product of each row: its product id, else its SKU's, else its page's slug's."""
    skus = catalog.sku_snapshots(tx, {r[2] for r in rows if r[1] is None and r[2]}, locale)
    slugs = {r[3]: m.group(1) for r in rows if r[3] and (m := _PRODUCT_PAGE.match(r[3]))}
    by_slug = catalog.product_ids_for_slugs(tx, slugs.values())
    out: list[int | None] = []
    for _name, product, sku, path, _n in rows:
        if product is None and sku in skus:
            product = skus[sku].product_id
        out.append(product if product is not None else by_slug.get(slugs.get(path, "")))
    return out


def favourites(tx: Session, lake: Lake, customer_id: int, last: date,
               locale: str) -> list[Favourite]:
    rows = q.looks(lake, customer_id, last)
    products = _products(tx, rows, locale)
    categories = catalog.product_categories(tx, {p for p in products if p}, locale)
    views: Counter[int] = Counter()
    adds: Counter[int] = Counter()
    names: dict[int, str] = {}
    for row, product in zip(rows, products, strict=True):
        if product in categories:
            category, name = categories[product]
            names[category] = name
            (views if row[0] == domain.PRODUCT_VIEW else adds)[category] += int(row[4])
    top = sorted(names, key=lambda c: (-(views[c] + adds[c]), c))[:TOP_CATEGORIES]
    return [Favourite(c, names[c], views[c], adds[c]) for c in top]


def profile(tx: Session, lake: Lake, found: Customers, customer_id: int, last: date,
            locale: str) -> Profile:
    """Customer `customer_id`'s profile; `found` is `customers(..., profile_of=customer_id)`."""
    rfm = next((r for r in found.rfm if r.customer_id == customer_id), None)
    return Profile(customer_id, rfm, found.ledgers.get(customer_id),
                   favourites(tx, lake, customer_id, last, locale))


def target_ids(lake: Lake, first: date, last: date, grain: str, target: str) -> list[int]:
    """The customers of a TARGETS entry: an RFM segment, or a state in the last window."""
    if target not in TARGETS:
        raise DomainError("analytics.invalid_target", "Choose a segment", "target")
    kind, name = target.split(":")
    found = customers(lake, first, last, everyone=True)
    if kind == "rfm":
        return [r.customer_id for r in found.rfm if r.segment == name]
    check(first, last, grain)
    _period, start, end = windows(first, last, grain)[-1]
    return sorted(c for c, g in found.ledgers.items()
                  if lifecycle.state(g.first_paid, g.last_paid, start, end) == name)


def issue_coupons(tx: Session, lake: Lake, first: date, last: date, grain: str, target: str,
                  template_id: int) -> tuple[int, int]:
    """Issue the template's coupon to the target's customers through promotions, once per
    target and range end: (coupons issued, customers in the target)."""
    ids = target_ids(lake, first, last, grain, target)
    issued = promotions.issue(tx, template_id, ids, "segment",
                              f"analytics:{target}:{last.isoformat()}")
    return issued, len(ids)


def templates(tx: Session) -> list[tuple[int, str]]:
    return promotions.issuable_templates(tx)
