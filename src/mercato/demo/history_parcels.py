"""The demo history's parcels: orders the history ships go through logistics as a shop's
would — allocated to a warehouse, a waybill booked by the real SF Express adapter at the
demo's fake SF (in this process, for the length of the load: the desk of a running shop
starts empty), the units out of stock — and the courier's scans are applied as the carrier's
pushes would be (collected, in transit, out for delivery, signed for), each at its time and
never after `end`, so the shopper's tracking page and the admin's 运输中 tab show them.

Only for loading the demo, in the `mercato demo` process (sim_clock.py)."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from mercato.logistics import carriers
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.sf_express import SfExpress, SfExpressConfig
from mercato.logistics.services import allocate, outbound, tracking
from mercato.sandbox.sf_express import FakeSfExpress

with warnings.catch_warnings():  # Starlette's sync ASGI client: the one way to call the fake
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

PARTNER, CHECK_WORD, MONTHLY_CARD = "MERCATO_DEMO_HISTORY", "demo-history-check", "7550000000"
SENDER_PHONE = "4008000000"
# When the courier scans, after the parcel left (hours) and before it was signed for.
_AFTER_SHIPPING = ((carriers.COLLECTED, "顺丰速运 已收取快件", 2),
                   (carriers.IN_TRANSIT, "快件到达【转运中心】，正发往下一站", 9))
_BEFORE_SIGNED = ((carriers.DELIVERING, "快件交给顺丰小哥，正在派送途中（联系电话：95338）", 3),)
_HUB = "快件离开【转运中心】，已发往下一站"
_SIGNED = "您的快件已签收，如有疑问请电联快递员【电话：95338】，感谢您使用顺丰。"


class Parcels:
    def __init__(self, staff: str, end: datetime) -> None:
        fake = FakeSfExpress(PARTNER, CHECK_WORD, "", "")  # no push URL: scans applied below
        config = SfExpressConfig(PARTNER, CHECK_WORD, MONTHLY_CARD, "http://sf/std/service")
        self.book: dict[str, carriers.Carrier] = {"sf": SfExpress(config, TestClient(fake.app))}
        self.staff, self.end = staff, end
        self.waybills: dict[str, list[str]] = {}
        self.on_the_way: dict[str, datetime] = {}  # shipped, not yet signed: since when

    def ship(self, tx: Session, number: str, at: datetime) -> bool:
        """Ship every parcel of the order; False when logistics could not take it (no stock
        left to allocate: the caller moves the order by hand, as a shop without it would)."""
        allocate.allocate_order(tx, number)
        shipments = repository.of_order(tx, number)
        if not shipments:
            return False
        for s in shipments:
            shipped = outbound.ship(tx, s.number, "sf", self.book, self.staff, SENDER_PHONE)
            self.waybills.setdefault(number, []).append(str(shipped.waybill_no))
        self._scans(tx, number, [(stage, text, at + timedelta(hours=h))
                                 for stage, text, h in _AFTER_SHIPPING])
        self.on_the_way[number] = at
        return True

    def sign(self, tx: Session, number: str, at: datetime) -> bool:
        """The courier's last scans and the signature; False if the order has no parcels."""
        if number not in self.waybills:
            return False
        scans = [(stage, text, at - timedelta(hours=h)) for stage, text, h in _BEFORE_SIGNED]
        self._scans(tx, number, [*scans, (carriers.SIGNED, _SIGNED, at)])
        self.on_the_way.pop(number, None)
        return True

    def keep_moving(self, tx: Session) -> None:
        """Parcels still on their way at the end get a transit scan every 12 hours up to
        now, as a carrier's hubs would give them (else every one would look stuck)."""
        for number, at in self.on_the_way.items():
            hours = range(21, int((self.end - at).total_seconds() // 3600) + 1, 12)
            self._scans(tx, number, [(carriers.IN_TRANSIT, _HUB, at + timedelta(hours=h))
                                     for h in hours])

    def _scans(self, tx: Session, number: str, scans: list[tuple[str, str, datetime]]) -> None:
        events = [
            carriers.TrackingEvent("sf", waybill, stage, when.replace(tzinfo=UTC), text, "",
                                   stage[:4])
            for waybill in self.waybills.get(number, [])
            for stage, text, when in scans
            if when <= self.end
        ]
        if events:
            tracking.ingest(tx, events)
