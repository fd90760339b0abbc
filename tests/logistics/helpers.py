"""Paid orders and a recording carrier for the logistics tests. The carrier here stands in
for the booking step only (the SF and Kuaidi100 adapters are tested against their fakes in
test_sf_express.py / test_kuaidi100.py and end to end in test_carriers_e2e.py)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select

from mercato.logistics import carriers
from mercato.logistics.adapters.tables import Shipment
from mercato.orders import public as orders
from mercato.platform.db import Database
from tests.orders.conftest import fill_cart
from tests.payments.order_helpers import token

CN = timezone(timedelta(hours=8))
_NUMBERS = itertools.count()  # waybill numbers are unique across recorders, as at a carrier


class Recorder:
    """Books waybills like a carrier would (same reference → same waybill) and remembers."""

    name = "recorder"
    carriers = ("sf", "zto")

    def __init__(self) -> None:
        self.booked: dict[str, carriers.Waybill] = {}
        self.requests: list[carriers.WaybillRequest] = []
        self.subscribed: list[tuple[str, str, str]] = []

    def create_waybill(self, request: carriers.WaybillRequest, carrier: str) -> carriers.Waybill:
        self.requests.append(request)
        if request.reference not in self.booked:
            no = f"SF{1400000000000 + next(_NUMBERS)}"
            self.booked[request.reference] = carriers.Waybill(carrier, no, {"destCode": "755"})
        return self.booked[request.reference]

    def subscribe(self, carrier: str, waybill_no: str, phone: str) -> None:
        self.subscribed.append((carrier, waybill_no, phone))

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> list[carriers.TrackingEvent]:
        raise carriers.PushRejected("logistics.push_rejected", "not a real carrier")

    def push_ack(self, ok: bool) -> carriers.Ack:
        return 200, b"ok", "text/plain"


def paid_order(client: Any, db: Database, buyer: dict[str, Any], lines: dict[int, int]) -> str:
    fill_cart(db, buyer["id"], lines)
    h = token(client, buyer["phone"])
    r = client.post("/api/v1/orders",
                    json={"address_id": buyer["address_id"], "shipping_method": "express"},
                    headers=h)
    assert r.status_code == 201, r.text
    number, total = r.json()["number"], r.json()["total_fen"]
    with db.transaction() as tx:
        assert orders.mark_paid(tx, number, total, "sandbox", f"pay-{number}")
    return str(number)


def shipments(db: Database, order_number: str) -> list[Shipment]:
    with db.reading() as tx:
        rows = tx.scalars(select(Shipment).where(Shipment.order_number == order_number)
                          .order_by(Shipment.id)).all()
        for r in rows:
            tx.expunge(r)
        return list(rows)


def event(
    waybill: str, stage: str, hour: int, text: str = "", code: str = ""
) -> carriers.TrackingEvent:
    return carriers.TrackingEvent("sf", waybill, stage, datetime(2026, 12, 1, hour, tzinfo=CN),
                                  text or f"{stage} at {hour}", "深圳", code or stage[:4])
