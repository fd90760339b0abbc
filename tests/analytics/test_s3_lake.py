"""The lake on an S3-compatible store (MERCATO_ANALYTICS_LAKE=s3://bucket/prefix), against a
local S3 server (moto's, speaking the S3 REST protocol with SigV4): segments wait on local
disk, compaction puts each day's Parquet file into the bucket, the figures read them from
there through DuckDB (the same SQL), the daily merge and the retention work on the bucket,
and nothing of the events tree is written locally."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest

from mercato.analytics.adapters import compaction, merge
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import figures
from mercato.analytics.services.recording import tidy
from mercato.platform import clock
from mercato.platform.settings import Settings
from tests.analytics.helpers import ev, write
from tests.analytics.s3_server import KEY, REGION, SECRET, s3_server

BUCKET = "shop-lake"
D1, D2 = date(2026, 3, 1), date(2026, 3, 2)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with s3_server(BUCKET) as url:
        yield url


@pytest.fixture
def lake(endpoint: str, tmp_path: Path) -> Lake:
    prefix = tmp_path.name  # each test its own prefix in the bucket
    settings = Settings(analytics_lake=f"s3://{BUCKET}/{prefix}", analytics_s3_endpoint=endpoint,
                        analytics_s3_key=KEY, analytics_s3_secret=SECRET,
                        analytics_s3_region=REGION, analytics_spool=str(tmp_path / "spool"))
    return Lake.of(settings)


def _keys(endpoint: str, lake: Lake) -> list[str]:
    """The objects under the lake's events tree, as the store lists them (not through fsspec,
    whose code we test)."""
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=KEY,
                      aws_secret_access_key=SECRET, region_name=REGION)
    prefix = lake.remote.removeprefix(f"s3://{BUCKET}/") + "/"
    found: list[dict[str, Any]] = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get(
        "Contents", [])
    return sorted(o["Key"].removeprefix(prefix) for o in found)


def _events() -> list:
    return [ev("2026-03-01", "page_view", "v1"), ev("2026-03-01", "page_view", "v2"),
            ev("2026-03-02", "page_view", "v1"),
            ev("2026-03-02", "order_paid", None, customer_id=1, order_number="N", value_fen=990)]


def _pv_gmv(lake: Lake) -> list[tuple[int, int]]:
    return [(r.pv, r.gmv_fen) for r in figures.traffic(lake, D1, D2)]


def test_the_setting_points_the_events_tree_at_the_bucket(lake: Lake, tmp_path: Path) -> None:
    assert lake.remote == f"s3://{BUCKET}/{tmp_path.name}/events"
    assert lake.root == tmp_path / "spool" and lake.incoming == tmp_path / "spool" / "incoming"
    local = Lake.of(Settings(media_dir=tmp_path / "media"))
    assert (local.remote, local.root) == ("", tmp_path / "lake")


def test_compaction_puts_each_day_into_the_bucket(endpoint: str, lake: Lake) -> None:
    write(lake, _events())
    assert _pv_gmv(lake) == [(2, 0), (1, 990)]  # from the local segment
    assert compaction.compact(lake) == 4
    keys = _keys(endpoint, lake)
    assert [k.split("/")[0] for k in keys] == ["day=2026-03-01", "day=2026-03-02"]
    assert all(k.endswith(".parquet") for k in keys)
    assert lake.segments() == [] and not lake.events.exists()  # nothing kept locally
    assert list((lake.root / "upload").rglob("*.parquet*")) == []
    assert _pv_gmv(lake) == [(2, 0), (1, 990)]  # now read from the bucket
    assert compaction.compact(lake) == 0 and len(_keys(endpoint, lake)) == 2


def test_the_daily_merge_and_the_retention_work_on_the_bucket(endpoint: str, lake: Lake) -> None:
    write(lake, _events())
    compaction.compact(lake)
    write(lake, [ev("2026-03-01", "page_view", "v3"), ev("2026-03-02", "page_view", "v3")])
    compaction.compact(lake)
    assert len(_keys(endpoint, lake)) == 4  # two batches, two days
    assert merge.merge(lake, D2) == [D1]  # the 2nd is not closed yet
    keys = _keys(endpoint, lake)
    assert len(keys) == 3 and sum(k.startswith("day=2026-03-01/merged-") for k in keys) == 1
    assert _pv_gmv(lake) == [(3, 0), (2, 990)]  # nothing lost, nothing counted twice
    assert merge.merge(lake, D2) == []  # one file a day: left alone
    assert compaction.purge(lake, 1, D2) == [D1]
    assert [k.split("/")[0] for k in _keys(endpoint, lake)] == ["day=2026-03-02"] * 2


def test_the_periodic_job_tidies_a_remote_lake(endpoint: str, lake: Lake) -> None:
    today = clock.today()
    old = today - timedelta(days=10)
    write(lake, [ev(old.isoformat(), "page_view", "v1"), ev(today.isoformat(), "page_view", "v2")])
    assert tidy(lake, 5) == (2, [old])  # compacted, then the day past retention deleted
    assert tidy(lake, 5) == (0, [])
    assert [k.split("/")[0] for k in _keys(endpoint, lake)] == [f"day={today.isoformat()}"]
    assert [r.pv for r in figures.traffic(lake, today, today)] == [1]
