"""The PostgreSQL one-statement push (adapters/tracking_pg) against the general path: two
twin shipped parcels, one fed through `ingest_push`, the other through `ingest` in a unit of
work, must end in the same state after the same pushes (new scans, repeats, late ones, a
tie on the carrier's time, signed for, scans after signing, a failed delivery), and the
one statement must be what ran for the common pushes."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select, text

from mercato.kernel.errors import NotFound
from mercato.logistics import carriers
from mercato.logistics.adapters import tracking_pg
from mercato.logistics.adapters.tables import Issue, Shipment
from mercato.logistics.services import tracking
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow
from tests.logistics.helpers import CN

pytestmark = pytest.mark.postgres
AT = datetime(2026, 12, 1, 0, 0)


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool | None]]:
    """Whether each `ingest_push` was applied by the one statement (None: unknown)."""
    seen: list[bool | None] = []
    real = tracking_pg.apply

    def spy(*args: Any) -> tuple[bool, int] | None:
        got = real(*args)
        seen.append(None if got is None else got[0])
        return got

    monkeypatch.setattr(tracking_pg, "apply", spy)
    yield seen


def _ship(db: Database, n: int) -> str:
    """A shipped order with one ZTO parcel; its waybill."""
    number, waybill = f"26123000000000{n:02d}", f"7800000000{n:02d}"
    who = {"customer_id": n, "recipient": "王小明", "phone": "13912345678",
           "province": "四川省", "city": "成都市", "district": "武侯区", "street": "人民路1号"}
    with db.transaction() as tx:
        tx.execute(insert(Order.__table__), {
            **who, "id": n, "number": number, "status": "shipped", "currency": "CNY",
            "item_count": 1, "subtotal_fen": 100, "shipping_fen": 0, "total_fen": 100,
            "paid_fen": 100, "shipping_code": "zto", "shipping_name": "中通", "placed_at": AT,
            "pay_deadline": AT, "paid_at": AT, "payment_provider": "sandbox", "updated_at": AT})
        tx.execute(insert(Shipment.__table__), {
            **who, "number": f"{number}-1", "order_number": number, "warehouse_id": 1,
            "status": "shipped", "stage": "", "carrier": "zto", "waybill_no": waybill,
            "created_at": AT, "shipped_at": AT, "updated_at": AT})
    return waybill


def _scan(waybill: str, stage: str, hour: int, words: str = "",
          place: str = "成都市") -> carriers.TrackingEvent:
    return carriers.TrackingEvent("zto", waybill, stage, datetime(2026, 12, 1, hour, tzinfo=CN),
                                  words or f"{stage} {hour}", place, "0")


# (stage, hour, words[, place]), newest first as Kuaidi100 sends; the key leaves out the stage
# and the place, so two scans differing only there are one event (the first one kept).
Push = list[tuple[Any, ...]]


def _feed(db: Database, waybill: str, push: Push, one_statement: bool) -> tuple[int, int]:
    events = [_scan(waybill, *e) for e in push]
    if one_statement:
        got = tracking.ingest_push(db, events)
    else:
        got = db.unit(lambda tx: tracking.ingest(tx, events))
    return got.stored, got.repeated


def _state(db: Database, waybill: str) -> dict[str, Any]:
    """Everything a push may change, of this waybill's parcel and order."""
    with db.reading() as tx:
        s = tx.scalars(select(Shipment).where(Shipment.waybill_no == waybill)).one()
        rows = tx.execute(text(
            "SELECT stage, occurred_at, description, location, code FROM "
            "logistics_tracking_event WHERE shipment_id = :id ORDER BY occurred_at, "
            "description"), {"id": s.id}).all()
        order = tx.scalars(select(Order.status).where(Order.number == s.order_number)).one()
        told = [json.loads(p)["by"] for p in tx.scalars(
            select(OutboxRow.payload).where(OutboxRow.name == "logistics.shipment_signed.v1"))
            if json.loads(p)["number"] == s.number]
        issues = list(tx.scalars(select(Issue.detail).where(Issue.subject == s.number)))
        return {"stage": s.stage, "status": s.status, "last_event_at": s.last_event_at,
                "signed_at": s.signed_at, "heard": s.last_heard_at is not None,
                "order": order, "events": [tuple(r) for r in rows], "signed_events": told,
                "issues": issues}


def _same(db: Database, pushes: list[Push]) -> list[tuple[int, int]]:
    """Feed both twins; after every push they must agree. The counts of the one statement."""
    fast, general = _ship(db, 1), _ship(db, 2)
    counts = []
    for push in pushes:
        counts.append(_feed(db, fast, push, True))
        assert _feed(db, general, push, False) == counts[-1], push
        assert _state(db, fast) == _state(db, general), push
    return counts


