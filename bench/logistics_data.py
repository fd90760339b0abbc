"""The logistics bench's databases and data (bench/logistics.py): scratch databases and
copies, raw driver connections, rows written in bulk (Core, not the services), the checks.
2,000 SKUs in 3 warehouses (上海 first by priority, 广东, 四川), some SKUs in one only, a
tenth of the 上海 rows nearly empty; paid orders of 1-3 lines to the 31 mainland provinces,
held at checkout by warehouse priority; shipped orders with a ZTO shipment each and their
Kuaidi100 pushes: form param (JSON, full history newest first) and sign = upper(md5(param +
salt)), each push one scan more (揽收, 在途, 在途, 派件, 签收 for half), 10 % exact repeats
sent later, 10 % older histories sent after the newer one."""

from __future__ import annotations

import random
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import insert, text

from bench import shop
from bench.replay import _connect as sqlite_connect
from bench.run import DATA
from mercato.inventory import domain as stock_domain
from mercato.kernel.provinces import MAINLAND
from mercato.logistics.adapters import kuaidi100_protocol as protocol
from mercato.logistics.domain import naive_utc
from mercato.platform.db import Database

SKUS = 2_000
HOUSES = ((1, "SH", "上海市"), (2, "GZ", "广东省"), (3, "CD", "四川省"))  # priority order
SALT = "bench-kuaidi100-salt-2026"
PAID, SHIPPED, WAYBILL = "26121{:011d}", "26122{:011d}", "78{:010d}"  # numbers
SCRIPT = ("1", "0", "0", "5", "3")  # 揽收, 在途, 在途, 派件, 签收 (the sandbox's script)
STAGE = {c: protocol.stage_for(c) or "" for c in SCRIPT}
TEXT = {"1": "【上海】快件已被业务员揽收", "0": "快件离开【{h}转运中心】，已发往【{c}】",
        "5": "【{c}】快件正在派送中，请保持电话畅通", "3": "快件已签收，签收人：本人"}
NAMES = {"1": "揽收", "0": "在途", "5": "派件", "3": "签收"}
BASE = datetime(2026, 12, 1, 8, 0, 0, tzinfo=protocol.CHINA)


@dataclass
class Scratch:
    """SQLite files in var/bench, or PostgreSQL databases on BENCH_PG_URL's server."""

    backend: str  # "SQLite" or "PostgreSQL"
    name: str
    url: str = ""
    made: list[str] = field(default_factory=list)

    def make(self, suffix: str = "") -> str:
        """The database; with a suffix, a copy of it as it is (no connection open to it)."""
        name = self.name + suffix
        if self.backend == "SQLite":
            for end in ("", "-wal", "-shm", "-writer"):
                Path(f"{DATA / name}.db{end}").unlink(missing_ok=True)
            if suffix:
                target = sqlite3.connect(DATA / f"{name}.db")
                sqlite3.connect(DATA / f"{self.name}.db").backup(target)
            return f"sqlite:///{DATA / name}.db"
        self.made.append(name)
        copy = f' TEMPLATE "{self.name}"' if suffix else ""
        shop._pg_admin(f'CREATE DATABASE "{name}"{copy}')
        return f"{shop.PG_SERVER.rsplit('/', 1)[0]}/{name}"


@contextmanager
def scratch(backend: str) -> Iterator[Scratch]:
    """A database at the schema's head (`mercato migrate`'s path)."""
    from mercato.platform.migrate import upgrade

    DATA.mkdir(parents=True, exist_ok=True)
    s = Scratch(backend, "logistics" if backend == "SQLite" else
                f"mercato_bench_logi_{uuid.uuid4().hex[:8]}")
    try:
        s.url = s.make()
        upgrade(s.url)
        yield s
    finally:
        for name in s.made:
            shop._pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Raw:
    """A driver connection (sqlite3, psycopg) running whole transactions; SQLite writers
    queue on one lock per process, as the app's do (mercato.platform.sqlite_writer)."""

    def __init__(self, url: str, lock: threading.Lock, autocommit: bool = False) -> None:
        import psycopg

        self.sqlite = url.startswith("sqlite")
        self.conn: Any = (sqlite_connect(url.removeprefix("sqlite:///")) if self.sqlite
                          else psycopg.connect(url, autocommit=autocommit))
        self.lock, self.close = lock if self.sqlite else nullcontext(), self.conn.close

    def unit(self, fn: Callable[[Any], None]) -> None:
        with self.lock:
            if self.sqlite:
                self.conn.execute("BEGIN IMMEDIATE")
            fn(self.conn.cursor())
            self.conn.commit()

    def sql(self, statement: str) -> str:
        return statement if self.sqlite else statement.replace("?", "%s")

    def value(self, v: Any) -> Any:  # times as SQLAlchemy writes them on SQLite (text)
        return v.isoformat(" ", "microseconds") if self.sqlite and isinstance(v, datetime) else v


