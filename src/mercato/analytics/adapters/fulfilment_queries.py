"""The fulfilment figures' SQL: how long from payment to shipping and from shipping to
signing, as median and 90th percentile per warehouse, per carrier, overall and per day.

One statement. It reads seven columns of the lake up to the range's last day (a shipment
signed in the range may have shipped, and an order shipped in it been paid, before it) and
keeps the payments', shipments' and signings' rows alone (about 7% of 10 million events:
about 1 s of CPU over them, most of it the scan). No dedupe by id is needed: a shipment's
events are grouped by its number and an order's payments by the order, keeping the earliest
time, so a copy of an event (a segment read twice, a handler run again) changes nothing.

Standard SQL as in adapters.queries, which lists the sources' differences; here also:
- percentile_cont(p) WITHIN GROUP (ORDER BY x) (the SQL standard's ordered-set aggregate,
  interpolating like DuckDB's quantile_cont) runs in DuckDB and in Spark 3.3 and later
  (earlier Spark: percentile(x, p), the same value). Trino has no exact percentile: there it
  is approx_percentile(x, p), a close estimate rather than the same number.
- date_diff('second', a, b) is DuckDB's and Trino's; Spark 3.3+ writes
  timestampdiff(SECOND, a, b).
- GROUPING SETS and grouping() exist in all three."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mercato.analytics.adapters import lake as files
from mercato.analytics.adapters.lake import Lake

# A shipment counts for order-to-ship on the day it shipped and for ship-to-sign on the day
# it was signed for; both days must fall in [first, last] (the parameters, in this order:
# last, first, first).
TIMES = """
WITH ev AS (
  SELECT name, order_number, shipment, carrier, warehouse_id, occurred_at, day
  FROM ({source}) AS raw
  WHERE name IN ('order_paid', 'shipped', 'signed') AND day <= ?
),
shipped AS (
  SELECT shipment, min(order_number) AS order_number, min(carrier) AS carrier,
         min(warehouse_id) AS warehouse_id, min(occurred_at) AS at, min(day) AS day
  FROM ev WHERE name = 'shipped' AND shipment IS NOT NULL
  GROUP BY shipment
),
signed AS (
  SELECT shipment, min(occurred_at) AS at, min(day) AS day
  FROM ev WHERE name = 'signed' AND shipment IS NOT NULL
  GROUP BY shipment
),
paid AS (
  SELECT order_number, min(occurred_at) AS at
  FROM ev WHERE name = 'order_paid' AND order_number IS NOT NULL
  GROUP BY order_number
),
spans AS (
  SELECT 'to_ship' AS measure, s.warehouse_id, s.carrier, s.day,
         date_diff('second', p.at, s.at) AS seconds
  FROM shipped s JOIN paid p ON p.order_number = s.order_number
  WHERE s.day >= ?
  UNION ALL
  SELECT 'to_sign' AS measure, s.warehouse_id, s.carrier, g.day,
         date_diff('second', s.at, g.at) AS seconds
  FROM signed g JOIN shipped s ON s.shipment = g.shipment
  WHERE g.day >= ?
)
SELECT measure, grouping(warehouse_id) AS gw, grouping(carrier) AS gc, grouping(day) AS gd,
       warehouse_id, carrier, day, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
FROM spans
GROUP BY GROUPING SETS ((measure, warehouse_id), (measure, carrier), (measure),
                        (measure, day))
"""

WAREHOUSE, CARRIER, OVERALL, DAY = "warehouse", "carrier", "overall", "day"
Key = int | str | date | None  # warehouse id, carrier code, day; None overall


@dataclass(frozen=True, slots=True)
class Spread:
    """One group's durations in seconds: how many, median and 90th percentile."""

    group: str  # WAREHOUSE, CARRIER, OVERALL or DAY
    key: Key
    measure: str  # "to_ship" or "to_sign"
    count: int
    median: float
    p90: float


def _group(gw: int, gc: int, gd: int) -> str:
    if not gw:
        return WAREHOUSE
    if not gc:
        return CARRIER
    return DAY if not gd else OVERALL


def times(lake: Lake, first: date, last: date) -> list[Spread]:
    """Every group that has at least one duration. A shipment whose event lacks its
    warehouse or carrier counts overall and per day, not in a warehouse's or carrier's row."""
    out = []
    for measure, gw, gc, gd, warehouse, carrier, day, n, median, p90 in files.run(
        lake, None, last, TIMES, [last, first, first]
    ):
        group = _group(gw, gc, gd)
        key = {WAREHOUSE: warehouse, CARRIER: carrier, DAY: day, OVERALL: None}[group]
        if key is None and group != OVERALL:
            continue  # a shipment recorded without it
        out.append(Spread(group, key, measure, int(n), float(median), float(p90)))
    return out
