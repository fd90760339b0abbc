"""The admin home's figures worked out from what the queries return, with no database: the
periods as the shop's local days, changes against the previous period, the chart's days, the
best sellers and the SKUs about to run out.

A period ends now and starts at the local midnight `days - 1` days ago (today, the last 7 and
the last 30 days, today included); it is compared with the same span `days` earlier, up to the
same time of day (today until 14:05 against yesterday until 14:05), so a morning is never
compared with a whole day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from mercato.orders.adapters.dashboard_queries import Figures, SkuSales, Window
from mercato.platform import clock

PERIODS = {"today": 1, "7d": 7, "30d": 30}
CHART_DAYS = 30
TOP = 10
LOW_SHOWN = 8
LOW_UNITS = 10  # at most this many sellable units: low, whatever the pace
LOW_COVER_DAYS = 14  # or fewer days left at the pace of the last 30 days
MAX_WATCHED = 1000  # SKUs asked of inventory: the best sellers of the last 30 days


@dataclass(frozen=True, slots=True)
class Period:
    key: str
    days: int
    first_day: date  # local days, both included
    last_day: date
    current: Window
    previous: Window


def shifted(now: datetime, days: int) -> datetime:
    """The stored time `days` local days before `now` (same wall-clock time, DST-safe)."""
    back = clock.local(now) - timedelta(days=days)
    return back.astimezone(UTC).replace(tzinfo=None)


def periods(now: datetime) -> dict[str, Period]:
    today = clock.local(now).date()
    out = {}
    for key, days in PERIODS.items():
        first = today - timedelta(days=days - 1)
        current = Window(clock.day_start_utc(first), now)
        previous = Window(clock.day_start_utc(first - timedelta(days=days)), shifted(now, days))
        out[key] = Period(key, days, first, today, current, previous)
    return out


def windows(found: Mapping[str, Period]) -> dict[str, Window]:
    """Every window the figures statement reads: 'today', 'today.previous', ..."""
    out: dict[str, Window] = {}
    for key, p in found.items():
        out[key], out[f"{key}.previous"] = p.current, p.previous
    return out


def chart_days(now: datetime) -> tuple[list[date], list[datetime]]:
    """The chart's local days (the last 30, today included) and their bounds in stored time
    (today ends now)."""
    today = clock.local(now).date()
    days = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    return days, [clock.day_start_utc(d) for d in days] + [now]


def change_permille(current: int, previous: int) -> int | None:
    """(current - previous) / previous in tenths of a percent, rounded half away from zero;
    None when there is nothing to compare with."""
    if previous <= 0:
        return None
    diff = abs(current - previous) * 1000
    tenths = (2 * diff + previous) // (2 * previous)
    return tenths if current >= previous else -tenths


@dataclass(frozen=True, slots=True)
class Metric:
    key: str  # gmv | orders | customers | average
    value: int
    previous: int
    change: int | None  # per mille, see change_permille
    money: bool


def metrics(current: Figures, previous: Figures) -> list[Metric]:
    pairs = (
        ("gmv", current.gmv_fen, previous.gmv_fen, True),
        ("orders", current.orders, previous.orders, False),
        ("customers", current.customers, previous.customers, False),
        ("average", current.average_fen, previous.average_fen, True),
    )
    return [Metric(k, c, p, change_permille(c, p), money) for k, c, p, money in pairs]


@dataclass(frozen=True, slots=True)
class ProductSales:
    product_id: int
    units: int
    gmv_fen: int


def by_product(sales: Sequence[SkuSales], order: str) -> list[ProductSales]:
    """Each product's units and money over its SKUs, best first by `order` (units | gmv)."""
    units: dict[int, int] = {}
    money: dict[int, int] = {}
    for s in sales:
        units[s.product_id] = units.get(s.product_id, 0) + s.units
        money[s.product_id] = money.get(s.product_id, 0) + s.gmv_fen
    rows = [ProductSales(p, units[p], money[p]) for p in units]
    if order == "units":
        rows.sort(key=lambda r: (-r.units, -r.gmv_fen, r.product_id))
    else:
        rows.sort(key=lambda r: (-r.gmv_fen, -r.units, r.product_id))
    return rows


@dataclass(frozen=True, slots=True)
class LowStock:
    sku_id: int
    product_id: int
    available: int
    units: int  # sold in the last 30 days
    cover_days: int  # days left at that pace (rounded down)


def low_stock(sales: Sequence[SkuSales], available: Mapping[int, int]) -> list[LowStock]:
    """SKUs that sell and are about to run out: at most LOW_UNITS sellable, or fewer than
    LOW_COVER_DAYS days left at the pace of the last 30 days; sold out first, then the
    fewest days left, then the best sellers."""
    out = []
    for s in sales:
        if s.sku_id not in available or s.units <= 0:
            continue
        left = available[s.sku_id]
        cover = left * CHART_DAYS // s.units
        if left <= LOW_UNITS or cover < LOW_COVER_DAYS:
            out.append(LowStock(s.sku_id, s.product_id, left, s.units, cover))
    out.sort(key=lambda r: (r.available > 0, r.cover_days, -r.units, r.sku_id))
    return out


def watched(sales: Sequence[SkuSales]) -> list[int]:
    """The SKUs whose stock the dashboard asks about: the best sellers (by units)."""
    return [s.sku_id for s in sales[:MAX_WATCHED]]


def yuan(fen: int) -> str:
    """¥12,345.60: the figures' money, with thousands separated."""
    sign = "-" if fen < 0 else ""
    units, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{units:,}.{cents:02d}"


def percent(permille: int) -> str:
    return f"{abs(permille) // 10}.{abs(permille) % 10}%"
