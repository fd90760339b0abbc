"""The figures' SQL, run by DuckDB in-process over the lake (adapters.lake).

Written to run unchanged on Spark SQL and Trino once `events` is a table over the same
Parquet folders (partition column `day`): standard SQL only — CASE inside aggregates rather
than FILTER, count(DISTINCT), CAST(date_trunc(...) AS DATE), `||`, max_by. The differences:
- Sources: DuckDB reads files with read_parquet/read_json (which `union` builds); Spark
  reads parquet.`<lake>/events` (or a table over it); Trino needs a Hive (or Iceberg)
  table over <lake>/events with `day` as partition key. Trino has no reader for the NDJSON
  segments: there, figures lag by the compaction interval.
- date_trunc returns TIMESTAMP in DuckDB and Spark, DATE in Trino (hence the CAST). Weeks
  start on Monday in all three.
- Parameters are `?` (DuckDB's Python API, Trino's JDBC); Spark takes named `:param`.
- VARCHAR is STRING in Spark (it accepts CAST AS VARCHAR since 3.1).
- Integer ÷ integer truncates in Trino but not in DuckDB or Spark: no division happens in
  SQL; averages and rates are computed from the integer sums in Python (domain).
- max_by(x, y) exists in all three (DuckDB also calls it arg_max)."""

from __future__ import annotations

from datetime import date
from typing import Any

from mercato.analytics.adapters import lake as files
from mercato.analytics.adapters.lake import Lake, deduped
from mercato.analytics.domain import GRAINS

TRAFFIC = """
WITH ev AS ({events})
SELECT CAST(date_trunc('{grain}', day) AS DATE) AS period,
  count(DISTINCT CASE WHEN name = 'page_view' THEN visitor_id END) AS uv,
  sum(CASE WHEN name = 'page_view' THEN 1 ELSE 0 END) AS pv,
  count(DISTINCT CASE WHEN name = 'order_placed' THEN order_number END) AS orders,
  count(DISTINCT CASE WHEN name = 'order_paid' THEN order_number END) AS paid_orders,
  count(DISTINCT CASE WHEN name = 'order_paid' THEN customer_id END) AS buyers,
  sum(CASE WHEN name = 'order_paid' THEN value_fen ELSE 0 END) AS gmv_fen
FROM ev
GROUP BY CAST(date_trunc('{grain}', day) AS DATE)
ORDER BY period
"""

# A person is a customer when known (orders' events; a visitor tied to one by an order's
# page: the latest tie wins), else the visitor. Step k counts the people who did steps 1..k
# within the range (a closed funnel; their order in time is not checked).
FUNNEL = """
WITH hist AS ({events}),
orders AS (
  SELECT order_number, max(customer_id) AS customer_id FROM hist
  WHERE name = 'order_placed' GROUP BY order_number
),
ties AS (
  SELECT t.visitor_id, o.customer_id, t.occurred_at FROM hist t
  JOIN orders o ON o.order_number = t.order_number
  WHERE t.name = 'linked'
  UNION ALL
  SELECT visitor_id, customer_id, occurred_at FROM hist
  WHERE name = 'linked' AND customer_id IS NOT NULL
),
who AS (
  SELECT visitor_id, max_by(customer_id, occurred_at) AS customer_id FROM ties
  GROUP BY visitor_id
),
people AS (
  SELECT CASE WHEN e.customer_id IS NOT NULL THEN 'c:' || CAST(e.customer_id AS VARCHAR)
              WHEN w.customer_id IS NOT NULL THEN 'c:' || CAST(w.customer_id AS VARCHAR)
              ELSE 'v:' || e.visitor_id END AS person,
         e.name
  FROM hist e LEFT JOIN who w ON w.visitor_id = e.visitor_id
  WHERE e.day >= ? {channel}
    AND e.name IN ('product_view', 'add_to_cart', 'checkout_started', 'order_placed',
                   'order_paid')
),
steps AS (
  SELECT person,
    max(CASE WHEN name = 'product_view' THEN 1 ELSE 0 END) AS s1,
    max(CASE WHEN name = 'add_to_cart' THEN 1 ELSE 0 END) AS s2,
    max(CASE WHEN name = 'checkout_started' THEN 1 ELSE 0 END) AS s3,
    max(CASE WHEN name = 'order_placed' THEN 1 ELSE 0 END) AS s4,
    max(CASE WHEN name = 'order_paid' THEN 1 ELSE 0 END) AS s5
  FROM people WHERE person IS NOT NULL GROUP BY person
)
SELECT sum(s1), sum(s1 * s2), sum(s1 * s2 * s3), sum(s1 * s2 * s3 * s4),
       sum(s1 * s2 * s3 * s4 * s5)
FROM steps
"""


def _run(lake: Lake, first: date | None, last: date, sql: str,
         params: list[Any]) -> list[tuple[Any, ...]]:
    return files.run(lake, first, last, sql, params)


def traffic(lake: Lake, first: date, last: date, grain: str,
            channel: str | None) -> dict[date, tuple[int, ...]]:
    """Per period start: (uv, pv, orders, paid_orders, buyers, gmv_fen)."""
    assert grain in GRAINS  # it is written into the SQL
    where = "day BETWEEN ? AND ?" + (" AND channel = ?" if channel else "")
    sql = TRAFFIC.format(events=deduped("{source}", where), grain=grain)
    params: list[Any] = [first, last] + ([channel] if channel else [])
    rows = _run(lake, first, last, sql, params)
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in rows}


def funnel(lake: Lake, first: date, last: date, channel: str | None) -> list[int]:
    """People reaching each step of domain.FUNNEL within [first, last]."""
    sql = FUNNEL.format(events=deduped("{source}", "day <= ?"),
                        channel="AND e.channel = ?" if channel else "")
    params: list[Any] = [last, first] + ([channel] if channel else [])
    rows = _run(lake, None, last, sql, params)
    return [int(v or 0) for v in rows[0]] if rows else [0] * 5
