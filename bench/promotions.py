"""`python -m bench.promotions` (also `make bench`; BENCH_ONLY=promotions runs only it): what the
pricing pipeline (issue 16) costs, on a fresh demo shop (4,210 SKUs) per backend with 200
running promotions of every kind and 10,000 issued coupons (bench/promotions_data.py), each
figure beside the same work with no promotion running and no coupon, in the same run:
(a) pricing a 50-line cart in-process through checkout's `offer`, one read transaction each:
    as the cart page calls it (no coupon), and as the checkout preview does (the best coupon
    chosen, points, the usable coupons listed);
(b) GET /cart by signed-in customers, each with a cart of its own, over keep-alive
    connections (bench/driver.py), against `mercato serve`;
(c) checkouts as bench/checkout.py does them (2 lines added, then POST /api/v1/orders with an
    Idempotency-Key), with promotions running or not; then, promotions running, every other
    order of a buyer also taking one of their coupons and points (more writes, shown beside
    the same baseline, no target).
The issue's line: (b) and (c) with promotions keep ≥ 80% of their throughput without.

Environment: BENCH_PROMO_DB (sqlite,postgresql), BENCH_PG_URL, BENCH_SECONDS (10),
BENCH_WARM_UP (3), BENCH_PROMO_CONNECTIONS (32: page customers, and order buyers),
BENCH_PROMO_PROMOTIONS (200), BENCH_PROMO_COUPONS (10000), BENCH_PROMO_LINES (50: the
in-process cart), BENCH_PROMO_PRICINGS (300; a tenth of it for the preview's call, which
tries every coupon on one pricing), BENCH_PROMO_PAGE_LINES (10),
BENCH_PROMO_ROUNDS (2: the HTTP runs go without, with, with, without; 1: without, with),
BENCH_WORKERS (2). A smoke run: BENCH_PROMO_DB=sqlite BENCH_SECONDS=2 BENCH_WARM_UP=1
BENCH_PROMO_CONNECTIONS=4 BENCH_PROMO_PRICINGS=20."""

from __future__ import annotations

import asyncio
import os
import platform
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

from bench import driver, servers, shop
from bench import promotions_data as data
from bench.run import DATA, SECONDS, WORKERS
from mercato.checkout import public as checkout
from mercato.platform.db import Database

PORT = 8807
WARM_UP = float(os.environ.get("BENCH_WARM_UP", "3"))
CONNECTIONS = int(os.environ.get("BENCH_PROMO_CONNECTIONS", "32"))
PROMOTIONS = int(os.environ.get("BENCH_PROMO_PROMOTIONS", "200"))
COUPONS = int(os.environ.get("BENCH_PROMO_COUPONS", "10000"))
LINES = int(os.environ.get("BENCH_PROMO_LINES", "50"))
PRICINGS = int(os.environ.get("BENCH_PROMO_PRICINGS", "300"))
PAGE_LINES = int(os.environ.get("BENCH_PROMO_PAGE_LINES", "10"))
TARGET = 0.80  # with promotions / without, pages and orders (issue 16)
HTTP_ROUNDS = int(os.environ.get("BENCH_PROMO_ROUNDS", "2"))  # 2: without, with, with, without
ORDER_POINTS = 200  # points an order with a coupon also redeems (¥2)
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Timed:
    count: int = 0  # 2xx answers (pricings, pages, orders placed) in the timed window
    wall: float = 0.0
    ms: list[float] = field(default_factory=list)
    tally: driver.Tally = field(default_factory=driver.Tally)
    note: str = ""  # what the run's answers showed (statements, discounts, coupons used)

    @property
    def rate(self) -> float:
        return self.count / self.wall if self.wall else 0.0

    def cell(self) -> str:
        bad = self.tally.non2xx()
        return (f"**{self.rate:,.1f}**/s · {driver.pct(self.ms, 50):.1f} / "
                f"{driver.pct(self.ms, 95):.1f} ms" + (f" · {bad} non-2xx" if bad else ""))


# -- (a) in-process pricing ------------------------------------------------------------------

