"""A synthetic analytics lake for the benches (bench/analytics_lake.py) and its smoke test:
exactly N events over D local days ending today, built by DuckDB alone (hash-based
pseudo-random columns, no Python loop per event), in the layout the reader expects
(adapters/lake.py): <lake>/events/day=YYYY-MM-DD/<name>.parquet, `files_per_day` files a day
(one per slice of the day, as successive compaction batches make them) with the columns of
domain.COLUMNS but `day`, and the latest `tail` events as NDJSON segments in <lake>/incoming
(the not-yet-compacted part), written as the recorder writes them.

The shape: sessions over the days with a weekly pattern and a slow growth, most of them by
one-off visitors and a fifth by a pool of 60,000 returning ones; channels web / app / mini
per visitor; each session views pages and products (a page_view and a product_view per
product page), sometimes searches, adds to the cart, starts a checkout, places an order
(`linked` + order_placed) and pays it (the pay page's page_view + `linked`, order_paid) —
paid orders come to about 2% of the visitors, from about 50,000 customers; a paid order is
shipped hours later, signed days later, and 6% are refunded. The other page views fill the
count up to N exactly. The columns follow domain.COLUMNS and lake.TYPES: a column this file
does not know is NULL, but carrier / warehouse_id / shipment are filled on shipped and signed
events when they exist."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from mercato.analytics.adapters.lake import STORED, TYPES, connect, literal
from mercato.analytics.domain import COLUMNS
from mercato.platform import clock

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

SESSION_EVENTS = 8.3  # events a session yields on average, its other page views included
POOL, CUSTOMERS = 60_000, 50_000
TERMS = ["精华", "面膜", "防晒霜", "洗面奶", "口红", "爽肤水", "眼霜", "卸妆油", "粉底液", "香水"]
PAGES = ["/", "/c/face-care", "/c/makeup", "/c/body-care", "/cart", "/account", "/articles"]
CARRIERS = ["sf", "zto", "yto", "jd", "ems"]  # carriers' codes, as shipments carry them


@dataclass(frozen=True)
class Built:
    events: int  # all of them, Parquet and segments
    in_parquet: int
    in_segments: int
    files: int  # Parquet files
    segments: int
    first: date
    last: date
    seconds: float


def _int(sql: str) -> str:
    return f"CAST({sql} AS BIGINT)"


def _at(base: str, seconds: str) -> str:
    return f"{base} + to_seconds({_int(seconds)})"


def _uuid(seed: str) -> str:
    """An outbox-like event id (36 characters, as uuid4 prints) from md5 of `seed`."""
    m = f"md5({seed})"
    return "||'-'||".join(f"substr({m}, {a}, {n})" for a, n in
                          ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12)))


def _ship_columns() -> str:
    """carrier / warehouse_id / shipment of a shipped or signed event, for those that exist."""
    out = []
    if "carrier" in TYPES:
        out.append(f"list_element({CARRIERS}, {_int('1 + hash(s, 1) % 5')}) AS carrier")
    if "warehouse_id" in TYPES:
        out.append("1 + hash(s, 2) % 3 AS warehouse_id")
    if "shipment" in TYPES:
        value = "order_number || '-1'" if TYPES["shipment"] == "VARCHAR" else "s"
        out.append(f"{value} AS shipment")  # the shipment number: "<order number>-1"
    return "".join(", " + c for c in out)


def _days(con: DuckDBPyConnection, days: int, first: date, sessions: int) -> None:
    con.execute(f"""
CREATE TEMP TABLE days AS
SELECT d, day, n, sum(n) OVER (ORDER BY d ROWS UNBOUNDED PRECEDING) - n AS base FROM (
  SELECT d, day, {_int(f'round({sessions} * w / sum(w) OVER ())')} AS n FROM (
    SELECT d, DATE '{first}' + CAST(d AS INTEGER) AS day,
      (CASE isodow(DATE '{first}' + CAST(d AS INTEGER)) WHEN 5 THEN 1.1 WHEN 6 THEN 1.3
         WHEN 7 THEN 1.25 ELSE 1.0 END) * (0.85 + 0.3 * d / {days}) AS w
    FROM range({days}) t(d)))""")


SESSIONS = """
CREATE TEMP TABLE sessions AS
WITH s AS (SELECT day, base + i AS s FROM (SELECT day, base, unnest(range(n)) AS i FROM days)),
v AS (
  SELECT s, day,
    CASE WHEN hash(s, 'ret') % 100 < 22 THEN hash(s, 'pool') % {pool} ELSE {pool} + s END AS vn,
    -- the local second of the day: mostly 08:00-24:00 peaking mid-afternoon, a tenth any time
    CASE WHEN hash(s, 'any') % 10 = 0 THEN hash(s, 't1') % 86400
         ELSE 28800 + hash(s, 't1') % 28800 + hash(s, 't2') % 28800 END AS sec,
    CAST(hash(s, 'np') % 5 AS INTEGER) AS n_prod,
    CAST(CASE WHEN hash(s, 'sr') % 10 < 3 THEN 1 + hash(s, 'sr2') % 2 ELSE 0 END AS INTEGER)
      AS n_search
  FROM s),
