"""Finance's subscribers, through the bus as the worker runs them: payments, whole and partial
refunds, blue and red invoices become entries (once each, however often the event comes);
the periodic job posts them through the poster the settings choose."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mercato import events
from mercato.finance import tasks
from mercato.finance.adapters import erp_csv
from mercato.finance.adapters.tables import FinanceEntry
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings

AT = datetime(2026, 12, 14, 2, 30)
PAID = {"order_number": "2612140000000001", "out_trade_no": "261214000000000101",
        "provider": "wechatpay", "amount_fen": 12900, "currency": "CNY", "transaction_id": "X"}


@pytest.fixture
def erp_settings(tmp_path: Path) -> Settings:
    return Settings(database_url="sqlite://", media_dir=tmp_path / "media", demo=True,
                    erp_sandbox=False, jobs=False)


@pytest.fixture
def bus(erp_settings: Settings) -> Bus:
    b = Bus()
    tasks.wire(b, erp_settings)
    return b


def tell(bus: Bus, db: Database, name: str, payload: dict[str, Any], times: int = 1) -> None:
    for _ in range(times):  # a redelivered event is a new message with the same facts
        bus.handle(db, Event(str(uuid.uuid4()), name, payload, AT))


def entries(db: Database) -> dict[str, dict[str, Any]]:
    with db.reading() as tx:
        return {e.entry_id: json.loads(e.payload) for e in tx.scalars(select(FinanceEntry))}


def sides(entry: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(p["account"], p["debit_fen"], p["credit_fen"]) for p in entry["postings"]]


def test_payment_and_whole_refund(bus: Bus, db: Database):
    tell(bus, db, events.PAYMENT_SUCCEEDED, PAID, times=2)
    tell(bus, db, events.PAYMENT_REFUND_DUE, {**PAID, "reason": "orders.closed"})
    tell(bus, db, events.PAYMENT_REFUNDED, {**PAID, "refund_id": "R-1"}, times=2)
    got = entries(db)
    assert sorted(got) == ["PAY-261214000000000101", "REF-261214000000000101R"]
    assert sides(got["PAY-261214000000000101"]) == [("1002.wechatpay", 12900, 0),
                                                   ("2203", 0, 12900)]
    refund = got["REF-261214000000000101R"]
    assert sides(refund) == [("2203", 12900, 0), ("1002.wechatpay", 0, 12900)]
    assert refund["occurred_at"] == "2026-12-14T02:30:00Z"


def test_money_an_order_could_not_keep_is_booked_before_its_refund(bus: Bus, db: Database):
    tell(bus, db, events.PAYMENT_REFUND_DUE, {**PAID, "reason": "orders.cancelled"})
    assert list(entries(db)) == ["PAY-261214000000000101"]


def test_partial_refund(bus: Bus, db: Database):
    payload = {"refund_no": "AS2612140001", "order_number": "2612140000000001",
               "out_trade_no": "261214000000000101", "provider": "alipay",
               "amount_fen": 3000, "refund_id": "R-9"}
    tell(bus, db, events.PAYMENT_REFUND_SUCCEEDED, payload, times=2)
    got = entries(db)
    assert list(got) == ["REF-AS2612140001"]
    assert sides(got["REF-AS2612140001"]) == [("2203", 3000, 0), ("1002.alipay", 0, 3000)]


def test_blue_and_red_invoices(bus: Bus, db: Database):
    blue = {"number": "25310000000000000001", "order_number": "O1", "kind": "blue",
            "net_fen": 11416, "tax_fen": 1484, "total_fen": 12900,
            "issued_at": "2026-12-20T08:00:00+00:00"}
    red = {**blue, "number": "25310000000000000002", "kind": "red", "net_fen": -11416,
           "tax_fen": -1484, "total_fen": -12900, "issued_at": "2026-12-21T16:30:00Z"}
    tell(bus, db, events.INVOICE_ISSUED, blue, times=2)
    tell(bus, db, events.INVOICE_ISSUED, red)
    got = entries(db)
    inv, crn = got["INV-25310000000000000001"], got["CRN-25310000000000000002"]
    assert len(got) == 2
    assert sides(inv) == [("2203", 12900, 0), ("6001", 0, 11416), ("22210106", 0, 1484)]
    assert sides(crn) == [("6001", 11416, 0), ("22210106", 1484, 0), ("2203", 0, 12900)]
    assert (inv["occurred_at"], crn["occurred_at"]) == ("2026-12-20T08:00:00Z",
                                                        "2026-12-21T16:30:00Z")


def test_an_invoice_whose_total_is_wrong_is_refused(bus: Bus, db: Database):
    bad = {"number": "N1", "order_number": "O1", "kind": "blue", "net_fen": 100,
           "tax_fen": 13, "total_fen": 100}
    with pytest.raises(Exception, match="net plus tax"):
        tell(bus, db, events.INVOICE_ISSUED, bad)
    assert entries(db) == {}


def test_the_job_posts_to_the_journal(bus: Bus, db: Database, erp_settings: Settings):
    tell(bus, db, events.PAYMENT_SUCCEEDED, PAID)
    bus.run_job(db, "finance.post_entries")
    assert erp_settings.erp_csv_dir is not None
    rows = erp_csv.read(erp_settings.erp_csv_dir, "2026-12-14")
    assert [r["entry_id"] for r in rows] == ["PAY-261214000000000101"] * 2
    with db.reading() as tx:
        assert tx.scalars(select(FinanceEntry.status)).all() == ["posted"]


def test_posting_off_keeps_entries_waiting(db: Database, tmp_path: Path):
    bus = Bus()
    tasks.wire(bus, Settings(database_url="sqlite://", media_dir=tmp_path / "m", demo=True,
                             erp_mode="off"))
    tell(bus, db, events.PAYMENT_SUCCEEDED, PAID)
    bus.run_job(db, "finance.post_entries")
    with db.reading() as tx:
        assert tx.scalars(select(FinanceEntry.status)).all() == ["pending"]
