"""Orders ready to pay, for the payment-centre tests."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from mercato.orders.adapters.tables import Order, TimelineEntry
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow
from tests.orders.conftest import fill_cart

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def token(client: Any, phone: str) -> dict[str, str]:
    r = client.post("/api/v1/customers/token", json={"login": phone, "password": "secret-pass-1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def use_gateway(client: Any, fake: Any, gateway: Any, name: str) -> None:
    """The app takes payments through `gateway` only, and the fake provider posts its
    notifications to the app itself."""
    fake.notify_client = client
    client.app.state.gateways = {name: gateway}


def placed_order(
    client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any], qty: int = 1
) -> tuple[str, int, dict[str, str]]:
    """(order number, total fen, auth headers) for a new unpaid order of `buyer`."""
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: qty})
    h = token(client, buyer["phone"])
    r = client.post(
        "/api/v1/orders",
        json={"address_id": buyer["address_id"], "shipping_method": "express"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    return r.json()["number"], r.json()["total_fen"], h


def order_state(db: Database, number: str) -> tuple[str, int, int]:
    """(status, paid timeline entries, OrderPaid events)."""
    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        paid = tx.scalar(
            select(func.count())
            .select_from(TimelineEntry)
            .where(TimelineEntry.order_id == order.id, TimelineEntry.to_status == "paid")
        )
        events = tx.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.name == "orders.order_paid.v1")
        )
        return order.status, int(paid or 0), int(events or 0)


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no csrf field"
    return found.group(1)


_TOKEN = re.compile(r'name="t" value="([^"]+)"')


def pay_in_sandbox(client: Any, number: str, outcome: str = "pay") -> Any:
    """The shopper (signed in on `client`) chooses the sandbox on the pay page and presses
    Pay or Fail at its cashier; returns the order page they are sent back to."""
    pay_page = client.get(f"/account/orders/{number}/pay")
    r = client.post(
        f"/account/orders/{number}/pay",
        data={"csrf": csrf_of(pay_page.text), "provider": "sandbox"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    cashier = client.get(r.headers["location"])
    found = _TOKEN.search(cashier.text)
    assert found, "no trade token on the cashier page"
    back = client.post(
        r.headers["location"].split("?")[0],
        data={"csrf": csrf_of(cashier.text), "t": found.group(1), "outcome": outcome},
        follow_redirects=False,
    )
    assert back.status_code == 303 and back.headers["location"] == f"/account/orders/{number}"
    return client.get(back.headers["location"])


def deliver_events(db: Database, settings: Any) -> int:
    """Relay the outbox and hand each event to its subscribers, as the embedded runtime
    does; returns how many events went out."""
    from mercato import bootstrap
    from mercato.platform.outbox import Bus
    from mercato.platform.relay import relay_once

    bus = Bus()
    bootstrap.wire_bus(bus, settings)
    sent: list[Any] = []
    while relay_once(db, sent.append):
        pass
    for event in sent:
        bus.handle(db, event)
    return len(sent)


def timeline(db: Database, number: str, kind: str) -> list[tuple[str, str, str]]:
    """(to_status, actor, reason) of the order's timeline entries of one kind, in order."""
    with db.reading() as tx:
        order_id = tx.scalars(select(Order.id).where(Order.number == number)).one()
        rows = tx.execute(
            select(TimelineEntry.to_status, TimelineEntry.actor, TimelineEntry.reason)
            .where(TimelineEntry.order_id == order_id, TimelineEntry.kind == kind)
            .order_by(TimelineEntry.id)
        )
        return [(r[0], r[1], r[2]) for r in rows]