c AS (
  SELECT *, CAST(CASE WHEN n_prod > 0 AND hash(s, 'ct') % 100 < 10
                      THEN 1 + hash(s, 'ct2') % 2 ELSE 0 END AS INTEGER) AS n_cart
  FROM v)
SELECT s, day, n_prod, n_search, n_cart,
  md5(CAST(vn AS VARCHAR)) || '.' || substr(md5('tag' || vn), 1, 16) AS visitor_id,
  CASE WHEN hash(vn, 'ch') % 10 < 5 THEN 'web' WHEN hash(vn, 'ch') % 10 < 8 THEN 'app'
       ELSE 'mini' END AS channel,
  CAST(day AS TIMESTAMP) + to_seconds(CAST(sec AS BIGINT) - {offset}) AS t0,
  substr(md5(CAST(day AS VARCHAR) || '-' || s % 2), 1, 12) AS boot,
  n_cart > 0 AND hash(s, 'co') % 100 < 45 AS checkout,
  n_cart > 0 AND hash(s, 'co') % 100 < 45 AND hash(s, 'pl') % 100 < 60 AS placed,
  n_cart > 0 AND hash(s, 'co') % 100 < 45 AND hash(s, 'pl') % 100 < 60
    AND hash(s, 'pd') % 100 < 85 AS paid,
  CAST(CASE WHEN vn < {pool} THEN 1 + vn % {customers} ELSE 1 + hash(s, 'cu') % {customers}
       END AS BIGINT) AS customer_id,
  strftime(day, '%Y%m%d') || lpad(CAST(s % 100000000 AS VARCHAR), 8, '0') AS order_number,
  CAST(1990 + hash(s, 'val') % 38000 + (n_cart - 1) * (hash(s, 'v2') % 12000) AS BIGINT)
    AS value_fen
FROM c WHERE CAST(day AS TIMESTAMP) + to_seconds(CAST(sec AS BIGINT) - {offset})
  <= TIMESTAMP '{latest}'
"""


def _behaviour(slot: str) -> str:
    """What every event the middleware records carries: its id (the worker's boot token and a
    count), visitor and channel."""
    return (f"boot || '-' || printf('%x', s * 128 + {slot}) AS id, visitor_id, channel, "
            "CAST(NULL AS BIGINT) AS customer_id")


def _outbox(name: str) -> str:
    """What an order's, shipment's or refund's event carries (from_outbox: no visitor)."""
    seed = f"CAST(s AS VARCHAR) || '{name}'"
    return (f"{_uuid(seed)} AS id, CAST(NULL AS VARCHAR) AS visitor_id, channel, customer_id, "
            "order_number")


