"""`python -m bench.flashsale` (also `make bench`; BENCH_ONLY=flashsale runs only it): flash
sales (issue 17) on a fresh PostgreSQL demo shop (bench/shop.py) with 2,000 buyers, each a
customer with an address and an API token (one password hash shared: bench/shop.py).
(1) The HTTP race, per seat path — seats in Redis (MERCATO_FLASH_REDIS_URL, keys under a
    MERCATO_QUEUE_NAMESPACE of the bench's own) and seats by guarded UPDATEs in PostgreSQL:
    an event of 100 units of one SKU (plenty of stock) at a tenth of its price, limit 1 a
    customer, no waiting room; `mercato serve` (BENCH_WORKERS workers, MERCATO_JOBS=false: no
    relay or reconciliation thread beside the race), warmed on connections of its own (64
    buyers each buy once from a warm-up event of another SKU); every buyer's connection
    opened, then all of them POST /api/v1/flash-sales/{id}/orders at one start gun.
    Reported: ms until all answered and until the 100th 201, p50/p95, answers by status and
    code, and what the database (and Redis) hold after: exactly 100 orders of campaign
    'flash:<id>', item taken 100, 100 seat rows ordered, Redis units left 0 and no seat
    pending, the SKU's stock reserved +100 and available never below 0 (a CHECK on the
    stock row, and read after).
(2) Seats per second at the seat engine, in-process: `flashsale.take_seat` from
    BENCH_SEAT_THREADS threads for an event of BENCH_SEATS units, each call a distinct
    customer (limit 1), after an untimed warm-up: on the Redis path alone (the script), on the
    Redis path with record_seat in a database transaction and clear_pending after (the buy
    API's seat work without the order), and on the PostgreSQL path (guarded UPDATEs and the
    seat row, one transaction). The issue's aim: Redis admits ≥ 10× the seats/s of PostgreSQL
    (take_seat against take_seat).
(3) `redis-benchmark` running TAKE_LUA by its SHA in the same run (bench/flashsale_data.py),
    beside (2)'s Redis figure. Redis keys under the bench's namespace are deleted at the end,
    and the scratch database dropped.

Environment: BENCH_FLASHSALE_BUYERS (2000), BENCH_FLASHSALE_UNITS (100),
BENCH_FLASHSALE_CONNECTIONS (as many as buyers; fewer: each connection fires its share of
buyers back to back), BENCH_FLASHSALE_PATHS (redis,postgresql), BENCH_SEATS (20000),
BENCH_SEAT_THREADS (8), BENCH_SEAT_WARM (50 untimed takes a thread), BENCH_REDIS_URL
(redis://127.0.0.1:6379/0), BENCH_REDIS_REQUESTS (200000), BENCH_REDIS_CLIENTS (50),
BENCH_PG_URL, BENCH_WORKERS (2). Named apart from bench/flash.py's BENCH_FLASH_* (the cart
race of the checkout bench). A smoke run: BENCH_FLASHSALE_BUYERS=200 BENCH_FLASHSALE_UNITS=20
BENCH_SEATS=2000 BENCH_REDIS_REQUESTS=20000."""

from __future__ import annotations

import asyncio
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from bench import driver, servers, shop
from bench import flashsale_data as data
from bench.run import DATA, WORKERS

PORT = 8809
BUYERS = int(os.environ.get("BENCH_FLASHSALE_BUYERS", "2000"))
UNITS = int(os.environ.get("BENCH_FLASHSALE_UNITS", "100"))
CONNECTIONS = int(os.environ.get("BENCH_FLASHSALE_CONNECTIONS", "0")) or BUYERS
PATHS = [p.strip() for p in os.environ.get("BENCH_FLASHSALE_PATHS", "redis,postgresql")
         .split(",") if p.strip()]
