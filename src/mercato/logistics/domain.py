"""Shipment rules, pure: the state machine, how carrier events move a shipment, and when a
shipment needs a person (an issue) or is signed for by itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from mercato.kernel.errors import Conflict
from mercato.logistics import carriers

ALLOCATED = "allocated"  # a warehouse is to send these lines
PICKING = "picking"  # the pick list is out
SHIPPED = "shipped"  # handed to the carrier with a waybill
SIGNED = "signed"
CANCELLED = "cancelled"  # the order was closed before it left
STATUSES = (ALLOCATED, PICKING, SHIPPED, SIGNED, CANCELLED)
OPEN = (ALLOCATED, PICKING)  # the warehouse's queue

TRANSITIONS: dict[str, frozenset[str]] = {
    ALLOCATED: frozenset({PICKING, SHIPPED, CANCELLED}),
    PICKING: frozenset({SHIPPED, CANCELLED}),
    SHIPPED: frozenset({SIGNED}),
}

# Why a person must look (logistics_issue.cause).
OUT_OF_STOCK = "out_of_stock"
NO_TRACKING = "no_tracking"
DELIVERY_FAILED = "delivery_failed"
CAUSES = (OUT_OF_STOCK, NO_TRACKING, DELIVERY_FAILED)
TROUBLE = frozenset({carriers.FAILED, carriers.RETURNED})


class InvalidTransition(Conflict):
    def __init__(self, current: str, target: str) -> None:
        super().__init__("logistics.invalid_transition", "The shipment cannot make this change now")
        self.current, self.target = current, target


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise InvalidTransition(current, target)


def shipment_number(order_number: str, seq: int) -> str:
    return f"{order_number}-{seq}"


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a shipment stands after some events: the newest event's stage and time, and
    when it was signed for (None if not)."""

    stage: str
    last_event_at: datetime | None
    signed_at: datetime | None


def apply_events(
    before: Progress, events: Iterable[carriers.TrackingEvent]
) -> Progress:
    """The newest event (by the carrier's time, not by arrival) sets the stage: a late push of
    an older scan is history, never a step back. Signed for stays signed (a parcel returned
    after signing is an after-sales matter, not a tracking one)."""
    stage, last, signed = before.stage, before.last_event_at, before.signed_at
    for e in sorted(events, key=lambda e: e.occurred_at):
        at = naive_utc(e.occurred_at)
        if e.stage == carriers.SIGNED and signed is None:
            signed = at
        if last is None or at >= last:
            stage, last = e.stage, at
    if signed is not None:
        stage = carriers.SIGNED
    return Progress(stage, last, signed)


def naive_utc(at: datetime) -> datetime:
    """Carrier times are aware (China time); the database keeps naive UTC like every table."""
    if at.tzinfo is None:
        return at
    return (at - at.utcoffset()).replace(tzinfo=None)  # type: ignore[operator]


def quiet_since(shipped_at: datetime, last_heard_at: datetime | None) -> datetime:
    return max(shipped_at, last_heard_at) if last_heard_at else shipped_at


def gone_quiet(shipped_at: datetime, last_heard_at: datetime | None, now: datetime,
               hours: int) -> bool:
    """No tracking news for `hours` since it shipped or since the last push."""
    return now - quiet_since(shipped_at, last_heard_at) >= timedelta(hours=hours)


def sign_for_due(shipped_at: datetime, now: datetime, days: int) -> bool:
    """The shop signs for the shopper `days` after shipping if nobody did (as Taobao's
    自动确认收货 does)."""
    return now - shipped_at >= timedelta(days=days)
