"""Parties, lines and the invoice, with the rules the tax system checks them by.

Amounts are what the customer actually paid, tax included, in integer fen: a line's amount is
split into net and VAT once (`split_tax`), and the net is derived from the amount, never the
other way round, so every invoice adds up to the order total to the fen. Splitting is
symmetric (split(−x) == −split(x)), so crediting a whole line on a red-letter invoice takes
back exactly the VAT the blue line declared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from mercato.kernel.errors import DomainError

KINDS = ("blue", "red")
VAT_TYPES = ("ordinary", "special")
BUYER_KINDS = ("personal", "company")
# 统一社会信用代码 is 18 characters; older taxpayer numbers have 15 or 20.
_TAX_ID = re.compile(r"[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20}")
_PRICE_PLACES = Decimal("0.00000001")  # the tax system keeps unit prices to 8 decimals
_FIELD_MAX = 100


def N_(message: str) -> str:
    """Marks a message written down here for the translation check (i18n_check)."""
    return message


_SPECIAL_NEEDS = (
    ("address", N_("A special VAT invoice needs the company's address")),
    ("phone", N_("A special VAT invoice needs the company's phone")),
    ("bank", N_("A special VAT invoice needs the company's bank")),
    ("account", N_("A special VAT invoice needs the bank account number")),
)


def _rate(rate_bp: int) -> int:
    if type(rate_bp) is not int or not 0 <= rate_bp <= 10000:
        raise DomainError("finance.invalid_rate", "A VAT rate is between 0 and 100 percent",
                          "rate_bp")
    return rate_bp


def split_tax(amount_fen: int, rate_bp: int) -> tuple[int, int]:
    """(net, tax) of a tax-inclusive amount: net = amount / (1 + rate) rounded half up to the
    fen, tax the rest, so net + tax == amount exactly."""
    _rate(rate_bp)
    if amount_fen < 0:
        net, tax = split_tax(-amount_fen, rate_bp)
        return -net, -tax
    whole = 10000 + rate_bp
    net = (2 * amount_fen * 10000 + whole) // (2 * whole)
    return net, amount_fen - net


def rate_label(rate_bp: int) -> str:
    """13% for 1300, 1.5% for 150."""
    text = str(Decimal(_rate(rate_bp)) / 100)
    return f"{text.rstrip('0').rstrip('.') if '.' in text else text}%"


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    tax_id: str = ""
    address: str = ""
    phone: str = ""
    bank: str = ""
    account: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One item as charged: `amount_fen` includes VAT and any discount already taken off."""

    name: str
    tax_label: str  # the short name of the item's tax classification (服装, 日用杂品)
    quantity: int
    amount_fen: int
    rate_bp: int
    unit: str = "件"

    def __post_init__(self) -> None:
        if not self.name.strip() or not self.tax_label.strip():
            raise DomainError("finance.invalid_line", "An invoice line needs a name", "lines")
        if not all(type(n) is int for n in (self.quantity, self.amount_fen)):
            raise DomainError("finance.invalid_line", "Quantities and amounts are whole numbers",
                              "lines")
        _rate(self.rate_bp)

    @property
    def display_name(self) -> str:
        """The name as fapiao print it: the tax classification between asterisks first."""
        return f"*{self.tax_label}*{self.name}"

    @property
    def net_fen(self) -> int:
        return split_tax(self.amount_fen, self.rate_bp)[0]

    @property
    def tax_fen(self) -> int:
        return split_tax(self.amount_fen, self.rate_bp)[1]

    @property
    def unit_price(self) -> Decimal | None:
        """The net price of one unit in yuan, to 8 decimals (None for an allowance line)."""
        if self.quantity == 0:
            return None
        price = Decimal(self.net_fen) / 100 / Decimal(self.quantity)
        return abs(price).quantize(_PRICE_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    kind: str  # "blue", or "red" for a red-letter invoice reversing `original_number`
    vat_type: str  # "ordinary" 普通发票 or "special" 增值税专用发票
    issued_at: datetime
    seller: Party
    buyer: Party
    order_number: str
    lines: tuple[Line, ...]
    original_number: str = ""
    note: str = ""
    issuer: str = ""  # 开票人: who issued it

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def total_fen(self) -> int:
        return sum(ln.amount_fen for ln in self.lines)

    @property
    def net_fen(self) -> int:
        return sum(ln.net_fen for ln in self.lines)

    @property
    def tax_fen(self) -> int:
        return sum(ln.tax_fen for ln in self.lines)


def _validate(inv: Invoice) -> None:
    if inv.kind not in KINDS:
        raise DomainError("finance.invalid_invoice", "An invoice is blue or red", "kind")
    if inv.vat_type not in VAT_TYPES:
        raise DomainError("finance.invalid_vat_type", "Choose an ordinary or special VAT invoice",
                          "vat_type")
    if not inv.number.strip():
        raise DomainError("finance.invalid_invoice", "An invoice needs a number", "number")
    if inv.issued_at.tzinfo is None or inv.issued_at.utcoffset() is None:
        raise DomainError("finance.invalid_invoice", "The issue time needs a time zone",
                          "issued_at")
    if not inv.lines:
        raise DomainError("finance.no_lines", "An invoice needs at least one line", "lines")
    if not inv.seller.name.strip() or not inv.buyer.name.strip():
        raise DomainError("finance.invalid_buyer", "An invoice names its buyer and seller", "name")
    if inv.vat_type == "special":
        check_buyer("company", "special", inv.buyer)
    _validate_direction(inv)


def _validate_direction(inv: Invoice) -> None:
    """Blue lines charge, red lines give back, and only a red invoice points at a blue one."""
    if inv.kind == "blue":
        if inv.original_number:
            raise DomainError("finance.invalid_invoice",
                              "Only a red-letter invoice refers to another one",
                              "original_number")
        if any(ln.quantity <= 0 or ln.amount_fen <= 0 for ln in inv.lines):
            raise DomainError("finance.invalid_line",
                              "A blue invoice's lines have positive quantities and amounts",
                              "lines")
        return
    if not inv.original_number.strip():
        raise DomainError("finance.red_needs_original",
                          "A red-letter invoice names the blue invoice it reverses",
                          "original_number")
    if any(ln.quantity > 0 or ln.amount_fen >= 0 for ln in inv.lines):
        raise DomainError("finance.invalid_line", "A red-letter invoice's lines are negative",
                          "lines")


def _cleaned(party: Party) -> Party:
    """Runs of spaces folded (a pasted address), spaces and dashes out of the numbers."""

    def text(value: str) -> str:
        return " ".join(value.split())

    return Party(
        text(party.name), re.sub(r"[\s-]", "", party.tax_id).upper(), text(party.address),
        text(party.phone), text(party.bank), re.sub(r"\s", "", party.account),
    )


def check_buyer(kind: str, vat_type: str, party: Party) -> Party:
    """The buyer as an invoice may name them, cleaned up: a personal invoice needs a name; a
    company one a valid tax ID as well; a special VAT invoice (增值税专用发票) is for companies
    only and carries their address, phone, bank and account."""
    if kind not in BUYER_KINDS:
        raise DomainError("finance.invalid_buyer", "Choose a personal or company invoice", "kind")
    if vat_type not in VAT_TYPES:
        raise DomainError("finance.invalid_vat_type", "Choose an ordinary or special VAT invoice",
                          "vat_type")
    clean = _cleaned(party)
    if not clean.name:
        raise DomainError("finance.invalid_buyer", "The invoice needs the buyer's name", "name")
    for field in ("name", "address", "phone", "bank", "account"):
        if len(getattr(clean, field)) > _FIELD_MAX:
            raise DomainError("finance.invalid_buyer", "At most 100 characters", field)
    if vat_type == "special" and kind != "company":
        raise DomainError("finance.special_needs_company",
                          "A special VAT invoice is issued to companies only", "kind")
    _check_tax_id(kind, clean.tax_id)
    for field, message in _SPECIAL_NEEDS if vat_type == "special" else ():
        if not getattr(clean, field):
            raise DomainError("finance.special_needs_details", message, field)
    return clean


def _check_tax_id(kind: str, tax_id: str) -> None:
    if tax_id and not _TAX_ID.fullmatch(tax_id):
        raise DomainError("finance.invalid_tax_id",
                          "A tax ID is 15, 18 or 20 letters and digits", "tax_id")
    if kind == "company" and not tax_id:
        raise DomainError("finance.invalid_tax_id", "A company invoice needs the tax ID",
                          "tax_id")
