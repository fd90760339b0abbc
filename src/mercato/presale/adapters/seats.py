"""The guarded statements deposits take units with: each decided by the database's row
locks (an UPDATE ... WHERE, an INSERT ... ON CONFLICT DO UPDATE ... WHERE), never by a read
followed by a write, so racing deposits never pass the plan nor a customer's limit."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, update
from sqlalchemy.dialects import postgresql, sqlite

from mercato.platform.db import run
from mercato.platform.tx import AnyTx
from mercato.presale.adapters.tables import Holding, Item

I = cast(Table, Item.__table__)  # noqa: E741
H = cast(Table, Holding.__table__)


def _upsert(tx: AnyTx) -> Any:
    return postgresql.insert if tx.get_bind().dialect.name == "postgresql" else sqlite.insert


def take(tx: AnyTx, item_id: int, quantity: int) -> bool:
    """taken += quantity unless that passes the plan; False when it would."""
    done = run(tx, update(I).where(I.c.id == item_id, I.c.taken + quantity <= I.c.planned)
               .values(taken=I.c.taken + quantity))
    return bool(done.rowcount)


def give_back(tx: AnyTx, item_id: int, quantity: int) -> None:
    run(tx, update(I).where(I.c.id == item_id, I.c.taken >= quantity)
        .values(taken=I.c.taken - quantity))


def hold(tx: AnyTx, item_id: int, customer_id: int, quantity: int, cap: int) -> bool:
    """The customer's units of the item += quantity unless that passes `cap` (quantity ≤ cap
    is the caller's check); False when it would."""
    stmt = _upsert(tx)(H).values(item_id=item_id, customer_id=customer_id, units=quantity,
                                 cap=cap)
    stmt = stmt.on_conflict_do_update(
        index_elements=[H.c.item_id, H.c.customer_id],
        set_={"units": H.c.units + stmt.excluded.units, "cap": stmt.excluded.cap},
        where=H.c.units + stmt.excluded.units <= stmt.excluded.cap,
    ).returning(H.c.units)
    return run(tx, stmt).first() is not None


def unhold(tx: AnyTx, item_id: int, customer_id: int, quantity: int) -> None:
    run(tx, update(H).where(H.c.item_id == item_id, H.c.customer_id == customer_id,
                            H.c.units >= quantity).values(units=H.c.units - quantity))
