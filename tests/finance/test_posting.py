"""The ERP queue on SQLite and PostgreSQL: an entry is recorded once however often its fact
is told; posting marks what the ERP acknowledged, backs the rest off (30 s doubling, at most
an hour); overlapping runs never send one entry twice; a run that dies loses nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from mercato.finance import journal
from mercato.finance.adapters.poster import PostFailed, PostResult
from mercato.finance.adapters.tables import FinanceEntry
from mercato.finance.services import entries, posting
from mercato.platform.clock import utcnow
from mercato.platform.db import Database

AT = datetime(2026, 12, 14, 2, 30)


class Erp:
    """A poster that books what it is told to (`refuse`: entry id → reason; `down`: fail
    the whole batch) and remembers every id it was sent."""

    name = "test"

    def __init__(self, refuse: dict[str, str] | None = None, down: bool = False,
                 gate: threading.Event | None = None) -> None:
        self.refuse, self.down, self.gate = refuse or {}, down, gate
        self.sent: list[str] = []
        self.started = threading.Event()

    def post(self, batch: Sequence[dict[str, Any]]) -> PostResult:
        self.started.set()
        if self.gate is not None:
            assert self.gate.wait(10)
        self.sent += [e["entry_id"] for e in batch]
        if self.down:
            raise PostFailed("ERP answered HTTP 503")
        ids = [e["entry_id"] for e in batch]
        return PostResult([i for i in ids if i not in self.refuse],
                          {i: r for i, r in self.refuse.items() if i in ids}, ack="B1")


def _record(db: Database, *numbers: str) -> None:
    with db.transaction() as tx:
        for n in numbers:
            posting.record(tx, journal.payment_entry(n, f"O{n}", "alipay", 1000, AT))


def _rows(db: Database) -> dict[str, FinanceEntry]:
    with db.reading() as tx:
        rows = {e.entry_id: e for e in tx.scalars(select(FinanceEntry))}
        tx.expunge_all()  # keep them loaded after the read ends
        return rows


def _record_is_idempotent(db: Database) -> None:
    entry = journal.payment_entry("T1", "O1", "wechatpay", 12900, AT)
    with db.transaction() as tx:
        assert posting.record(tx, entry) is True
        assert posting.record(tx, entry) is False
    with db.transaction() as tx:
        assert posting.record(tx, entry) is False
    rows = _rows(db)
    assert list(rows) == ["PAY-T1"]
    row = rows["PAY-T1"]
    assert (row.kind, row.order_number, row.status, row.attempts) == ("payment", "O1",
                                                                      "pending", 0)
    assert journal.from_json(json.loads(row.payload)) == entry


def _backs_off_until_acknowledged(db: Database) -> None:
    _record(db, "T1")
    erp, now = Erp(down=True), utcnow()
    waits = []
    for _ in range(9):
        assert posting.post_pending(db, erp, now=now) == {"sent": 1, "posted": 0, "retrying": 1}
        row = _rows(db)["PAY-T1"]
        waits.append(int((row.next_attempt_at - now).total_seconds()))
        assert posting.post_pending(db, erp, now=row.next_attempt_at - timedelta(seconds=1)) \
            == {"sent": 0, "posted": 0, "retrying": 0}  # not due yet
        now = row.next_attempt_at
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert row.attempts == 9 and row.last_error == "ERP answered HTTP 503"
    erp.down = False
    assert posting.post_pending(db, erp, now=now)["posted"] == 1
    row = _rows(db)["PAY-T1"]
    assert (row.status, row.ack, row.last_error, row.posted_at) == ("posted", "B1", "", now)
    assert erp.sent == ["PAY-T1"] * 10
    assert posting.post_pending(db, erp, now=now + timedelta(days=1))["sent"] == 0


def _rejected_individually(db: Database) -> None:
    _record(db, "T1", "T2", "T3")
    erp = Erp(refuse={"PAY-T2": "account 1002.alipay unknown"})
    now = utcnow()
    assert posting.post_pending(db, erp, now=now) == {"sent": 3, "posted": 2, "retrying": 1}
    rows = _rows(db)
    assert [rows[k].status for k in ("PAY-T1", "PAY-T2", "PAY-T3")] == ["posted", "pending",
                                                                         "posted"]
    assert rows["PAY-T2"].last_error == "account 1002.alipay unknown"
    assert rows["PAY-T2"].next_attempt_at == now + timedelta(seconds=30)


def _overlapping_runs_send_once(db: Database) -> None:
    _record(db, *[f"T{i}" for i in range(5)])
    gate = threading.Event()
    slow, fast = Erp(gate=gate), Erp()
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(posting.post_pending, db, slow)
        assert slow.started.wait(10)  # the first run holds its claim, talking to the ERP
        assert posting.post_pending(db, fast) == {"sent": 0, "posted": 0, "retrying": 0}
        _record(db, "T9")
        assert posting.post_pending(db, fast)["sent"] == 1  # only what it could claim
        gate.set()
        assert first.result()["posted"] == 5
    assert sorted(slow.sent + fast.sent) == sorted(_rows(db))
    assert {r.status for r in _rows(db).values()} == {"posted"}


def _many_runs_at_once(db: Database) -> None:
    _record(db, *[f"T{i:02d}" for i in range(40)])
    erps = [Erp() for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda erp: posting.post_pending(db, erp, limit=7), erps))
    sent = [i for erp in erps for i in erp.sent]
    assert len(sent) == len(set(sent))  # nothing sent twice
    while posting.post_pending(db, erps[0], limit=7)["sent"]:
        pass
    sent = [i for erp in erps for i in erp.sent]
    assert sorted(sent) == sorted(_rows(db)) and len(sent) == 40


def _a_dead_run_loses_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _record(db, "T1")
    now, erp = utcnow(), Erp()

    def crash(*_a: object) -> None:
        raise RuntimeError("power cut after the ERP answered")

    with monkeypatch.context() as m:
        m.setattr(posting, "_settle", crash)
        with pytest.raises(RuntimeError):
            posting.post_pending(db, erp, now=now)
    assert _rows(db)["PAY-T1"].status == "pending"
    assert posting.post_pending(db, erp, now=now + timedelta(minutes=4))["sent"] == 0
    assert posting.post_pending(db, erp, now=now + posting.LEASE)["posted"] == 1
    assert erp.sent == ["PAY-T1", "PAY-T1"]  # sent again: the ERP books an entry id once


def _late_failure_does_not_undo_a_later_run(db: Database) -> None:
    """A run slower than its lease: a later run took the entry over and posted it; the
    slow run's failure must not put it back."""
    _record(db, "T1")
    now = utcnow()
    gate = threading.Event()
    slow = Erp(down=True, gate=gate)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(posting.post_pending, db, slow, 200, now)
        assert slow.started.wait(10)
        assert posting.post_pending(db, Erp(), now=now + posting.LEASE)["posted"] == 1
        gate.set()
        assert first.result()["posted"] == 0
    row = _rows(db)["PAY-T1"]
    assert (row.status, row.attempts, row.last_error) == ("posted", 0, "")


