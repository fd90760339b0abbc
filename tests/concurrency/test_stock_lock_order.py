"""On PostgreSQL: writes that lock several stock rows take them in one global order (stock row
id ascending), so placing and cancelling orders over shared SKUs never deadlock; and a deadlock
that still happens is retried, never answered 500."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from mercato.app import create_app
from mercato.inventory.adapters.tables import LedgerEntry, Reservation, StockLevel
from mercato.inventory.csv_io import import_stock
from mercato.inventory.services import reservations
from mercato.members.services import accounts, addresses, sessions
from mercato.platform.db import Database
from tests.checkout.shipping_factory import shipping_methods
from tests.factories import base_taxonomy, make_product
from tests.orders.conftest import ADDRESS

SHOPPERS, SKUS, SECONDS = 10, 6, 6.0


def _shop(db: Database, units: int = 100_000) -> list[int]:
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        shipping_methods(tx)
        skus = [(f"MUG-{i}", 1000 + i, [("capacity", f"{i}00ml", f"{i}00ml")]) for i in range(SKUS)]
        p = make_product(tx, t, "mug", "杯子", "Mug", skus, category="cups", stock_qty=units)
    return [int(s) for s in p["skus"]]


def _shoppers(db: Database, n: int) -> list[tuple[dict[str, str], int]]:
    out = []
    with db.transaction() as tx:
        for i in range(n):
            c = accounts.sign_up(tx, f"137{i:08d}", "", "secret-pass-1", f"s{i}")
            a = addresses.add_address(tx, c.id, ADDRESS)
            out.append(({"Authorization": f"Bearer {sessions.issue_token(tx, c.id)}"}, a.id))
    return out


def _loop(client: TestClient, who: tuple[dict[str, str], int], skus: list[int], until: float):
    headers, address_id = who
    rng, codes = random.Random(address_id), Counter[str]()
    while time.monotonic() < until:
        for sku in rng.sample(skus, 3):
            r = client.post("/api/v1/cart/lines", json={"sku_id": sku}, headers=headers)
            codes[f"add {r.status_code}"] += 1
        body = {"address_id": address_id, "shipping_method": "std"}
        r = client.post("/api/v1/orders", json=body, headers=headers)
        codes[f"order {r.status_code}"] += 1
        if r.status_code == 201:
            number = r.json()["number"]
            r = client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=headers)
            codes[f"cancel {r.status_code}"] += 1
    return codes


def _consistent(db: Database) -> None:
    """Stock rows agree with the ledger and with what is still reserved."""
    with db.reading() as tx:
        for sid, sku, wh, on_hand, reserved in tx.execute(
            select(
                StockLevel.id,
                StockLevel.sku_id,
                StockLevel.warehouse_id,
                StockLevel.on_hand,
                StockLevel.reserved,
            )
        ):
            ledger = tx.execute(
                select(
                    func.sum(LedgerEntry.delta_on_hand), func.sum(LedgerEntry.delta_reserved)
                ).where(LedgerEntry.sku_id == sku, LedgerEntry.warehouse_id == wh)
            ).one()
            held = tx.scalar(
                select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
                    Reservation.stock_id == sid
                )
            )
            assert (on_hand, reserved) == (ledger[0], ledger[1]) and reserved == held


def test_placing_and_cancelling_over_shared_skus_answers_no_5xx(
    pg_db: Database, settings: Any
) -> None:
    skus = _shop(pg_db)
    shoppers = _shoppers(pg_db, SHOPPERS)
    app = create_app(settings, pg_db)
    with TestClient(app, raise_server_exceptions=False) as client:
        until = time.monotonic() + SECONDS
        with ThreadPoolExecutor(SHOPPERS) as pool:
            results = list(pool.map(lambda w: _loop(client, w, skus, until), shoppers))
    codes = sum(results, Counter[str]())
    assert not [k for k in codes if k.split()[1].startswith("5")], codes
    assert codes["order 201"] > 50 and codes["cancel 200"] == codes["order 201"], codes
    _consistent(pg_db)


def _lock_from_another_connection(
    db: Database, stock_id: int, ready: threading.Event, release: threading.Event
) -> None:
    with db.engine.connect() as conn, conn.begin():
        conn.execute(
            text("SELECT id FROM inventory_stock WHERE id = :i FOR UPDATE"), {"i": stock_id}
        )
        ready.set()
        release.wait(10)


def _is_locked(db: Database, stock_id: int) -> bool:
    with db.engine.connect() as conn, conn.begin():
        try:
            conn.execute(
                text("SELECT id FROM inventory_stock WHERE id = :i FOR UPDATE NOWAIT"),
                {"i": stock_id},
            )
            return False
        except Exception as exc:  # psycopg's LockNotAvailable
            assert "could not obtain lock" in str(exc)
            return True


def _scan_in_physical_order(tx: Any) -> None:
    # Whatever plan the database picks: here a scan in physical (heap) order.
    tx.execute(text("SET LOCAL enable_indexscan = off"))
    tx.execute(text("SET LOCAL enable_bitmapscan = off"))


def _hold(db: Database, rows: Any) -> None:
    with db.transaction() as tx:
        _scan_in_physical_order(tx)
        reservations.hold(tx, "ORDER-1", rows)


def _import(db: Database, rows: Any) -> None:
    lines = ["sku_code,warehouse_code,on_hand"]
    lines += [f"MUG-{i},SH,{60 + i}" for i in reversed(range(SKUS))]  # highest id first
    with db.transaction() as tx:
        _scan_in_physical_order(tx)
        report = import_stock(tx, "\n".join(lines).encode())
        assert not report.errors and report.written == SKUS


@pytest.mark.parametrize("kind", ["hold", "release", "import"])
def test_writes_take_stock_rows_in_id_order(pg_db: Database, kind: str) -> None:
    """The highest-id row is locked elsewhere; a write of every row must have taken the lower
    ones already while it waits (so it never holds a higher row while waiting for a lower)."""
    skus = _shop(pg_db, units=50)
    with pg_db.transaction() as tx:
        # Rewrite the lowest rows, so their live versions come last on the heap: a statement
        # that visits rows in physical order would now meet the highest id first.
        tx.execute(text("UPDATE inventory_stock SET reserved = reserved WHERE id < 4"))
        rows = reservations.plan_reservation(tx, dict.fromkeys(skus, 1))
    ids = sorted(a.stock_id for a in rows)
    write = {"hold": _hold, "import": _import}.get(kind) or _release_prepared(pg_db, rows)
    ready, release = threading.Event(), threading.Event()
    blocker = threading.Thread(
        target=_lock_from_another_connection, args=(pg_db, ids[-1], ready, release)
    )
    blocker.start()
    assert ready.wait(5)
    writer = threading.Thread(target=write, args=(pg_db, rows))
    writer.start()
    try:
        # The write is soon waiting for the last row, having locked every lower one (on a
        # loaded machine it may take a while to get there: wait for it, up to 10 s). Taking
        # rows in another order, it would wait on the last row first and lock nothing else.
        deadline = time.monotonic() + 10
        while not (lower := all(_is_locked(pg_db, i) for i in ids[:-1])):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert writer.is_alive()
        assert lower
    finally:
        release.set()
        blocker.join()
        writer.join()
    _consistent(pg_db)


def _release_prepared(db: Database, rows: Any) -> Any:
    with db.transaction() as tx:
        reservations.hold(tx, "ORDER-2", rows)

    def release(db: Database, _rows: Any) -> None:
        with db.transaction() as tx:
            _scan_in_physical_order(tx)
            reservations.release_for_order(tx, "ORDER-2")

    return release
