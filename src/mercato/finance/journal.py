"""Accounting entries for the merchant's ERP: what each payment, refund and invoice does to
the books, in the Chinese standard chart of accounts (企业会计准则). Pure: no I/O.

Money taken before an invoice is a customer prepayment (2203 合同负债), not income: revenue
and output VAT are recognised when the invoice is issued, and a red-letter invoice (红字发票)
takes them back. Each entry's id is derived from the business document, so recording the
same fact twice is one entry (the ERP de-duplicates on it too)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from mercato.kernel.errors import DomainError

BANK, PREPAYMENTS, REVENUE, OUTPUT_VAT = "1002", "2203", "6001", "22210106"
CHART: dict[str, str] = {
    BANK: "银行存款",
    PREPAYMENTS: "合同负债",
    REVENUE: "主营业务收入",
    OUTPUT_VAT: "应交税费—应交增值税（销项税额）",
}
# Money held by a payment provider sits in its own bank sub-account (1002.<provider>), so
# the ERP can reconcile each provider's settlement statement on its own.
PROVIDERS: dict[str, str] = {"wechatpay": "微信支付", "alipay": "支付宝", "sandbox": "演示支付"}
KINDS = ("payment", "refund", "invoice", "credit_note")
CSV_COLUMNS = ("entry_id", "date", "kind", "order_number", "reference", "account",
               "account_name", "debit", "credit", "memo")
_CODE = re.compile(r"^[a-z0-9_]{1,32}$")
_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
INVALID = "finance.entry_invalid"


def yuan(fen: int) -> str:
    """Integer fen as a yuan string with two decimals ("1234.05"); never through a float."""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def bank_account(provider: str) -> str:
    if not _CODE.match(provider):
        raise DomainError(INVALID, "A payment provider code is lower-case letters and digits",
                          "provider")
    return f"{BANK}.{provider}"


def account_name(account: str) -> str:
    """The account's name as the ERP shows it: 银行存款—微信支付 for 1002.wechatpay."""
    code, _, sub = account.partition(".")
    base = CHART.get(code, code)
    return f"{base}—{PROVIDERS.get(sub, sub)}" if sub else base


def _is_amount(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True, slots=True)
class Posting:
    account: str
    debit_fen: int = 0
    credit_fen: int = 0

    def __post_init__(self) -> None:
        if not self.account or self.account.partition(".")[0] not in CHART:
            raise DomainError(INVALID, "Unknown account", "account")
        if not (_is_amount(self.debit_fen) and _is_amount(self.credit_fen)):
            raise DomainError(INVALID, "Amounts are whole fen, never negative", "amount")
        if (self.debit_fen > 0) == (self.credit_fen > 0):
            raise DomainError(INVALID, "A posting is either a debit or a credit", "amount")


@dataclass(frozen=True, slots=True)
class Entry:
    entry_id: str
    kind: str
    occurred_at: datetime
    order_number: str
    reference: str
    postings: tuple[Posting, ...]
    memo: str = ""
    currency: str = "CNY"

    def __post_init__(self) -> None:
        if not _ID.match(self.entry_id):
            raise DomainError(INVALID, "An entry id is 1-64 letters, digits, dots or dashes",
                              "entry_id")
        if self.kind not in KINDS:
            raise DomainError(INVALID, "Unknown entry kind", "kind")
        if self.occurred_at.tzinfo is None:  # stored times are naive UTC
            object.__setattr__(self, "occurred_at", self.occurred_at.replace(tzinfo=UTC))
        else:
            object.__setattr__(self, "occurred_at", self.occurred_at.astimezone(UTC))
        object.__setattr__(self, "postings", tuple(self.postings))
        if len(self.postings) < 2:
            raise DomainError(INVALID, "An entry has at least two postings", "postings")
        if self.total_fen != sum(p.credit_fen for p in self.postings):
            raise DomainError(INVALID, "Debits and credits of an entry must be equal", "postings")

    @property
    def total_fen(self) -> int:
        return sum(p.debit_fen for p in self.postings)


def _entry(kind: str, entry_id: str, order_number: str, reference: str, at: datetime,
           memo: str, *sides: tuple[str, int, int]) -> Entry:
    """An entry of (account, debit, credit) sides; a side of zero is no posting at all."""
    kept = tuple(Posting(acc, dr, cr) for acc, dr, cr in sides if dr or cr)
    return Entry(entry_id, kind, at, order_number, reference, kept, memo)


def _positive(amount_fen: int, field: str = "amount_fen") -> int:
    if not _is_amount(amount_fen) or amount_fen == 0:
        raise DomainError(INVALID, "The amount must be a positive number of fen", field)
    return amount_fen