def test_mixed_sequence_same_state_as_the_general_path(pg_db: Database,
                                                       paths: list[bool | None]) -> None:
    history: Push = [("in_transit", 12, ""), ("collected", 8, "")]
    pushes: list[Push] = [
        [("collected", 8, "")],  # new
        [("collected", 8, "")],  # repeated
        history,  # one new, one repeated
        [("in_transit", 10, ""), ("collected", 8, "")],  # late: history, no step back
        # a tie on the carrier's time (the later in the push wins) and a doubled scan
        [("delivering", 15, "b"), ("in_transit", 15, "a"), ("in_transit", 15, "a", "别处"),
         *history],
        [("delivering", 15, "c")],  # as new as the newest: it moves the stage
        [("signed", 18, "签收"), ("delivering", 15, "b"), *history],  # signed for
        [("signed", 18, "签收"), ("delivering", 15, "b"), *history],  # repeated, signed
        [("in_transit", 16, "")],  # late after signing: history only
        [("delivering", 20, "")],  # newer after signing: signed stays signed
    ]
    counts = _same(pg_db, pushes)
    assert counts == [(1, 0), (0, 1), (1, 1), (1, 1), (2, 3), (1, 0), (1, 3), (0, 4), (1, 0),
                      (1, 0)]
    assert paths == [True, True, True, True, True, True, False, True, True, True]
    final = _state(pg_db, "780000000001")
    assert (final["stage"], final["status"], final["order"]) == ("signed", "signed", "signed")
    assert final["last_event_at"] == datetime(2026, 12, 1, 12)  # 20:00 China time, in UTC
    assert final["signed_events"] == ["carrier"]
    with pg_db.reading() as tx:  # repeats drew no ids: keys are checked before the INSERT
        assert tx.execute(text("SELECT max(id) = count(*) FROM logistics_tracking_event")).scalar()


def test_failed_delivery_and_older_scans_same_state(pg_db: Database,
                                                    paths: list[bool | None]) -> None:
    pushes: list[Push] = [
        [("in_transit", 9, "")],
        [("failed", 14, "客户拒收"), ("in_transit", 9, "")],  # opens an issue: general path
        [("failed", 14, "客户拒收"), ("in_transit", 9, "")],  # repeated: nothing to open
        [("failed", 11, "改约"), ("in_transit", 9, "")],  # an older failure: history only
        [("returned", 16, "退回"), ("failed", 14, "客户拒收")],  # a newer trouble stage
        [("delivering", 18, "")],
        [("returned", 12, "旧的退回")],  # an older trouble scan: history, no issue
    ]
    _same(pg_db, pushes)
    assert paths == [True, False, True, True, False, True, True]
    final = _state(pg_db, "780000000001")
    assert (final["stage"], final["status"]) == ("delivering", "shipped")
    assert final["issues"] == ["客户拒收"]  # one issue per parcel and cause


def test_unknown_waybill_writes_nothing(pg_db: Database, paths: list[bool | None]) -> None:
    _ship(pg_db, 1)
    for one_statement in (True, False):
        with pytest.raises(NotFound) as exc:
            _feed(pg_db, "SF0000000000000", [("collected", 8, "")], one_statement)
        assert exc.value.code == "logistics.unknown_waybill"
    assert paths == [None]
    with pg_db.reading() as tx:
        assert tx.execute(text("SELECT count(*) FROM logistics_tracking_event")).scalar() == 0


def test_concurrent_pushes_store_each_scan_once(pg_db: Database) -> None:
    """Carriers retry: the same history pushed at once from many threads is stored once,
    without a unique-key error (the lock on the parcel, then ON CONFLICT)."""
    waybill = _ship(pg_db, 1)
    push = [_scan(waybill, "in_transit", h) for h in (12, 11, 10)] + [
        _scan(waybill, "collected", 8)]
    start, stored, errors = threading.Barrier(8), [], []

    def one() -> None:
        start.wait()
        try:
            stored.append(tracking.ingest_push(pg_db, push).stored)
        except Exception as exc:  # raised again below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sum(stored) == 4
    state = _state(pg_db, waybill)
    assert len(state["events"]) == 4 and state["stage"] == "in_transit"
    assert state["last_event_at"] == datetime(2026, 12, 1, 12) - timedelta(hours=8)


def _someone_waits_for_a_lock(db: Database, waiter: threading.Thread) -> bool:
    # AUTOCOMMIT: PostgreSQL keeps one snapshot of pg_stat_activity per transaction, so
    # polling inside one transaction would never see the waiter arrive.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for _ in range(600):
            if conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                 "current_database() AND wait_event_type = 'Lock'")).scalar():
                return True
            if not waiter.is_alive():
                return False
            time.sleep(0.05)
    return False


def test_a_scan_committed_while_the_push_waits_is_skipped(pg_db: Database) -> None:
    """The push's snapshot predates a scan that another push commits while this one waits for
    the parcel: READ COMMITTED re-reads only the locked row, so ON CONFLICT must skip it."""
    waybill = _ship(pg_db, 1)
    older, newer = _scan(waybill, "collected", 8), _scan(waybill, "in_transit", 12)
    holder = pg_db.open(True)
    tracking.ingest(holder, [older])  # the parcel locked and the scan written, not committed
    got: list[Any] = []
    waiting = threading.Thread(target=lambda: _catch(got, pg_db, [newer, older]))
    waiting.start()
    assert _someone_waits_for_a_lock(pg_db, waiting), got
    pg_db.end(holder, True)
    waiting.join()
    assert [(g.stored, g.repeated) for g in got] == [(1, 1)]
    state = _state(pg_db, waybill)
    assert len(state["events"]) == 2 and state["stage"] == "in_transit"


def _catch(got: list[Any], db: Database, events: list[carriers.TrackingEvent]) -> None:
    try:
        got.append(tracking.ingest_push(db, events))
    except Exception as exc:  # asserted in the test's thread
        got.append(exc)
