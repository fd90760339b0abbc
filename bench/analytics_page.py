"""`python -m bench.analytics_page` (also `make bench`; BENCH_ONLY=page runs only it): the
extra latency recording adds to a product page (issue 18), over real HTTP.

Two `mercato serve` (bench/servers.py, `make bench`'s demo shop, BENCH_WORKERS workers each)
run side by side on the same database, one with MERCATO_ANALYTICS_ENABLED=true (its lake in a
temporary folder), one with false. A Python asyncio client (wrk is not needed, and wrk
prints no p95) sends GET /p/<slug> as a returning visitor (a signed `mv` cookie, so each
request records a page_view and a product_view), over C keep-alive connections, in blocks of
BENCH_PAGE_BLOCK requests that alternate between the two servers (ABBA: drift cancels) until
each has answered BENCH_PAGE_REQUESTS; latency is from sending a request to its last body
byte. The client runs on the same cores as the servers, and its own time is in both arms;
the servers' own CPU time per request (their processes' user + system time over their
blocks, from /proc) is printed beside, as it does not depend on what else the cores do.

Environment: BENCH_PAGE_REQUESTS (6000 per server and concurrency), BENCH_PAGE_BLOCK (500),
BENCH_PAGE_CONNECTIONS ("1,16": one run per figure), BENCH_PAGE_AA (0; 1: the "on" server
records nothing either, an A/A run whose difference is the method's noise)."""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import servers
from bench.pages import PAGES
from bench.run import WORKERS, prepare
from mercato.analytics.adapters import lake as lakefiles
from mercato.analytics.adapters.lake import Lake
from mercato.platform import clock

ON_PORT, OFF_PORT = 8811, 8812
REQUESTS = int(os.environ.get("BENCH_PAGE_REQUESTS", "6000"))
BLOCK = int(os.environ.get("BENCH_PAGE_BLOCK", "500"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_PAGE_CONNECTIONS", "1,16").split(",")]
AA = os.environ.get("BENCH_PAGE_AA", "0") == "1"
PATH = PAGES["Product page"]


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """(status, head) of one response, its body read to the end (length or chunked)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    lower = head.lower()
    if b"transfer-encoding: chunked" in lower:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                return status, head
    at = lower.find(b"content-length:")
    length = int(lower[at + 15: lower.find(b"\r\n", at)]) if at >= 0 else 0
    await reader.readexactly(length)
    return status, head


def _request(cookie: str) -> bytes:
    return (f"GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 (bench)\r\n"
            f"Accept: text/html\r\nCookie: {cookie}\r\n\r\n").encode()


async def _visitor_cookie(port: int) -> str:
    """The `mv` cookie the recording server gives a first visit."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0\r\n"
                 "Connection: close\r\n\r\n".encode())
    _status, head = await _answer(reader)
    writer.close()
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"set-cookie: mv="):
            return line.split(b":", 1)[1].split(b";")[0].strip().decode()
    raise RuntimeError("the recording server set no visitor cookie")


