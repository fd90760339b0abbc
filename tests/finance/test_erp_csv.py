"""The CSV journal: one BOM-marked UTF-8 file per shop-local day, one row per posting, and no
entry written twice, whether a batch is retried after a crash before the rename, after it,
or two writers add to one day at once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mercato.finance import journal
from mercato.finance.adapters import erp_csv, erp_registry
from mercato.finance.adapters.erp_csv import CsvJournal
from mercato.finance.adapters.poster import PostFailed
from mercato.finance.services import posting
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.settings import Settings

SHANGHAI = ZoneInfo("Asia/Shanghai")
MORNING = datetime(2026, 12, 14, 2, 30, tzinfo=UTC)  # 10:30 in Beijing
NIGHT = datetime(2026, 12, 14, 17, 0, tzinfo=UTC)  # 01:00 on the 15th in Beijing


def pay(n: str, at: datetime = MORNING, amount: int = 12900) -> dict[str, Any]:
    return journal.to_json(journal.payment_entry(n, f"O{n}", "wechatpay", amount, at))


@pytest.fixture
def book(tmp_path: Path) -> CsvJournal:
    return CsvJournal(tmp_path / "erp", SHANGHAI)


def test_rows_columns_and_bom(book: CsvJournal):
    invoice = journal.to_json(journal.invoice_entry("N1", "O1", 11416, 1484, MORNING))
    result = book.post([pay("T1"), invoice])
    assert result.accepted == ["PAY-T1", "INV-N1"] and result.rejected == {}
    assert result.ack == "journal-2026-12-14.csv"
    raw = (book.folder / "journal-2026-12-14.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0] == ",".join(journal.CSV_COLUMNS)
    assert lines[1] == ("PAY-T1,2026-12-14,payment,OT1,T1,1002.wechatpay,银行存款—微信支付,"
                        "129.00,0.00,订单OT1收款")
    rows = erp_csv.read(book.folder, "2026-12-14")
    assert [(r["account"], r["debit"], r["credit"]) for r in rows] == [
        ("1002.wechatpay", "129.00", "0.00"), ("2203", "0.00", "129.00"),
        ("2203", "129.00", "0.00"), ("6001", "0.00", "114.16"), ("22210106", "0.00", "14.84"),
    ]
    assert rows[4]["account_name"] == "应交税费—应交增值税（销项税额）"


def test_one_file_per_local_day(book: CsvJournal):
    result = book.post([pay("T1"), pay("T2", NIGHT)])
    assert sorted(p.name for p in book.folder.glob("journal-*")) == [
        "journal-2026-12-14.csv", "journal-2026-12-15.csv"]
    assert result.ack == "journal-2026-12-14.csv,journal-2026-12-15.csv"
    assert [r["entry_id"] for r in erp_csv.read(book.folder, "2026-12-15")] == ["PAY-T2"] * 2


def test_an_entry_is_written_once(book: CsvJournal):
    book.post([pay("T1")])
    assert book.post([pay("T1"), pay("T2")]).accepted == ["PAY-T1", "PAY-T2"]
    assert book.post([pay("T2")]).accepted == ["PAY-T2"]
    ids = [r["entry_id"] for r in erp_csv.read(book.folder, "2026-12-14")]
    assert ids == ["PAY-T1", "PAY-T1", "PAY-T2", "PAY-T2"]
    raw = (book.folder / "journal-2026-12-14.csv").read_bytes()
    assert raw.count(b"\xef\xbb\xbf") == 1 and raw.count(b"entry_id,date") == 1


def test_an_invalid_entry_is_rejected_alone(book: CsvJournal):
    bad = pay("T2")
    bad["postings"][0]["debit_fen"] = 1
    result = book.post([pay("T1"), bad])
    assert result.accepted == ["PAY-T1"]
    assert result.rejected["PAY-T2"].startswith("finance.entry_invalid")
    assert book.post([bad]).accepted == []  # nothing to write: not a failure either


def test_crash_before_the_rename_writes_nothing(book: CsvJournal,
                                                monkeypatch: pytest.MonkeyPatch):
    book.post([pay("T1")])
    before = (book.folder / "journal-2026-12-14.csv").read_bytes()

    def power_cut(*_a: object) -> None:
        raise OSError("power cut")

    with monkeypatch.context() as m:
        m.setattr(erp_csv.os, "replace", power_cut)
        with pytest.raises(PostFailed, match="power cut"):
            book.post([pay("T2")])
    assert (book.folder / "journal-2026-12-14.csv").read_bytes() == before
    assert list(book.folder.glob(".journal-*.tmp"))  # the half-done copy, never renamed
    assert book.post([pay("T2")]).accepted == ["PAY-T2"]
    assert not list(book.folder.glob(".journal-*.tmp"))
    ids = [r["entry_id"] for r in erp_csv.read(book.folder, "2026-12-14")]
    assert ids == ["PAY-T1", "PAY-T1", "PAY-T2", "PAY-T2"]


def test_crash_after_the_rename_is_retried_without_duplicates(tmp_path: Path, db: Database,
                                                               monkeypatch: pytest.MonkeyPatch):
    book = CsvJournal(tmp_path / "erp", SHANGHAI)
    with db.transaction() as tx:
        posting.record(tx, journal.payment_entry("T1", "OT1", "alipay", 990, MORNING))
    now = utcnow()

    def crash(*_a: object) -> None:
        raise RuntimeError("killed after the file was renamed")

    with monkeypatch.context() as m:
        m.setattr(posting, "_settle", crash)
        with pytest.raises(RuntimeError):
            posting.post_pending(db, book, now=now)
    assert len(erp_csv.read(book.folder, "2026-12-14")) == 2
    assert posting.post_pending(db, book, now=now + posting.LEASE)["posted"] == 1
    assert [r["entry_id"] for r in erp_csv.read(book.folder, "2026-12-14")] == ["PAY-T1"] * 2


def test_a_partly_written_batch_keeps_what_was_renamed(book: CsvJournal,
                                                       monkeypatch: pytest.MonkeyPatch):
    real = os.replace
    calls: list[str] = []

    def second_fails(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(erp_csv.os, "replace", second_fails)
    result = book.post([pay("T1"), pay("T2", NIGHT)])
    assert result.accepted == ["PAY-T1"] and result.rejected == {}  # T2: tried again


def test_two_writers_on_one_day_keep_both(tmp_path: Path):
    folder = tmp_path / "erp"
    batches = [[pay(f"A{i}") for i in range(20)], [pay(f"B{i}") for i in range(20)]]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda b: CsvJournal(folder, SHANGHAI).post(b), batches * 3))
    ids = [r["entry_id"] for r in erp_csv.read(folder, "2026-12-14")]
    assert len(ids) == 80 and len(set(ids)) == 40


def test_registry_builds_the_journal_from_settings(tmp_path: Path):
    settings = Settings(database_url="sqlite://", media_dir=tmp_path / "media", demo=True,
                        erp_sandbox=False)
    book = erp_registry.build(settings)
    assert isinstance(book, CsvJournal) and book.folder == tmp_path / "erp"
    assert book.zone == SHANGHAI
    off = Settings(database_url="sqlite://", media_dir=tmp_path / "media", erp_mode="off")
    assert erp_registry.build(off) is None
    with pytest.raises(ValueError, match="ERP_SANDBOX"):
        Settings(database_url="sqlite://", media_dir=tmp_path / "media", demo=False,
                 secret_key="k" * 32, erp_sandbox=True)
    with pytest.raises(ValueError, match="WEBHOOK_URL"):
        Settings(database_url="sqlite://", media_dir=tmp_path / "media", demo=False,
                 secret_key="k" * 32, erp_mode="webhook")
    real = Settings(database_url="sqlite://", media_dir=tmp_path / "media", demo=False,
                    secret_key="k" * 32, erp_mode="webhook",
                    erp_webhook_url="https://erp.example/hook", erp_webhook_secret="s" * 16)
    assert erp_registry.build(real).config.url == "https://erp.example/hook"  # type: ignore[union-attr]


def test_entries_of_the_past_keep_their_day(book: CsvJournal):
    old = MORNING - timedelta(days=40)
    book.post([pay("T1", old)])
    assert erp_csv.read(book.folder, "2026-11-04")[0]["date"] == "2026-11-04"
