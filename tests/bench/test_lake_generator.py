"""The bench's lake generator (bench/analytics_lake_data.py) still writes a lake the reader
and the figures understand: so the 10-million-event bench cannot silently measure nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import duckdb
import pytest
from bench.analytics_lake_data import Built, build

from mercato.analytics.adapters import lake as lakefiles
from mercato.analytics.adapters.lake import STORED, Lake
from mercato.analytics.services import figures
from mercato.platform import clock

NOW = datetime(2026, 12, 7, 6, 0)  # 14:00 in Shanghai


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Lake, Built]:
    root = tmp_path_factory.mktemp("bench") / "lake"
    return Lake(root), build(root, events=20_000, days=120, files_per_day=4, segments=20,
                             tail=500, now=NOW)


def _raw(lake: Lake, sql: str) -> tuple[Any, ...]:
    source = lakefiles.union(lake, None, clock.local(NOW).date())
    return lakefiles.fetch(sql.replace("{source}", f"({source})"), [])[0]


def test_layout_and_exact_count(made: tuple[Lake, Built]) -> None:
    lake, built = made
    days = lake.days()
    today = clock.local(NOW).date()  # the shop's day, whatever zone an earlier test set
    assert built.last == today and built.first == today - timedelta(days=119)
    assert all(built.first <= day <= built.last for day, _folder in days)
    assert max(len(list(folder.glob("*.parquet"))) for _day, folder in days) <= 4
    assert len(lake.segments()) == 20 and built.in_segments == 500
    # every event once, whether in Parquet or in a segment
    assert _raw(lake, "SELECT count(*), count(DISTINCT id) FROM {source}") == (20_000, 20_000)
    first_file = next(days[0][1].glob("*.parquet"))
    described = duckdb.execute("DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning=false)",
                               [str(first_file)]).fetchall()
    assert ", ".join(row[0] for row in described) == STORED


def test_figures_read_it(made: tuple[Lake, Built]) -> None:
    lake, built = made
    rows = figures.traffic(lake, built.first, built.last, "month")
    (page_views, paid) = _raw(lake, "SELECT count(*) FILTER (name = 'page_view'), "
                                    "count(*) FILTER (name = 'order_paid') FROM {source}")
    assert sum(r.pv for r in rows) == page_views > 10_000  # page views are the bulk
    assert sum(r.paid_orders for r in rows) == paid > 0
    assert all(r.uv > 0 for r in rows) and sum(r.gmv_fen for r in rows) > 0
    funnel = [step.people for step in figures.funnel(lake, built.first, built.last)]
    assert funnel[-1] > 0
    assert funnel == sorted(funnel, reverse=True) and funnel[0] > funnel[-1]


def test_shipments_carry_their_columns(made: tuple[Lake, Built]) -> None:
    lake, _built = made
    wanted = [c for c in ("carrier", "warehouse_id", "shipment") if c in STORED.split(", ")]
    if not wanted:
        pytest.skip("the lake has no shipment columns")
    counts = ", ".join(f"count({c})" for c in wanted)
    shipped = _raw(lake, f"SELECT count(*), {counts} FROM {{source}} WHERE name = 'shipped'")
    assert shipped[0] > 0 and set(shipped[1:]) == {shipped[0]}
    others = _raw(lake, f"SELECT {counts} FROM {{source}} WHERE name = 'page_view'")
    assert set(others) == {0}
