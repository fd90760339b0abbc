"""The daily merge: a closed day's many small Parquet files become one, counted the same;
today is left alone; idempotent; a crash at any step loses nothing (a copy, counted once,
at worst) and the next run finishes; wired into the periodic tidy job."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mercato.analytics.adapters import compaction, merge
from mercato.analytics.adapters import lake as files
from mercato.analytics.adapters.lake import Lake, fetch, parquet_rows
from mercato.analytics.services import figures
from mercato.analytics.services.recording import tidy
from mercato.platform import clock
from tests.analytics.helpers import ev, write

D1, D2, TODAY = date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    """Three compactions: D1 gets three files, D2 one, today two. 6 + 1 + 2 page views;
    the third batch repeats a D1 event (stored twice, counted once)."""
    lake = Lake(tmp_path / "lake")
    again = ev("2026-03-01", "page_view", "v9", id="again")
    for batch in ([ev("2026-03-01", "page_view", "v1"), ev("2026-03-01", "page_view", "v2"),
                   ev("2026-03-03", "page_view", "v1")],
                  [ev("2026-03-01", "page_view", "v3"), ev("2026-03-02", "page_view", "v1"),
                   ev("2026-03-03", "page_view", "v2"), again],
                  [ev("2026-03-01", "page_view", "v4"), again,
                   ev("2026-03-01", "order_paid", None, order_number="N", value_fen=9)]):
        write(lake, batch)
        compaction.compact(lake)
    return lake


def _files(lake: Lake, day: date) -> list[str]:
    return sorted(p.name for p in (lake.events / f"day={day}").iterdir())


def _stored(lake: Lake, day: date) -> int:
    ((n,),) = fetch(f"SELECT count(*) FROM ({parquet_rows(lake.parquet(day, day))})", [])
    return int(n)


def _pv(lake: Lake) -> list[int]:
    return [r.pv for r in figures.traffic(lake, D1, TODAY)]


def test_closed_days_become_one_file(lake: Lake) -> None:
    assert (len(_files(lake, D1)), _stored(lake, D1), _pv(lake)) == (3, 7, [5, 1, 2])
    assert merge.merge(lake, TODAY) == [D1]  # D2 has one file; today is still open
    (merged,) = _files(lake, D1)
    assert merged.startswith("merged-") and merged.endswith(".parquet")
    assert _stored(lake, D1) == 6  # the copy of "again" is gone: one row per id
    assert len(_files(lake, D2)) == 1 and len(_files(lake, TODAY)) == 2
    assert _pv(lake) == [5, 1, 2]
    assert figures.traffic(lake, D1, D1)[0].gmv_fen == 9
    assert merge.merge(lake, TODAY) == []  # again: nothing to do
    assert _files(lake, D1) == [merged]


def test_a_late_event_is_merged_at_the_next_run(lake: Lake) -> None:
    merge.merge(lake, TODAY)
    write(lake, [ev("2026-03-01", "page_view", "v5")])  # reaches a closed day
    compaction.compact(lake)
    assert len(_files(lake, D1)) == 2
    assert merge.merge(lake, TODAY) == [D1]
    assert (len(_files(lake, D1)), _stored(lake, D1), _pv(lake)) == (1, 7, [6, 1, 2])


def test_a_crash_before_the_rename_leaves_a_hidden_file(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(lake, D1)

    def crash(self: Path, target: Path) -> Path:
        raise OSError("the machine stops")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError):
        merge.merge(lake, TODAY)
    monkeypatch.undo()
    hidden = [p.name for p in (lake.events / f"day={D1}").glob(".merged-*.tmp")]
    assert len(hidden) == 1 and _files(lake, D1) == sorted(before + hidden)
    assert len(lake.parquet(D1, D1)) == 3 and _pv(lake) == [5, 1, 2]  # not read
    assert merge.merge(lake, TODAY) == [D1]  # the next run: cleaned up and merged
    assert len(_files(lake, D1)) == 1 and _stored(lake, D1) == 6


def test_a_crash_after_the_rename_leaves_a_copy_counted_once(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlink = Path.unlink

    def crash(self: Path, missing_ok: bool = False) -> None:
        if self.suffix == ".parquet":
            raise OSError("the machine stops")
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", crash)
    with pytest.raises(OSError):
        merge.merge(lake, TODAY)
    monkeypatch.undo()
    assert len(_files(lake, D1)) == 4 and _stored(lake, D1) == 7 + 6  # old files and new
    assert _pv(lake) == [5, 1, 2]  # every event there, each once
    assert merge.merge(lake, TODAY) == [D1]  # more than one file: merged again
    assert (len(_files(lake, D1)), _stored(lake, D1), _pv(lake)) == (1, 6, [5, 1, 2])


def test_a_reader_listing_a_merged_file_lists_again(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = [files.split(lake, D1, D1)]  # listed just before the merge deletes the files
    merge.merge(lake, TODAY)
    fresh = files.split
    monkeypatch.setattr(files, "split", lambda *a: listed.pop() if listed else fresh(*a))
    sql = "SELECT count(DISTINCT id) FROM ({source}) AS t WHERE day = ?"
    assert files.run(lake, D1, D1, sql, [D1]) == [(6,)]
    assert listed == []  # the stale list was tried first


def test_one_run_at_a_time_and_a_backlog_in_steps(lake: Lake) -> None:
    write(lake, [ev("2026-03-02", "page_view", "v7")])
    compaction.compact(lake)  # D2 now has two files as well
    with compaction.alone(lake):
        assert merge.merge(lake, TODAY) == []  # compaction (or another merge) holds it
    assert merge.merge(lake, TODAY, most=1) == [D1]
    assert merge.merge(lake, TODAY, most=1) == [D2]
    assert _pv(lake) == [5, 2, 2]


def test_the_tidy_job_merges_closed_days(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    today = clock.today()
    yesterday = (today - timedelta(days=1)).isoformat()
    for visitor in ("v1", "v2"):
        write(lake, [ev(yesterday, "page_view", visitor), ev(today.isoformat(), "page_view",
                                                              visitor)])
        compaction.compact(lake)
    write(lake, [ev(yesterday, "page_view", "v3")])
    assert tidy(lake, 400) == (1, [])
    assert len(_files(lake, today - timedelta(days=1))) == 1  # three batches, one file
    assert len(_files(lake, today)) == 2  # today: not yet
    assert [r.pv for r in figures.traffic(lake, today - timedelta(days=1), today)] == [3, 2]
