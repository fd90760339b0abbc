"""After-sales rules, pure: what a customer may ask for and when, the request's state machine,
and how much money a returned line gives back.

Kinds: a return (退货退款) of delivered goods, for no reason within the category's days of
no-reason returns (7天无理由, counted from sign-for; 0 days = excluded category) or for a
quality problem within QUALITY_DAYS; an exchange (换货) for a quality problem, with photos;
a refund only (仅退款) of an order not shipped yet, which ends the whole order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from mercato.kernel.errors import Conflict, DomainError

RETURN, EXCHANGE, REFUND = "return", "exchange", "refund"
KINDS = (RETURN, EXCHANGE, REFUND)
NO_REASON = "no_reason"
QUALITY_REASONS = ("quality", "damaged", "wrong_item", "not_as_described")
REASONS = (NO_REASON, *QUALITY_REASONS, "not_needed", "out_of_stock")
UNSHIPPED_REASONS = ("not_needed", "out_of_stock", "wrong_item")

REQUESTED = "requested"  # waiting for the shop to decide
APPROVED = "approved"  # the customer may send the goods back
REJECTED = "rejected"
RETURNING = "returning"  # on its way back with the customer's waybill
RECEIVED = "received"  # back and inspected (restocked or quarantined)
REFUNDING = "refunding"  # money asked of the payment provider
REFUNDED = "refunded"
EXCHANGED = "exchanged"  # the replacement left the warehouse
CANCELLED = "cancelled"  # withdrawn by the customer
STATUSES = (REQUESTED, APPROVED, REJECTED, RETURNING, RECEIVED, REFUNDING, REFUNDED,
            EXCHANGED, CANCELLED)
OPEN = (REQUESTED, APPROVED, RETURNING, RECEIVED, REFUNDING)
ENDED = (REJECTED, REFUNDED, EXCHANGED, CANCELLED)

TRANSITIONS: dict[str, frozenset[str]] = {
    REQUESTED: frozenset({APPROVED, REJECTED, CANCELLED, REFUNDING}),
    APPROVED: frozenset({RETURNING, RECEIVED, CANCELLED}),
    RETURNING: frozenset({RECEIVED}),
    RECEIVED: frozenset({REFUNDING, EXCHANGED}),
    REFUNDING: frozenset({REFUNDED}),
}
QUALITY_DAYS = 15  # 质量问题 returns and exchanges, from sign-for
MAX_PHOTOS = 6
RESTOCK, QUARANTINE = "restock", "quarantine"


class InvalidTransition(Conflict):
    def __init__(self, current: str, target: str) -> None:
        super().__init__("aftersales.invalid_transition", "The request cannot make this change now")
        self.current, self.target = current, target


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise InvalidTransition(current, target)


@dataclass(frozen=True, slots=True)
class BoughtLine:
    """One order line as after-sales sees it: what was bought and what it really cost."""

    line_id: int
    sku_id: int
    product_id: int
    name: str
    quantity: int
    paid_fen: int  # the line's share of the money paid, after the order's discounts
    returns_days: int  # the category's no-reason days (0: excluded)


@dataclass(frozen=True, slots=True)
class Ask:
    """What the customer asks for, checked by `check_ask`."""

    kind: str
    reason: str
    quantities: Mapping[int, int]  # line id → units
    photos: int = 0
    description: str = ""


def check_ask(
    ask: Ask, order_status: str, signed_at: datetime | None, now: datetime,
    lines: Sequence[BoughtLine], taken: Mapping[int, int],
) -> None:
    """Raise a DomainError/Conflict naming the field when the request may not be made.
    `taken`: units of each line already in other requests that were not rejected/cancelled."""
    _check_form(ask)
    if ask.kind == REFUND:
        _check_unshipped(ask, order_status, lines, taken)
        return
    if order_status not in ("signed", "completed") or signed_at is None:
        raise Conflict("aftersales.not_delivered",
                       "Returns and exchanges are possible once the order is signed for",
                       "order_number")
    chosen = check_quantities(ask.quantities, lines, taken)
    if ask.reason in QUALITY_REASONS:
        if ask.kind == EXCHANGE and ask.photos < 1:
            raise DomainError("aftersales.photos_required", "Add at least one photo", "photos")
        _check_window(signed_at, QUALITY_DAYS, now)
    elif ask.reason == NO_REASON:
        for line in chosen:
            if line.returns_days <= 0:
                raise Conflict("aftersales.no_reason_excluded",
                               "This item cannot be returned without a reason", "quantities")
            _check_window(signed_at, line.returns_days, now)
    else:
        raise DomainError("aftersales.invalid_reason", "Choose a reason", "reason")


def _check_form(ask: Ask) -> None:
    if ask.kind not in KINDS:
        raise DomainError("aftersales.invalid_kind", "Unknown request type", "kind")
    if ask.reason not in REASONS:
        raise DomainError("aftersales.invalid_reason", "Choose a reason", "reason")
    if len(ask.description) > 500:
        raise DomainError("aftersales.description_too_long", "At most 500 characters",
                          "description")
    if ask.photos > MAX_PHOTOS:
        raise DomainError("aftersales.too_many_photos", "At most 6 photos", "photos")
    if ask.kind == EXCHANGE and ask.reason not in QUALITY_REASONS:
        raise DomainError("aftersales.exchange_needs_quality",
                          "An exchange is for a quality problem", "reason")


def _check_window(signed_at: datetime, days: int, now: datetime) -> None:
    if now > signed_at + timedelta(days=days):
        raise Conflict("aftersales.window_closed",
                       "The time for this request has passed", "order_number")


def _check_unshipped(
    ask: Ask, order_status: str, lines: Sequence[BoughtLine], taken: Mapping[int, int]
) -> None:
    if order_status not in ("paid", "picking"):
        raise Conflict("aftersales.already_shipped",
                       "Refund only is for orders not shipped yet: ask for a return",
                       "order_number")
    if ask.reason not in UNSHIPPED_REASONS:
        raise DomainError("aftersales.invalid_reason", "Choose a reason", "reason")
    if any(taken.values()):
        raise Conflict("aftersales.already_requested",
                       "A request for this order is already open", "order_number")


def whole_order(lines: Sequence[BoughtLine]) -> dict[int, int]:
    return {line.line_id: line.quantity for line in lines}


def check_quantities(
    quantities: Mapping[int, int], lines: Sequence[BoughtLine], taken: Mapping[int, int]
) -> list[BoughtLine]:
    """The lines chosen, each for 1..(bought − already asked) units; at least one."""
    by_id = {line.line_id: line for line in lines}
    chosen = []
    for line_id, qty in quantities.items():
        line = by_id.get(line_id)
        if line is None:
            raise DomainError("aftersales.unknown_line", "No such item in this order",
                              "quantities")
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0:
            raise DomainError("aftersales.invalid_quantity", "Quantity must be a whole number",
                              "quantities")
        if qty > line.quantity - taken.get(line_id, 0):
            raise Conflict("aftersales.more_than_bought",
                           "More than was bought (or already asked for)", "quantities")
        if qty:
            chosen.append(line)
    if not chosen:
        raise DomainError("aftersales.nothing_chosen", "Choose at least one item", "quantities")
    return chosen


def refund_for(line: BoughtLine, already: int, quantity: int) -> int:
    """The money `quantity` more units of `line` give back when `already` units were
    refunded before: the cumulative share paid·units//bought, so refunding every unit in any
    number of steps gives back exactly the line's paid amount, never a fen more."""
    if already + quantity > line.quantity:
        raise Conflict("aftersales.more_than_bought", "More than was bought", "quantities")
    before = line.paid_fen * already // line.quantity
    after = line.paid_fen * (already + quantity) // line.quantity
    return after - before


def request_number(order_number: str, seq: int) -> str:
    return f"{order_number}-A{seq}"
