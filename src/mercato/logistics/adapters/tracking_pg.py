"""A tracking push on PostgreSQL in ONE statement, in the driver's autocommit: one round trip
where services/tracking.py's four statements in a transaction took six (BEGIN, lock, read,
insert, update, COMMIT), each also a wait for the worker thread to get the interpreter back.

One waybill's push: lock its shipment, insert the events whose key is not stored yet, move
the shipment to the newest new event's stage when that is not older than the one it is at
(signed stays signed), hear from the carrier now. It does that only when the push can
neither sign the parcel for nor open an issue (no scan of 签收 on a parcel not yet signed
for; no failed or returned scan that could become its newest stage): those touch orders,
issues and the outbox through the ORM, so the statement then writes nothing and says so,
and the caller runs the general path. A waybill that is not ours: no row, nothing written.

Keys are checked before the INSERT so that repeats draw no ids from the sequence (a push
resends the whole history), one index probe per key: OFFSET 0 keeps the check a subplan, for
the prepared (generic) plan made while the table was small had it as a hash anti-join over a
scan of the whole table. ON CONFLICT covers a key committed by another push between this
statement's snapshot and its lock on the shipment (READ COMMITTED re-reads only the locked
row). Ties on the carrier's time go to the event later in the push, as domain.apply_events
does: the INSERT takes them in push order, so the later has the higher id.

The events go as ONE JSON parameter (json_to_recordset), not as arrays: psycopg prepares the
statement at its 5th run on a connection, and PostgreSQL then keeps a generic plan only if
it costs no more than the custom ones; arrays let each custom plan see the push's length, so
it planned the statement again at every run (0.4 ms of server CPU, as much as running it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.engine import Engine

from mercato.logistics import carriers, domain
from mercato.platform.sql import Prepared

_TROUBLE = ", ".join(f"'{s}'" for s in sorted(domain.TROUBLE))
# CAST(:x AS …), not :x::…, which text() would read as a bind named "x:".
PUSH_SQL = f"""
WITH s AS MATERIALIZED (
    SELECT id, stage, last_event_at, signed_at FROM logistics_shipment
    WHERE carrier = :carrier AND waybill_no = :waybill
    FOR UPDATE
), e AS MATERIALIZED (
    SELECT * FROM json_to_recordset(CAST(:events AS json)) AS e(
        n int, key varchar, stage varchar, occurred_at timestamp, description varchar,
        location varchar, code varchar)
), ok AS MATERIALIZED (
    SELECT s.* FROM s
    WHERE s.signed_at IS NOT NULL OR NOT EXISTS (
        SELECT FROM e WHERE e.stage = '{carriers.SIGNED}' OR (
            e.stage IN ({_TROUBLE}) AND e.stage IS DISTINCT FROM s.stage
            AND (s.last_event_at IS NULL OR e.occurred_at >= s.last_event_at)))
), ins AS (
    INSERT INTO logistics_tracking_event
        (key, shipment_id, stage, occurred_at, description, location, code, received_at)
    SELECT e.key, ok.id, e.stage, e.occurred_at, e.description, e.location, e.code, :now
    FROM ok CROSS JOIN e
    WHERE NOT EXISTS (SELECT FROM logistics_tracking_event t WHERE t.key = e.key OFFSET 0)
    ORDER BY e.n
    ON CONFLICT (key) DO NOTHING
    RETURNING id, stage, occurred_at
), newest AS (
    SELECT stage, occurred_at FROM ins ORDER BY occurred_at DESC, id DESC LIMIT 1
), moved AS (
    UPDATE logistics_shipment AS t SET
        stage = CASE WHEN ok.signed_at IS NOT NULL THEN '{carriers.SIGNED}'
                     WHEN ok.last_event_at IS NULL OR newest.occurred_at >= ok.last_event_at
                     THEN coalesce(newest.stage, ok.stage)
                     ELSE ok.stage END,
        last_event_at = greatest(ok.last_event_at, newest.occurred_at),
        last_heard_at = :now, updated_at = :now
    FROM ok LEFT JOIN newest ON true
    WHERE t.id = ok.id
)
SELECT (SELECT count(*) FROM ok), (SELECT count(*) FROM ins) FROM s
"""
_PUSH = Prepared(text(PUSH_SQL))


COLUMNS = ("key", "stage", "occurred_at", "description", "location", "code")


def bind(carrier: str, waybill: str, scans: Sequence[Sequence[Any]],
         now: datetime) -> dict[str, Any]:
    """The statement's parameters: one waybill's scans, as COLUMNS (times naive UTC), in
    push order, each key once."""
    rows = [dict(zip(COLUMNS, scan, strict=True), n=i) for i, scan in enumerate(scans)]
    return {"carrier": carrier, "waybill": waybill, "now": now,
            "events": orjson.dumps(rows).decode()}


def params(events: Sequence[carriers.TrackingEvent], now: datetime) -> dict[str, Any]:
    """`bind` for a push's events: the first of each key, cut to the columns' sizes as the
    general path stores them."""
    fresh: dict[str, carriers.TrackingEvent] = {}
    for e in events:
        fresh.setdefault(e.key(), e)
    scans = [(k, e.stage, domain.naive_utc(e.occurred_at), e.description[:500],
              e.location[:120], e.code[:16]) for k, e in fresh.items()]
    return bind(events[0].carrier, events[0].waybill_no, scans, now)


@lru_cache(maxsize=4)
def _autocommit(engine: Engine) -> Engine:
    # One statement is one transaction: in the driver's autocommit it needs no BEGIN and no
    # COMMIT round trip (as Database.core_reads does for reads).
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def apply(engine: Engine, events: Sequence[carriers.TrackingEvent],
          now: datetime) -> tuple[bool, int] | None:
    """Run one waybill's push, committed. None: no shipment has this waybill (nothing
    written); (False, 0): the general path must apply it (nothing written); (True, n):
    applied, n events new."""
    with _autocommit(engine).connect() as conn:
        row = _PUSH.run(conn, params(events, now)).first()
    if row is None:
        return None
    return bool(row[0]), int(row[1])
