"""The daily merge: compaction writes one Parquet file per batch and day, so a day collects
a small file for every compaction run that saw its events. Once the day is closed (before
today in the shop's time zone) its files are rewritten as one, so a query opens a file per
day, not hundreds.

Crash-safe: an event is never in no listed file, at worst in two, and every query keeps one
row per event id (lake.deduped), so a copy is harmless where a loss would not be.
1. The day's events, one row per id, are written under a hidden name (.merged-*.tmp, which
   no reader lists).
2. That file is renamed to merged-<stamp>-<token>.parquet: from here the day holds its
   events twice, counted once.
3. The files merged are deleted; a reader that listed one of them lists again (lake.run).
A run that died after 1 leaves a hidden file, deleted by the next run; after 2, the old
files beside the new one, so the day still holds more than one file and the next run merges
them all again (the copies collapse). A day with one file is left alone: idempotent.

Runs under compaction's lock (compaction.alone): compaction may still add a file to a
closed day (a late event), which is merged at the next run, never deleted unread."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from mercato.analytics.adapters import storage
from mercato.analytics.adapters.compaction import alone
from mercato.analytics.adapters.lake import STORED, Lake, connect, deduped, literal, parquet_rows
from mercato.platform import clock

MOST_DAYS = 31  # per run: a backlog (a lake from before the merge) is worked off run by run


def merge(lake: Lake, today: date, most: int = MOST_DAYS) -> list[date]:
    """Merge the closed days holding more than one file (oldest first, `most` of them);
    the days merged. Nothing when another run holds the lake."""
    with alone(lake) as free:
        if not free:
            return []
        if lake.remote:
            return _merge_remote(lake, today, most)
        merged: list[date] = []
        for day, folder in lake.days():
            if day >= today or len(merged) >= most:
                break
            for left in folder.glob(".merged-*.tmp"):
                left.unlink(missing_ok=True)  # a run that died before its rename
            files = sorted(folder.glob("*.parquet"))
            if len(files) > 1:
                merge_day(folder, files)
                merged.append(day)
        return merged


def merge_day(folder: Path, files: list[Path] | list[str], remove: bool = True) -> Path:
    """Write the events of `files` (one row per id) as one new file in `folder`, then delete
    `files` (local ones, with `remove`); the new file."""
    name = f"merged-{clock.utcnow().strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}.parquet"
    temporary, final = folder / f".{name}.tmp", folder / name
    rows = deduped(parquet_rows(files), "TRUE")
    with connect() as con:
        con.execute(f"COPY (SELECT {STORED} FROM ({rows}) AS d ORDER BY occurred_at) "
                    f"TO {literal(temporary)} (FORMAT PARQUET)")
    temporary.replace(final)
    for f in files if remove else ():
        Path(f).unlink(missing_ok=True)
    return final


def _merge_remote(lake: Lake, today: date, most: int) -> list[date]:
    """The same on an S3 store: the merged file is put whole under its final name (no hidden
    step is needed: an object appears whole or not at all), then the old objects go."""
    merged: list[date] = []
    for day, files in storage.remote_days(lake.fs, lake.remote):
        if day >= today or len(merged) >= most:
            break
        if len(files) > 1:
            folder = lake.root / "upload" / f"day={day.isoformat()}"
            folder.mkdir(parents=True, exist_ok=True)
            made = merge_day(folder, files, remove=False)
            storage.upload(lake.fs, made, f"{lake.remote}/day={day.isoformat()}/{made.name}")
            lake.fs.rm(files)
            merged.append(day)
    return merged
