"""The customers figures' SQL (DuckDB over the lake), in the portable style of
adapters.queries (standard SQL that Spark SQL and Trino run unchanged; no division; dates
moved by CAST(day + INTERVAL 'n' DAY AS DATE), which is a DATE in all three).

Each function is one query whatever the number of customers, and each aggregates early:
events are cut down to the few names it needs (one scan per name, see `_events`) before they
are made unique by id, then to one row per order, then per customer (or per customer and
day or month). No cross join: joins are on order number or visitor."""

from __future__ import annotations

from datetime import date
from typing import Any

from mercato.analytics.adapters import lake as files
from mercato.analytics.adapters.lake import Lake, deduped
from mercato.analytics.domain import GRAINS
from mercato.analytics.lifecycle import MARKS

NEVER = "DATE '9999-12-31'"

# One row per order paid by a customer on or before the range's end (its first payment).
_PAID = """paid AS (
  SELECT order_number, max(customer_id) AS customer_id, min(day) AS day,
         max(coalesce(value_fen, 0)) AS value_fen
  FROM ev WHERE name = 'order_paid' GROUP BY order_number
)"""

# Per customer: first and last paid day, and for the orders paid within the range their
# number, last day and totals less refunds; over every order, the number and that net sum.
CUSTOMERS = """
WITH ev AS ({events}),
""" + _PAID + """,
back AS (
  SELECT order_number, sum(coalesce(value_fen, 0)) AS fen FROM ev
  WHERE name = 'refunded' GROUP BY order_number
),
orders AS (
  SELECT p.customer_id, p.day, p.value_fen - coalesce(b.fen, 0) AS net_fen,
         CASE WHEN p.day >= ? THEN 1 ELSE 0 END AS in_range
  FROM paid p LEFT JOIN back b ON b.order_number = p.order_number
  WHERE p.customer_id IS NOT NULL
)
SELECT customer_id, min(day), max(day), max(CASE WHEN in_range = 1 THEN day END),
  sum(in_range), sum(CASE WHEN in_range = 1 THEN net_fen ELSE 0 END), count(*), sum(net_fen)
FROM orders GROUP BY customer_id {having}
"""

# The life-cycle marks (lifecycle.curve): a customer's paid days, each with the previous and
# the next one, give the days each span begins, turns quiet (31 days) and lapsed (91 days),
# and ends; plus first paid days and, per period, who paid within its part of the range.
# GROUPING SETS counts each mark by day in one pass; "never" stands for no such day.
LIFECYCLE = """
WITH ev AS ({events}),
""" + _PAID + """,
days AS (
  SELECT customer_id, day FROM paid WHERE customer_id IS NOT NULL GROUP BY customer_id, day
),
spans AS (
  SELECT day, lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS prev_day,
         coalesce(lead(day) OVER (PARTITION BY customer_id ORDER BY day), {never}) AS next_day
  FROM days
),
marks AS (
  SELECT day AS paid_on,
    CASE WHEN prev_day IS NULL THEN day ELSE {never} END AS first_on,
    least(next_day, CAST(day + INTERVAL '31' DAY AS DATE)) AS quiet_on,
    least(next_day, CAST(day + INTERVAL '91' DAY AS DATE)) AS lapsed_on,
    next_day AS resumed_on,
    CASE WHEN day >= ? AND (prev_day IS NULL
              OR prev_day < greatest(CAST(date_trunc('{grain}', day) AS DATE), ?))
         THEN CAST(date_trunc('{grain}', day) AS DATE) ELSE {never} END AS opened_in
  FROM spans
)
SELECT paid_on, first_on, quiet_on, lapsed_on, resumed_on, opened_in, count(*)
FROM marks
GROUP BY GROUPING SETS ((paid_on), (first_on), (quiet_on), (lapsed_on), (resumed_on),
                        (opened_in))
"""

# Customers by the month of their first paid order and each month they paid in.
COHORTS = """
WITH ev AS ({events}),
""" + _PAID + """,
months AS (
  SELECT customer_id, CAST(date_trunc('month', day) AS DATE) AS month FROM paid
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id, CAST(date_trunc('month', day) AS DATE)
),
marked AS (
  SELECT month, first_value(month) OVER (PARTITION BY customer_id ORDER BY month) AS cohort
  FROM months
)
SELECT cohort, month, count(*) FROM marked WHERE cohort >= ? GROUP BY cohort, month
"""