def _stock(rng: random.Random) -> list[dict[str, Any]]:
    rows, stock_id = [], 0
    for sku in range(1, SKUS + 1):
        present = [rng.random() < p for p in (0.8, 0.6, 0.5)]
        present[0] = present[0] or not any(present)
        for (wh, _code, _prov), here in zip(HOUSES, present, strict=True):
            if here:
                stock_id += 1
                low = wh == 1 and any(present[1:]) and rng.random() < 0.1
                on_hand = rng.randrange(2, 7) if low else rng.randrange(200, 400)
                rows.append({"id": stock_id, "sku_id": sku, "warehouse_id": wh,
                             "on_hand": on_hand, "reserved": 0})
    return rows


def _order(i: int, number: str, status: str, province: str, at: datetime) -> dict[str, Any]:
    return {"id": i, "number": number, "customer_id": i, "status": status, "currency": "CNY",
            "item_count": 0, "subtotal_fen": 9900, "shipping_fen": 0, "total_fen": 9900,
            "weight_g": 800, "shipping_code": "zto", "shipping_name": "中通", "paid_fen": 9900,
            "recipient": "王小明", "phone": "13912345678", "province": province,
            "city": f"{province[:2]}市", "district": "中心区", "street": "人民路100号",
            "placed_at": at, "pay_deadline": at + timedelta(minutes=30), "paid_at": at,
            "payment_provider": "wechatpay", "updated_at": at}


