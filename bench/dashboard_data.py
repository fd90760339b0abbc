"""The dashboard bench's data (bench/dashboard.py), written in bulk (Core executemany), not
through the services: 400 products of 4 SKUs with stock in one warehouse, a staff member, then
orders placed over the last 90 days up to now from 20,000 customers, 1 to 3 lines each; 6 %
never paid (cancelled), 1 % closed with a refund owed on the timeline, the rest paid within
15 minutes and paid, shipped or completed by age."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, text

from bench import shop
from bench.run import DATA
from mercato.platform.db import Database

DAYS, PRODUCTS, SKUS_PER, CUSTOMERS = 90, 400, 4, 20_000
STAFF = ("bench@mercato.local", "bench-dashboard-2026")


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


@contextmanager
def scratch(backend: str) -> Iterator[str]:
    """An empty database at the schema's head (`mercato migrate`'s path); a PostgreSQL one is
    dropped at the end."""
    from mercato.platform.migrate import upgrade

    if backend == "SQLite":
        path = DATA / "dashboard.db"
        DATA.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-writer"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        upgrade(f"sqlite:///{path}")
        yield f"sqlite:///{path}"
        return
    name = f"mercato_bench_dash_{uuid.uuid4().hex[:8]}"
    shop._pg_admin(f'CREATE DATABASE "{name}"')
    try:
        url = shop.PG_SERVER.rsplit("/", 1)[0] + "/" + name
        upgrade(url)
        yield url
    finally:
        shop._pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed_catalogue(db: Database) -> list[tuple[int, int, int]]:
    """Products, SKUs and their stock in bulk, and the staff member; (product, SKU, price)."""
    from mercato.access import services as access
    from mercato.catalog.adapters.tables import Category, Product, Sku
    from mercato.inventory import bulk
    from mercato.inventory.adapters.tables import StockItem, Warehouse

    rng = random.Random(7)
    with db.transaction() as tx:
        tx.execute(
            insert(_table(Category)),
            [{"id": 1, "slug": "all", "name_zh": "全部", "name_en": "All"}],
        )
        tx.execute(
            insert(_table(Warehouse)),
            [{"id": 1, "code": "SH", "name_zh": "上海仓", "name_en": "Shanghai"}],
        )
        products = [
            {
                "id": p,
                "slug": f"p{p}",
                "category_id": 1,
                "status": "active",
                "name_zh": f"商品{p}",
                "name_en": f"Product {p}",
            }
            for p in range(1, PRODUCTS + 1)
        ]
        tx.execute(insert(_table(Product)), products)
        skus = [
            (p, (p - 1) * SKUS_PER + k, rng.randrange(990, 59900, 100))
            for p in range(1, PRODUCTS + 1)
            for k in range(1, SKUS_PER + 1)
        ]
        tx.execute(
            insert(_table(Sku)),
            [{"id": s, "product_id": p, "code": f"S{s}", "price": fen} for p, s, fen in skus],
        )
        tx.execute(
            insert(_table(StockItem)), [{"sku_id": s, "sku_code": f"S{s}"} for _p, s, _f in skus]
        )
        bulk.open_stock(
            tx, [(s, 1, rng.choice((0, 3, 8, 40, 200, 900))) for _p, s, _f in skus], "bench"
        )
        access.create_staff(tx, STAFF[0], STAFF[1], "Bench", superuser=True)
    return skus


def _status(roll: float, paid: datetime | None, age: timedelta) -> str:
    if paid is None:
        return "cancelled"
    if roll > 0.99:
        return "closed"  # a refund on the timeline
    if age < timedelta(hours=20):
        return "paid"
    return "shipped" if age < timedelta(days=4) else "completed"


def _order(
    i: int, placed: datetime, rng: random.Random, now: datetime, skus: list[tuple[int, int, int]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = []
    for p, s, fen in rng.sample(skus, rng.choice((1, 1, 1, 2, 2, 3))):
        q = rng.choice((1, 1, 1, 2))
        lines.append(
            {
                "order_id": i,
                "sku_id": s,
                "product_id": p,
                "product_slug": f"p{p}",
                "name": f"商品{p}",
                "unit_price_fen": fen,
                "quantity": q,
                "line_total_fen": fen * q,
            }
        )
    subtotal = sum(ln["line_total_fen"] for ln in lines)
    roll = rng.random()
    paid = None if roll < 0.06 else placed + timedelta(seconds=rng.randrange(20, 900))
    status = _status(roll, paid, now - placed)
    order = {
        "id": i,
        "number": f"{placed:%y%m%d}{i:010d}",
        "customer_id": rng.randrange(1, CUSTOMERS),
        "status": status,
        "currency": "CNY",
        "item_count": sum(ln["quantity"] for ln in lines),
        "subtotal_fen": subtotal,
        "shipping_fen": 0 if subtotal >= 9900 else 1000,
        "discount_fen": 0,
        "total_fen": subtotal + (0 if subtotal >= 9900 else 1000),
        "weight_g": 500,
        "shipping_code": "sf",
        "shipping_name": "顺丰",
        "recipient": "王小明",
        "phone": "13912345678",
        "province": "上海市",
        "city": "上海市",
        "district": "浦东新区",
        "street": "世纪大道100号",
        "placed_at": placed,
        "pay_deadline": placed + timedelta(minutes=30),
        "paid_at": paid,
        "paid_fen": subtotal + (0 if subtotal >= 9900 else 1000) if paid else 0,
        "payment_provider": "wechatpay" if paid else "",
        "closed_at": None,
        "updated_at": paid or placed,
    }
    return order, lines


def add_orders(db: Database, first: int, count: int, skus: list[tuple[int, int, int]]) -> None:
    """Orders first .. first + count - 1 (ids given, so lines need no RETURNING)."""
    from mercato.orders.adapters.tables import Order, OrderLine, TimelineEntry

    rng, now = random.Random(first), datetime.now(UTC).replace(tzinfo=None)
    # Ids grow with time, as they do in a shop (the lines of one day are neighbours).
    times = sorted(now - timedelta(seconds=rng.randrange(DAYS * 86400)) for _ in range(count))
    for start in range(0, count, 5000):
        made = [
            _order(first + k, times[k], rng, now, skus)
            for k in range(start, min(start + 5000, count))
        ]
        refunds = [
            {
                "order_id": o["id"],
                "kind": "refund",
                "from_status": "",
                "to_status": "due",
                "actor": "payments:wechatpay",
                "reason": f"{o['number']}01",
                "at": o["updated_at"],
            }
            for o, _l in made
            if o["status"] == "closed"
        ]
        with db.transaction() as tx:
            tx.execute(insert(_table(Order)), [o for o, _l in made])
            tx.execute(insert(_table(OrderLine)), [ln for _o, lines in made for ln in lines])
            if refunds:
                tx.execute(insert(_table(TimelineEntry)), refunds)


def analyze(db: Database) -> None:
    """Fresh statistics (and, on PostgreSQL, the visibility map index-only scans need)."""
    if db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
