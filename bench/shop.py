"""The checkout benches' shop: a fresh copy of the demo shop for every run (a SQLite file, or a
scratch PostgreSQL database created here and dropped afterwards), buyers made before any timing
(each its own customer, address and API token) and SKUs given plenty of stock."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session

from bench.run import DATA

PG_SERVER = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "bench-pass-2026"
ADDRESS = {
    "recipient": "王小明",
    "phone": "13912345678",
    "province": "上海市",
    "city": "上海市",
    "district": "浦东新区",
    "street": "世纪大道100号",
    "postcode": "200120",
}
PLENTY = 1_000_000


@dataclass(frozen=True)
class Buyer:
    customer_id: int
    address_id: int
    token: str
    skus: tuple[int, int]  # the two SKUs this buyer checks out (no other buyer has them)


@dataclass(frozen=True)
class Shop:
    backend: str  # "SQLite" or "PostgreSQL"
    url: str
    buyers: list[Buyer]
    flash_skus: tuple[int, int]  # one SKU per flash race, never in a checkout buyer's pair

    @property
    def env(self) -> dict[str, str]:
        return {"MERCATO_DATABASE_URL": self.url, "MERCATO_MEDIA_DIR": str(DATA / "media")}


def _schema(url: str) -> None:
    """`mercato migrate`'s path (Alembic to head), then a check that orders exist."""
    from mercato.platform.db import Database
    from mercato.platform.migrate import upgrade

    upgrade(url)
    db = Database(url)
    try:
        if not inspect(db.engine).has_table("orders_order"):
            raise SystemExit(
                "the migrations made no orders_* tables: the checkout benches need them"
            )
    finally:
        db.engine.dispose()


def _load_demo(url: str) -> None:
    from mercato.demo.loader import load_demo
    from mercato.platform.db import Database

    db = Database(url)
    try:
        load_demo(db, DATA / "media", staff=False)
    finally:
        db.engine.dispose()


def _sqlite_copy(name: str) -> str:
    """A fresh copy of the demo shop `make bench` builds (var/bench/mercato.db)."""
    DATA.mkdir(parents=True, exist_ok=True)
    base = DATA / "mercato.db"
    _schema(f"sqlite:///{base}")
    _load_demo(f"sqlite:///{base}")
    target = DATA / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(base), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"


def _pg_admin(sql: str) -> None:
    engine = create_engine(
        PG_SERVER.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def pg_reachable() -> bool:
    try:
        _pg_admin("SELECT 1")
    except Exception:  # any failure to connect means: no server to bench against
        return False
    return True


def pg_sessions(url: str) -> int:
    """Connections opened to the database so far (pg_stat_database.sessions, ±1: this one)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


@contextmanager
def database(backend: str) -> Iterator[str]:
    """The URL of a fresh demo shop on `backend`; a PostgreSQL one is dropped at the end."""
    if backend == "SQLite":
        yield _sqlite_copy("checkout.db")
        return
    name = f"mercato_bench_{uuid.uuid4().hex[:8]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        url = PG_SERVER.rsplit("/", 1)[0] + "/" + name
        _schema(url)
        _load_demo(url)
        yield url
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pick_skus(tx: Session, count: int) -> list[int]:
    """`count` sellable SKUs spread over the catalogue (one product's SKUs are neighbours)."""
    from mercato.catalog.adapters.tables import Product, Sku

    ids = list(
        tx.scalars(
            select(Sku.id)
            .join(Product, Product.id == Sku.product_id)
            .where(Product.status == "active", Sku.active.is_(True), Sku.price > 0)
            .order_by(Sku.id)
        )
    )
    step = max(len(ids) // count, 1)
    picked = ids[::step][:count]
    if len(picked) < count:
        raise SystemExit(f"the demo shop has {len(ids)} sellable SKUs; {count} are needed")
    return picked


def _make_buyers(tx: Session, n: int, pairs: list[tuple[int, int]]) -> list[Buyer]:
    from mercato.members.adapters.tables import Customer
    from mercato.members.services import accounts, addresses, sessions

    # One real sign-up; the others reuse its password hash (argon2 costs ~0.3 s a hash here).
    first = accounts.sign_up(tx, "13900000000", "", PASSWORD, "Buyer 0")
    rest = [
        Customer(
            phone=f"139{i:08d}", email=None, name=f"Buyer {i}", password_hash=first.password_hash
        )
        for i in range(1, n)
    ]
    tx.add_all(rest)
    tx.flush()
    out = []
    for i, c in enumerate([first, *rest]):
        address = addresses.add_address(tx, c.id, ADDRESS)
        token = sessions.issue_token(tx, c.id, "bench")
        out.append(Buyer(c.id, address.id, token, pairs[i % len(pairs)]))
    return out


def set_flash_stock(url: str, sku_id: int, units: int) -> None:
    """Exactly `units` sellable units of the SKU, all in the first warehouse."""
    from mercato.inventory import public as inventory
    from mercato.platform.db import Database

    db = Database(url)
    with db.transaction() as tx:
        houses = [w for w in inventory.warehouses(tx) if w.active]
        for i, w in enumerate(houses):
            inventory.set_stock(tx, sku_id, w.id, units if i == 0 else 0, reference="bench")
    db.engine.dispose()


def populate(backend: str, url: str, buyers: int, checkout_buyers: int) -> Shop:
    """Buyers (the first `checkout_buyers` each with two SKUs of their own) and stock."""
    from mercato.inventory import public as inventory
    from mercato.platform.db import Database

    db = Database(url)
    with db.transaction() as tx:
        skus = _pick_skus(tx, 2 * checkout_buyers + 2)
        pairs = [(skus[2 * i], skus[2 * i + 1]) for i in range(checkout_buyers)]
        first = next(w for w in inventory.warehouses(tx) if w.active)
        for sku in skus[:-2]:
            inventory.set_stock(tx, sku, first.id, PLENTY, reference="bench")
        made = _make_buyers(tx, buyers, pairs)
    db.engine.dispose()
    return Shop(backend, url, made, (skus[-2], skus[-1]))
