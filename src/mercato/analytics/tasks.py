"""Analytics' outbox subscribers and periodic job, registered by bootstrap.wire_bus: orders',
shipments' and refunds' events into the event buffer; compaction, retention and the daily
merge."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.analytics import domain
from mercato.analytics.services import live, recording
from mercato.platform import live as notices
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings


def wire(bus: Bus, settings: Settings) -> None:
    """Subscribers and the periodic job of this context (none when analytics is off)."""
    tracker = recording.Tracker.of(settings)
    if not tracker.enabled:
        return
    pulse = live.pulse_for(tracker.recorder,
                           notices.hub(settings.broker_url, settings.queue_namespace))

    def record(_tx: Session, event: Event) -> None:
        # The buffer is not the transaction: a handler run again after a failed commit
        # appends the same event (same id, same values) again, and queries count it once.
        tracker.record_outbox(event.id, event.name, event.payload, event.occurred_at)
        if event.name == events.ORDER_PAID:
            pulse.beat()  # into the lake and announced within live.GAP, off this thread

    for name in domain.OUTBOX:
        bus.subscribe(name, f"analytics.record.{name}", record)

    def tidy(_db: Database) -> None:
        recording.tidy(tracker.lake, settings.analytics_retention_days)

    bus.every(settings.analytics_compact_seconds, "analytics.compact", tidy)
