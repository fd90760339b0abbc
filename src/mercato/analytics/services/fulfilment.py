"""Fulfilment times, for local days [first, last] of the shop's time zone.

Definitions (a shipment is one parcel: an order split between warehouses has several):
- Order to ship: when the shipment was shipped minus when its order was paid (the earliest
  payment when there were several, as a presale's deposit and balance), counted on the
  local day it shipped.
- Ship to sign: when it was signed for (the carrier's scan, the customer's confirmation or
  the shop's signing after the configured days) minus when it was shipped, counted on the
  local day it was signed for, wherever it shipped.
- Median and 90th percentile (p90: nine in ten took at most this long), interpolated
  between the two nearest shipments as percentile_cont does, in hours with one decimal.
- Per warehouse and per carrier as the shipment was shipped; a warehouse or carrier with
  nothing in the range has no row. Left out: a shipment whose order's payment or whose
  shipping is not in the lake (recorded before the lake kept shipment numbers, or past the
  retention)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from mercato.analytics import domain
from mercato.analytics.adapters import fulfilment_queries as q
from mercato.analytics.adapters.lake import Lake

TO_SHIP, TO_SIGN = "to_ship", "to_sign"


@dataclass(frozen=True, slots=True)
class Timing:
    count: int = 0  # shipments measured
    median_h: float | None = None  # None when count is 0
    p90_h: float | None = None


@dataclass(frozen=True, slots=True)
class Row:
    key: q.Key  # warehouse id, carrier code, day; None overall
    to_ship: Timing = field(default_factory=Timing)
    to_sign: Timing = field(default_factory=Timing)


@dataclass(frozen=True, slots=True)
class Fulfilment:
    overall: Row
    warehouses: list[Row]  # by id
    carriers: list[Row]  # by code
    days: list[Row]  # every day of the range, empty ones included

    @property
    def empty(self) -> bool:
        return not (self.overall.to_ship.count or self.overall.to_sign.count)


def hours(seconds: float) -> float:
    """Seconds as hours with one decimal, halves up (18,900 s = 5.25 h → 5.3)."""
    return math.floor(seconds / 360 + 0.5) / 10


def _rows(spreads: list[q.Spread]) -> dict[q.Key, Row]:
    """Per key, its two timings."""
    found: dict[q.Key, dict[str, Timing]] = {}
    for s in spreads:
        found.setdefault(s.key, {})[s.measure] = Timing(s.count, hours(s.median), hours(s.p90))
    return {key: Row(key, t.get(TO_SHIP, Timing()), t.get(TO_SIGN, Timing()))
            for key, t in found.items()}


def fulfilment(lake: Lake, first: date, last: date) -> Fulfilment:
    domain.check_range(first, last)
    spreads = q.times(lake, first, last)

    def group(name: str) -> dict[q.Key, Row]:
        return _rows([s for s in spreads if s.group == name])

    by_day = group(q.DAY)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return Fulfilment(
        overall=group(q.OVERALL).get(None, Row(None)),
        warehouses=sorted(group(q.WAREHOUSE).values(), key=lambda r: str(r.key).zfill(20)),
        carriers=sorted(group(q.CARRIER).values(), key=lambda r: str(r.key)),
        days=[by_day.get(d, Row(d)) for d in days],
    )
