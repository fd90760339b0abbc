"""The lake's folders, and DuckDB reading them.

<lake>/incoming/<pid>-<boot>-<n>.ndjson   closed segments, written whole then renamed
<lake>/compacting/<batch>/*.ndjson         segments a compaction run has taken
<lake>/events/day=YYYY-MM-DD/<batch>.parquet   one per compaction batch (today)
<lake>/events/day=YYYY-MM-DD/merged-<stamp>.parquet   one per closed day (adapters.merge)
The events tree may live on an S3-compatible store instead (adapters.storage): the same
layout under s3://bucket/prefix/events, the segments staying on local disk.

A figure reads the Parquet files of its days plus every segment not compacted yet, so it is
never stale by the compaction interval; events are made unique by id (`deduped`), so a
segment read twice while it is being compacted, compacted twice, an outbox event handled
again or a beacon resent still counts once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mercato.analytics.adapters import storage
from mercato.analytics.domain import COLUMNS
from mercato.platform.settings import Settings

if TYPE_CHECKING:
    import duckdb

TYPES = {
    "id": "VARCHAR", "occurred_at": "TIMESTAMP", "day": "DATE", "name": "VARCHAR",
    "visitor_id": "VARCHAR", "customer_id": "BIGINT", "channel": "VARCHAR", "path": "VARCHAR",
    "product_id": "BIGINT", "sku_id": "BIGINT", "order_number": "VARCHAR", "value_fen": "BIGINT",
    "quantity": "INTEGER", "term": "VARCHAR", "carrier": "VARCHAR", "warehouse_id": "BIGINT",
    "shipment": "VARCHAR",
}
assert tuple(TYPES) == COLUMNS
SELECTED = ", ".join(COLUMNS)
STORED = ", ".join(c for c in COLUMNS if c != "day")  # the day is the folder's name
_JSON_COLUMNS = "{" + ", ".join(f"'{c}': '{t}'" for c, t in TYPES.items()) + "}"


@dataclass(frozen=True)
class Lake:
    """`root`: the local folder (segments, compaction's batches, the lock; the Parquet files
    too unless `remote` is set). `remote`: the events tree on an S3-compatible store
    (s3://bucket/prefix/events; adapters.storage), reached with `s3`'s options."""

    root: Path
    remote: str = ""
    s3: storage.S3Options | None = None

    @classmethod
    def of(cls, settings: Settings) -> Lake:
        """MERCATO_ANALYTICS_LAKE, or <media_dir>/../lake (./var/lake by default); with an
        s3:// lake, segments wait in MERCATO_ANALYTICS_SPOOL (default <media_dir>/../lake)."""
        local = str(Path(settings.media_dir).parent / "lake")
        url = settings.analytics_lake
        if storage.is_remote(url):
            lake = cls(Path(settings.analytics_spool or local), url.rstrip("/") + "/events",
                       storage.S3Options.of(settings))
            _remotes[storage.S3] = lake.fs  # DuckDB reads s3:// paths through it (connect)
            return lake
        return cls(Path(url or local))

    @property
    def fs(self) -> Any:
        """The fsspec filesystem of the remote events tree."""
        return storage.filesystem(self.remote, self.s3)

    @property
    def incoming(self) -> Path:
        return self.root / "incoming"

    @property
    def compacting(self) -> Path:
        return self.root / "compacting"

    @property
    def events(self) -> Path:
        return self.root / "events"

    def segments(self) -> list[Path]:
        """Every closed segment not compacted yet (including those a run has taken)."""
        return sorted(self.incoming.glob("*.ndjson")) + sorted(self.compacting.glob("*/*.ndjson"))

    def days(self) -> list[tuple[date, Path]]:
        """The local lake's day folders (a remote lake: storage.remote_days)."""
        out = []
        for folder in self.events.glob("day=*"):
            day = day_of(folder.name)
            if day is not None:
                out.append((day, folder))
        return sorted(out)

    def parquet(self, first: date | None, last: date) -> list[Path] | list[str]:
        """The Parquet files of the days in [first, last] (first None: from the beginning)."""
        if self.remote:
            return [f for day, files in storage.remote_days(self.fs, self.remote)
                    if (first is None or first <= day) and day <= last for f in files]
        return [f for day, folder in self.days() if (first is None or first <= day) and day <= last
                for f in sorted(folder.glob("*.parquet"))]


def day_of(folder_name: str) -> date | None:
    """The day of a "day=YYYY-MM-DD" folder; None for a folder that is not ours."""
    if not folder_name.startswith("day="):
        return None
    try:
        return date.fromisoformat(folder_name[4:])
    except ValueError:
        return None


# The remote stores this process opened (by protocol): every DuckDB connection gets them.
_remotes: dict[str, Any] = {}


def connect() -> duckdb.DuckDBPyConnection:
    import duckdb  # here: a fifth of a second to import, paid by the queries and jobs alone

    # Never fetch an extension from the internet mid-query (machines may be offline); JSON
    # and Parquet are built into the Python package.
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    for fs in _remotes.values():
        con.register_filesystem(fs)
    return con


def literal(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _list(files: Sequence[str | Path]) -> str:
    return "[" + ", ".join(literal(f) for f in files) + "]"


def json_rows(files: list[Path]) -> str:
    """SELECT of the events in segment files; a line that is not a whole event is skipped,
    a key missing from a line (a segment written before its column existed) is NULL."""
    source = (f"read_json({_list(files)}, format='newline_delimited', columns={_JSON_COLUMNS}, "
              "ignore_errors=true)")
    return f"SELECT {SELECTED} FROM {source} WHERE id IS NOT NULL AND name IS NOT NULL"


def parquet_rows(files: Sequence[str | Path]) -> str:
    """SELECT of the events in Parquet files, matched by column name: a file written before
    a column existed reads NULL there (union_by_name; all files must then be listed, which
    the daily merge keeps to one per closed day)."""
    source = (f"read_parquet({_list(files)}, hive_partitioning=true, hive_types={{'day': DATE}}, "
              "union_by_name=true)")
    return f"SELECT {SELECTED} FROM {source}"


SOURCE = "{source}"  # the placeholder a query's SQL names the lake by (see `run`)
_EMPTY = ("SELECT " + ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in TYPES.items())
          + " WHERE 1 = 0")


def deduped(source: str, where: str) -> str:
    """One row per event id among `source`'s rows matching `where`. Copies of an event agree
    on everything but, for a resent beacon, the time: the earliest is kept.

    With the lake's placeholder SOURCE, the rows come in two parts (filled in by `run`): the
    days held in a single Parquet file, which is unique by id already (compaction and the
    daily merge write it deduplicated), taken as they are but for the ids also found in the
    rest; and the rest (days of several files, the waiting segments), grouped by id. Grouping
    ten million ids costs seconds; the rest is small once closed days are merged. `where` is
    applied once, after the parts meet (its ? parameters keep their places)."""
    kept = ", ".join(f"min({c}) AS {c}" for c in COLUMNS if c != "id")
    if source != SOURCE:
        return f"SELECT id, {kept} FROM ({source}) AS raw WHERE {where} GROUP BY id"
    return (f"SELECT * FROM (SELECT {SELECTED} FROM ({{whole}}) AS w WHERE NOT EXISTS "
            f"(SELECT 1 FROM ({{rest}}) AS r WHERE r.id = w.id) UNION ALL "
            f"SELECT id, {kept} FROM ({{rest}}) AS raw GROUP BY id) AS ev WHERE {where}")


def union(lake: Lake, first: date | None, last: date) -> str | None:
    """Every event that may fall in [first, last]: compacted and not yet; None if none."""
    parts = split(lake, first, last)
    if parts is None:
        return None
    return f"{parts[0]} UNION ALL {parts[1]}"


def split(lake: Lake, first: date | None, last: date) -> tuple[str, str] | None:
    """(the days of [first, last] held in one Parquet file, everything else that may fall
    in the range); None when there is nothing at all."""
    whole: list[str | Path] = []
    rest: list[str | Path] = []
    for _day, files in _files_by_day(lake, first, last):
        (whole if len(files) == 1 else rest).extend(files)
    segments = lake.segments()
    if not (whole or rest or segments):
        return None
    rest_sql = [parquet_rows(rest)] if rest else []
    rest_sql += [json_rows(segments)] if segments else []
    return (parquet_rows(whole) if whole else _EMPTY,
            " UNION ALL ".join(rest_sql) if rest_sql else _EMPTY)


def _files_by_day(lake: Lake, first: date | None,
                  last: date) -> list[tuple[date, list[str | Path]]]:
    if lake.remote:
        listed = storage.remote_days(lake.fs, lake.remote)
        return [(d, list(f)) for d, f in listed if (first is None or first <= d) and d <= last]
    return [(d, list(sorted(folder.glob("*.parquet")))) for d, folder in lake.days()
            if (first is None or first <= d) and d <= last]


def fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connect() as con:
        return con.execute(sql, params).fetchall()


def run(lake: Lake, first: date | None, last: date, sql: str,
        params: list[Any]) -> list[tuple[Any, ...]]:
    """`sql` with "{source}" replaced by union(lake, first, last); [] when the lake is empty.
    A file may be compacted or merged away between listing and reading: listed again once."""
    import duckdb  # lazily: see connect

    for attempt in (1, 2):
        parts = split(lake, first, last)
        if parts is None:
            return []
        whole, rest = parts
        filled = sql.replace("{whole}", whole).replace("{rest}", rest)
        try:
            return fetch(filled.replace(SOURCE, f"{whole} UNION ALL {rest}"), params)
        except duckdb.IOException:
            if attempt == 2:
                raise
    return []
