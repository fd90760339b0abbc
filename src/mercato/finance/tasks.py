"""Finance's event subscribers and periodic jobs, registered by bootstrap.wire_bus: every
payment, refund and invoice becomes an accounting entry (in the subscriber's transaction, so
once per fact), and a job posts pending entries to the ERP every 30 seconds."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from mercato import events
from mercato.finance import journal
from mercato.finance.adapters import erp_registry
from mercato.finance.adapters.poster import Poster
from mercato.finance.services import posting
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings

log = logging.getLogger(__name__)
BATCHES = 5  # per run at most: a backlog drains 1,000 entries a run, a bad ERP is not hammered


def payment(tx: Session, event: Event) -> None:
    p = event.payload
    posting.record(tx, journal.payment_entry(
        str(p["out_trade_no"]), str(p["order_number"]), str(p["provider"]),
        int(p["amount_fen"]), event.occurred_at))


def whole_refund(tx: Session, event: Event) -> None:
    """A whole attempt given back (closed order, or paid after cancelling): its refund
    number is the attempt's, plus R (payments.services.refunds.refund_number)."""
    p = event.payload
    posting.record(tx, journal.refund_entry(
        f"{p['out_trade_no']}R", str(p["order_number"]), str(p["provider"]),
        int(p["amount_fen"]), event.occurred_at))


def partial_refund(tx: Session, event: Event) -> None:
    p = event.payload
    posting.record(tx, journal.refund_entry(
        str(p["refund_no"]), str(p["order_number"]), str(p["provider"]),
        int(p["amount_fen"]), event.occurred_at))


def _issued_at(p: Mapping[str, Any], default: datetime) -> datetime:
    raw = p.get("issued_at")
    if not isinstance(raw, str) or not raw:
        return default
    at = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def invoice(tx: Session, event: Event) -> None:
    """A blue invoice books revenue; a red-letter one takes it back. Red amounts may come
    negative (as printed) or as magnitudes: the entry takes their size."""
    p = event.payload
    net, tax = abs(int(p["net_fen"])), abs(int(p["tax_fen"]))
    if "total_fen" in p and abs(int(p["total_fen"])) != net + tax:
        raise DomainError("finance.invoice_total", "Invoice total is not net plus tax",
                          "total_fen")
    build = journal.credit_note_entry if p.get("kind") == "red" else journal.invoice_entry
    at = _issued_at(p, event.occurred_at)
    posting.record(tx, build(str(p["number"]), str(p["order_number"]), net, tax, at))


def post_all(db: Database, poster: Poster) -> dict[str, int]:
    """Post due entries, batch after batch while whole batches go through."""
    total = {"sent": 0, "posted": 0, "retrying": 0}
    for _ in range(BATCHES):
        counts = posting.post_pending(db, poster)
        total = {k: total[k] + counts[k] for k in total}
        if counts["retrying"] or counts["sent"] < posting.LIMIT:
            break
    return total


def wire(bus: Bus, settings: Settings) -> None:
    poster: list[Poster | None] = []  # built on first use: the app may not serve yet

    def post(db: Database) -> None:
        if not poster:
            poster.append(erp_registry.build(settings))
        if poster[0] is not None:  # MERCATO_ERP_MODE=off: entries wait in the database
            post_all(db, poster[0])

    bus.subscribe(events.PAYMENT_SUCCEEDED, "finance.payment_entry", payment)
    # Money an order could not keep was taken all the same: book it (once, by entry id,
    # whether or not PAYMENT_SUCCEEDED booked it) so its refund has something to reverse.
    bus.subscribe(events.PAYMENT_REFUND_DUE, "finance.payment_entry_due", payment)
    bus.subscribe(events.PAYMENT_REFUNDED, "finance.refund_entry", whole_refund)
    bus.subscribe(events.PAYMENT_REFUND_SUCCEEDED, "finance.partial_refund_entry", partial_refund)
    bus.subscribe(events.INVOICE_ISSUED, "finance.invoice_entry", invoice)
    bus.every(30, "finance.post_entries", post)
