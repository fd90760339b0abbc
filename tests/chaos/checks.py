"""What must hold after the storm, read straight from the database."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, select

from mercato import events
from mercato.inventory.adapters.tables import LedgerEntry, Reservation, StockLevel
from mercato.orders.adapters.tables import Order, OrderLine, TimelineEntry
from mercato.orders.domain import HOLDS_STOCK
from mercato.payments.adapters.tables import Payment
from mercato.platform.db import Database
from mercato.platform.idempotency import IdempotencyKey
from mercato.platform.outbox import Bus, InboxRow, OutboxRow


def _events(tx: Any) -> list[tuple[str, str, dict[str, Any], bool]]:
    rows = tx.execute(
        select(OutboxRow.event_id, OutboxRow.name, OutboxRow.payload, OutboxRow.published_at)
    )
    return [(i, n, json.loads(p), at is not None) for i, n, p, at in rows]


def settled(db: Database, bus: Bus) -> bool:
    """Every event relayed and handled by each of its subscribers."""
    with db.reading() as tx:
        evs = _events(tx)
        handled = {(c, i) for c, i in tx.execute(select(InboxRow.consumer, InboxRow.event_id))}
    return all(sent and all((c, i) in handled for c in bus.consumers(n)) for i, n, _p, sent in evs)


def wait_settled(db: Database, bus: Bus, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not settled(db, bus):
        assert time.monotonic() < deadline, "events still unrelayed or unhandled"
        time.sleep(0.5)


def check_orders(db: Database, answered: set[str]) -> dict[str, int]:
    """Each order: answered to its client, placed once; paid ones paid once (event, timeline
    and payment); cancelled ones cancelled once with no payment left pending."""
    with db.reading() as tx:
        orders = {n: st for n, st in tx.execute(select(Order.number, Order.status))}
        per_event: Counter[tuple[str, str]] = Counter(
            (n, str(p.get("number") or p.get("order_number"))) for _i, n, p, _s in _events(tx)
        )
        moves = Counter(
            (n, st)
            for n, st in tx.execute(
                select(Order.number, TimelineEntry.to_status).join(
                    Order, Order.id == TimelineEntry.order_id
                )
            )
        )
        pays: dict[str, list[str]] = defaultdict(list)
        for number, status in tx.execute(select(Payment.order_number, Payment.status)):
            pays[number].append(status)
    assert set(orders) == answered, "an order no client was told about, or one told but lost"
    ever_paid = {"paid", "picking", "shipped"}
    for number, status in orders.items():
        assert per_event[(events.ORDER_PLACED, number)] == 1, number
        paid = 1 if status in ever_paid else 0
        assert per_event[(events.ORDER_PAID, number)] == paid, number
        assert moves[(number, "paid")] == paid, number
        assert pays[number].count("paid") == paid, (number, pays[number])
        if status == "cancelled":
            assert per_event[(events.ORDER_CANCELLED, number)] == 1, number
            assert moves[(number, "cancelled")] == 1, number
            assert "pending" not in pays[number], (number, pays[number])
    return Counter(orders.values())


def check_stock(db: Database) -> None:
    """Stock rows = ledger = reservations, and each order holds exactly its lines while it
    holds stock at all."""
    with db.reading() as tx:
        ledger = {
            (s, w): (o, r)
            for s, w, o, r in tx.execute(
                select(
                    LedgerEntry.sku_id,
                    LedgerEntry.warehouse_id,
                    func.sum(LedgerEntry.delta_on_hand),
                    func.sum(LedgerEntry.delta_reserved),
                ).group_by(LedgerEntry.sku_id, LedgerEntry.warehouse_id)
            )
        }
        held_by_row = {
            sid: qty
            for sid, qty in tx.execute(
                select(Reservation.stock_id, func.sum(Reservation.quantity)).group_by(
                    Reservation.stock_id
                )
            )
        }
        for sid, sku, wh, on_hand, reserved in tx.execute(
            select(
                StockLevel.id,
                StockLevel.sku_id,
                StockLevel.warehouse_id,
                StockLevel.on_hand,
                StockLevel.reserved,
            )
        ):
            assert (on_hand, reserved) == ledger[(sku, wh)], sku
            assert reserved == held_by_row.get(sid, 0) and 0 <= reserved <= on_hand, sku
        held: dict[str, Counter[int]] = defaultdict(Counter)
        for ref, sku, qty in tx.execute(
            select(Reservation.reference, Reservation.sku_id, Reservation.quantity)
        ):
            held[ref][sku] += qty
        lines: dict[str, Counter[int]] = defaultdict(Counter)
        statuses = {}
        for number, status, sku, qty in tx.execute(
            select(Order.number, Order.status, OrderLine.sku_id, OrderLine.quantity).join(
                OrderLine, OrderLine.order_id == Order.id
            )
        ):
            lines[number][sku] += qty
            statuses[number] = status
    for number, status in statuses.items():
        expected = lines[number] if status in HOLDS_STOCK else Counter()
        assert held.get(number, Counter()) == expected, (number, status)
    assert set(held) <= set(statuses), "stock held for no order"


def check_keys(db: Database) -> None:
    with db.reading() as tx:
        stuck = tx.scalar(select(func.count()).where(IdempotencyKey.status == 0))
    assert stuck == 0, f"{stuck} idempotency keys stuck in progress"
