"""The raw ceiling on PostgreSQL: pgbench replays the SQL captured from real checkouts (see
bench/capture.py and bench/replay.py) with the same concurrency. Client i replays buyer i's
checkout: the token check and the two cart adds, each in its own transaction as the app runs
them, then the order in ONE transaction; a fresh order number per run (`\\set`), the new
order's id read back with `\\gset`, executemany rows sent as one pipeline (psycopg's
executemany pipelines them too), prepared statements (psycopg prepares repeated ones too)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench import replay
from bench.capture import Checkout, Stmt
from bench.driver import pct

_PARAM = re.compile(r"%\((\w+)\)s|%%")


def literal(v: Any) -> str:
    """A SQL literal pgbench leaves alone: no ':' (it would read ':x' as a variable, even
    inside quotes), so strings are E'...' with ':' written as \\x3a."""
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float | Decimal):
        return str(v)
    if isinstance(v, datetime | date):
        v = v.isoformat(sep=" ") if isinstance(v, datetime) else v.isoformat()
    s = str(v).replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\x3a")
    return "E'" + s.replace("\n", "\\n").replace("\r", "\\r") + "'"


def _value(name: str, v: Any, co: Checkout) -> str:
    kind = replay.slot(name, v, co)
    if kind == replay.NUM:
        return ":num"
    if kind == replay.ORDER_ID:
        return ":o_id"
    if kind == replay.NUM_IN:
        parts = [literal(p) for p in replay.pieces(v, co)]
        return "(" + " || CAST(:num AS text) || ".join(parts) + ")"
    return literal(v)


def _render(s: Stmt, row: tuple[Any, ...], co: Checkout) -> str:
    values = dict(zip(s.names, row, strict=True))
    sql = _PARAM.sub(
        lambda m: "%" if m.group(0) == "%%" else _value(m.group(1), values[m.group(1)], co), s.sql
    )
    return sql + (" \\gset o_" if replay.is_order_insert(s) else ";")


def _lines(co: Checkout) -> list[str]:
    replay.check(co)
    out = []
    for _, steps in co.requests:
        for s in steps:
            if isinstance(s, str):
                out.append(s + ";")
            elif s.many:
                out += ["\\startpipeline", *(_render(s, r, co) for r in s.rows), "\\endpipeline"]
            else:
                out.append(_render(s, s.rows[0], co))
    return out


def script(checkouts: list[Checkout]) -> str:
    head = [
        "\\set seq :seq + 1",
        "\\set num 7000000000000000 + :base * 100000000000 + :client_id * 1000000000 + :seq",
    ]
    body = []
    for i, co in enumerate(checkouts):
        body.append(f"\\{'if' if i == 0 else 'elif'} :client_id = {i}")
        body += _lines(co)
    return "\n".join([*head, *body, "\\endif", ""])


def _latencies(prefix: Path) -> list[float]:
    ms = []
    for log in prefix.parent.glob(prefix.name + ".*"):
        for line in log.read_text().splitlines():
            ms.append(int(line.split()[2]) / 1000)  # "client tx time_us script ..."
    return ms


def pgbench(url: str, checkouts: list[Checkout], clients: int, seconds: float) -> replay.Raw:
    if shutil.which("pgbench") is None:
        raise SystemExit("pgbench is needed for the raw ceiling: apt-get install postgresql-client")
    with tempfile.TemporaryDirectory(prefix="mercato-pgbench-") as tmp:
        path = Path(tmp) / "checkout.sql"
        path.write_text(script(checkouts[:clients]), encoding="utf-8")
        prefix = Path(tmp) / "log"
        # -j 2: one pgbench thread per core; -D: the order number's counters (see script).
        options = f"-n -M prepared -c {clients} -j 2 -T {max(int(seconds), 1)} -D seq=0"
        cmd = ["pgbench", *options.split(), "-D", f"base={replay.next_base()}"]
        cmd += ["-f", str(path), "-l", f"--log-prefix={prefix}", url]
        done = subprocess.run(cmd, capture_output=True, text=True)
        tps = re.search(r"tps = ([\d.]+) \(without", done.stdout)
        if tps is None:
            raise SystemExit(f"pgbench failed:\n{done.stdout}\n{done.stderr}")
        failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
        aborted = len(re.findall(r"aborted", done.stderr))
        ms = _latencies(prefix)
    return replay.Raw(
        clients,
        float(tps.group(1)),
        pct(ms, 50),
        pct(ms, 95),
        pct(ms, 99),
        int(failed.group(1) if failed else 0) + aborted,
    )
