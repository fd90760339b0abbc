"""Customers' rules, pure (no I/O): life-cycle states, RFM quintile scores and segments,
and cohort retention arithmetic. The definitions are written out in services.customers."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from mercato.analytics.domain import rate

NEW, REPEAT, ACTIVE, DORMANT, CHURNED = "new", "repeat", "active", "dormant", "churned"
STATES = (NEW, REPEAT, ACTIVE, DORMANT, CHURNED)
ACTIVE_DAYS = 30  # last paid at most this many days before the period's end: active
DORMANT_DAYS = 90  # then dormant up to this many; churned after

# (R high, F high, M high) → segment; "high" is a score above the average score.
SEGMENTS = {
    (True, True, True): "champions",  # 重要价值客户
    (False, True, True): "at_risk",  # 重要保持客户
    (True, False, True): "potential",  # 重要发展客户
    (False, False, True): "win_back",  # 重要挽留客户
    (True, True, False): "loyal",  # 一般价值客户
    (False, True, False): "attention",  # 一般保持客户
    (True, False, False): "promising",  # 一般发展客户
    (False, False, False): "hibernating",  # 一般挽留客户
}


def state(first_paid: date, last_paid: date, start: date, end: date) -> str:
    """A customer's state for the period [start, end], from their first paid day and their
    last paid day on or before `end` (both on or before `end`)."""
    if first_paid >= start:
        return NEW
    if last_paid >= start:
        return REPEAT
    idle = (end - last_paid).days
    if idle <= ACTIVE_DAYS:
        return ACTIVE
    return DORMANT if idle <= DORMANT_DAYS else CHURNED


# --- the life-cycle curve from the marks' histograms ---------------------------------------

MARKS = ("paid", "first", "quiet", "lapsed", "resumed", "opened")


def _upto(histogram: Mapping[date, int]) -> Callable[[date], int]:
    """How many marks fell on or before a day."""
    days = sorted(histogram)
    sums = list(accumulate(histogram[d] for d in days))

    def count(day: date) -> int:
        i = bisect_right(days, day)
        return sums[i - 1] if i else 0

    return count


def curve(marks: Mapping[str, Mapping[date, int]],
          windows: list[tuple[date, date, date]]) -> list[dict[str, int]]:
    """Each state's count per (period, start, end) window. A customer's paid days cut their
    time into spans (a paid day to the next one): a span counts as recent for its first 31
    days, dormant up to day 91, churned after, each part cut short by the next paid day.
    `marks` holds, by day, how many spans begin (paid), turn dormant (quiet), turn churned
    (lapsed) and end (resumed); first paid days (first); and per period start the customers
    who paid within its window (opened). A window lasts 31 days at most, so whoever paid
    within it is recent at its end."""
    at = {name: _upto(marks.get(name, {})) for name in MARKS[:5]}
    out = []
    for period, start, end in windows:
        recent = at["paid"](end) - at["quiet"](end)
        new = at["first"](end) - at["first"](start - timedelta(days=1))
        buyers = marks.get("opened", {}).get(period, 0)
        out.append({NEW: new, REPEAT: buyers - new, ACTIVE: recent - buyers,
                    DORMANT: at["quiet"](end) - at["lapsed"](end),
                    CHURNED: at["lapsed"](end) - at["resumed"](end)})
    return out


# --- RFM -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rfm:
    customer_id: int
    recency_days: int  # from the last paid order in the range to the range's end
    frequency: int  # paid orders in the range
    monetary_fen: int  # their totals less what was refunded on them
    r: int  # scores 1 (worst) to 5 (best)
    f: int
    m: int
    segment: str

    @property
    def score(self) -> str:
        return f"{self.r}{self.f}{self.m}"


def quintile(values: list[int], higher_is_better: bool = True) -> Callable[[int], int]:
    """The score of a value among `values`: 1 + ⌊5 × (values strictly worse) ÷ count⌋, so
    equal values score alike and the best fifth scores 5."""
    ordered, n = sorted(values), len(values)

    def score(value: int) -> int:
        worse = bisect_left(ordered, value) if higher_is_better else n - bisect_right(
            ordered, value)
        return 1 + 5 * worse // n

    return score


def rfm(rows: list[tuple[int, int, int, int]]) -> list[Rfm]:
    """(customer id, recency days, frequency, monetary fen) → scored and segmented, in the
    order given. A score is high when above the average of that score (compared as integers:
    score × count > sum of scores)."""
    if not rows:
        return []
    r_of = quintile([r[1] for r in rows], higher_is_better=False)
    f_of = quintile([r[2] for r in rows])
    m_of = quintile([r[3] for r in rows])
    scores = [(r_of(row[1]), f_of(row[2]), m_of(row[3])) for row in rows]
    n = len(rows)
    sums = [sum(s[i] for s in scores) for i in (0, 1, 2)]
    return [Rfm(*row, r, f, m, SEGMENTS[(r * n > sums[0], f * n > sums[1], m * n > sums[2])])
            for row, (r, f, m) in zip(rows, scores, strict=True)]


# --- cohorts -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CohortRow:
    cohort: date  # the first day of the month of the customers' first paid order
    size: int
    counts: tuple[int, ...]  # customers paying in month offset 0, 1, … (0 is the size)
    shares: tuple[float, ...]  # of the size


def month_offset(cohort: date, month: date) -> int:
    return (month.year - cohort.year) * 12 + month.month - cohort.month


def cohorts(cells: Mapping[tuple[date, date], int], months: list[date]) -> list[CohortRow]:
    """One row per month in `months` (firsts of months, in order); `cells` maps (cohort
    month, paying month) to customers. A row runs from offset 0 to the last month."""
    rows = []
    for cohort in months:
        width = month_offset(cohort, months[-1]) + 1
        counts = [0] * width
        for (c, month), n in cells.items():
            k = month_offset(cohort, month)
            if c == cohort and 0 <= k < width:
                counts[k] += n
        size = counts[0]
        rows.append(CohortRow(cohort, size, tuple(counts), tuple(rate(n, size) for n in counts)))
    return rows
