"""Building events by hand and writing them into a lake, as the recorder would."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import orjson

from mercato.analytics.adapters.lake import Lake
from mercato.analytics.adapters.recorder import Recorder
from mercato.analytics.domain import Event

_ids = itertools.count(1)


def ev(day: str, name: str, visitor: str | None = None, **fields: Any) -> Event:
    """An event on local day `day` (10:00 Shanghai = 02:00 UTC, plus a second per event so
    that later events are later)."""
    n = next(_ids)
    local = date.fromisoformat(day)
    at = datetime.combine(local, time(2, 0)) + timedelta(seconds=n)
    return Event(fields.pop("id", f"t{n}"), at, local, name, visitor, **fields)


def write(lake: Lake, events: list[Event]) -> Path:
    """One segment holding `events`; its path."""
    recorder = Recorder(lake.incoming, background=False)
    for e in events:
        recorder.append(e)
    assert recorder.flush() == len(events)
    (segment,) = [p for p in lake.incoming.glob("*.ndjson") if p.stem.split("-")[1]
                  == recorder._boot]
    return segment


def recorded(lake: Lake) -> list[dict[str, Any]]:
    """Every event in the lake's waiting segments, as written."""
    rows: list[dict[str, Any]] = []
    for segment in lake.segments():
        rows += [orjson.loads(line) for line in segment.read_bytes().splitlines() if line]
    return rows