def _pieces(now: str) -> list[str]:
    pid = _int("1 + hash(s, k, 'pid') % 1100")
    term = f"list_element({TERMS}, {_int('1 + hash(s, k, 3) % 10')})"
    paid_at = _at("t0", "1000 + hash(s, 'pt') % 300")
    shipped_at = _at(paid_at, "3600 * (2 + hash(s, 'sh') % 46)")
    signed_at = _at(shipped_at, "3600 * (24 + hash(s, 'sg') % 72)")
    refund_at = _at(paid_at, "86400 * (1 + hash(s, 'rf') % 10)")
    two = "(VALUES ('page_view'), ('product_view')) AS n(name)"
    return [
        f"""SELECT {_behaviour("40 + 2 * k + (name = 'product_view')::INT")}, name,
          {_at('t0', '20 + k * 61')} AS occurred_at, '/p/product-' || {pid} AS path,
          CASE WHEN name = 'product_view' THEN {pid} END AS product_id
        FROM sessions, range(5) r(k), {two} WHERE k < n_prod""",
        f"""SELECT {_behaviour("50 + 2 * k + (name = 'search')::INT")}, name,
          {_at('t0', '10 + k * 30')} AS occurred_at, '/search' AS path,
          CASE WHEN name = 'search' THEN {term} END AS term
        FROM sessions, range(2) r(k), (VALUES ('page_view'), ('search')) AS n(name)
        WHERE k < n_search""",
        f"""SELECT {_behaviour('54 + k')}, 'add_to_cart' AS name,
          {_at('t0', '330 + k * 60')} AS occurred_at, '/cart/add' AS path,
          {_int("1 + hash(s, k, 'sku') % 4200")} AS sku_id,
          CAST(1 + hash(s, k, 'q') % 3 AS INTEGER) AS quantity
        FROM sessions, range(2) r(k) WHERE k < n_cart""",
        f"""SELECT {_behaviour("56 + (name = 'checkout_started')::INT")}, name,
          {_at('t0', '600')} AS occurred_at, '/checkout' AS path
        FROM sessions, (VALUES ('page_view'), ('checkout_started')) AS n(name) WHERE checkout""",
        f"""SELECT {_behaviour('58')}, 'linked' AS name, {_at('t0', '900')} AS occurred_at,
          '/checkout' AS path, order_number FROM sessions WHERE placed""",
        f"""SELECT {_outbox('placed')}, 'order_placed' AS name, value_fen,
          {_at('t0', '900')} AS occurred_at FROM sessions WHERE placed""",
        f"""SELECT {_behaviour("59 + (name = 'linked')::INT")}, name,
          {_at('t0', '960')} AS occurred_at, '/account/orders/' || order_number || '/pay' AS path,
          CASE WHEN name = 'linked' THEN order_number END AS order_number
        FROM sessions, (VALUES ('page_view'), ('linked')) AS n(name) WHERE paid""",
        f"""SELECT {_outbox('paid')}, 'order_paid' AS name, value_fen, {paid_at} AS occurred_at
        FROM sessions WHERE paid""",
        f"""SELECT {_outbox('shipped')}, 'shipped' AS name, {shipped_at} AS occurred_at
          {_ship_columns()} FROM sessions WHERE paid AND {shipped_at} <= {now}""",
        f"""SELECT {_outbox('signed')}, 'signed' AS name, {signed_at} AS occurred_at
          {_ship_columns()} FROM sessions WHERE paid AND {signed_at} <= {now}""",
        f"""SELECT {_outbox('refunded')}, 'refunded' AS name, {refund_at} AS occurred_at,
          CASE WHEN hash(s, 'rv') % 2 = 0 THEN value_fen ELSE value_fen // 3 END AS value_fen
        FROM sessions WHERE paid AND hash(s, 'rd') % 100 < 6 AND {refund_at} <= {now}""",
    ]


def _typed(con: DuckDBPyConnection, source: str, offset: int) -> str:
    """`source`'s rows in COLUMNS order and lake.TYPES types (NULL for a column it lacks),
    `day` the local day of occurred_at."""
    known = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM ({source})").fetchall()}
    cols = []
    for c in COLUMNS:
        if c == "day":
            expr = f"CAST(occurred_at + to_seconds({offset}) AS DATE)"
        else:
            expr = c if c in known else "NULL"
        cols.append(f"CAST({expr} AS {TYPES[c]}) AS {c}")
    return f"SELECT {', '.join(cols)} FROM ({source})"


OTHER_PAGES = """
SELECT boot || '-' || printf('%x', s * 128 + 64 + k) AS id, visitor_id, channel,
  'page_view' AS name, t0 + to_seconds(k * 47) AS occurred_at,
  list_element({pages}, CAST(1 + hash(s, k, 'pg') % {n_pages} AS BIGINT)) AS path
FROM (SELECT *, unnest(range(n_other)) AS k FROM (
  SELECT *, CAST(floor({left} * cum / total) - floor({left} * (cum - w) / total) AS BIGINT)
    AS n_other
  FROM (SELECT *, sum(w) OVER (ORDER BY s ROWS UNBOUNDED PRECEDING) AS cum,
          sum(w) OVER () AS total
        FROM (SELECT *, 1 + hash(s, 'op') % 7 AS w FROM sessions))))
"""


