"""`python -m bench.dashboard` (also part of `make bench`; BENCH_ONLY=dashboard runs only it):
the admin home (GET /admin) through the real app (`mercato serve`, one worker, a signed-in
owner, requests one after another) on a scratch database of each backend, first with 1,000
orders, then with 100,000 — beside, in the same run, a bare admin page of the same app
(GET /admin/password: sign-in check and the admin layout, no figures) and the bare
`SELECT count(*) FROM orders_order` on its own connection.

The rows are written in bulk (bench/dashboard_data.py), not through the services: the
orders of the last 90 days up to now, so the dashboard's 60-day span holds two thirds of them
(a dense shop: its worst case).

Environment: BENCH_DASHBOARD_DB (sqlite,postgresql), BENCH_DASHBOARD_ORDERS (100000),
BENCH_DASHBOARD_REQUESTS (40), BENCH_PG_URL (a server where a scratch database is made)."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass

import httpx
from sqlalchemy import text

from bench import servers, shop
from bench.dashboard_data import DAYS, STAFF, add_orders, analyze, scratch, seed_catalogue
from bench.run import DATA
from mercato.platform.db import Database

ORDERS = int(os.environ.get("BENCH_DASHBOARD_ORDERS", "100000"))
FIRST = 1_000
REQUESTS = int(os.environ.get("BENCH_DASHBOARD_REQUESTS", "40"))
PORT = 8803
PAGES = ("/admin", "/admin?period=7d", "/admin?period=30d&top=units")


@dataclass(frozen=True)
class Timing:
    p50: float
    p95: float

    @classmethod
    def of(cls, ms: list[float]) -> Timing:
        ms = sorted(ms)
        return cls(statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))])


def pages(url: str, paths: tuple[str, ...]) -> Timing:
    """p50/p95 of GET `paths` in turn (REQUESTS of them after 5 to warm up), signed in."""
    env = {
        "MERCATO_DATABASE_URL": url,
        "MERCATO_MEDIA_DIR": str(DATA / "media"),
        "MERCATO_JOBS": "false",
        "MERCATO_SANDBOX_SMTP_PORT": str(PORT + 1000),
    }
    log = DATA / "dashboard-server.log"
    client = httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=60)
    with servers.mercato(PORT, 1, env, log), client:
        r = client.post("/admin/login", data={"email": STAFF[0], "password": STAFF[1]})
        if r.status_code != 303:
            raise SystemExit(f"bench staff could not sign in: {r.status_code}")
        ms = []
        for n in range(REQUESTS + 5):
            path = paths[n % len(paths)]
            t = time.perf_counter()
            r = client.get(path)
            if r.status_code != 200:
                raise SystemExit(f"GET {path}: {r.status_code}")
            if n >= 5:
                ms.append(1000 * (time.perf_counter() - t))
    return Timing.of(ms)


def count_star(db: Database) -> Timing:
    ms = []
    with db.engine.connect() as conn:
        for _ in range(REQUESTS):
            t = time.perf_counter()
            conn.execute(text("SELECT count(*) FROM orders_order")).scalar()
            ms.append(1000 * (time.perf_counter() - t))
    return Timing.of(ms)


def run_backend(backend: str) -> list[tuple[str, int, Timing, Timing, Timing]]:
    rows = []
    with scratch(backend) as url:
        db = Database(url)
        skus = seed_catalogue(db)
        for first, count in ((1, FIRST), (FIRST + 1, ORDERS - FIRST)):
            add_orders(db, first, count, skus)
            analyze(db)
            n = first + count - 1
            rows.append(
                (backend, n, pages(url, PAGES), pages(url, ("/admin/password",)), count_star(db))
            )
        db.engine.dispose()
    return rows


def main() -> None:
    wanted = [
        b.strip() for b in os.environ.get("BENCH_DASHBOARD_DB", "sqlite,postgresql").split(",")
    ]
    print(
        f"\n# Admin home (GET /admin) — {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, 1 worker, {REQUESTS} "
        f"requests one after another (5 to warm up), orders of the last {DAYS} days\n"
    )
    print(
        "| backend | orders | GET /admin p50 / p95 ms | bare admin page p50 / p95 ms "
        "| SELECT count(*) p50 / p95 ms |\n|---|---|---|---|---|"
    )
    for backend in wanted:
        name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[backend]
        if name == "PostgreSQL" and not shop.pg_reachable():
            print(f"(PostgreSQL at {shop.PG_SERVER} is not reachable: skipped)")
            continue
        for b, n, page, bare, count in run_backend(name):
            print(
                f"| {b} | {n:,} | {page.p50:.1f} / {page.p95:.1f} "
                f"| {bare.p50:.1f} / {bare.p95:.1f} | {count.p50:.2f} / {count.p95:.2f} |"
            )


if __name__ == "__main__":
    main()