def _checkout(rng: random.Random, i: int, rows: dict[int, list[stock_domain.StockRow]],
              free: dict[int, int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One paid order's lines and what checkout held for it (by warehouse priority)."""
    wanted = {s: rng.choice((1, 1, 1, 2)) for s in rng.sample(range(1, SKUS + 1),
                                                               rng.choice((1, 1, 2, 2, 3)))}
    live = [stock_domain.StockRow(r.stock_id, r.sku_id, r.warehouse_id, free[r.stock_id])
            for s in sorted(wanted) for r in rows[s]]
    held = stock_domain.allocate(live, wanted)
    for a in held:
        free[a.stock_id] -= a.quantity
    lines = [{"order_id": i, "sku_id": s, "product_id": s, "product_slug": f"p{s}",
              "name": f"商品{s}", "unit_price_fen": 4950, "quantity": q,
              "line_total_fen": 4950 * q} for s, q in wanted.items()]
    return lines, [{"reference": PAID.format(i), "stock_id": a.stock_id, "sku_id": a.sku_id,
                    "warehouse_id": a.warehouse_id, "quantity": a.quantity} for a in held]


def seed_paid(db: Database, orders: int) -> list[str]:
    """Warehouses, stock and the paid orders with their reservations; their numbers."""
    from mercato.inventory.adapters.tables import Reservation, StockItem, StockLevel, Warehouse
    from mercato.orders.adapters.tables import Order, OrderLine

    rng = random.Random(11)
    stock = _stock(rng)
    rows: dict[int, list[stock_domain.StockRow]] = {r["sku_id"]: [] for r in stock}
    for r in stock:
        rows[r["sku_id"]].append(stock_domain.StockRow(r["id"], r["sku_id"], r["warehouse_id"], 0))
    free = {r["id"]: r["on_hand"] for r in stock}
    made = [_checkout(rng, i, rows, free) for i in range(1, orders + 1)]
    for r in stock:
        r["reserved"] = r["on_hand"] - free[r["id"]]
    at = naive_utc(BASE)
    with db.transaction() as tx:
        tx.execute(insert(Warehouse.__table__), [{"id": w, "code": c, "name_zh": f"{p}仓",
                   "name_en": c, "province": p, "priority": w} for w, c, p in HOUSES])
        tx.execute(insert(StockItem.__table__),
                   [{"sku_id": s, "sku_code": f"S{s:05d}"} for s in range(1, SKUS + 1)])
        tx.execute(insert(StockLevel.__table__), stock)
        for start in range(0, orders, 5000):
            part = range(start + 1, min(start + 5000, orders) + 1)
            tx.execute(insert(Order.__table__), [
                {**_order(i, PAID.format(i), "paid", rng.choice(MAINLAND), at),
                 "item_count": sum(ln["quantity"] for ln in made[i - 1][0])} for i in part])
            tx.execute(insert(OrderLine.__table__), [ln for i in part for ln in made[i - 1][0]])
            tx.execute(insert(Reservation.__table__), [h for i in part for h in made[i - 1][1]])
    return [PAID.format(i) for i in range(1, orders + 1)]


@dataclass
class Pushes:
    bodies: list[str]  # form bodies in the order they are sent
    raw: list[tuple[str, list[tuple[Any, ...]]]]  # per push: waybill, event rows (raw SQL)
    scans: int  # distinct scans among them
    final: dict[str, tuple[str, str]]  # waybill → (stage, status) its newest scan means
    repeats: int = 0
    late: int = 0


def _entry(k: int, step: int, code: str) -> dict[str, str]:
    at = (BASE + timedelta(seconds=k * 7 % 86_400, hours=5 * step)).strftime("%Y-%m-%d %H:%M:%S")
    where = "上海市" if step < 2 else "成都市"
    return {"context": TEXT[code].format(h="上海", c="成都市"), "time": at, "ftime": at,
            "status": NAMES[code], "statusCode": code, "areaCode": "", "areaName": where}


def _push(k: int, history: list[dict[str, str]]) -> tuple[str, Any]:
    """A push as Kuaidi100 sends it: the form body, and the events the app reads from it."""
    code = history[0]["statusCode"]
    result = {"message": "ok", "state": code, "status": "200", "condition": "F00",
              "ischeck": "1" if code == "3" else "0", "com": "zhongtong", "nu": WAYBILL.format(k),
              "data": history}
    param = protocol.dumps({"status": "shutdown" if code == "3" else "polling",
                            "billstatus": "check" if code == "3" else "sending", "message": "",
                            "autoCheck": "0", "comOld": "", "comNew": "", "lastResult": result})
    body = urlencode({"param": param, "sign": protocol.push_sign(param, SALT)})
    return body, protocol.events_from(result)


def warm_bodies(n: int) -> list[str]:  # pushes of waybills not ours: 404, nothing written
    return [_push(10**8 + k, [_entry(k, 0, "1")])[0] for k in range(n)]


def make_pushes(count: int) -> Pushes:
    """`count` pushes for count / 5 shipments: rounds of one scan more per shipment, each
    round shuffled; repeats later in the same round; late ones after their successor."""
    rng, ships, fresh = random.Random(5), max(count // 5, 1), round(0.9 * count)
    lengths = [5 if k < fresh - 4 * ships else 4 for k in range(ships)]
    rng.shuffle(lengths)
    key = {(k, s + 1): (s, rng.random()) for k, n in enumerate(lengths) for s in range(n)}
    late = rng.sample(range(ships), min(round(0.1 * count), ships))
    for k in late:  # one older history of k delivered right after the newer one
        n = rng.randrange(1, lengths[k])
        succ = key[(k, n + 1)]
        key[(k, n)] = (succ[0], succ[1] + (1 - succ[1]) * rng.random())
    keyed = [(v, k, n) for (k, n), v in key.items()]
    for v, k, n in rng.sample(keyed, count - len(keyed)):  # repeats, later in the round
        keyed.append(((v[0], v[1] + (1 - v[1]) * rng.random()), k, n))
    keyed.sort()
    at = naive_utc(datetime.now(protocol.CHINA))
    out = Pushes([], [], sum(lengths), {}, count - sum(lengths), len(late))
    for _key, k, n in keyed:
        body, events = _push(k, [_entry(k, s, SCRIPT[s]) for s in reversed(range(n))])
        out.bodies.append(body)
        out.raw.append((WAYBILL.format(k), [(e.key(), e.stage, naive_utc(e.occurred_at),
                        e.description, e.location, e.code, at) for e in events]))
    for k, n in enumerate(lengths):
        out.final[WAYBILL.format(k)] = (STAGE[SCRIPT[n - 1]], "signed" if n == 5 else "shipped")
    return out


def seed_shipped(db: Database, first_order: int, ships: int) -> None:
    """`ships` shipped orders with a ZTO shipment each (waybill k for the k-th). Orders and
    stock rows get their ids here: the app inserts none, their sequences may stay behind."""
    from mercato.logistics.adapters.tables import Shipment
    from mercato.orders.adapters.tables import Order

    at = naive_utc(BASE)
    orders = [_order(first_order + k, SHIPPED.format(k), "shipped", "四川省", at)
              for k in range(ships)]
    same = ("customer_id", "recipient", "phone", "province", "city", "district", "street")
    shipments = [{**{c: o[c] for c in same}, "number": f"{o['number']}-1", "status": "shipped",
                  "order_number": o["number"], "warehouse_id": 1, "stage": "", "priority": False,
                  "carrier": "zto", "waybill_no": WAYBILL.format(k), "weight_g": 800,
                  "created_at": at, "shipped_at": at, "updated_at": at}
                 for k, o in enumerate(orders)]
    with db.transaction() as tx:
        for start in range(0, ships, 5000):
            tx.execute(insert(Order.__table__), orders[start : start + 5000])
            tx.execute(insert(Shipment.__table__), shipments[start : start + 5000])


_MUST_BE_0 = {
    "orders without shipments": "SELECT count(*) FROM orders_order o WHERE status = 'paid' "
    "AND NOT EXISTS (SELECT 1 FROM logistics_shipment s WHERE s.order_number = o.number)",
    "stock rows reserved > on_hand": "SELECT count(*) FROM inventory_stock WHERE reserved > "
    "on_hand",
    "units ordered - units in shipments": "SELECT (SELECT sum(quantity) FROM orders_line l "
    "JOIN orders_order o ON o.id = l.order_id WHERE o.status = 'paid') - (SELECT sum(quantity)"
    " FROM logistics_shipment_line l JOIN logistics_shipment s ON s.id = l.shipment_id "
    "WHERE s.carrier IS NULL)",
}


def check(url: str, pushes: Pushes) -> tuple[str, str, int, str]:
    """After the runs: shipments made, the allocation's checks, events stored, the tracking's
    checks ('PASS' or what failed)."""
    db = Database(url)
    with db.engine.connect() as conn:
        bad = [f"{k}: {v}" for k, q in _MUST_BE_0.items() if (v := conn.scalar(text(q)))]
        made, orders = conn.execute(text("SELECT count(*), count(DISTINCT order_number) FROM "
                                         "logistics_shipment WHERE carrier IS NULL")).one()
        stored = int(conn.scalar(text("SELECT count(*) FROM logistics_tracking_event")) or 0)
        rows = conn.execute(text("SELECT waybill_no, stage, status FROM logistics_shipment "
                                 "WHERE carrier = 'zto'")).all()
    db.engine.dispose()
    off = sum((stage, status) != pushes.final.get(w) for w, stage, status in rows)
    wrong = [f"{stored:,} events for {pushes.scans:,} scans"] if stored != pushes.scans else []
    wrong += [f"{off:,} shipments not at their newest scan"] if off else []
    return (f"{made:,} for {orders:,} orders", "; ".join(bad) or "PASS", stored,
            "; ".join(wrong) or "PASS")
