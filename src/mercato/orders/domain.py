"""Order rules, pure: the state machine, order numbers, invoice requests and totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

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


@dataclass(frozen=True, slots=True)
class InvoiceRequest:
    """What the shopper asked to be invoiced as; issued later by the invoicing context."""

    kind: str = "none"  # none | personal | company
    title: str = ""
    tax_id: str = ""
    email: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("none", "personal", "company"):
            raise DomainError("orders.invalid_invoice", "Unknown invoice type", "invoice.kind")
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

    def normalised(self) -> InvoiceRequest:
        if self.kind == "none":
            return InvoiceRequest()
        tax = self.tax_id.strip().upper() if self.kind == "company" else ""
        return InvoiceRequest(self.kind, self.title.strip(), tax, self.email.strip())


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