def _admin_list(db: Database) -> None:
    _record(db, "T1", "T2", "T3")
    posting.post_pending(db, Erp(refuse={"PAY-T2": "no"}))
    _record(db, "T4")
    with db.reading() as tx:
        page = entries.listing(tx)
        assert page.counts == {"all": 4, "failed": 1, "waiting": 1, "posted": 2}
        assert [r.entry_id for r in page.rows][:2] == ["PAY-T2", "PAY-T4"]
        assert [r.state for r in page.rows] == ["failed", "waiting", "posted", "posted"]
        assert [r.entry_id for r in entries.listing(tx, "failed").rows] == ["PAY-T2"]
        assert entries.listing(tx, order_number="OT3").rows[0].entry_id == "PAY-T3"
    with db.transaction() as tx:
        entries.retry_now(tx, "PAY-T2")
    erp = Erp()
    assert posting.post_pending(db, erp) == {"sent": 2, "posted": 2, "retrying": 0}
    assert sorted(erp.sent) == ["PAY-T2", "PAY-T4"]  # T2 due again at once, not in 30 s
    with db.transaction() as tx, pytest.raises(Exception) as err:
        entries.retry_now(tx, "PAY-T2")
    assert getattr(err.value, "code", "") == "finance.entry_posted"


CASES = [_record_is_idempotent, _backs_off_until_acknowledged, _rejected_individually,
         _overlapping_runs_send_once, _many_runs_at_once, _late_failure_does_not_undo_a_later_run,
         _admin_list]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.strip("_"))
def test_sqlite(db: Database, case):
    case(db)


@pytest.mark.postgres
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.strip("_"))
def test_postgres(pg_db: Database, case):
    case(pg_db)


def test_dead_run_sqlite(db: Database, monkeypatch: pytest.MonkeyPatch):
    _a_dead_run_loses_nothing(db, monkeypatch)


@pytest.mark.postgres
def test_dead_run_postgres(pg_db: Database, monkeypatch: pytest.MonkeyPatch):
    _a_dead_run_loses_nothing(pg_db, monkeypatch)


def test_backoff_schedule():
    assert [posting.backoff(n).total_seconds() for n in (1, 2, 3, 7, 8, 50)] == [
        30, 60, 120, 1920, 3600, 3600]


def test_one_row_per_entry_under_concurrent_records(db: Database):
    entry = journal.invoice_entry("N1", "O1", 100, 13, AT)

    def once(_: int) -> bool:
        return db.unit(lambda tx: posting.record(tx, entry))

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(once, range(8))) == [False] * 7 + [True]
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(FinanceEntry)) == 1
