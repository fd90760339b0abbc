"""The statements that move seats: each a single guarded statement, so two buyers racing for
the last unit, or one customer racing themselves past their limit, are decided by the
database's row locks and never by a read followed by a write."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from mercato.flashsale import domain
from mercato.flashsale.adapters.tables import Event, Holding, Item, Seat
from mercato.platform.db import run
from mercato.platform.tx import AnyTx

E = cast(Table, Event.__table__)
I = cast(Table, Item.__table__)  # noqa: E741
H = cast(Table, Holding.__table__)
S = cast(Table, Seat.__table__)

OFFER_COLUMNS = (E.c.id, E.c.status, E.c.starts_at, E.c.ends_at, E.c.per_customer_limit,
                 I.c.sku_id, I.c.price_fen, I.c.quantity, I.c.taken)
_OFFER = select(*OFFER_COLUMNS).select_from(E.join(I, I.c.event_id == E.c.id))


def running_offer(tx: AnyTx, sku_id: int, now: datetime) -> Any:
    """OFFER_COLUMNS and the event's name, of the SKU's running event ending soonest."""
    q = (select(*OFFER_COLUMNS, E.c.name).select_from(E.join(I, I.c.event_id == E.c.id))
         .where(I.c.sku_id == sku_id, E.c.status == domain.SCHEDULED, E.c.starts_at <= now,
                E.c.ends_at > now)
         .order_by(E.c.ends_at, E.c.id).limit(1))
    return run(tx, q).first()


def offer(tx: AnyTx, event_id: int, sku_id: int) -> Any:
    """The event and its item for the SKU (OFFER_COLUMNS), or None."""
    return run(tx, _OFFER.where(E.c.id == event_id, I.c.sku_id == sku_id)).first()


def _upsert(tx: AnyTx) -> Any:
    return postgresql.insert if tx.get_bind().dialect.name == "postgresql" else sqlite.insert


def hold(tx: AnyTx, event_id: int, customer_id: int, quantity: int, cap: int) -> bool:
    """The customer's units in the event += quantity unless that passes their cap; False
    when it would. One statement: a first seat inserts the row, a later one moves it, and
    two at once queue on the row (INSERT ... ON CONFLICT DO UPDATE ... WHERE)."""
    stmt = _upsert(tx)(H).values(event_id=event_id, customer_id=customer_id, taken=quantity,
                                 cap=cap)
    stmt = stmt.on_conflict_do_update(
        index_elements=[H.c.event_id, H.c.customer_id],
        set_={"taken": H.c.taken + stmt.excluded.taken},
        where=H.c.taken + stmt.excluded.taken <= H.c.cap,
    ).returning(H.c.taken)
    return run(tx, stmt).first() is not None


def unhold(tx: AnyTx, event_id: int, customer_id: int, quantity: int) -> None:
    run(tx, update(H).where(H.c.event_id == event_id, H.c.customer_id == customer_id,
                            H.c.taken >= quantity).values(taken=H.c.taken - quantity))


def count_taken(tx: AnyTx, event_id: int, sku_id: int, quantity: int) -> bool:
    """taken += quantity unless that passes quantity; False when it would (sold out)."""
    done = run(tx, update(I).where(I.c.event_id == event_id, I.c.sku_id == sku_id,
                                   I.c.taken + quantity <= I.c.quantity)
               .values(taken=I.c.taken + quantity))
    return bool(done.rowcount)


def uncount(tx: AnyTx, event_id: int, sku_id: int, quantity: int) -> None:
    run(tx, update(I).where(I.c.event_id == event_id, I.c.sku_id == sku_id,
                            I.c.taken >= quantity).values(taken=I.c.taken - quantity))


def add_seat(tx: AnyTx, row: dict[str, Any]) -> bool:
    """Insert the seat unless its id exists; True when this transaction inserted it. A
    concurrent insert of the same id waits for the other transaction, then counts as there."""
    stmt = _upsert(tx)(S).values(**row).on_conflict_do_nothing(index_elements=[S.c.seat_id])
    return run(tx, stmt.returning(S.c.id)).first() is not None


def seat_row(seat_id: str, event_id: int, sku_id: int, customer_id: int, quantity: int,
             status: str, at: datetime) -> dict[str, Any]:
    return {"seat_id": seat_id, "event_id": event_id, "sku_id": sku_id,
            "customer_id": customer_id, "quantity": quantity, "status": status,
            "order_number": None, "taken_at": at, "updated_at": at}


SEAT_COLUMNS = (S.c.seat_id, S.c.event_id, S.c.sku_id, S.c.customer_id, S.c.quantity,
                S.c.status, S.c.order_number, S.c.taken_at)


def seat(tx: AnyTx, seat_id: str) -> Any:
    return run(tx, select(*SEAT_COLUMNS).where(S.c.seat_id == seat_id)).first()


def seats(tx: AnyTx, seat_ids: list[str]) -> dict[str, Any]:
    """seat id → row (SEAT_COLUMNS), of those in the database."""
    out: dict[str, Any] = {}
    for i in range(0, len(seat_ids), 500):
        q = select(*SEAT_COLUMNS).where(S.c.seat_id.in_(seat_ids[i:i + 500]))
        out.update({r.seat_id: r for r in run(tx, q)})
    return out


def release(tx: AnyTx, seat_id: str, now: datetime,
            statuses: tuple[str, ...] = (domain.HELD, domain.ORDERED)) -> Any:
    """held/ordered (or only `statuses`) → released; the seat's row (event_id, sku_id,
    customer_id, quantity), or None when it was in none of them (released, or unknown)."""
    q = (update(S).where(S.c.seat_id == seat_id, S.c.status.in_(statuses))
         .values(status=domain.RELEASED, updated_at=now)
         .returning(S.c.event_id, S.c.sku_id, S.c.customer_id, S.c.quantity))
    return run(tx, q).first()


def confirm(tx: AnyTx, seat_id: str, order_number: str, now: datetime) -> bool:
    q = (update(S).where(S.c.seat_id == seat_id, S.c.status == domain.HELD)
         .values(status=domain.ORDERED, order_number=order_number, updated_at=now))
    return bool(run(tx, q).rowcount)


def seats_of_order(tx: AnyTx, order_number: str) -> list[str]:
    q = select(S.c.seat_id).where(S.c.order_number == order_number,
                                  S.c.status == domain.ORDERED)
    return [r.seat_id for r in run(tx, q)]


def stale_held(tx: AnyTx, before: datetime) -> list[str]:
    """Seats held (carried by no order) since before `before`."""
    q = select(S.c.seat_id).where(S.c.status == domain.HELD, S.c.taken_at < before)
    return [r.seat_id for r in run(tx, q.order_by(S.c.id).limit(1000))]


def released_of(tx: AnyTx, event_id: int, sku_id: int) -> list[Any]:
    """Released seats of an item (SEAT_COLUMNS): what Redis must have been given back."""
    q = select(*SEAT_COLUMNS).where(S.c.event_id == event_id, S.c.sku_id == sku_id,
                                    S.c.status == domain.RELEASED)
    return list(run(tx, q))


def items_of(tx: AnyTx, event_id: int) -> list[Any]:
    q = select(I.c.sku_id, I.c.price_fen, I.c.quantity, I.c.taken).where(
        I.c.event_id == event_id)
    return list(run(tx, q.order_by(I.c.sku_id)))


def holdings(tx: AnyTx, event_id: int) -> dict[int, int]:
    q = select(H.c.customer_id, H.c.taken).where(H.c.event_id == event_id, H.c.taken > 0)
    return {int(r.customer_id): int(r.taken) for r in run(tx, q)}


def live_events(tx: AnyTx, now: datetime, since: datetime) -> list[Any]:
    """Published events whose window is open or ended after `since` (seats may still be in
    flight): id, starts_at, ends_at."""
    q = select(E.c.id, E.c.starts_at, E.c.ends_at).where(
        and_(E.c.status == domain.SCHEDULED, E.c.starts_at <= now, E.c.ends_at > since))
    return list(run(tx, q.order_by(E.c.id)))


def add_event(tx: AnyTx, row: dict[str, Any], items: list[dict[str, Any]]) -> int:
    event_id = int(run(tx, insert(E).values(**row).returning(E.c.id)).scalar_one())
    run(tx, insert(I), [{**i, "event_id": event_id, "taken": 0} for i in items])
    return event_id


def event_rows(tx: AnyTx, event_ids: list[int]) -> list[Any]:
    q = select(E.c.id, E.c.status, E.c.starts_at, E.c.ends_at, E.c.per_customer_limit,
               E.c.admit_per_second).where(E.c.id.in_(event_ids))
    return list(run(tx, q.order_by(E.c.id)))
