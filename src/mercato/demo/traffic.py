"""The demo shop's visitors over the history's 90 days, in the analytics lake: every demo
order's buyer on their way to it, and the many visitors who buy nothing (traffic_plan.py).
The orders' own events (placed, paid, shipped, signed, refunded) are not made here: the
history's outbox delivered them to analytics' subscriber at their times.

Written as segments then compacted into one Parquet file per day (the compaction's own
writer, so the reader finds them where it finds everything else). Once: nothing is written
when the lake already holds demo page views in those days, and the event ids are the same
for the same day anyway (the lake counts an id once). Visitor ids are signed with the shop's
key like the cookie's; events hold ids only, no personal data."""

from __future__ import annotations

import os
import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.analytics import domain
from mercato.analytics.adapters import compaction
from mercato.analytics.adapters.lake import Lake, run
from mercato.analytics.services.recording import Tracker
from mercato.catalog import public as catalog
from mercato.demo import history_plan
from mercato.demo.specs import Catalogue, ProductSpec
from mercato.demo.traffic_plan import Bought, Crowd, Day, Item, Line, Row, plan_day
from mercato.orders.adapters.tables import Order, OrderLine
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.settings import Settings

SEED = 20261118
ID_PREFIX = "demo-"


def _terms(p: ProductSpec, categories: dict[str, str], brands: dict[str, str]) -> tuple[str, ...]:
    """What shoppers type to find the product: its category, its brand, both, its selling
    point (the subtitle's first part, e.g. 无硅油)."""
    category, brand = categories.get(p.category_slug, ""), brands.get(p.brand_slug, "")
    point = p.subtitle_zh.split("·")[0].strip()
    found = (category, brand, f"{brand} {category}" if brand and category else "", point)
    terms = {domain.clean_term(t) for t in found if t}
    return tuple(sorted(t for t in terms if t)) or ("热卖",)


def _items(tx: Session, cat: Catalogue) -> list[Item]:
    """The catalogue's products with their ids in the shop (those that exist)."""
    ids = catalog.product_ids_for_slugs(tx, [p.slug for p in cat.products])
    skus = catalog.sku_ids_for_codes(tx, [s.code for p in cat.products for s in p.skus])
    categories = {c.slug: c.name_zh for c in cat.categories}
    brands = {b.slug: b.name_zh for b in cat.brands}
    out = []
    for p in cat.products:
        sku_ids = tuple(skus[s.code] for s in p.skus if s.code in skus)
        if p.slug in ids and sku_ids:
            out.append(Item(ids[p.slug], f"/p/{p.slug}", f"/c/{p.category_slug}", sku_ids,
                            _terms(p, categories, brands)))
    return out


def _orders(tx: Session, since: datetime) -> dict[date, list[Bought]]:
    """The orders placed since `since`, by the local day they were placed."""
    lines: dict[int, list[Line]] = defaultdict(list)
    placed = Order.placed_at >= since
    rows = select(OrderLine.order_id, OrderLine.product_id, OrderLine.sku_id,
                  OrderLine.product_slug, OrderLine.quantity).join(
        Order, Order.id == OrderLine.order_id).where(placed).order_by(OrderLine.id)
    for order_id, product_id, sku_id, slug, quantity in tx.execute(rows):
        lines[order_id].append(Line(product_id, sku_id, f"/p/{slug}", quantity))
    orders = select(Order.id, Order.number, Order.customer_id, Order.placed_at).where(placed)
    out: dict[date, list[Bought]] = defaultdict(list)
    for order_id, number, customer_id, at in tx.execute(orders.order_by(Order.placed_at)):
        if lines[order_id]:
            out[clock.local(at).date()].append(
                Bought(number, customer_id, at, tuple(lines[order_id])))
    return out


def present(lake: Lake, first: date, last: date) -> bool:
    """The lake already holds demo page views in [first, last]."""
    sql = ("SELECT count(*) FROM ({source}) AS ev WHERE name = 'page_view' "
           f"AND id LIKE '{ID_PREFIX}%' AND day BETWEEN ? AND ?")
    found = run(lake, first, last, sql, [first, last])
    return bool(found and found[0][0])


def _segment(folder: Path, day: date, rows: list[Row]) -> None:
    """One day's events as a segment, written as the recorder writes them: under a hidden
    name renamed when whole (a run done again replaces its own file)."""
    name = f"demo-traffic-{day.isoformat()}.ndjson"
    hidden = folder / f".{name}.tmp"
    hidden.write_bytes(b"\n".join(map(orjson.dumps, rows)) + b"\n")
    os.replace(hidden, folder / name)


def load_traffic(db: Database, settings: Settings, cat: Catalogue,
                 now: datetime | None = None) -> int:
    """Write the visitors of the history's days up to now; the number of events written (0:
    analytics is off, there are no orders, or the traffic is there already). The orders'
    events waiting in segments are compacted too."""
    tracker = Tracker.of(settings)
    now = now or clock.utcnow()
    days = history_plan.per_day(clock.local(now).date())
    first, last = days[0][0], days[-1][0]
    if not tracker.enabled or present(tracker.lake, first - timedelta(days=1), last):
        return 0
    with db.reading() as tx:
        items = _items(tx, cat)
        orders = _orders(tx, clock.day_start_utc(first))
    placed = sum(len(o) for o in orders.values())
    if not items or not placed:
        return 0
    scale = placed / sum(expected for _day, expected in days)  # the shop's size
    rng, crowd = random.Random(SEED), Crowd(partial(domain.new_visitor_id, tracker.key))
    folder, written = tracker.recorder.folder, 0
    folder.mkdir(parents=True, exist_ok=True)
    for day, expected in days:
        d = Day(day, clock.day_start_utc(day), clock.day_end_utc(day))
        rows = plan_day(rng, d, items, orders.get(day, []), crowd, expected * scale, now)
        _segment(folder, day, rows)
        written += len(rows)
    compaction.compact(tracker.lake)  # into Parquet, a file a day, with the orders' events
    return written
