"""The figures, for local days [first, last] of the shop's time zone.

Definitions (every count is over events whose local day falls in the range or period):
- UV: distinct visitor ids with a page view; PV: page views.
- Orders: distinct orders placed; paid orders: distinct orders paid; buyers: distinct
  customers with a paid order. An order counts on the day of the event (placed, paid).
- GMV: the totals of the orders paid (fen; refunds are not taken off).
- Average order value: GMV ÷ paid orders in whole fen, halves rounded up.
- Conversion: buyers ÷ UV (支付转化率 = 支付买家数 ÷ 访客数, as Tmall and JD report it):
  both are counts of people in the same period, so no visitor needs tying to a customer.
- Funnel: product view → add to cart → checkout → order placed → order paid, closed: a
  step counts the people who also did every earlier step within the range. A person is the
  customer when known (orders; a visitor seen on an order's own pages), else the visitor.
  Drop: the share of the previous step's people who did not reach this one.

By channel: only that channel's events ("web", "app", "mini"); no channel: all of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mercato.analytics import domain
from mercato.analytics.adapters import queries
from mercato.analytics.adapters.lake import Lake
from mercato.kernel.errors import DomainError


@dataclass(frozen=True, slots=True)
class TrafficRow:
    period: date  # the period's first day (a week starts on Monday)
    uv: int
    pv: int
    orders: int
    paid_orders: int
    buyers: int
    gmv_fen: int
    aov_fen: int
    conversion: float


@dataclass(frozen=True, slots=True)
class FunnelStep:
    step: str
    people: int
    drop: float  # of the previous step's people, the share lost here
    of_first: float  # of the first step's people, the share still here


def _check(first: date, last: date, channel: str | None) -> None:
    domain.check_range(first, last)
    if channel is not None and channel not in domain.CHANNELS:
        raise DomainError("analytics.invalid_channel", "Unknown channel", "channel")


def traffic(lake: Lake, first: date, last: date, grain: str = "day",
            channel: str | None = None) -> list[TrafficRow]:
    """One row per period touching the range (periods without events hold zeros)."""
    _check(first, last, channel)
    if grain not in domain.GRAINS:
        raise DomainError("analytics.invalid_grain", "Choose day, week or month", "grain")
    found = queries.traffic(lake, first, last, grain, channel)
    rows = []
    for period in domain.periods(first, last, grain):
        uv, pv, orders, paid, buyers, gmv = found.get(period, (0, 0, 0, 0, 0, 0))
        rows.append(TrafficRow(period, uv, pv, orders, paid, buyers, gmv,
                               domain.average_fen(gmv, paid), domain.rate(buyers, uv)))
    return rows


def funnel(lake: Lake, first: date, last: date, channel: str | None = None) -> list[FunnelStep]:
    _check(first, last, channel)
    reached = queries.funnel(lake, first, last, channel)
    drops = domain.drops(reached)
    return [FunnelStep(step, n, drop, domain.rate(n, reached[0]))
            for step, n, drop in zip(domain.FUNNEL, reached, drops, strict=True)]
