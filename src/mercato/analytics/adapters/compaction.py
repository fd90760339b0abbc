"""Compaction: closed segments into the Parquet lake, one file per day and batch; and the
retention that deletes old days.

Crash-safe and idempotent: a run first moves the segments it takes into compacting/<batch>/
(renames), then writes events/day=D/<batch>.parquet for each day they hold (under a hidden
name, renamed when whole), then deletes the batch folder. A run that died half-way leaves its
batch folder; the next run finishes it first, writing the same file names again, so nothing
is added twice. Queries keep one row per event id as well, so even a segment restored from a
backup after its compaction counts once."""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mercato.analytics.adapters import storage
from mercato.analytics.adapters.lake import (
    STORED,
    Lake,
    connect,
    deduped,
    json_rows,
    literal,
)
from mercato.platform import clock

if TYPE_CHECKING:
    import duckdb


@contextmanager
def alone(lake: Lake) -> Iterator[bool]:
    """True when no other run (another process's, a slow earlier one) holds the lake: held
    by compaction and by the daily merge (adapters.merge)."""
    lake.root.mkdir(parents=True, exist_ok=True)
    with (lake.root / "compact.lock").open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def compact(lake: Lake) -> int:
    """Compact every closed segment; the number of events written to Parquet."""
    with alone(lake) as free:
        if not free:
            return 0
        written = 0
        for left in sorted(p for p in lake.compacting.glob("*") if p.is_dir()):
            written += _write_batch(lake, left)  # a run that died half-way
        taken = _take(lake)
        if taken is not None:
            written += _write_batch(lake, taken)
        return written


def _take(lake: Lake) -> Path | None:
    segments = sorted(lake.incoming.glob("*.ndjson"))
    if not segments:
        return None
    stamp = clock.utcnow().strftime("%Y%m%dT%H%M%S")
    batch = lake.compacting / f"{stamp}-{secrets.token_hex(4)}"
    batch.mkdir(parents=True)
    for segment in segments:
        os.replace(segment, batch / segment.name)
    return batch


def _write_batch(lake: Lake, batch: Path) -> int:
    segments = sorted(batch.glob("*.ndjson"))
    written = 0
    if segments:
        with connect() as con:
            rows = deduped(json_rows(segments), "day IS NOT NULL AND occurred_at IS NOT NULL")
            con.execute(f"CREATE TEMP TABLE batch AS {rows}")
            days = [d for (d,) in con.execute("SELECT DISTINCT day FROM batch").fetchall()]
            for day in days:
                _write_day(con, lake, batch.name, day)
            (count,) = con.execute("SELECT count(*) FROM batch").fetchone() or (0,)
            written = int(count)
    shutil.rmtree(batch, ignore_errors=True)
    return written


def _write_day(con: duckdb.DuckDBPyConnection, lake: Lake, batch: str, day: date) -> None:
    # A remote lake: written locally, then put whole under its final name (a rerun after a
    # crash puts the same name again).
    folder = (lake.root / "upload" if lake.remote else lake.events) / f"day={day.isoformat()}"
    folder.mkdir(parents=True, exist_ok=True)
    temporary, final = folder / f".{batch}.parquet.tmp", folder / f"{batch}.parquet"
    rows = f"SELECT {STORED} FROM batch WHERE day = DATE '{day.isoformat()}' ORDER BY occurred_at"
    con.execute(f"COPY ({rows}) TO {literal(temporary)} (FORMAT PARQUET)")
    if lake.remote:
        storage.upload(lake.fs, temporary, f"{lake.remote}/day={day.isoformat()}/{final.name}")
    else:
        os.replace(temporary, final)


def purge(lake: Lake, keep_days: int, today: date) -> list[date]:
    """Delete the days older than `keep_days` before today (today is day 1); those deleted."""
    gone = []
    if lake.remote:
        for day, files in storage.remote_days(lake.fs, lake.remote):
            if (today - day).days >= keep_days:
                lake.fs.rm(files)
                gone.append(day)
        return gone
    for day, folder in lake.days():
        if (today - day).days >= keep_days:
            shutil.rmtree(folder, ignore_errors=True)
            gone.append(day)
    return gone