def _generate(con: DuckDBPyConnection, events: int, days: int,
              now: datetime) -> tuple[int, date, date]:
    """Fill TEMP TABLE ev with exactly `events` events; (offset seconds, first day, last)."""
    offset = int(clock.local(now).utcoffset().total_seconds())
    last = clock.local(now).date()
    first = last - timedelta(days=days - 1)
    latest = now - timedelta(minutes=30)  # a session's events all fall before now
    _days(con, days, first, round(events / SESSION_EVENTS * 1.02))
    run = con.execute
    run(SESSIONS.format(pool=POOL, customers=CUSTOMERS, offset=offset, latest=latest))
    union = " UNION ALL BY NAME ".join(f"({p})" for p in _pieces(f"TIMESTAMP '{now}'"))
    run(f"CREATE TEMP TABLE ev AS {_typed(con, union, offset)}")
    (made,) = run("SELECT count(*) FROM ev").fetchone() or (0,)
    left = events - made
    if left < 0:
        raise RuntimeError(f"{made:,} events before the other page views: above {events:,}")
    pages = OTHER_PAGES.format(pages=PAGES, n_pages=len(PAGES), left=left)
    run(f"INSERT INTO ev {_typed(con, pages, offset)}")
    return offset, first, last


def _write_parquet(con: DuckDBPyConnection, events: Path, offset: int, files_per_day: int,
                   cutoff: datetime) -> int:
    """One file per day and slice of the day, named as compaction names its batches."""
    part = f"CAST(floor(epoch(occurred_at + to_seconds({offset})) % 86400 * {files_per_day} " \
           "/ 86400) AS INTEGER)"
    rows = (f"SELECT {STORED}, day, {part} AS part FROM ev "
            f"WHERE occurred_at < TIMESTAMP '{cutoff}' ORDER BY occurred_at")
    con.execute(
        f"COPY ({rows}) TO {literal(events)} (FORMAT PARQUET, PARTITION_BY (day, part))")
    stamp = datetime(2026, 1, 1).strftime("%Y%m%dT%H%M%S")
    files = 0
    for folder in sorted(events.glob("day=*/part=*")):
        for n, f in enumerate(sorted(folder.glob("*.parquet"))):
            f.rename(folder.parent / f"{stamp}-{int(folder.name[5:]):04d}{n:02d}.parquet")
            files += 1
        folder.rmdir()
    return files


def _write_segments(con: DuckDBPyConnection, incoming: Path, cutoff: datetime,
                    segments: int) -> int:
    """The tail as `segments` NDJSON files, two workers' recorders taking turns."""
    cur = con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM ev WHERE occurred_at >= TIMESTAMP '{cutoff}' "
        "ORDER BY occurred_at")
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in cur.fetchall()]
    incoming.mkdir(parents=True, exist_ok=True)
    n = min(segments, len(rows))
    for i in range(n):
        chunk = rows[len(rows) * i // n: len(rows) * (i + 1) // n]
        worker = i % 2
        name = f"{4000 + worker}-{'b' * 11}{worker}-{i // 2 + 1:08d}.ndjson"
        (incoming / name).write_bytes(b"\n".join(map(orjson.dumps, chunk)) + b"\n")
    return len(rows)


def build(root: Path, events: int = 10_000_000, days: int = 120, files_per_day: int = 4,
          segments: int = 300, tail: int = 6_000, now: datetime | None = None) -> Built:
    """A fresh lake in `root` (emptied first)."""
    started = time.perf_counter()
    shutil.rmtree(root, ignore_errors=True)
    (root / "events").mkdir(parents=True)
    now = now or clock.utcnow().replace(microsecond=0)
    with connect() as con:
        con.execute(f"SET temp_directory = {literal(root / '.tmp')}")
        offset, first, last = _generate(con, events, days, now)
        row = con.execute("SELECT occurred_at FROM ev ORDER BY occurred_at DESC "
                          f"LIMIT 1 OFFSET {max(tail - 1, 0)}").fetchone()
        cutoff = row[0] if row and tail else now + timedelta(days=1)
        files = _write_parquet(con, root / "events", offset, files_per_day, cutoff)
        in_segments = _write_segments(con, root / "incoming", cutoff, segments) if tail else 0
    shutil.rmtree(root / ".tmp", ignore_errors=True)
    return Built(events, events - in_segments, in_segments, files,
                 min(segments, in_segments), first, last, time.perf_counter() - started)


def size_on_disk(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
