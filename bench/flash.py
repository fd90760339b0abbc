"""The flash race: 400 buyers, each with one unit of the same SKU in the cart, place their
orders through the HTTP API at the same moment for the 100 units in stock. Exactly 100 must be
placed (201) and 300 refused (409), and the stock must end at 0 available, never below."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import Counter
from dataclasses import dataclass

from bench import driver
from bench.shop import Buyer, Shop, set_flash_stock

BUYERS = int(os.environ.get("BENCH_FLASH_BUYERS", "400"))
UNITS = int(os.environ.get("BENCH_FLASH_UNITS", "100"))


@dataclass(frozen=True)
class Race:
    buyers: int
    units: int
    release: str  # "all at once" or "≤ N in flight"
    wall_ms: float  # from the release until the last buyer had an answer
    p50_ms: float
    statuses: Counter[int]
    codes: Counter[str]  # error codes of the refusals
    on_hand: int
    reserved: int
    available: int
    units_ordered: int  # order lines for the SKU, summed

    @property
    def ok(self) -> bool:
        placed = self.statuses.get(201, 0)
        return (
            placed == self.units == self.units_ordered == self.reserved
            and self.statuses.get(409, 0) == self.buyers - self.units
            and self.available == 0
            and self.on_hand - self.reserved >= 0
        )


async def _each(port: int, buyers: list[Buyer], method: str, path: str, body: object) -> None:
    """The same cart request for every buyer, 16 at a time (setting up, not timed)."""
    gate = asyncio.Semaphore(16)

    async def one(b: Buyer) -> None:
        async with gate:
            conn = driver.Connection("127.0.0.1", port)
            auth = {"Authorization": f"Bearer {b.token}"}
            status, answer = await conn.request(method, path, body, auth)
            conn.close()
            if status not in (200, 404):  # 404: a DELETE of a line that is not there
                raise SystemExit(f"flash: {method} {path} answered {status} {answer[:200]!r}")

    await asyncio.gather(*(one(b) for b in buyers))


async def _race(
    port: int, buyers: list[Buyer], in_flight: int
) -> tuple[float, list[tuple[int, bytes, float]]]:
    conns = [driver.Connection("127.0.0.1", port) for _ in buyers]
    await asyncio.gather(*(c.open() for c in conns))  # connected before the gun
    go, gate = asyncio.Event(), asyncio.Semaphore(in_flight)
    start = 0.0

    async def one(conn: driver.Connection, b: Buyer) -> tuple[int, bytes, float]:
        await go.wait()
        headers = {"Authorization": f"Bearer {b.token}", "Idempotency-Key": uuid.uuid4().hex}
        body = {"address_id": b.address_id, "shipping_method": "sf"}
        async with gate:
            status, answer = await conn.request("POST", "/api/v1/orders", body, headers)
        return status, answer, (time.perf_counter() - start) * 1000

    tasks = [asyncio.ensure_future(one(c, b)) for c, b in zip(conns, buyers, strict=True)]
    await asyncio.sleep(0.2)  # every buyer is waiting at the gun
    start = time.perf_counter()
    go.set()
    answers = await asyncio.gather(*tasks)
    wall = (time.perf_counter() - start) * 1000
    for c in conns:
        c.close()
    return wall, answers


def _stock(url: str, sku: int) -> tuple[int, int, int, int]:
    from sqlalchemy import func, select

    from mercato.inventory import public as inventory
    from mercato.inventory.adapters.tables import StockLevel
    from mercato.orders.adapters.tables import OrderLine
    from mercato.platform.db import Database

    db = Database(url)
    with db.reading() as tx:
        on_hand, reserved = tx.execute(
            select(func.sum(StockLevel.on_hand), func.sum(StockLevel.reserved)).where(
                StockLevel.sku_id == sku
            )
        ).one()
        available = inventory.available(tx, [sku])[sku]
        ordered = tx.scalar(select(func.sum(OrderLine.quantity)).where(OrderLine.sku_id == sku))
    db.engine.dispose()
    return int(on_hand), int(reserved), int(available), int(ordered or 0)


def race(port: int, shop: Shop, sku: int, in_flight: int | None = None) -> Race:
    """`in_flight` None: every order POST at once; else at most that many at a time."""
    buyers = shop.buyers[:BUYERS]
    set_flash_stock(shop.url, sku, UNITS)
    driver.run(_each(port, buyers, "POST", "/api/v1/cart/lines", {"sku_id": sku, "quantity": 1}))
    wall, answers = driver.run(_race(port, buyers, in_flight or len(buyers)))
    # Refused buyers still have the unit in their cart: clear it for whatever runs next.
    driver.run(_each(port, buyers, "DELETE", f"/api/v1/cart/lines/{sku}", None))
    statuses = Counter(s for s, _, _ in answers)
    codes = Counter(driver.error_code(b) for s, b, _ in answers if s != 201)
    ms = [m for _, _, m in answers]
    release = "all at once" if in_flight is None else f"≤ {in_flight} in flight"
    return Race(
        len(buyers),
        UNITS,
        release,
        wall,
        driver.pct(ms, 50),
        statuses,
        codes,
        *_stock(shop.url, sku),
    )


HEADER = (
    "| backend | buyers | units | release | wall ms (all answered) | p50 ms | 201 | 409 | other "
    "| refusal codes | on hand | reserved | available | units ordered | as expected |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def row(backend: str, r: Race) -> str:
    other = sum(n for s, n in r.statuses.items() if s not in (201, 409))
    codes = ", ".join(f"{c} ×{n}" for c, n in r.codes.most_common()) or "-"
    cells = [
        backend,
        r.buyers,
        r.units,
        r.release,
        f"{r.wall_ms:,.0f}",
        f"{r.p50_ms:,.0f}",
        r.statuses.get(201, 0),
        r.statuses.get(409, 0),
        other,
        codes,
        r.on_hand,
        r.reserved,
        r.available,
        r.units_ordered,
        "yes" if r.ok else "**NO**",
    ]
    return "| " + " | ".join(str(c) for c in cells) + " |"