async def _block(port: int, request: bytes, count: int, connections: int) -> tuple[list[float],
                                                                                    int]:
    """`count` requests over `connections` fresh keep-alive connections (each warmed by one
    request not counted): their latencies in ms and the answers other than 200."""
    latencies: list[float] = []
    bad = 0

    async def client(n: int) -> None:
        nonlocal bad
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        await _answer(reader)
        for _ in range(n):
            started = time.perf_counter()
            writer.write(request)
            status, _head = await _answer(reader)
            latencies.append((time.perf_counter() - started) * 1000)
            bad += status != 200
        writer.close()

    shares = [count // connections + (i < count % connections) for i in range(connections)]
    await asyncio.gather(*(client(n) for n in shares))
    return latencies, bad


@dataclass
class Arm:
    latencies: list[float] = field(default_factory=list)  # ms
    bad: int = 0  # answers other than 200
    cpu: float = 0.0  # the server's processes' CPU seconds over its blocks


def server_cpu(group: int) -> float:
    """CPU seconds (user + system) of the processes in process group `group` (a server and
    its workers, bench/servers.py starts each in its own session), from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == group:  # pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def _compare(request: bytes, connections: int, groups: dict[str, int]) -> dict[str, Arm]:
    found = {"on": Arm(), "off": Arm()}
    ports = {"on": ON_PORT, "off": OFF_PORT}
    for i in range(max(1, REQUESTS // BLOCK)):
        for arm in ("on", "off") if i % 2 == 0 else ("off", "on"):
            cpu = server_cpu(groups[arm])
            lat, bad = await _block(ports[arm], request, BLOCK, connections)
            found[arm].cpu += server_cpu(groups[arm]) - cpu
            found[arm].latencies += lat
            found[arm].bad += bad
    return found


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def _recorded(lake: Path) -> int:
    source = lakefiles.union(Lake(lake), None, clock.today())
    return int(lakefiles.fetch(f"SELECT count(*) FROM ({source})", [])[0][0]) if source else 0


def _table(results: dict[int, dict[str, Arm]]) -> None:
    print("| connections | analytics | requests | p50 ms | p95 ms | p99 ms | mean ms | "
          "server CPU ms/request | non-200 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for c, found in results.items():
        for name in ("off", "on"):
            arm = found[name]
            lat = arm.latencies
            print(f"| {c} | {name} | {len(lat):,} | {pct(lat, 50):.2f} | {pct(lat, 95):.2f} | "
                  f"{pct(lat, 99):.2f} | {statistics.fmean(lat):.2f} | "
                  f"{arm.cpu * 1000 / len(lat):.3f} | {arm.bad} |")
        on, off = found["on"], found["off"]
        a, b = on.latencies, off.latencies
        print(f"| {c} | **added** | | {pct(a, 50) - pct(b, 50):+.2f} | "
              f"{pct(a, 95) - pct(b, 95):+.2f} | {pct(a, 99) - pct(b, 99):+.2f} | "
              f"{statistics.fmean(a) - statistics.fmean(b):+.2f} | "
              f"{(on.cpu / len(a) - off.cpu / len(b)) * 1000:+.3f} | |")


def _pid(server: servers.Server) -> int:
    assert server.proc is not None
    return server.proc.pid


def main() -> None:
    env = prepare()
    print(f"\n# Analytics: what recording adds to a product page — "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}, `mercato serve --workers {WORKERS}` ×2 (on, off), "
          f"asyncio HTTP/1.1 client on the same cores, GET {PATH}, load average "
          f"{os.getloadavg()[0]:.1f} at start" + (" — A/A RUN: both servers off" if AA else "")
          + "\n")
    with tempfile.TemporaryDirectory(prefix="bench-page-") as folder:
        lake = Path(folder) / "lake"
        on = {**env, "MERCATO_ANALYTICS_ENABLED": "false" if AA else "true",
              "MERCATO_ANALYTICS_LAKE": str(lake)}
        off = {**env, "MERCATO_ANALYTICS_ENABLED": "false",
               "MERCATO_ANALYTICS_LAKE": str(Path(folder) / "unused")}
        results = {}
        with servers.mercato(ON_PORT, WORKERS, on) as a, \
                servers.mercato(OFF_PORT, WORKERS, off) as b:
            groups = {"on": _pid(a), "off": _pid(b)}
            cookie = "mv=" + "0" * 49 if AA else asyncio.run(_visitor_cookie(ON_PORT))
            for c in CONNECTIONS:
                results[c] = asyncio.run(_compare(_request(cookie), c, groups))
        _table(results)
        sent = sum(len(found["on"].latencies) for found in results.values())
        print(f"\nEvents recorded by the recording server (written at shutdown if not before): "
              f"{_recorded(lake):,} (2 per product page: {sent:,} timed pages, plus the "
              f"warm-up and cookie requests)")


if __name__ == "__main__":
    main()
