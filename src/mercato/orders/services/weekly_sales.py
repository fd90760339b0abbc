"""Units sold per SKU per week of the shop's calendar (ISO weeks: Monday to Sunday, local
time), for the data centre's forecast. Definitions: adapters.weekly_sales."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mercato.orders.adapters import weekly_sales
from mercato.platform import clock
from mercato.platform.tx import AnyTx

MAX_WEEKS = 160  # three years and a bit: the data centre's longest range, in whole weeks


@dataclass(frozen=True, slots=True)
class WeekUnits:
    sku_id: int
    week: date  # the week's Monday
    units: int


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_units(tx: AnyTx, since: date, until: date) -> list[WeekUnits]:
    """Units per SKU per week for the weeks holding local days `since` to `until` (whole
    weeks, both ends' included), by week then SKU id; weeks and SKUs without sales give no
    row. One statement. ValueError when until is before since or the span is over
    MAX_WEEKS weeks."""
    first, last = monday(since), monday(until)
    weeks = (last - first).days // 7 + 1
    if weeks < 1 or weeks > MAX_WEEKS:
        raise ValueError(f"between 1 and {MAX_WEEKS} weeks, not {weeks}")
    mondays = [first + timedelta(weeks=i) for i in range(weeks + 1)]
    bounds = [clock.day_start_utc(d) for d in mondays]
    rows = weekly_sales.units_per_range(tx, bounds)
    return [WeekUnits(sku, mondays[i], units) for i, sku, units in sorted(rows)]
