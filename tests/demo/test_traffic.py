"""The demo's 90 days in the analytics lake: the orders' events recorded by analytics' own
subscriber at the orders' times, and the visitors (traffic.py) written once, true to the
orders (every buyer went through the funnel), within a small shop's numbers, and holding no
personal data. Checked with the figures the data centre shows."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from tests.conftest import _empty as empty
from tests.demo.test_loader import _small

import mercato.demo.history as history
import mercato.demo.loader as loader
from mercato.analytics import domain
from mercato.analytics.adapters.lake import Lake, deduped, fetch, union
from mercato.analytics.services import figures
from mercato.catalog.adapters.tables import Product, Sku
from mercato.demo import traffic
from mercato.members.adapters.tables import Customer
from mercato.orders.adapters.tables import Order
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.settings import Settings

NOW = datetime(2026, 12, 6, 12, 0)  # 20:00 in Shanghai, a Sunday
LAST = date(2026, 12, 6)
FIRST = LAST - timedelta(days=89)


@pytest.fixture(scope="module")
def demo(database: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The small demo catalogue with its history and traffic, in a lake of its own."""
    root = tmp_path_factory.mktemp("demo")
    settings = Settings(media_dir=root / "media", analytics_lake=str(root / "lake"),
                        secret_key="s" * 40, demo=True, jobs=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loader, "build_catalogue", _small)
        mp.setattr(history, "FULL_CATALOGUE", 300)  # a tenth of the full shop's orders
        mp.setattr(clock, "utcnow", lambda: NOW)
        assert loader.load_demo(database, root / "media", history=True, settings=settings)
        yield settings
    empty(database)


def _lake(settings: Settings) -> Lake:
    return Lake.of(settings)


def _rows(lake: Lake, columns: str, where: str = "TRUE", raw: bool = False,
          group: str = "") -> list[tuple]:
    """`columns` of the lake's events matching `where` (grouped by `group`): one row per
    event id, or every row of every file (`raw`)."""
    source = union(lake, None, LAST + timedelta(days=1))
    assert source is not None
    events = f"SELECT * FROM ({source}) AS e WHERE {where}" if raw else deduped(source, where)
    grouped = f" GROUP BY {group}" if group else ""
    return fetch(f"SELECT {columns} FROM ({events}) AS ev{grouped}", [])


def _counts(lake: Lake, raw: bool) -> dict[str, int]:
    return dict(_rows(lake, "name, count(*)", raw=raw, group="name"))


def test_loading_again_adds_nothing(database: Database, demo: Settings, tmp_path: Any) -> None:
    lake = _lake(demo)
    before = _counts(lake, raw=True)
    assert before["page_view"] > 90 * 300 and before == _counts(lake, raw=False)
    assert loader.load_demo(database, demo.media_dir, history=True, settings=demo) is False
    assert traffic.load_traffic(database, demo, _small(), NOW) == 0  # already there
    assert _counts(lake, raw=True) == before
    # Even written twice (the check bypassed), the same ids count once: same figures.
    copy = demo.model_copy(update={"analytics_lake": str(tmp_path / "lake")})
    shutil.copytree(lake.root, tmp_path / "lake")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(traffic, "present", lambda *_: False)
        assert traffic.load_traffic(database, copy, _small(), NOW) > 0
    assert _counts(_lake(copy), raw=True)["page_view"] == 2 * before["page_view"]
    assert _counts(_lake(copy), raw=False) == before
    assert figures.traffic(_lake(copy), FIRST, LAST) == figures.traffic(lake, FIRST, LAST)


def test_every_buyer_went_through_the_funnel(database: Database, demo: Settings) -> None:
    with database.reading() as tx:
        orders = tx.execute(select(Order.customer_id, Order.paid_at)).all()
    steps = [s.people for s in figures.funnel(_lake(demo), FIRST - timedelta(days=1), LAST)]
    assert steps == sorted(steps, reverse=True) and steps[2] > steps[3]  # some left at checkout
    assert steps[3] == len({c for c, _paid in orders})  # everyone who placed one
    assert steps[4] == len({c for c, paid in orders if paid is not None}) > 10
    channels = {c: figures.funnel(_lake(demo), FIRST, LAST, c) for c in domain.CHANNELS}
    assert all(channels[c][1].people > 0 for c in domain.CHANNELS)
    assert channels["app"][3].people == 0  # orders' events carry no channel: the web's


def test_orders_events_are_the_orders_at_their_times(database: Database, demo: Settings) -> None:
    with database.reading() as tx:
        orders = tx.execute(select(Order.number, Order.customer_id, Order.total_fen,
                                   Order.placed_at, Order.paid_at)).all()
    lake = _lake(demo)
    paid = {n: (c, v, at) for n, c, v, at in _rows(
        lake, "order_number, customer_id, value_fen, occurred_at", "name = 'order_paid'")}
    placed = dict(_rows(lake, "order_number, occurred_at", "name = 'order_placed'"))
    assert paid.keys() == {o.number for o in orders if o.paid_at is not None}
    assert placed.keys() == {o.number for o in orders}
    for o in orders:
        assert abs(placed[o.number] - o.placed_at) <= timedelta(seconds=1)
        if o.paid_at is not None:
            customer, value, at = paid[o.number]
            assert (customer, value) == (o.customer_id, o.total_fen)
            assert abs(at - o.paid_at) <= timedelta(seconds=1)
    assert lake.segments() == []  # flushed, and compacted into a Parquet file a day
    assert len(lake.days()) >= 90


def test_visitors_a_day_are_a_small_shops(demo: Settings) -> None:
    lake = _lake(demo)
    days = figures.traffic(lake, FIRST, LAST - timedelta(days=1))  # whole days
    assert all(300 <= d.uv <= 1500 and d.pv > 2 * d.uv for d in days), days
    assert sum(d.paid_orders for d in days) > 0
    by_channel = {c: sum(d.uv for d in figures.traffic(lake, FIRST, LAST, channel=c))
                  for c in domain.CHANNELS}
    assert by_channel["web"] > by_channel["app"] > by_channel["mini"] > 0
    local = "hour(occurred_at + INTERVAL 8 HOUR)"  # Shanghai: UTC+8 all year
    hours = dict(_rows(lake, f"{local}, count(*)", "name = 'page_view'", group=local))
    assert hours[21] > 3 * hours[4] and hours[20] > hours[10]  # evenings


def test_events_are_real_ids_and_no_personal_data(database: Database, demo: Settings) -> None:
    with database.reading() as tx:
        products = dict(tx.execute(select(Product.id, Product.slug)).all())
        skus = set(tx.scalars(select(Sku.id)))
        people = tx.execute(select(Customer.phone, Customer.name)).all()
    rows = _rows(_lake(demo), "visitor_id, path, product_id, sku_id, term, name",
                 "id LIKE 'demo-%'")
    key = domain.visitor_key(demo.secret_key)
    assert all(domain.valid_visitor_id(key, v) for v in {r[0] for r in rows})
    views = {(r[1], r[2]) for r in rows if r[5] == "product_view"}
    assert views and all(path == f"/p/{products[p]}" for path, p in views)
    assert {r[3] for r in rows if r[3] is not None} <= skus
    paths = {re.sub(r"^/account/orders/\d{16}/pay$", "", r[1]) for r in rows}
    assert all(p.startswith("/") and "?" not in p for p in paths - {""})
    terms = {r[4] for r in rows if r[4] is not None}
    assert len(terms) > 10 and not terms & {name for _phone, name in people}
    text = "\n".join(paths | terms)
    assert not re.search(r"\d{7,}", text) and not any(p in text for p, _n in people)
