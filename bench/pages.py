"""`python -m bench.pages`: the storefront's server-rendered pages (home, category, product,
search) under 32 concurrent clients, warm, beside a bare FastAPI hello-world measured the
same way in the same run. Uses `make bench`'s demo shop (or BENCH_DATABASE_URL); pass other
paths as arguments to measure those instead."""

from __future__ import annotations

import os
import sys
import urllib.parse
import urllib.request

from bench import load, servers
from bench.run import HELLO_PORT, MERCATO_PORT, SECONDS, WORKERS, prepare

PAGES = {
    "Home page": "/",
    "Category page": "/c/face-cleansers",
    "Product page": "/p/chubai-clear-balance-rice-bran-cleansing-oil",
    "Search page": "/search?q=" + urllib.parse.quote("精华"),
}
WARM_UP = 5


def _warm(url: str) -> int:
    status = 0
    for _ in range(WARM_UP):
        with urllib.request.urlopen(url) as r:
            status = r.status
    return status


def main(paths: list[str]) -> None:
    pages = {p: p for p in paths} if paths else PAGES
    env = prepare()
    base = f"http://127.0.0.1:{MERCATO_PORT}"
    print(
        f"# Storefront pages — {os.cpu_count()} cores, {WORKERS} workers, "
        f"wrk -t2 -c32 -d{SECONDS}s (load generator on the same cores)\n"
    )
    with servers.hello(HELLO_PORT, WORKERS):
        hello = load.wrk(f"http://127.0.0.1:{HELLO_PORT}/hello", seconds=SECONDS)
    print("| page | req/s | p50 ms | p90 ms | p99 ms | vs hello-world | non-2xx |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| bare FastAPI hello-world | {hello.rps:,.0f} | {hello.p50_ms:.1f} | "
        f"{hello.p90_ms:.1f} | {hello.p99_ms:.1f} | 100% | {hello.non2xx} |"
    )
    with servers.mercato(MERCATO_PORT, WORKERS, env):
        for name, path in pages.items():
            _warm(base + path)  # the first view of a page renders it; the bench measures hits
            r = load.wrk(base + path, seconds=SECONDS)
            print(
                f"| {name} `{urllib.parse.unquote(path)}` | {r.rps:,.0f} | {r.p50_ms:.1f} | "
                f"{r.p90_ms:.1f} | {r.p99_ms:.1f} | {100 * r.rps / hello.rps:.0f}% | "
                f"{r.non2xx} |"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
