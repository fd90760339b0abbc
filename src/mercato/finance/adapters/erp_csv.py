"""Entries to a CSV journal the merchant's bookkeeper imports: one file per shop-local day
(journal-YYYY-MM-DD.csv), UTF-8 with a BOM (Excel in China reads BOM-less UTF-8 as GBK), one
row per posting in journal.CSV_COLUMNS, amounts as yuan with two decimals.

Each write makes the whole new file under a temporary name, fsyncs it, renames it over the
old one and fsyncs the folder: a crash leaves the old file or the new one, never half of
one. An entry whose id is in the file already is not written again, so a batch retried after
a crash between the rename and the database update adds nothing. Writers take an flock on
the folder's lock file: two runs adding different entries to one day must not each rename
their own copy over the other's."""

from __future__ import annotations

import csv
import fcntl
import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from mercato.finance import journal
from mercato.finance.adapters.poster import PostFailed, PostResult
from mercato.kernel.errors import DomainError

BOM = "\ufeff"
LOCK = ".journal.lock"


def file_name(day: str) -> str:
    return f"journal-{day}.csv"


class CsvJournal:
    name = "csv"

    def __init__(self, folder: Path, zone: tzinfo = UTC) -> None:
        self.folder, self.zone = Path(folder), zone

    def post(self, entries: Sequence[dict[str, Any]]) -> PostResult:
        result = PostResult()
        days: dict[str, list[tuple[str, list[dict[str, str]]]]] = {}
        for data in entries:
            entry_id = str(data.get("entry_id", ""))
            try:
                rows = journal.csv_rows(journal.from_json(data), self.zone)
            except DomainError as exc:
                result.rejected[entry_id] = f"{exc.code}: {exc.message} ({exc.field})"
                continue
            days.setdefault(rows[0]["date"], []).append((entry_id, rows))
        if not days:
            return result
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._locked():
                written = [self._add(day, items, result) for day, items in sorted(days.items())]
        except OSError as exc:
            if not result.accepted:
                raise PostFailed(f"CSV journal not written: {exc}") from exc
            return result  # the days not written are in neither list: tried again
        result.ack = ",".join(written)[:128]
        return result

    @contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            for stale in self.folder.glob(".journal-*.tmp"):  # left by a crashed writer
                stale.unlink(missing_ok=True)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _add(self, day: str, items: list[tuple[str, list[dict[str, str]]]],
             result: PostResult) -> str:
        path = self.folder / file_name(day)
        old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        have = _entry_ids(old)
        new = [(eid, rows) for eid, rows in items if eid not in have]
        if new:
            buf = io.StringIO()
            out = csv.DictWriter(buf, fieldnames=journal.CSV_COLUMNS)
            if not old:
                out.writeheader()
            for _eid, rows in new:
                out.writerows(rows)
            if old and not old.endswith("\n"):
                old += "\r\n"
            _replace(path, (BOM + old + buf.getvalue()).encode("utf-8"))
        result.accepted.extend(eid for eid, _rows in items)
        return path.name


def _entry_ids(text: str) -> set[str]:
    return {row.get("entry_id") or "" for row in csv.DictReader(io.StringIO(text))}


def _replace(path: Path, data: bytes) -> None:
    """Write `data` as `path` durably: temp file, fsync, rename, fsync of the folder."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself must survive a power cut
    finally:
        os.close(folder)


def read(folder: Path, day: str) -> list[dict[str, str]]:
    """The rows of one day's journal (for the admin page and tests)."""
    path = Path(folder) / file_name(day)
    if not path.exists():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
