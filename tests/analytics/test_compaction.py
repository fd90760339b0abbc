"""Compaction: segments into Parquet by day, idempotent and crash-safe; retention; the
buffer's segments are whole files."""

from __future__ import annotations

import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from mercato.analytics.adapters import compaction
from mercato.analytics.adapters.lake import Lake, fetch, parquet_rows
from mercato.analytics.adapters.recorder import Recorder
from mercato.analytics.services import figures
from mercato.analytics.services.recording import tidy
from mercato.platform import clock
from tests.analytics.helpers import ev, write

D1, D2 = date(2026, 3, 1), date(2026, 3, 2)


def _events() -> list:
    return [ev("2026-03-01", "page_view", "v1"), ev("2026-03-01", "page_view", "v2"),
            ev("2026-03-02", "page_view", "v1"), ev("2026-03-02", "order_paid", None,
                                                    customer_id=1, order_number="N", value_fen=9)]


def _in_parquet(lake: Lake) -> dict[str, int]:
    source = parquet_rows(lake.parquet(None, D2))
    rows = fetch(f"SELECT CAST(day AS VARCHAR), count(*) FROM ({source}) AS t GROUP BY day", [])
    return dict(rows)


def _pv(lake: Lake) -> list[int]:
    return [r.pv for r in figures.traffic(lake, D1, D2)]


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    return Lake(tmp_path / "lake")


def test_segments_become_parquet_by_day(lake: Lake) -> None:
    write(lake, _events())
    assert _pv(lake) == [2, 1]  # read from the segment before compaction
    assert compaction.compact(lake) == 4
    assert sorted(p.name for p in lake.events.iterdir()) == ["day=2026-03-01", "day=2026-03-02"]
    assert _in_parquet(lake) == {"2026-03-01": 2, "2026-03-02": 2}
    assert lake.segments() == [] and list(lake.compacting.iterdir()) == []
    assert _pv(lake) == [2, 1]
    assert compaction.compact(lake) == 0  # again: nothing to do, nothing added
    assert _in_parquet(lake) == {"2026-03-01": 2, "2026-03-02": 2}


def test_a_run_that_died_is_finished_without_duplicates(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(lake, _events())
    # The first run writes the Parquet files, then dies before deleting its batch.
    monkeypatch.setattr(compaction.shutil, "rmtree", lambda *a, **k: None)
    compaction.compact(lake)
    monkeypatch.setattr(compaction.shutil, "rmtree", shutil.rmtree)
    (batch,) = lake.compacting.iterdir()
    assert _pv(lake) == [2, 1]  # read from Parquet and the batch alike: counted once
    write(lake, [ev("2026-03-02", "page_view", "v3")])
    assert compaction.compact(lake) == 5  # the left batch again (4), then the new segment
    assert _in_parquet(lake) == {"2026-03-01": 2, "2026-03-02": 3}
    assert {p.name for p in (lake.events / "day=2026-03-01").iterdir()} == {
        f"{batch.name}.parquet"}  # rewritten under the same name, not added
    assert _pv(lake) == [2, 2]


def test_a_segment_compacted_twice_counts_once(lake: Lake) -> None:
    segment = write(lake, _events())
    kept = segment.read_bytes()
    compaction.compact(lake)
    segment.write_bytes(kept)  # restored from a backup, say
    compaction.compact(lake)
    assert _in_parquet(lake) == {"2026-03-01": 4, "2026-03-02": 4}  # stored twice...
    assert _pv(lake) == [2, 1]  # ...counted once
    assert figures.traffic(lake, D2, D2)[0].gmv_fen == 9


def test_broken_lines_are_skipped(lake: Lake) -> None:
    segment = write(lake, _events())
    with segment.open("ab") as fh:
        fh.write(b'{"id": "x", "name": "page_view"\nnot json\n')
    assert compaction.compact(lake) == 4


def test_retention_drops_old_days(lake: Lake) -> None:
    today = clock.today()
    old, kept = today - timedelta(days=400), today - timedelta(days=399)
    write(lake, [ev(old.isoformat(), "page_view", "v1"), ev(kept.isoformat(), "page_view", "v1"),
                 ev(today.isoformat(), "page_view", "v1")])
    written, gone = tidy(lake, 400)
    assert (written, gone) == (3, [old])
    assert [d for d, _ in lake.days()] == [kept, today]


def test_one_compaction_at_a_time(lake: Lake) -> None:
    write(lake, _events())
    with compaction.alone(lake) as first:
        assert first
        assert compaction.compact(lake) == 0  # another run holds the lake: skipped
    assert compaction.compact(lake) == 4


def test_segments_are_written_whole_by_the_background_thread(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "incoming", batch=10, interval=0.05)
    for _ in range(25):
        recorder.append(ev("2026-03-01", "page_view", "v1"))
    deadline = clock.utcnow() + timedelta(seconds=5)
    while sum(1 for _ in (tmp_path / "incoming").glob("*.ndjson")) == 0:
        assert clock.utcnow() < deadline
        time.sleep(0.01)
    recorder.flush()
    lines = [line for p in (tmp_path / "incoming").glob("*.ndjson")
             for line in p.read_bytes().splitlines()]
    assert len(lines) == 25
    assert list((tmp_path / "incoming").glob(".*")) == []  # no temporary file left