def price(url: str, customer_id: int, coupon: int) -> Timed:
    """PRICINGS pricings of the customer's cart, one read transaction each (after a warm-up):
    as the cart page asks (coupon NO_COUPON), or as the checkout preview does (BEST_COUPON:
    the usable coupons listed and up to 30 of them tried, points)."""
    db = Database(url)
    with db.core_reads() as tx:
        lines = checkout.view_cart(tx, checkout.CartOwner(customer_id, None), "zh_CN").lines
    assert len(lines) == LINES, f"the priced cart has {len(lines)} lines, not {LINES}"

    def once() -> checkout.Offer:
        with db.core_reads() as tx:
            if coupon == checkout.NO_COUPON:
                return checkout.offer(tx, lines, customer_id)
            return checkout.offer(tx, lines, customer_id, coupon=coupon,
                                  points=checkout.ALL_POINTS, shipping_fen=1000,
                                  list_coupons=True)

    runs = PRICINGS if coupon == checkout.NO_COUPON else max(PRICINGS // 10, 5)
    for _ in range(max(runs // 10, 3)):
        once()
    seen: list[str] = []

    def count(*_args: Any) -> None:
        seen.append("")

    event.listen(db.engine, "before_cursor_execute", count)
    got = once()
    event.remove(db.engine, "before_cursor_execute", count)
    out = Timed()
    start = time.perf_counter()
    for _ in range(runs):
        t = time.perf_counter()
        once()
        out.ms.append((time.perf_counter() - t) * 1000)
    out.wall, out.count = time.perf_counter() - start, runs
    db.engine.dispose()
    promos = [a.source for a in got.priced.adjustments if a.step == "promotion"]
    out.note = (f"{len(seen)} statements, {len(set(promos))} promotions applied "
                f"({len(promos) / LINES:.1f} a line), "
                f"¥{got.saved_fen / 100:,.2f} off")
    if coupon != checkout.NO_COUPON:
        out.note += (f"; {len(got.coupons)} usable coupons, "
                     f"{'one' if got.coupon else 'none'} chosen")
    return out


# -- (b) the cart page -----------------------------------------------------------------------

async def _pages(customers: list[data.PageCustomer], promoted: bool) -> Timed:
    conns, _split = await driver.connect(PORT, len(customers), WORKERS)
    out = Timed()

    async def one(conn: driver.Connection, c: data.PageCustomer, until: float,
                  timed: bool) -> None:
        head = {"Cookie": f"mercato_customer={c.cookie}"}
        while time.perf_counter() < until:
            t = time.perf_counter()
            status, body = await conn.request("GET", "/cart", None, head)
            if not timed:  # the warm-up checks what the page shows
                lines = body.count(b'data-testid="line-check"')
                assert status == 200 and lines == PAGE_LINES, (status, lines)
                assert (b"\xe4\xbf\x83\xe9\x94\x80" in body) == promoted  # "促销" labels
                continue
            if out.tally.add("cart page", t, status, body):
                out.count += 1
                out.ms.append((time.perf_counter() - t) * 1000)

    try:
        for timed, seconds in ((False, WARM_UP), (True, float(SECONDS))):
            start = time.perf_counter()
            await asyncio.gather(*(one(k, c, start + seconds, timed)
                                   for k, c in zip(conns, customers, strict=True)))
            out.wall = time.perf_counter() - start
    finally:
        for k in conns:
            k.close()
    out.note = f"{len(customers)} customers, {PAGE_LINES} lines each"
    return out


# -- (c) checkouts ---------------------------------------------------------------------------

async def _checkout(conn: driver.Connection, b: data.OrderBuyer, out: Timed,
                    coupons: bool) -> None:
    """One checkout as bench/checkout.py does it; with `coupons`, every other order of the
    buyer takes a coupon of theirs and points."""
    auth = {"Authorization": f"Bearer {b.token}"}
    for sku in b.skus:
        t = time.perf_counter()
        status, body = await conn.request("POST", "/api/v1/cart/lines",
                                          {"sku_id": sku, "quantity": 1}, auth)
        out.tally.add("add to cart", t, status, body)
    order: dict[str, Any] = {"address_id": b.address_id, "shipping_method": "sf"}
    if coupons and b.placed % 2 == 0 and b.coupons:
        order |= {"coupon_id": b.coupons.pop(), "points": ORDER_POINTS}
    t = time.perf_counter()
    status, body = await conn.request("POST", "/api/v1/orders", order,
                                      {**auth, "Idempotency-Key": f"bench-{uuid.uuid4().hex}"})
    if out.tally.add("order POST", t, status, body):
        b.placed += 1
        out.count += 1
        out.ms.append((time.perf_counter() - t) * 1000)


async def _orders(buyers: list[data.OrderBuyer], coupons: bool) -> Timed:
    conns, _split = await driver.connect(PORT, len(buyers), WORKERS)

    async def one(conn: driver.Connection, b: data.OrderBuyer, until: float,
                  out: Timed) -> None:
        while time.perf_counter() < until:
            await _checkout(conn, b, out, coupons)

    try:
        for seconds in (WARM_UP, float(SECONDS)):  # the warm-up's figures are dropped
            out = Timed()
            start = time.perf_counter()
            await asyncio.gather(*(one(k, b, start + seconds, out)
                                   for k, b in zip(conns, buyers, strict=True)))
            out.wall = time.perf_counter() - start
    finally:
        for k in conns:
            k.close()
    return out


def _both(url: str, run: Callable[[bool], Timed], rounds: int = 1) -> tuple[Timed, Timed]:
    """The run without any promotion and with the bench's running; with `rounds` 2, in the
    order without, with, with, without (what drifts during the runs — the database's files,
    the server's caches — weighs on both alike), each side's runs added up."""
    done: dict[bool, list[Timed]] = {False: [], True: []}
    order = [False, True] if rounds == 1 else [False, True, True, False] * (rounds // 2)
    for on in order:
        running = data.switch(url, on)
        assert not on or running == PROMOTIONS, f"{running} promotions running, not {PROMOTIONS}"
        done[on].append(run(on))
    data.switch(url, True)
    return _added(done[False]), _added(done[True])


def _added(runs: list[Timed]) -> Timed:
    if len(runs) == 1:
        return runs[0]
    bad = [t for t in runs if t.tally.non2xx()]
    return Timed(sum(t.count for t in runs), sum(t.wall for t in runs),
                 [m for t in runs for m in t.ms], (bad or runs)[0].tally, runs[-1].note)


def served(d: data.Data) -> list[tuple[Timed, Timed]]:
    # No jobs: the daily standing job, run at start, would recompute every tier from the
    # order history and take the bench's gold members' discount away midway.
    env = {**d.env, "MERCATO_SANDBOX_SMTP_PORT": str(PORT + 1000), "MERCATO_JOBS": "false"}
    log = DATA / f"promotions-server-{d.backend.lower()}.log"
    with servers.mercato(PORT, WORKERS, env, log):
        pages = _both(d.url, lambda on: driver.run(_pages(d.pages, on)), HTTP_ROUNDS)

        def orders(coupons: bool) -> Timed:
            since = data.last_order(d.url)
            got: Timed = driver.run(_orders(d.buyers, coupons))
            placed, with_coupon, with_points = data.used(d.url, since)
            got.note = (f"{len(d.buyers)} buyers, 2 lines; of {placed:,} orders (warm-up's "
                        f"included) {with_coupon:,} with a coupon, {with_points:,} with points")
            return got

        plain = _both(d.url, lambda _on: orders(False), HTTP_ROUNDS)  # promotions or not
        return [pages, plain, (plain[0], orders(True))]  # then coupons and points too


def run_backend(backend: str) -> list[str]:
    """This backend's table."""
    with data.database(backend) as url:
        d = data.build(backend, url, buyers=CONNECTIONS, pages=CONNECTIONS,
                       page_lines=PAGE_LINES, priced_lines=LINES, promotions=PROMOTIONS,
                       coupons=COUPONS)
        rich, poor = d.priced
        page_call = _both(url, lambda on: price(url, rich if on else poor, checkout.NO_COUPON))
        preview_call = _both(url, lambda on: price(url, rich if on else poor,
                                                   checkout.BEST_COUPON))
        pages, orders, spending = served(d)
    rows = [
        (f"(a) pricing a {LINES}-line cart in-process, `checkout.offer` as the cart page calls "
         "it, pricings/s · p50 / p95", page_call, False),
        ("(a) the same, as the checkout preview calls it (best coupon, points, usable coupons "
         "listed), pricings/s · p50 / p95", preview_call, False),
        (f"(b) GET /cart signed in, {CONNECTIONS} connections, pages/s · p50 / p95", pages,
         True),
        (f"(c) checkouts (POST /api/v1/orders after 2 adds), {CONNECTIONS} buyers, "
         "orders/s · order POST p50 / p95", orders, True),
        ("(c) the same, every other order also using a coupon and points (more writes: the "
         "coupon, its redemption, the points ledger)", spending, False),
    ]
    out = [f"\n### {backend} — {d.skus:,} sellable SKUs; with: {d.promotions} promotions "
           f"running, {d.coupons:,} issued coupons\n",
           "| workload | without promotions | with promotions | with / without | target "
           "| result | without: seen | with: seen |", "|---|---|---|---|---|---|---|---|"]
    for name, (without, with_), targeted in rows:
        ratio = with_.rate / without.rate if without.rate else 0.0
        verdict = ("PASS" if ratio >= TARGET else "MISS") if targeted else "—"
        out.append(f"| {name} | {without.cell()} | {with_.cell()} | {100 * ratio:.0f}% | "
                   f"{f'≥ {100 * TARGET:.0f}%' if targeted else '—'} | {verdict} | "
                   f"{without.note} | {with_.note} |")
    bad = [f"{n}: {t.tally.bad_text()}" for n, pair, _ in rows for t in pair if t.tally.non2xx()]
    if bad:
        out.append("\nNon-2xx answers: " + "; ".join(bad))
    return out


def main() -> None:
    wanted = [BACKENDS[b.strip()] for b in os.environ.get("BENCH_PROMO_DB",
                                                          "sqlite,postgresql").split(",")
              if b.strip()]
    load = os.getloadavg()
    print(f"\n# Promotions and coupons in the pricing pipeline — "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}, {WORKERS} workers, {WARM_UP:g} s warm-up then "
          f"{SECONDS} s per HTTP run, asyncio driver on the same cores (load average before: "
          f"{load[0]:.2f})")
    for backend in wanted:
        if backend == "PostgreSQL" and not shop.pg_reachable():
            print(f"\n(PostgreSQL at {shop.PG_SERVER} is not reachable: skipped)")
            continue
        print("\n".join(run_backend(backend)), flush=True)


if __name__ == "__main__":
    main()
