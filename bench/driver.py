"""A small asyncio HTTP/1.1 client for the checkout benches: keep-alive connections, JSON bodies,
Content-Length framing only (what uvicorn sends for JSON). It costs far less CPU per request than
httpx, which matters because it shares the two cores with the servers; `cpu_seconds` lets each
bench report what the driver itself used."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._r: asyncio.StreamReader | None = None
        self._w: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        if self._r is None or self._w is None:
            self._r, self._w = await asyncio.open_connection(self.host, self.port)

    async def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        await self.open()
        assert self._r is not None and self._w is not None
        # bytes go as they are (a provider's signed notification), anything else as JSON
        data = (
            body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        )
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(data)}",
        ]
        if body is not None:
            head.append("Content-Type: application/json")
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self._w.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        raw = await self._r.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = next(
            (
                int(v)
                for k, _, v in (ln.partition(":") for ln in lines[1:])
                if k.strip().lower() == "content-length"
            ),
            None,
        )
        if length is None:
            raise RuntimeError(f"{method} {path}: response without Content-Length")
        return status, await self._r.readexactly(length)

    def close(self) -> None:
        if self._w is not None:
            self._w.close()
        self._r = self._w = None


def _owner(server_port: int, local_port: int) -> int | None:
    """The pid of the server process holding the far end of our connection, once accepted."""
    cmd = [
        "ss",
        "-Htnp",
        "state",
        "established",
        f"( sport = :{server_port} and dport = :{local_port} )",
    ]
    found = re.search(r"pid=(\d+)", subprocess.run(cmd, capture_output=True, text=True).stdout)
    return int(found.group(1)) if found else None


async def _accepted_by(server_port: int, conn: Connection) -> int | None:
    assert conn._w is not None
    local = conn._w.get_extra_info("sockname")[1]
    for _ in range(40):
        owner = _owner(server_port, local)
        if owner is not None:
            return owner
        await asyncio.sleep(0.005)
    return None


async def connect(port: int, n: int, workers: int) -> tuple[list[Connection], str]:
    """`n` open connections; with `workers`, no worker holds more than its share (a connection
    that lands on a full worker is closed and made again). Returns them and the split."""
    conns: list[Connection] = []
    per: Counter[int] = Counter()
    cap = -(-n // workers) if workers else n
    for _ in range(40 * n):
        if len(conns) == n:
            break
        conn = Connection("127.0.0.1", port)
        await conn.open()
        owner = await _accepted_by(port, conn) if workers else 0
        if owner is not None and per[owner] >= cap:
            conn.close()
            continue
        per[owner or 0] += 1
        conns.append(conn)
    if len(conns) < n:
        raise SystemExit(f"could not spread {n} connections over {workers} workers: {per}")
    return conns, "+".join(str(k) for k in sorted(per.values(), reverse=True))


def json_of(body: bytes) -> Any:
    return json.loads(body)


def error_code(body: bytes) -> str:
    try:
        return str(json.loads(body)["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return body[:60].decode("utf-8", "replace")


@dataclass
class Tally:
    """Latencies in ms per step, and every non-2xx answer by (step, status, error code)."""

    ms: dict[str, list[float]] = field(default_factory=dict)
    bad: Counter[tuple[str, int, str]] = field(default_factory=Counter)

    def lap(self, step: str, started: float) -> None:
        self.ms.setdefault(step, []).append((time.perf_counter() - started) * 1000)

    def add(self, step: str, started: float, status: int, body: bytes) -> bool:
        self.lap(step, started)
        if status // 100 != 2:
            self.bad[(step, status, error_code(body))] += 1
            return False
        return True

    def non2xx(self) -> int:
        return sum(self.bad.values())

    def bad_text(self) -> str:
        return ", ".join(f"{n}× {s} {st} {c}" for (s, st, c), n in self.bad.most_common()) or "-"


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def _ticks(pid: int) -> tuple[int, int]:
    """(process group, utime + stime ticks) from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        raw = f.read().decode("latin-1")
    rest = raw[raw.rindex(")") + 2 :].split()
    return int(rest[2]), int(rest[11]) + int(rest[12])


def _cmdline(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode("latin-1")


def cpu_seconds(pgid: int | None = None, cmdline: str | None = None) -> float:
    """CPU seconds used so far by the live processes of a process group, or whose command
    line contains `cmdline` (a PostgreSQL backend shows its database name there)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            group, ticks = _ticks(int(entry))
            if (pgid is not None and group == pgid) or (
                cmdline is not None and cmdline in _cmdline(int(entry))
            ):
                total += ticks
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total / os.sysconf("SC_CLK_TCK")


def cpu_by_pid(pgid: int) -> dict[int, float]:
    """CPU seconds so far of each live process of a process group."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                group, ticks = _ticks(int(entry))
            except (OSError, ValueError, IndexError):
                continue
            if group == pgid:
                out[int(entry)] = ticks / os.sysconf("SC_CLK_TCK")
    return out


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (all cores, every process)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


async def _hammer(port: int, path: str, until: float) -> int:
    conn, n = Connection("127.0.0.1", port), 0
    while time.perf_counter() < until:
        await conn.request("GET", path)
        n += 1
    conn.close()
    return n


def own_ceiling(
    port: int, path: str, connections: int = 32, seconds: float = 5
) -> tuple[float, float]:
    """Requests/s this driver reaches against a trivial endpoint, and the share of one core
    it used doing so: what the driver itself can do and costs on these cores."""

    async def go() -> tuple[int, float]:
        start = time.perf_counter()
        done = await asyncio.gather(
            *(_hammer(port, path, start + seconds) for _ in range(connections))
        )
        return sum(done), time.perf_counter() - start

    cpu = time.process_time()
    n, wall = run(go())
    return n / wall, (time.process_time() - cpu) / wall


def run(coro: Any) -> Any:
    try:
        import uvloop

        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)
