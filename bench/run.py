"""`make bench`: Mercato's product list API and product page under 32 concurrent clients,
beside a bare FastAPI hello-world measured the same way in the same run, then first-screen
time (LCP) of home, category and product pages in headless Chromium; then the checkout benches
(bench/checkout.py: orders through the HTTP API on SQLite and PostgreSQL, their raw SQL
ceiling, the flash race); then the admin home at 1,000 and 100,000 orders (bench/dashboard.py);
then logistics: allocating paid orders and Kuaidi100 tracking pushes (bench/logistics.py);
then the pricing pipeline with promotions (bench/promotions.py); then flash sales: 2,000
buyers for 100 units through HTTP on the Redis and the PostgreSQL seat paths, seats taken per
second in-process, beside `redis-benchmark` running the same script (bench/flashsale.py);
then recording analytics events (bench/analytics_record.py), the sales forecast's backtest
(bench/forecast_backtest.py), the data centre's queries over 10 million events
(bench/analytics_lake.py) and what recording adds to a product page (bench/analytics_page.py).
BENCH_ONLY=storefront, checkout, dashboard, logistics, promotions, flashsale, analytics,
forecast, lake or page runs just that part."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import urllib.request
from pathlib import Path

from bench import feedback, lcp, load, servers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "var" / "bench"
MERCATO_PORT, HELLO_PORT = 8801, 8802
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))


def prepare() -> dict[str, str]:
    """A demo shop in its own SQLite file (built once, reused on later runs)."""
    from mercato.demo.loader import load_demo
    from mercato.platform.db import Database
    from mercato.platform.migrate import upgrade

    DATA.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DATA / 'mercato.db'}")
    upgrade(url)
    load_demo(Database(url), DATA / "media", staff=False)
    return {"MERCATO_DATABASE_URL": url, "MERCATO_MEDIA_DIR": str(DATA / "media")}


def _get_json(url: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(url) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def _row(name: str, r: load.LoadResult, base: float) -> str:
    return (f"| {name} | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p90_ms:.1f} | {r.p99_ms:.1f} | "
            f"{100 * r.rps / base:.0f}% | {r.non2xx} |")


def main() -> None:
    # BENCH_ONLY=storefront, checkout (bench/checkout.py), dashboard (bench/dashboard.py),
    # logistics (bench/logistics.py), promotions, flashsale, analytics, forecast, lake or page
    # runs just that part.
    only = os.environ.get("BENCH_ONLY", "")
    if only in ("", "storefront"):
        storefront()
    if only in ("", "checkout"):
        from bench import checkout

        checkout.main()
    if only in ("", "dashboard"):
        from bench import dashboard

        dashboard.main()
    if only in ("", "logistics"):
        from bench import logistics

        logistics.main()
    if only in ("", "promotions"):  # bench/promotions.py: the pricing pipeline (issue 16)
        from bench import promotions

        promotions.main()
    if only in ("", "flashsale"):  # bench/flashsale.py: flash sales' two seat paths (issue 17)
        from bench import flashsale

        flashsale.main()
    # Issue 18: recording events (bench/analytics_record.py), the forecast's backtest, the
    # dashboard queries over 10M events (analytics_lake.py), recording's cost on a product page
    # (analytics_page.py).
    for part, module in (("analytics", "analytics_record"), ("forecast", "forecast_backtest"),
                         ("lake", "analytics_lake"), ("page", "analytics_page")):
        if only in ("", part):
            importlib.import_module(f"bench.{module}").main()


def storefront() -> None:
    env = prepare()
    base = f"http://127.0.0.1:{MERCATO_PORT}"
    print(f"# Mercato bench — {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {WORKERS} workers, "
          f"wrk -t2 -c32 -d{SECONDS}s (load generator on the same cores)\n")
    with servers.hello(HELLO_PORT, WORKERS):
        hello = load.wrk(f"http://127.0.0.1:{HELLO_PORT}/hello", seconds=SECONDS)
    with servers.mercato(MERCATO_PORT, WORKERS, env):
        listing = _get_json(f"{base}/api/v1/products?per_page=1")
        slug = listing["items"][0]["slug"]
        cats = _get_json(f"{base}/api/v1/categories")
        cat = cats[0]["children"][0]["slug"] if isinstance(cats, list) else \
            cats["items"][0]["children"][0]["slug"]
        runs = {
            "JSON product list (24/page)": f"{base}/api/v1/products?per_page=24",
            "JSON product list, category + sort": f"{base}/api/v1/products?category={cat}"
                                                  f"&sort=price_asc",
            "JSON product detail": f"{base}/api/v1/products/{slug}",
            "Home page (HTML)": f"{base}/",
            "Product page (HTML)": f"{base}/p/{slug}",
            "Search page (HTML)": f"{base}/search?q=%E7%B2%BE%E5%8D%8E",
            "Category page (HTML)": f"{base}/c/{cat}",
        }
        results = {name: load.wrk(url, seconds=SECONDS) for name, url in runs.items()}
        print("| workload | req/s | p50 ms | p90 ms | p99 ms | vs hello-world | non-2xx |")
        print("|---|---|---|---|---|---|---|")
        print(_row("bare FastAPI hello-world (baseline)", hello, hello.rps))
        for name, r in results.items():
            print(_row(name, r, hello.rps))
        first = lcp.measure([f"{base}/", f"{base}/c/{cat}", f"{base}/p/{slug}"])
        added = feedback.measure(f"{base}/p/{slug}")
    _first_screen(first, base)
    print()
    print("\n".join(feedback.table(added, base)))


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else "PASS" if ok else "MISS"


def _first_screen(first: list[lcp.Lcp], base: str) -> None:
    """LCP per page and device (the target is the throttled phone's), then each first
    screen's weight on the phone and the web fonts it asked for (there must be none)."""
    print("\n| page | device | throttled (Good 3G, 4x CPU) | LCP ms (median of 3) "
          "| target ms | result | HTML bytes |")
    print("|---|---|---|---|---|---|---|")
    for m in first:
        target = f"< {lcp.FIRST_SCREEN_MS}" if m.passed is not None else "—"
        print(f"| {m.url.removeprefix(base)} | {m.device} | {'yes' if m.throttled else 'no'}"
              f" | {m.lcp_ms:.0f} | {target} | {_verdict(m.passed)} | {m.bytes_html:,} |")
    print("\n| page (phone, throttled) | HTML+CSS+JS bytes as served (headers included) "
          "| HTML / CSS / JS | encoding | target | result | web fonts requested on the phone "
          "| result |")
    print("|---|---|---|---|---|---|---|---|")
    for m in first:
        if not (m.device == "phone" and m.throttled):
            continue
        fonts = {f for p in first if p.url == m.url and p.device == "phone" for f in p.fonts}
        split = " / ".join(f"{n / 1024:.1f}" for _kind, n in m.code_parts)
        print(f"| {m.url.removeprefix(base)} | {m.bytes_code:,} ({m.bytes_code / 1024:.1f} KB)"
              f" | {split} KB | {m.encodings} | < {lcp.FIRST_SCREEN_BYTES // 1024} KB"
              f" | {_verdict(m.bytes_code < lcp.FIRST_SCREEN_BYTES)}"
              f" | {', '.join(sorted(fonts)) or 'none'} | {_verdict(not fonts)} |")


if __name__ == "__main__":
    main()
