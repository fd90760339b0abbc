"""The lake's folders, and DuckDB reading them.

<lake>/incoming/<pid>-<boot>-<n>.ndjson   closed segments, written whole then renamed
<lake>/compacting/<batch>/*.ndjson         segments a compaction run has taken
<lake>/events/day=YYYY-MM-DD/<batch>.parquet

A figure reads the Parquet files of its days plus every segment not compacted yet, so it is
never stale by the compaction interval; events are made unique by id (`deduped`), so a
segment read twice while it is being compacted, compacted twice, an outbox event handled
again or a beacon resent still counts once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mercato.analytics.domain import COLUMNS
from mercato.platform.settings import Settings

if TYPE_CHECKING:
    import duckdb

TYPES = {
    "id": "VARCHAR", "occurred_at": "TIMESTAMP", "day": "DATE", "name": "VARCHAR",
    "visitor_id": "VARCHAR", "customer_id": "BIGINT", "channel": "VARCHAR", "path": "VARCHAR",
    "product_id": "BIGINT", "sku_id": "BIGINT", "order_number": "VARCHAR", "value_fen": "BIGINT",
    "quantity": "INTEGER", "term": "VARCHAR",
}
assert tuple(TYPES) == COLUMNS
SELECTED = ", ".join(COLUMNS)
STORED = ", ".join(c for c in COLUMNS if c != "day")  # the day is the folder's name
_JSON_COLUMNS = "{" + ", ".join(f"'{c}': '{t}'" for c, t in TYPES.items()) + "}"


@dataclass(frozen=True)
class Lake:
    root: Path

    @classmethod
    def of(cls, settings: Settings) -> Lake:
        """MERCATO_ANALYTICS_LAKE, or <media_dir>/../lake (./var/lake by default)."""
        root = settings.analytics_lake or str(Path(settings.media_dir).parent / "lake")
        return cls(Path(root))

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
        out = []
        for folder in self.events.glob("day=*"):
            try:
                out.append((date.fromisoformat(folder.name[4:]), folder))
            except ValueError:
                continue  # not ours
        return sorted(out)

    def parquet(self, first: date | None, last: date) -> list[Path]:
        """The Parquet files of the days in [first, last] (first None: from the beginning)."""
        return [f for day, folder in self.days() if (first is None or first <= day) and day <= last
                for f in sorted(folder.glob("*.parquet"))]


def connect() -> duckdb.DuckDBPyConnection:
    import duckdb  # here: a fifth of a second to import, paid by the queries and jobs alone

    # Never fetch an extension from the internet mid-query (machines may be offline); JSON
    # and Parquet are built into the Python package.
    return duckdb.connect(config={"autoinstall_known_extensions": False})


def literal(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _list(files: list[Path]) -> str:
    return "[" + ", ".join(literal(f) for f in files) + "]"


def json_rows(files: list[Path]) -> str:
    """SELECT of the events in segment files; a line that is not a whole event is skipped."""
    source = (f"read_json({_list(files)}, format='newline_delimited', columns={_JSON_COLUMNS}, "
              "ignore_errors=true)")
    return f"SELECT {SELECTED} FROM {source} WHERE id IS NOT NULL AND name IS NOT NULL"


def parquet_rows(files: list[Path]) -> str:
    source = f"read_parquet({_list(files)}, hive_partitioning=true, hive_types={{'day': DATE}})"
    return f"SELECT {SELECTED} FROM {source}"


def deduped(source: str, where: str) -> str:
    """One row per event id among `source`'s rows matching `where`. Copies of an event agree
    on everything but, for a resent beacon, the time: the earliest is kept."""
    kept = ", ".join(f"min({c}) AS {c}" for c in COLUMNS if c != "id")
    return f"SELECT id, {kept} FROM ({source}) AS raw WHERE {where} GROUP BY id"


def union(lake: Lake, first: date | None, last: date) -> str | None:
    """Every event that may fall in [first, last]: compacted and not yet; None if none."""
    parts = []
    files = lake.parquet(first, last)
    if files:
        parts.append(parquet_rows(files))
    segments = lake.segments()
    if segments:
        parts.append(json_rows(segments))
    return " UNION ALL ".join(parts) or None


def fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connect() as con:
        return con.execute(sql, params).fetchall()
