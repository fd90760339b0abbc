"""The flash-sale bench's set-up, read-backs and measurements (bench/flashsale.py): events
made and published through flashsale's public API (as tests/flashsale/conftest.py does), the
seat path switched in this process, what the database and Redis hold after a race, seats
taken in-process from threads (`seat_engine`), and `redis-benchmark` running TAKE_LUA by its
SHA against keys of the bench's own."""

from __future__ import annotations

import csv
import io
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import redis
from sqlalchemy import func, select

from mercato.flashsale import public as flashsale
from mercato.flashsale.services import backend, offers, waiting_room
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.redis_seats import TAKE_LUA, SeatPools, client

SECRET = "bench-flashsale-secret-key-2026-0123456789"  # the server's MERCATO_SECRET_KEY
NAMESPACE = f"bench_flash_{uuid.uuid4().hex[:8]}"  # every Redis key the bench writes


def use_path(redis_url: str) -> SeatPools | None:
    """This process takes seats in Redis (under NAMESPACE) or, with "", by guarded UPDATEs;
    the per-process caches of the other path are dropped."""
    offers._cache.clear()
    waiting_room._rates.clear()
    return backend.configure(redis_url, NAMESPACE if redis_url else "", SECRET).pools


def flash_price(url: str, sku: int) -> int:
    """A tenth of the SKU's list price (at least ¥0.01)."""
    from mercato.catalog.adapters.tables import Sku

    db = Database(url)
    with db.reading() as tx:
        price = int(tx.scalar(select(Sku.price).where(Sku.id == sku)) or 0)
    db.engine.dispose()
    return max(1, price // 10)


def make_event(url: str, sku: int, units: int, price_fen: int) -> int:
    """A running event (started a minute ago, for an hour) of `units` units of the SKU,
    limit 1 a customer, no waiting room; published, and loaded into Redis on that path."""
    now = utcnow()
    data = flashsale.EventData("限时秒杀 bench", now - timedelta(minutes=1),
                               now + timedelta(hours=1), per_customer_limit=1,
                               admit_per_second=0,
                               items=(flashsale.ItemData(sku, price_fen, units),))
    db = Database(url)
    with db.transaction() as tx:
        event_id = flashsale.create_event(tx, data).id
        flashsale.publish_event(tx, event_id)
    flashsale.load_event(db, event_id)  # False on the database path
    db.engine.dispose()
    return event_id


def redis_left(pools: SeatPools | None, event_id: int, sku: int) -> tuple[int | None, int]:
    """(units left, seats still pending) in Redis; (None, 0) on the database path."""
    if pools is None:
        return None, 0
    group = backend.group(event_id)
    return pools.left(group, str(sku)), len(pools.pending(group, str(sku)))


@dataclass(frozen=True)
class Checks:
    orders: int  # orders with campaign 'flash:<id>'
    customers: int  # distinct customers among them
    units_ordered: int  # their item counts, summed
    taken: int  # flashsale_item.taken
    seats: int  # seat rows held or ordered
    seats_ordered: int  # seat rows carried by an order
    redis_left: int | None  # None: the database path
    redis_pending: int
    reserved: int  # since the race began (what the race's orders hold)
    available: int  # on hand − reserved, all warehouses

    def ok(self, units: int) -> bool:
        return (self.orders == self.customers == self.units_ordered == self.taken == units
                and self.seats == self.seats_ordered == units
                and self.redis_left in (None, 0) and self.redis_pending == 0
                and self.reserved == units and self.available >= 0)


def stock(url: str, sku: int) -> tuple[int, int]:
    """(on hand, reserved) of the SKU, all warehouses."""
    from mercato.inventory.adapters.tables import StockLevel

    db = Database(url)
    with db.reading() as tx:
        on_hand, reserved = tx.execute(
            select(func.sum(StockLevel.on_hand), func.sum(StockLevel.reserved))
            .where(StockLevel.sku_id == sku)).one()
    db.engine.dispose()
    return int(on_hand or 0), int(reserved or 0)


def read_back(url: str, pools: SeatPools | None, event_id: int, sku: int,
              reserved_before: int = 0) -> Checks:
    from mercato.flashsale.adapters.tables import Item, Seat
    from mercato.orders.adapters.tables import Order

    db = Database(url)
    with db.reading() as tx:
        orders, customers, units = tx.execute(
            select(func.count(), func.count(func.distinct(Order.customer_id)),
                   func.coalesce(func.sum(Order.item_count), 0))
            .where(Order.campaign == f"flash:{event_id}")).one()
        taken = tx.scalar(select(Item.taken).where(Item.event_id == event_id))
        seats = dict(tx.execute(select(Seat.status, func.count()).where(
            Seat.event_id == event_id).group_by(Seat.status)).all())
    db.engine.dispose()
    on_hand, reserved = stock(url, sku)
    left, pending = redis_left(pools, event_id, sku)
    return Checks(int(orders), int(customers), int(units), int(taken or 0),
                  int(seats.get("held", 0)) + int(seats.get("ordered", 0)),
                  int(seats.get("ordered", 0)), left, pending, reserved - reserved_before,
                  on_hand - reserved)


def redis_answers(redis_url: str) -> bool:
    try:
        return bool(client(redis_url).ping())
    except redis.RedisError:
        return False


@dataclass
class Engine:
    name: str
    seats: int = 0  # taken in the timed run
    wall: float = 0.0
    ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    check: str = ""

    @property
    def rate(self) -> float:
        return self.seats / self.wall if self.wall else 0.0


def _attempt(take: Callable[[int], None], customer: int, bad: Counter[str],
             prefix: str = "") -> bool:
    """take(customer); False, with the error's code counted in `bad`, when it raised."""
    try:
        take(customer)
    except Exception as exc:
        bad[prefix + str(getattr(exc, "code", type(exc).__name__))] += 1
        return False
    return True


def seat_engine(url: str, sku: int, redis_url: str, record: bool, name: str, seats: int,
                threads: int, warm_each: int) -> Engine:
    """`seats` seats taken by `threads` threads (customers warm+1 … warm+seats, each once) on
    the Redis path (`redis_url`) or the database path (""), after `warm_each` untimed takes a
    thread, for an event of exactly that many units; then one more take must find it sold
    out. With `record`, each seat is also written as the buy API does (record_seat in a
    transaction, clear_pending after the commit)."""
    pools = use_path(redis_url)
    warm = threads * warm_each
    event_id = make_event(url, sku, seats + warm, 100)
    db, out, lock = Database(url), Engine(name), threading.Lock()
    barrier = threading.Barrier(threads + 1)

    def take(customer: int) -> None:
        seat = flashsale.take_seat(db, event_id, sku, customer, 1)
        if record:
            with db.transaction() as tx:
                flashsale.record_seat(tx, seat)
            flashsale.clear_pending(seat)

    def work(i: int) -> None:
        ms, bad = [], Counter[str]()
        for c in range(1 + i, warm + 1, threads):  # errors shown; the barrier still reached
            _attempt(take, c, bad, "warm-up ")
        barrier.wait()
        for c in range(warm + 1 + i, warm + seats + 1, threads):
            t = time.perf_counter()
            if _attempt(take, c, bad):
                ms.append((time.perf_counter() - t) * 1000)
        with lock:
            out.ms += ms
            out.errors += bad

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in workers:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in workers:
        t.join()
    out.wall, out.seats = time.perf_counter() - start, len(out.ms)
    last: Counter[str] = Counter()
    after = ("a take after them **succeeded**" if _attempt(take, warm + seats + 1, last)
             else f"the next take: {next(iter(last))}")
    left, pending = redis_left(pools, event_id, sku)
    db.engine.dispose()
    taken = read_back(url, pools, event_id, sku).taken
    where = [f"database taken {taken:,}"] + ([f"Redis left {left}, pending {pending:,}"]
                                             if redis_url else [])
    out.check = "; ".join([*where, after])
    return out


def redis_about(redis_url: str) -> str:
    r = client(redis_url)
    persistence = r.config_get("appendonly").get("appendonly", "?")
    return f"Redis {r.info('server')['redis_version']}, appendonly {persistence}"


def drop_keys(redis_url: str) -> int:
    """Delete every key under NAMESPACE; how many there were."""
    r = client(redis_url)
    keys = list(r.scan_iter(f"{NAMESPACE}:*", count=1000))
    for i in range(0, len(keys), 1000):
        r.delete(*keys[i:i + 1000])
    return len(keys)


@dataclass(frozen=True)
class RedisBench:
    requests: int
    clients: int
    rps: float
    p50_ms: float
    p95_ms: float
    taken: int  # units the calls took (units left before − after)
    pending: int  # pending notes written (one per seat taken)
    command: str


def redis_benchmark(redis_url: str, requests: int, clients: int) -> RedisBench | str:
    """`redis-benchmark` calling TAKE_LUA by its SHA (SCRIPT LOAD first) on a pool of its
    own under NAMESPACE, with far more units left than calls and limit 0 (none), so every
    call takes a seat. A seat id repeated would be refused (the script's HSETNX on the
    pending hash answers -3 and takes nothing), so the seat id and the holder carry
    __rand_int__, which redis-benchmark replaces by a random 12-digit number in every call
    (-r 10^11: a repeat among 200,000 calls is unlikely, and `taken` would show it).
    The answer, or why it could not run."""
    parts = urlsplit(redis_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    db_index = (parts.path or "/0").strip("/") or "0"
    r = client(redis_url)
    pools = SeatPools(redis_url, NAMESPACE)
    sha = str(r.script_load(TAKE_LUA))
    left, holders, pending, _back, ver = pools.pool_keys("redis-benchmark", "1")
    start_units = 10 * requests + 1_000_000
    r.set(left, start_units)
    cmd = ["redis-benchmark", "-h", host, "-p", str(port), "--dbnum", db_index,
           "-n", str(requests), "-c", str(clients), "-r", "100000000000", "--csv",
           "EVALSHA", sha, "4", left, holders, pending, ver,
           "fs0-1-__rand_int__", "__rand_int__", "1", "0", "1765000000.000"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        return "redis-benchmark is not installed (Debian: apt-get install redis-tools)"
    rows = [row for row in csv.reader(io.StringIO(done.stdout)) if row and row[0] != "test"]
    if done.returncode != 0 or not rows:
        return f"redis-benchmark failed ({done.returncode}): {done.stderr.strip()[:200]}"
    row = rows[-1]
    taken = start_units - int(r.get(left) or 0)
    shown = " ".join(cmd[:cmd.index("EVALSHA")]) + f" EVALSHA <sha> 4 {left} {holders} " \
        f"{pending} {ver} fs0-1-__rand_int__ __rand_int__ 1 0 <epoch>"
    return RedisBench(requests, clients, float(row[1]), float(row[4]), float(row[5]), taken,
                      int(r.hlen(pending)), shown)