def payment_entry(out_trade_no: str, order_number: str, provider: str, amount_fen: int,
                  at: datetime) -> Entry:
    """Money received for an order: the provider's account up, a prepayment owed."""
    amount = _positive(amount_fen)
    return _entry("payment", f"PAY-{out_trade_no}", order_number, out_trade_no, at,
                  f"订单{order_number}收款", (bank_account(provider), amount, 0),
                  (PREPAYMENTS, 0, amount))


def refund_entry(refund_no: str, order_number: str, provider: str, amount_fen: int,
                 at: datetime) -> Entry:
    """Money given back: the prepayment goes down with the provider's account."""
    amount = _positive(amount_fen)
    return _entry("refund", f"REF-{refund_no}", order_number, refund_no, at,
                  f"订单{order_number}退款", (PREPAYMENTS, amount, 0),
                  (bank_account(provider), 0, amount))


def _split(net_fen: int, tax_fen: int) -> tuple[int, int]:
    if not (_is_amount(net_fen) and _is_amount(tax_fen)) or net_fen + tax_fen == 0:
        raise DomainError(INVALID, "Invoice amounts are whole fen and not all zero", "net_fen")
    return net_fen, tax_fen


def invoice_entry(invoice_number: str, order_number: str, net_fen: int, tax_fen: int,
                  at: datetime) -> Entry:
    """A blue invoice: the prepayment becomes revenue and output VAT (销项税额)."""
    net, tax = _split(net_fen, tax_fen)
    return _entry("invoice", f"INV-{invoice_number}", order_number, invoice_number, at,
                  f"发票{invoice_number}确认收入", (PREPAYMENTS, net + tax, 0),
                  (REVENUE, 0, net), (OUTPUT_VAT, 0, tax))


def credit_note_entry(invoice_number: str, order_number: str, net_fen: int, tax_fen: int,
                      at: datetime) -> Entry:
    """A red-letter invoice (amounts given as positive magnitudes): the reverse of a blue one,
    under its own number."""
    net, tax = _split(net_fen, tax_fen)
    return _entry("credit_note", f"CRN-{invoice_number}", order_number, invoice_number, at,
                  f"红字发票{invoice_number}冲减收入", (REVENUE, net, 0), (OUTPUT_VAT, tax, 0),
                  (PREPAYMENTS, 0, net + tax))


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_json(entry: Entry) -> dict[str, Any]:
    """The entry as the ERP webhook sends it (docs/erp-webhook.md): amounts as integer fen,
    and the same amounts as yuan strings for people and tools that read yuan."""
    return {
        "entry_id": entry.entry_id,
        "kind": entry.kind,
        "occurred_at": _iso(entry.occurred_at),
        "order_number": entry.order_number,
        "reference": entry.reference,
        "currency": entry.currency,
        "memo": entry.memo,
        "total_fen": entry.total_fen,
        "total": yuan(entry.total_fen),
        "postings": [{
            "account": p.account,
            "account_name": account_name(p.account),
            "debit_fen": p.debit_fen,
            "credit_fen": p.credit_fen,
            "debit": yuan(p.debit_fen),
            "credit": yuan(p.credit_fen),
        } for p in entry.postings],
    }


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise DomainError(INVALID, "A field of the entry is missing or not text", key)
    return value


def from_json(data: Mapping[str, Any]) -> Entry:
    """An entry back from its JSON form (as stored): validated again, fen amounts only."""
    raw = data.get("postings")
    if not isinstance(raw, list) or not all(isinstance(p, Mapping) for p in raw):
        raise DomainError(INVALID, "The postings of an entry must be a list", "postings")
    try:
        at = datetime.fromisoformat(_text(data, "occurred_at").replace("Z", "+00:00"))
    except ValueError as exc:
        raise DomainError(INVALID, "The time of an entry is not an ISO 8601 time",
                          "occurred_at") from exc
    postings = tuple(Posting(_text(p, "account"), p.get("debit_fen", 0), p.get("credit_fen", 0))
                     for p in raw)
    return Entry(_text(data, "entry_id"), _text(data, "kind"), at, _text(data, "order_number"),
                 _text(data, "reference"), postings, _text(data, "memo"),
                 _text(data, "currency"))


def csv_rows(entry: Entry, zone: tzinfo = UTC) -> list[dict[str, str]]:
    """One row per posting (CSV_COLUMNS), dated by the shop's local day (`zone`): an entry
    at 23:30 UTC belongs to the next day in Beijing, and so in the books."""
    day = entry.occurred_at.astimezone(zone).date().isoformat()
    return [{
        "entry_id": entry.entry_id,
        "date": day,
        "kind": entry.kind,
        "order_number": entry.order_number,
        "reference": entry.reference,
        "account": p.account,
        "account_name": account_name(p.account),
        "debit": yuan(p.debit_fen),
        "credit": yuan(p.credit_fen),
        "memo": entry.memo,
    } for p in entry.postings]
