"""Order rules, pure: the state machine, order numbers, invoice requests and totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from mercato.kernel.errors import Conflict, DomainError

PENDING = "pending_payment"
PAID = "paid"
PICKING = "picking"
SHIPPED = "shipped"
SIGNED = "signed"
COMPLETED = "completed"
CANCELLED = "cancelled"
CLOSED = "closed"
STATUSES = (PENDING, PAID, PICKING, SHIPPED, SIGNED, COMPLETED, CANCELLED, CLOSED)

# The shopper's view of an order (我的订单's tabs, 我的's shortcuts): what they are waiting
# for, in their words. Staff keep the finer statuses (paid and being packed are both 待发货).
SHOPPER_TABS: dict[str, tuple[str, ...]] = {
    "to_pay": (PENDING,),
    "to_ship": (PAID, PICKING),
    "to_receive": (SHIPPED,),
    "completed": (SIGNED, COMPLETED),
    "cancelled": (CANCELLED, CLOSED),
}


def shopper_tab(status: str) -> str:
    """The tab of SHOPPER_TABS an order in this status is listed under ("" if none)."""
    return next((tab for tab, statuses in SHOPPER_TABS.items() if status in statuses), "")


# Cancelled: ended before payment. Closed: ended after payment without delivery (refund due).
TRANSITIONS: dict[str, frozenset[str]] = {
    PENDING: frozenset({PAID, CANCELLED}),
    PAID: frozenset({PICKING, CLOSED}),
    PICKING: frozenset({SHIPPED, CLOSED}),
    SHIPPED: frozenset({SIGNED}),
    SIGNED: frozenset({COMPLETED}),
}
# States in which the order still holds reserved stock.
HOLDS_STOCK = frozenset({PENDING, PAID, PICKING})
# What staff may move an order to by hand; "paid" only ever comes from a verified payment.
STAFF_TARGETS = frozenset({PICKING, SHIPPED, SIGNED, COMPLETED, CANCELLED, CLOSED})
MAX_NOTE = 500
MAX_TOTAL_FEN = 10**11  # what a payment provider accepts in one payment (1 billion yuan)


class InvalidTransition(Conflict):
    def __init__(self, current: str, target: str) -> None:
        # A fixed, translatable message; pages that know the labels say more.
        super().__init__("orders.invalid_transition", "The order cannot make this change now")
        self.current, self.target = current, target


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise InvalidTransition(current, target)


def order_number(now: datetime, random_digits: int) -> str:
    """Date first so numbers sort by day and a shopper can read them out on the phone."""
    if not 0 <= random_digits < 10**10:
        raise ValueError("random_digits must have at most 10 digits")
    return f"{now:%y%m%d}{random_digits:010d}"


_NUMBER = re.compile(r"^\d{16}$")


def valid_number(number: str) -> bool:
    return bool(_NUMBER.match(number or ""))


# Unified social credit code (18) or the older taxpayer numbers (15 or 20): letters and digits.
_TAX_ID = re.compile(r"^[0-9A-Z]{15}$|^[0-9A-Z]{18}$|^[0-9A-Z]{20}$")


# A special VAT invoice (增值税专用发票) lets a company deduct the input VAT; the tax office
# wants it to name the company's registered address and phone, its bank and account. Each
# with the length of its orders column.
VAT_TYPES = ("ordinary", "special")
SPECIAL_DETAILS = (("address", 200), ("phone", 30), ("bank", 100), ("account", 40))


class SpecialInvoice(NamedTuple):
    """The company details of a special VAT invoice, as an order keeps them."""

    address: str
    phone: str
    bank: str
    account: str


@dataclass(frozen=True, slots=True)
class InvoiceRequest:
    """What the shopper asked to be invoiced as; issued later by the invoicing context."""

    kind: str = "none"  # none | personal | company
    title: str = ""
    tax_id: str = ""
    email: str = ""
    vat_type: str = "ordinary"  # ordinary | special (companies only)
    address: str = ""
    phone: str = ""
    bank: str = ""
    account: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("none", "personal", "company"):
            raise DomainError("orders.invalid_invoice", "Unknown invoice type", "invoice.kind")
        if self.vat_type not in VAT_TYPES:
            raise DomainError(
                "orders.invalid_invoice", "Unknown VAT invoice type", "invoice.vat_type"
            )
        if self.kind == "none":
            return
        if not self.title.strip() or len(self.title) > 100:
            raise DomainError(
                "orders.invalid_invoice", "Invoice title is required", "invoice.title"
            )
        if self.kind == "company" and not _TAX_ID.match(self.tax_id.strip().upper()):
            raise DomainError(
                "orders.invalid_tax_id",
                "Tax ID: 15, 18 or 20 letters and digits",
                "invoice.tax_id",
            )
        if len(self.email) > 120 or (self.email and "@" not in self.email):
            raise DomainError("orders.invalid_invoice", "Invalid e-mail", "invoice.email")
        if self.vat_type == "special":
            self._check_special()

    def _check_special(self) -> None:
        if self.kind != "company":
            raise DomainError(
                "orders.special_needs_company",
                "A special VAT invoice is issued to companies only",
                "invoice.vat_type",
            )
        for name, limit in SPECIAL_DETAILS:
            value = getattr(self, name)
            if not value.strip():
                raise DomainError(
                    "orders.special_needs_details",
                    "A special VAT invoice needs the company's registered address and phone, "
                    "bank and account",
                    f"invoice.{name}",
                )
            if len(value) > limit:
                raise DomainError(
                    "orders.invalid_invoice", "This invoice detail is too long", f"invoice.{name}"
                )

    def normalised(self) -> InvoiceRequest:
        if self.kind == "none":
            return InvoiceRequest()
        tax = self.tax_id.strip().upper() if self.kind == "company" else ""
        head = (self.kind, self.title.strip(), tax, self.email.strip())
        if self.vat_type != "special":  # details an ordinary invoice does not print: dropped
            return InvoiceRequest(*head)
        details = (self.address, self.phone, self.bank, self.account)
        return InvoiceRequest(*head, "special", *(d.strip() for d in details))


def check_note(note: str, field: str = "note") -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError("orders.note_too_long", "Note: at most 500 characters", field)
    if "\x00" in note:
        raise DomainError("orders.invalid_note", "Note contains invalid characters", field)
    return note


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal_fen: int
    shipping_fen: int
    discount_fen: int
    total_fen: int


def totals(subtotal_fen: int, shipping_fen: int, discount_fen: int = 0) -> Totals:
    if min(subtotal_fen, shipping_fen, discount_fen) < 0:
        raise DomainError("orders.invalid_amount", "Amounts cannot be negative")
    total = max(subtotal_fen + shipping_fen - discount_fen, 0)
    if total > MAX_TOTAL_FEN:
        raise DomainError("orders.total_too_large", "The order total is too large to pay", "cart")
    return Totals(subtotal_fen, shipping_fen, discount_fen, total)


# A presale order is paid in two parts through the payment centre: the deposit, then the
# balance (the rest of the total). "" : an order paid at once.
DEPOSIT = "deposit"
BALANCE = "balance"
DEPOSIT_RULES = ("keep", "refund")  # what an unpaid balance does to the paid deposit


def payment_stage(deposit_fen: int, deposit_paid: bool) -> str:
    """Which part the order awaits: DEPOSIT, BALANCE, or "" (paid at once)."""
    if deposit_fen <= 0:
        return ""
    return BALANCE if deposit_paid else DEPOSIT


def part_fen(total_fen: int, deposit_fen: int, stage: str) -> int:
    """What the stage's payment is: the deposit, the balance (total less deposit) or all."""
    if stage == DEPOSIT:
        return deposit_fen
    if stage == BALANCE:
        return total_fen - deposit_fen
    return total_fen


def parts_fen(total_fen: int, deposit_fen: int) -> frozenset[int]:
    """The amounts one payment attempt of the order may have (a refund gives one back)."""
    if deposit_fen <= 0:
        return frozenset({total_fen})
    return frozenset({deposit_fen, total_fen - deposit_fen})
