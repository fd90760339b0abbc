"""End to end: a real order paid, allocated, shipped with a carrier and signed for by the
carrier's scan through the logistics services; its outbox events, handed to analytics'
subscribers, land in the lake with carrier, warehouse and shipment (no phone, no waybill)
and show in the fulfilment figures, ship-to-sign measured to the scan."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from mercato.analytics import tasks
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import fulfilment
from mercato.analytics.services.recording import Tracker
from mercato.logistics import carriers
from mercato.logistics.services import allocate, outbound, tracking
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import Bus
from mercato.platform.relay import relay_once
from mercato.platform.settings import Settings
from tests.analytics.helpers import recorded
from tests.logistics.helpers import CN, Recorder, paid_order, shipments


def _to_analytics(db: Database, settings: Settings) -> None:
    """The outbox relayed to analytics' subscribers alone, then the buffer written."""
    bus = Bus()
    tasks.wire(bus, settings)
    sent: list[Any] = []
    while relay_once(db, sent.append):
        pass
    for event in sent:
        bus.handle(db, event)
    Tracker.of(settings).recorder.flush()


def test_a_shipment_shipped_and_signed_lands_in_the_figures(
    client: Any, db: Database, settings: Settings, market: dict[str, Any],
    buyer: dict[str, Any]
) -> None:
    order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        (number,) = allocate.allocate_order(tx, order)
    with db.transaction() as tx:
        book: dict[str, Any] = {"zto": Recorder()}  # books waybills as a carrier would
        s = outbound.ship(tx, number, "zto", book, "ops", "4008000000")
        waybill, phone, shipped_at = s.waybill_no or "", s.phone, s.shipped_at
    assert shipped_at is not None
    # The carrier's scan, in China time as carriers send it: 30 hours after shipping.
    scan = (shipped_at + timedelta(hours=30)).replace(tzinfo=UTC).astimezone(CN)
    with db.transaction() as tx:
        tracking.ingest(tx, [carriers.TrackingEvent("zto", waybill, carriers.SIGNED, scan,
                                                    "已签收")])
    assert shipments(db, order)[0].status == "signed"
    _to_analytics(db, settings)
    lake = Lake.of(settings)
    rows = {e["name"]: e for e in recorded(lake) if e["order_number"] == order}
    assert (rows["shipped"]["shipment"], rows["shipped"]["carrier"],
            rows["shipped"]["warehouse_id"]) == (number, "zto", market["warehouse"])
    assert (rows["signed"]["shipment"], rows["signed"]["occurred_at"]) == (
        number, (shipped_at + timedelta(hours=30)).isoformat())
    assert phone not in str(rows) and waybill not in str(rows)
    today = clock.today()
    found = fulfilment.fulfilment(lake, today - timedelta(days=1), today + timedelta(days=2))
    # Paid, then shipped moments later (well under 0.05 h); signed 30 h after shipping (the
    # shipping event is recorded a few milliseconds after shipped_at: still 30.0).
    assert (found.overall.to_ship.count, found.overall.to_ship.median_h) == (1, 0.0)
    assert (found.overall.to_sign.count, found.overall.to_sign.median_h) == (1, 30.0)
    assert [(r.key, r.to_sign.p90_h) for r in found.warehouses] == [(market["warehouse"], 30.0)]
    assert [(r.key, r.to_ship.count) for r in found.carriers] == [("zto", 1)]