# A customer's product views and adds to cart, tied as adapters.queries.FUNNEL ties them:
# their own events, and those of the visitors whose latest tie is to them. Only a visitor with
# a tie to the customer (`candidates`) can be theirs, so four scans, each cut down by what
# DuckDB pushes into it (an equality, or a join's keys): the customer's own events; the ties
# to their orders; every event of the candidates; the orders the candidates' ties name.
LOOKS = """
WITH own AS ({own}),
linked_mine AS (
  SELECT visitor_id FROM own WHERE name = 'linked'
  UNION ALL
  SELECT visitor_id FROM ({linked_to_mine}) AS l
),
candidates AS (SELECT DISTINCT visitor_id FROM linked_mine WHERE visitor_id IS NOT NULL),
theirs AS ({theirs}),
links AS (
  SELECT visitor_id, order_number, customer_id, occurred_at FROM theirs WHERE name = 'linked'
),
placed AS ({placed}),
orders AS (
  SELECT order_number, max(customer_id) AS customer_id FROM placed GROUP BY order_number
),
ties AS (
  SELECT t.visitor_id, o.customer_id, t.occurred_at FROM links t
  JOIN orders o ON o.order_number = t.order_number
  UNION ALL
  SELECT visitor_id, customer_id, occurred_at FROM links WHERE customer_id IS NOT NULL
),
who AS (
  SELECT visitor_id, max_by(customer_id, occurred_at) AS customer_id FROM ties
  GROUP BY visitor_id
),
mine AS (SELECT visitor_id FROM who WHERE customer_id = ?),
looks AS (
  SELECT name, product_id, sku_id, path FROM own
  WHERE name IN ('product_view', 'add_to_cart')
  UNION ALL
  SELECT name, product_id, sku_id, path FROM theirs
  WHERE name IN ('product_view', 'add_to_cart') AND customer_id IS NULL
    AND visitor_id IN (SELECT visitor_id FROM mine)
)
SELECT name, product_id, sku_id, path, count(*) FROM looks
GROUP BY name, product_id, sku_id, path
"""


def _events(names: tuple[str, ...], where: str = "day <= ?") -> str:
    """The events of these names matching `where`, made unique by id (lake.deduped), one
    name at a time: DuckDB pushes `name = '...'` into the Parquet scan, which then reads the
    other columns of the matching rows only, but not an IN list (the whole lake is read)."""
    return " UNION ALL ".join(deduped("{source}", f"name = '{n}' AND {where}") for n in names)


def _run(lake: Lake, last: date, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Every query here reads the whole history up to `last` (lake.run)."""
    return files.run(lake, None, last, sql, params)


def customers(lake: Lake, first: date, last: date, everyone: bool = False,
              also: int = 0) -> list[tuple[Any, ...]]:
    """(customer id, first paid day, last paid day, last paid day in range, orders in range,
    net fen in range, orders ever, net fen ever) per customer who paid on or before `last`:
    all of them with `everyone`, else those who paid within the range (and customer `also`)."""
    having = "" if everyone else "HAVING sum(in_range) > 0 OR customer_id = ?"
    sql = CUSTOMERS.format(events=_events(("order_paid", "refunded")), having=having)
    return _run(lake, last, sql, [last, last, first] + ([] if everyone else [also]))


def lifecycle(lake: Lake, first: date, last: date, grain: str) -> dict[str, dict[date, int]]:
    """lifecycle.MARKS → {day: count}."""
    assert grain in GRAINS  # it is written into the SQL
    sql = LIFECYCLE.format(events=_events(("order_paid",)), grain=grain, never=NEVER)
    out: dict[str, dict[date, int]] = {}
    for row in _run(lake, last, sql, [last, first, first]):
        index = next(i for i in range(6) if row[i] is not None)
        out.setdefault(MARKS[index], {})[row[index]] = int(row[6])
    return out


def cohorts(lake: Lake, first_month: date, last: date) -> dict[tuple[date, date], int]:
    """(cohort month, paying month) → customers, for cohorts from `first_month` on."""
    sql = COHORTS.format(events=_events(("order_paid",)))
    return {(r[0], r[1]): int(r[2]) for r in _run(lake, last, sql, [last, first_month])}


def looks(lake: Lake, customer_id: int, last: date) -> list[tuple[Any, ...]]:
    """(event name, product id, SKU id, path, count) of the customer's product views and adds
    to cart on or before `last`."""
    sql = LOOKS.format(
        own=deduped("{source}", "day <= ? AND customer_id = ?"),
        linked_to_mine=_events(("linked",), "day <= ? AND order_number IN (SELECT order_number "
                                            "FROM own WHERE name = 'order_placed')"),
        # not page views (most of the lake): an inequality DuckDB also pushes into the scan
        theirs=deduped("{source}", "day <= ? AND name <> 'page_view' AND visitor_id IN "
                                   "(SELECT visitor_id FROM candidates)"),
        placed=_events(("order_placed",), "day <= ? AND order_number IN "
                                          "(SELECT order_number FROM links)"))
    return _run(lake, last, sql, [last, customer_id, last, last, last, customer_id])
