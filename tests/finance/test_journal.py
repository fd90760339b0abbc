"""Accounting entries: balanced by construction, deterministic ids, the chart's accounts, and
the JSON and CSV shapes the ERP integrations send."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.finance import journal
from mercato.finance.journal import Entry, Posting
from mercato.kernel.errors import DomainError

AT = datetime(2026, 12, 14, 2, 30, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _sides(e: Entry) -> list[tuple[str, int, int]]:
    return [(p.account, p.debit_fen, p.credit_fen) for p in e.postings]


def test_payment_entry_debits_the_providers_bank_account():
    e = journal.payment_entry("261214000000000101", "2612140000000001", "wechatpay", 12900, AT)
    assert e.entry_id == "PAY-261214000000000101"
    assert (e.kind, e.order_number, e.reference) == ("payment", "2612140000000001",
                                                     "261214000000000101")
    assert _sides(e) == [("1002.wechatpay", 12900, 0), ("2203", 0, 12900)]
    assert e.total_fen == 12900 and e.currency == "CNY"


def test_refund_entry_is_the_reverse():
    e = journal.refund_entry("RF1", "2612140000000001", "alipay", 500, AT)
    assert e.entry_id == "REF-RF1" and e.kind == "refund"
    assert _sides(e) == [("2203", 500, 0), ("1002.alipay", 0, 500)]


def test_invoice_books_revenue_and_output_vat():
    e = journal.invoice_entry("25310000000000000001", "2612140000000001", 11416, 1484, AT)
    assert e.entry_id == "INV-25310000000000000001"
    assert _sides(e) == [("2203", 12900, 0), ("6001", 0, 11416), ("22210106", 0, 1484)]


def test_a_zero_tax_posting_is_left_out():
    e = journal.invoice_entry("N1", "O1", 10000, 0, AT)
    assert _sides(e) == [("2203", 10000, 0), ("6001", 0, 10000)]


def test_credit_note_reverses_an_invoice():
    e = journal.credit_note_entry("R1", "O1", 11416, 1484, AT)
    assert e.entry_id == "CRN-R1" and e.kind == "credit_note"
    assert _sides(e) == [("6001", 11416, 0), ("22210106", 1484, 0), ("2203", 0, 12900)]


def test_same_fact_same_id():
    a = journal.payment_entry("T1", "O1", "sandbox", 100, AT)
    b = journal.payment_entry("T1", "O1", "sandbox", 100, AT)
    assert a == b and a.entry_id == b.entry_id


@pytest.mark.parametrize("postings", [
    (Posting("1002.x", debit_fen=100), Posting("2203", credit_fen=99)),
    (Posting("1002.x", debit_fen=100),),
    (),
])
def test_unbalanced_or_short_entries_are_refused(postings):
    with pytest.raises(DomainError) as err:
        Entry("E1", "payment", AT, "O1", "T1", postings)
    assert err.value.code == "finance.entry_invalid"


@pytest.mark.parametrize("debit,credit", [(100, 100), (0, 0), (-5, 0), (True, 0), (1.5, 0)])
def test_a_posting_has_exactly_one_positive_whole_side(debit, credit):
    with pytest.raises(DomainError):
        Posting("2203", debit, credit)


def test_unknown_account_kind_or_provider_refused():
    with pytest.raises(DomainError):
        Posting("9999", 1, 0)
    with pytest.raises(DomainError):
        Entry("E1", "gift", AT, "O1", "T1", (Posting("2203", 1), Posting("6001", 0, 1)))
    with pytest.raises(DomainError):
        journal.payment_entry("T1", "O1", "Bank Of X", 100, AT)
    with pytest.raises(DomainError):
        journal.payment_entry("T1", "O1", "alipay", 0, AT)
    with pytest.raises(DomainError):
        journal.invoice_entry("N1", "O1", 0, 0, AT)


def test_naive_times_are_utc():
    e = journal.payment_entry("T1", "O1", "alipay", 100, datetime(2026, 12, 14, 2, 30))
    assert e.occurred_at == AT and e.occurred_at.tzinfo is not None
    beijing = journal.payment_entry("T1", "O1", "alipay", 100, AT.astimezone(SHANGHAI))
    assert beijing.occurred_at == AT and beijing.occurred_at.utcoffset().total_seconds() == 0


def test_json_shape():
    data = journal.to_json(journal.invoice_entry("N1", "O1", 11416, 1484, AT))
    assert data["entry_id"] == "INV-N1" and data["kind"] == "invoice"
    assert data["occurred_at"] == "2026-12-14T02:30:00Z"
    assert (data["total_fen"], data["total"], data["currency"]) == (12900, "129.00", "CNY")
    assert data["postings"][2] == {
        "account": "22210106", "account_name": "应交税费—应交增值税（销项税额）",
        "debit_fen": 0, "credit_fen": 1484, "debit": "0.00", "credit": "14.84",
    }
    assert data["postings"][0]["account_name"] == "合同负债"
    assert journal.from_json(data) == journal.invoice_entry("N1", "O1", 11416, 1484, AT)


def test_provider_sub_accounts_are_named():
    data = journal.to_json(journal.payment_entry("T1", "O1", "alipay", 5, AT))
    assert data["postings"][0]["account_name"] == "银行存款—支付宝"
    assert journal.account_name("1002.unionpay") == "银行存款—unionpay"


def test_from_json_validates_again():
    data = journal.to_json(journal.payment_entry("T1", "O1", "alipay", 500, AT))
    data["postings"][1]["credit_fen"] = 499
    with pytest.raises(DomainError):
        journal.from_json(data)
    with pytest.raises(DomainError):
        journal.from_json({**data, "postings": "x"})
    with pytest.raises(DomainError):
        journal.from_json({**data, "occurred_at": "yesterday"})


def test_csv_rows_are_dated_by_the_shops_day():
    late = datetime(2026, 12, 14, 17, 30, tzinfo=UTC)  # 01:30 on the 15th in Beijing
    rows = journal.csv_rows(journal.refund_entry("RF9", "O1", "wechatpay", 1999, late), SHANGHAI)
    assert [r["date"] for r in rows] == ["2026-12-15", "2026-12-15"]
    assert rows[0] == {
        "entry_id": "REF-RF9", "date": "2026-12-15", "kind": "refund", "order_number": "O1",
        "reference": "RF9", "account": "2203", "account_name": "合同负债", "debit": "19.99",
        "credit": "0.00", "memo": "订单O1退款",
    }
    assert rows[1]["account_name"] == "银行存款—微信支付" and rows[1]["credit"] == "19.99"
    assert tuple(rows[0]) == journal.CSV_COLUMNS
    assert journal.csv_rows(journal.refund_entry("RF9", "O1", "alipay", 1, late))[0]["date"] \
        == "2026-12-14"


@pytest.mark.parametrize("fen,text", [(0, "0.00"), (5, "0.05"), (100, "1.00"),
                                      (123456789, "1234567.89"), (-250, "-2.50")])
def test_yuan_strings(fen, text):
    assert journal.yuan(fen) == text


amounts = st.integers(min_value=0, max_value=10**12)
positive = st.integers(min_value=1, max_value=10**12)


@given(positive, st.sampled_from(["wechatpay", "alipay", "sandbox"]))
def test_any_payment_or_refund_balances(amount, provider):
    for e in (journal.payment_entry("T", "O", provider, amount, AT),
              journal.refund_entry("R", "O", provider, amount, AT)):
        assert sum(p.debit_fen for p in e.postings) == sum(p.credit_fen for p in e.postings)
        assert e.total_fen == amount


@given(amounts, amounts)
def test_any_invoice_balances(net, tax):
    if net + tax == 0:
        with pytest.raises(DomainError):
            journal.invoice_entry("N", "O", net, tax, AT)
        return
    for build in (journal.invoice_entry, journal.credit_note_entry):
        e = build("N", "O", net, tax, AT)
        debits = sum(p.debit_fen for p in e.postings)
        assert debits == sum(p.credit_fen for p in e.postings) == net + tax
        assert all((p.debit_fen > 0) != (p.credit_fen > 0) for p in e.postings)
        rows = journal.csv_rows(e)
        as_fen = sum(int(r["debit"].replace(".", "")) - int(r["credit"].replace(".", ""))
                     for r in rows)
        assert as_fen == 0
        assert journal.from_json(journal.to_json(e)) == e
