"""The mixed money-path workload: 32 buyers over SIX shared SKUs (every order shares stock rows
with others), each looping "add 2 SKUs, place the order (Idempotency-Key), then either pay it in
the sandbox (payment POST with a key, then the signed notification as the provider would send
it) or cancel it". Orders reserve the stock rows that cancels release at the same moment: the
shape that deadlocked before stock rows were locked in one order. Every answer must be 2xx."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from dataclasses import dataclass

from bench import driver
from bench.shop import Buyer, Shop

BUYERS = 32
SHARED_SKUS = 6
STEPS = ("add to cart", "order POST", "payment POST", "notify POST", "cancel POST")


@dataclass(frozen=True)
class Mixed:
    buyers: int
    wall: float
    tally: driver.Tally
    orders: int
    paid: int
    cancelled: int

    def row(self, backend: str) -> str:
        cells = [f"{driver.pct(self.tally.ms.get(s, []), 95):.1f}" for s in STEPS]
        return (
            f"| {backend} | {self.buyers} | {self.orders / self.wall:.1f} | {self.paid} | "
            f"{self.cancelled} | {' | '.join(cells)} | {self.tally.non2xx()} |"
        )


HEADER = (
    "| backend | buyers | orders/s | paid | cancelled | p95 ms: add | order | payment "
    "| notify | cancel | non-2xx |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


class _Counts:
    orders = paid = cancelled = 0


async def _loop(
    conn: driver.Connection,
    b: Buyer,
    pool: list[int],
    gateway: object,
    tally: driver.Tally,
    until: float,
    counts: _Counts,
) -> None:
    from mercato.payments.adapters.sandbox import SandboxGateway

    assert isinstance(gateway, SandboxGateway)
    rng, auth = random.Random(b.customer_id), {"Authorization": f"Bearer {b.token}"}
    while time.perf_counter() < until:
        for sku in rng.sample(pool, 2):
            t = time.perf_counter()
            status, body = await conn.request("POST", "/api/v1/cart/lines", {"sku_id": sku}, auth)
            tally.add("add to cart", t, status, body)
        key = {**auth, "Idempotency-Key": uuid.uuid4().hex}
        t = time.perf_counter()
        order = {"address_id": b.address_id, "shipping_method": "sf"}
        status, body = await conn.request("POST", "/api/v1/orders", order, key)
        if not tally.add("order POST", t, status, body):
            continue
        counts.orders += 1
        placed = driver.json_of(body)
        number = placed["number"]
        if rng.random() < 0.5:
            t = time.perf_counter()
            status, body = await conn.request(
                "POST", "/api/v1/orders/" + number + "/cancel", {}, auth
            )
            counts.cancelled += tally.add("cancel POST", t, status, body)
            continue
        key = {**auth, "Idempotency-Key": uuid.uuid4().hex}
        t = time.perf_counter()
        pay = {"provider": "sandbox", "channel": "page"}
        status, body = await conn.request("POST", f"/api/v1/orders/{number}/payments", pay, key)
        if not tally.add("payment POST", t, status, body):
            continue
        trade = driver.json_of(body)["out_trade_no"]
        headers, raw = gateway.notification(trade, placed["total_fen"], True)
        t = time.perf_counter()
        status, body = await conn.request("POST", "/api/v1/payments/notify/sandbox", raw, headers)
        counts.paid += tally.add("notify POST", t, status, body)


async def _run(port: int, buyers: list[Buyer], pool: list[int], secret: str, seconds: float):  # type: ignore[no-untyped-def]
    from mercato.payments.adapters.sandbox import SandboxGateway

    gateway = SandboxGateway(secret)
    conns, _spread = await driver.connect(port, len(buyers), 2)
    tally, counts = driver.Tally(), _Counts()
    start = time.perf_counter()
    try:
        await asyncio.gather(
            *(
                _loop(c, b, pool, gateway, tally, start + seconds, counts)
                for c, b in zip(conns, buyers, strict=True)
            )
        )
    finally:
        for c in conns:
            c.close()
    return time.perf_counter() - start, tally, counts


def run(port: int, shop: Shop, secret: str, seconds: float) -> Mixed:
    """`seconds` of the mixed workload by the first 32 buyers over six shared SKUs."""
    pool = sorted({sku for b in shop.buyers[:3] for sku in b.skus})[:SHARED_SKUS]
    wall, tally, counts = driver.run(_run(port, shop.buyers[:BUYERS], pool, secret, seconds))
    return Mixed(BUYERS, wall, tally, counts.orders, counts.paid, counts.cancelled)