SEATS = int(os.environ.get("BENCH_SEATS", "20000"))
THREADS = int(os.environ.get("BENCH_SEAT_THREADS", "8"))
SEAT_WARM = int(os.environ.get("BENCH_SEAT_WARM", "50"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_REQUESTS = int(os.environ.get("BENCH_REDIS_REQUESTS", "200000"))
REDIS_CLIENTS = int(os.environ.get("BENCH_REDIS_CLIENTS", "50"))
AIM = 10.0  # Redis seats/s over PostgreSQL's (issue 17)
NAMES = {"redis": "PostgreSQL, seats in Redis", "postgresql": "PostgreSQL, seats by UPDATEs"}


# -- (1) the HTTP race -----------------------------------------------------------------------

@dataclass
class Race:
    path: str
    connections: int
    split: str  # connections each server worker holds
    wall_ms: float = 0.0
    last_seat_ms: float = float("nan")  # until the UNITS-th 201
    ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    checks: data.Checks | None = None

    @property
    def ok(self) -> bool:
        return (self.statuses[201] == UNITS and self.statuses[409] == BUYERS - UNITS
                and set(self.codes) <= {"flashsale.sold_out"}
                and self.checks is not None and self.checks.ok(UNITS))


def _split(port: int) -> str:
    """Connections to the port held by each server process (one `ss`)."""
    out = subprocess.run(["ss", "-Htnp", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True).stdout
    per = Counter(line.split("pid=", 1)[1].split(",", 1)[0] for line in out.splitlines()
                  if "pid=" in line)
    return "+".join(str(n) for n in sorted(per.values(), reverse=True)) or "?"


async def _warm(port: int, event_id: int, warm: tuple[int, int], buyers: list[shop.Buyer]
                ) -> None:
    """The workers warmed on connections of their own (closed after), on a warm-up event
    `warm` (id, SKU) of its own: a buy (201) and a second one (409 limit_reached) by each of
    64 buyers — routes, connection pools (database, Redis), the script loaded — then reads of
    the race's event. A race connection must not have served a request: uvicorn closes a
    connection after 5 s of keep-alive."""
    async def one(b: shop.Buyer) -> None:
        conn = driver.Connection("127.0.0.1", port)
        body = {"sku_id": warm[1], "quantity": 1, "address_id": b.address_id,
                "shipping_method": "sf"}
        for want in (201, 409):
            status, answer = await conn.request("POST", f"/api/v1/flash-sales/{warm[0]}/orders",
                                                body, {"Authorization": f"Bearer {b.token}"})
            if status != want:
                raise SystemExit(f"flashsale warm-up: {status} {answer[:200]!r}")
        for _ in range(6):
            status, answer = await conn.request("GET", f"/api/v1/flash-sales/{event_id}")
            if status != 200 or b'"running"' not in answer:
                raise SystemExit(f"flashsale: the event answered {status} {answer[:200]!r}")
        conn.close()

    await asyncio.gather(*(one(b) for b in buyers[:64]))


async def _race(port: int, buyers: list[shop.Buyer], event_id: int, sku: int,
                warm: tuple[int, int], race: Race) -> None:
    await _warm(port, event_id, warm, buyers)
    conns = [driver.Connection("127.0.0.1", port) for _ in range(race.connections)]
    gate = asyncio.Semaphore(128)

    async def connect(c: driver.Connection) -> None:
        async with gate:
            await c.open()

    await asyncio.gather(*(connect(c) for c in conns))  # all connected before the gun
    race.split = _split(port)
    path, go, start = f"/api/v1/flash-sales/{event_id}/orders", asyncio.Event(), 0.0
    placed: list[float] = []

    async def fire(conn: driver.Connection, mine: list[shop.Buyer]) -> None:
        await go.wait()
        for b in mine:
            body = {"sku_id": sku, "quantity": 1, "address_id": b.address_id,
                    "shipping_method": "sf", "queue_token": ""}
            t = time.perf_counter()
            try:
                status, answer = await conn.request(
                    "POST", path, body, {"Authorization": f"Bearer {b.token}"})
            except (OSError, asyncio.IncompleteReadError) as exc:
                conn.close()  # the next buyer of this connection opens a new one
                status, answer = 0, f"connection: {type(exc).__name__}".encode()
            done = time.perf_counter()
            race.ms.append((done - t) * 1000)
            race.statuses[status] += 1
            if status == 201:
                placed.append((done - start) * 1000)
            else:
                race.codes[driver.error_code(answer)] += 1

    n = race.connections
    tasks = [asyncio.ensure_future(fire(c, buyers[i::n])) for i, c in enumerate(conns)]
    await asyncio.sleep(0.3)  # every connection is waiting at the gun
    start = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    race.wall_ms = (time.perf_counter() - start) * 1000
    for c in conns:
        c.close()
    if len(placed) >= UNITS:
        race.last_seat_ms = sorted(placed)[UNITS - 1]


def http_race(s: shop.Shop, path: str, sku: int) -> Race:
    """The race for SKU `sku` (its stock set to plenty first); the warm-up buys another."""
    redis_url = REDIS_URL if path == "redis" else ""
    pools = data.use_path(redis_url)
    shop.set_flash_stock(s.url, sku, shop.PLENTY)
    reserved = data.stock(s.url, sku)[1]
    event_id = data.make_event(s.url, sku, UNITS, data.flash_price(s.url, sku))
    other = s.buyers[0].skus[1]  # plenty of stock (shop.populate)
    warm = (data.make_event(s.url, other, 1_000, data.flash_price(s.url, other)), other)
    env = {**s.env, "MERCATO_SECRET_KEY": data.SECRET, "MERCATO_JOBS": "false",
           "MERCATO_SANDBOX_SMTP_PORT": str(PORT + 1000), "MERCATO_FLASH_REDIS_URL": redis_url,
           "MERCATO_QUEUE_NAMESPACE": data.NAMESPACE}
    race = Race(path, min(CONNECTIONS, BUYERS), "")
    with servers.mercato(PORT, WORKERS, env, DATA / f"flashsale-server-{path}.log"):
        driver.run(_race(PORT, s.buyers[:BUYERS], event_id, sku, warm, race))
    race.checks = data.read_back(s.url, pools, event_id, sku, reserved)
    return race


def race_table(races: list[Race]) -> list[str]:
    fired = ("all at once" if CONNECTIONS >= BUYERS else
             f"{min(CONNECTIONS, BUYERS)} connections, each firing its buyers back to back")
    out = [f"\n### (1) The HTTP race — {BUYERS:,} buyers, {UNITS} units, limit 1, no waiting "
           f"room, {fired}; `mercato serve --workers {WORKERS}`\n",
           "| seat path | connections (per worker) | all answered ms | "
           f"{UNITS}th 201 ms | p50 / p95 ms | 201 · 409 · other | codes | orders 'flash:id' "
           "(customers) | item taken | seat rows (ordered) | Redis left (pending) | "
           "stock reserved (since the gun) / available | as expected |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in races:
        c = r.checks
        assert c is not None
        other = sum(n for st, n in r.statuses.items() if st not in (201, 409))
        codes = ", ".join(f"{k} ×{n}" for k, n in r.codes.most_common()) or "-"
        left = "—" if c.redis_left is None else f"{c.redis_left} ({c.redis_pending})"
        out.append(
            f"| {NAMES[r.path]} | {r.connections:,} ({r.split}) | {r.wall_ms:,.0f} | "
            f"{r.last_seat_ms:,.0f} | {driver.pct(r.ms, 50):,.0f} / {driver.pct(r.ms, 95):,.0f}"
            f" | {r.statuses[201]} · {r.statuses[409]} · {other} | {codes} | {c.orders} "
            f"({c.customers}) | {c.taken} | {c.seats} ({c.seats_ordered}) | {left} | "
            f"+{c.reserved} / {c.available:,} | {'yes' if r.ok else '**NO**'} |")
    return out


# -- (2) the seat engine in-process ----------------------------------------------------------

def engine_table(url: str, sku: int) -> tuple[list[str], data.Engine | None]:
    """The table, and the Redis `take_seat` run (for (3)). Each run on an event of its own
    for the SKU (no order is written: its stock does not matter)."""
    runs: list[tuple[data.Engine, bool]] = []

    def seat_engine(redis: bool, record: bool, name: str) -> data.Engine:
        return data.seat_engine(url, sku, REDIS_URL if redis else "", record, name, SEATS,
                                THREADS, SEAT_WARM)

    if "redis" in PATHS:
        runs.append((seat_engine(True, False,
                                 "Redis: `take_seat` (the script, event read from the 1 s cache)"),
                     True))
        runs.append((seat_engine(True, True,
                                 "Redis: `take_seat` + `record_seat` in a transaction + "
                                 "`clear_pending`"), False))
    pg = (seat_engine(False, False,
                      "PostgreSQL: `take_seat` (guarded upsert + UPDATE + seat row, one "
                      "transaction)") if "postgresql" in PATHS else None)
    out = [f"\n### (2) Seats taken per second at the seat engine, in-process — {THREADS} "
           f"threads, {SEATS:,} seats timed (distinct customers, limit 1) after {SEAT_WARM} "
           f"untimed takes a thread, an event of {SEATS + THREADS * SEAT_WARM:,} units each "
           "(so the next take must be sold out; `take_seat` alone leaves its seats pending "
           "in Redis, unrecorded)\n",
           "| seat path | seats/s | p50 / p95 ms | seats taken (timed) | errors | checks | "
           "vs PostgreSQL | aim | result |", "|---|---|---|---|---|---|---|---|---|"]
    for e, aimed in runs + ([(pg, False)] if pg else []):
        ratio = e.rate / pg.rate if pg and pg.rate and e is not pg else None
        verdict = ("PASS" if ratio >= AIM else "MISS") if aimed and ratio else "—"
        errors = ", ".join(f"{k} ×{n}" for k, n in e.errors.most_common()) or "-"
        out.append(f"| {e.name} | **{e.rate:,.0f}** | {driver.pct(e.ms, 50):.2f} / "
                   f"{driver.pct(e.ms, 95):.2f} | {e.seats:,} | {errors} | {e.check} | "
                   f"{f'{ratio:.1f}×' if ratio else '—'} | {f'≥ {AIM:.0f}×' if aimed else '—'}"
                   f" | {verdict} |")
    return out, runs[0][0] if runs else None


def redis_table(script: data.Engine | None) -> list[str]:
    got = data.redis_benchmark(REDIS_URL, REDIS_REQUESTS, REDIS_CLIENTS)
    if isinstance(got, str):
        return [f"\n(3) redis-benchmark: {got}"]
    beside = (f"{script.rate:,.0f} ({100 * script.rate / got.rps:.0f}% of redis-benchmark)"
              if script else "—")
    return [f"\n### (3) TAKE_LUA under `redis-benchmark`, same run ({data.redis_about(REDIS_URL)})"
            f" — `{got.command}`\n",
            "| calls | clients | seats/s (ops/s) | p50 / p95 ms | seats taken (pending notes) "
            "| (2) Redis `take_seat` in-process, seats/s |", "|---|---|---|---|---|---|",
            f"| {got.requests:,} | {got.clients} | **{got.rps:,.0f}** | {got.p50_ms:.3f} / "
            f"{got.p95_ms:.3f} | {got.taken:,} ({got.pending:,}) | {beside} |"]


def main() -> None:
    load = os.getloadavg()
    print(f"\n# Flash sales: the HTTP race and the seat engine (issue 17) — "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}, {WORKERS} workers, asyncio driver on the same cores "
          f"(load average before: {load[0]:.2f})")
    if not shop.pg_reachable():
        print(f"\n(PostgreSQL at {shop.PG_SERVER} is not reachable: skipped)")
        return
    if "redis" in PATHS and not data.redis_answers(REDIS_URL):
        print(f"\n(Redis at {REDIS_URL} does not answer: the Redis path is skipped)")
        PATHS.remove("redis")
    try:
        with shop.database("PostgreSQL") as url:
            t = time.perf_counter()
            s = shop.populate("PostgreSQL", url, BUYERS, 1)
            print(f"\n{BUYERS:,} buyers made in {time.perf_counter() - t:.1f} s (untimed)")
            races = [http_race(s, p, s.flash_skus[i]) for i, p in enumerate(PATHS)]
            print("\n".join(race_table(races)), flush=True)
            table, script = engine_table(url, s.buyers[0].skus[0])
            print("\n".join(table), flush=True)
        if "redis" in PATHS:
            print("\n".join(redis_table(script)), flush=True)
    finally:
        data.use_path("")
        if "redis" in PATHS:
            data.drop_keys(REDIS_URL)


if __name__ == "__main__":
    main()
