"""The checkout benches' tables and notes, printed as markdown like the other benches."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from bench import capture, driver, flash, mixed

if TYPE_CHECKING:
    from bench.checkout import Load, Results


def row(backend: str, r: Load, ceiling: float | None) -> str:
    o, c = r.tally.ms.get("order POST", []), r.tally.ms.get("checkout", [])
    cells = [
        backend,
        r.buyers,
        f"{r.rate:,.1f}",
        *(f"{driver.pct(o, q):.1f}" for q in (50, 95, 99)),
        *(f"{driver.pct(c, q):.1f}" for q in (50, 95, 99)),
        f"{100 * r.rate / ceiling:.0f}%" if ceiling else "n/a",
        r.tally.non2xx(),
        *(f"{100 * x:.0f}%" for x in (r.driver_cpu, r.server_cpu)),
        _pg_cpu(backend, r),
        f"{max(100 * r.other_cpu, 0):.0f}%",  # a point below 0 is sampling noise
    ]
    return "| " + " | ".join(str(x) for x in cells) + " |"


def _pg_cpu(backend: str, r: Load) -> str:
    if backend == "SQLite":
        return "-"
    share = f"{max(100 * r.pg_cpu, 0):.0f}%"
    return f"≥ {share}²" if r.pg_connects > 0 else share


HEADER = (
    "| backend | buyers | checkouts/s | order POST p50 ms | p95 | p99 | whole checkout p50 ms "
    "| p95 | p99 | vs raw ceiling | non-2xx | driver CPU | uvicorn CPU | postgres CPU "
    "| other CPU¹ |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def _sql_summary(co: capture.Checkout) -> str:
    parts = []
    for name, steps in co.requests:
        stmts = sum(isinstance(st, capture.Stmt) for st in steps)
        txs = sum(st in (capture.COMMIT, capture.ROLLBACK) for st in steps)
        parts.append(f"{name} {stmts} statements / {txs} transactions")
    return "; ".join(parts) + f"; {co.pool_checkouts} pool checkouts"


def _aims(results: list[Results]) -> str:
    out = []
    for r in results:
        for load, raw in zip(r.loads, r.raws, strict=True):
            share = load.rate / raw.rate if raw.rate else 0
            p95 = driver.pct(load.tally.ms.get("order POST", []), 95)
            met = share >= 0.4 and p95 < 300
            out.append(
                f"{r.backend} ×{load.buyers}: {100 * share:.0f}%, p95 {p95:.0f} ms "
                f"→ {'met' if met else '**not met**'}"
            )
    return "; ".join(out)


def _tables(results: list[Results]) -> None:
    print(HEADER)
    for r in results:
        for load, raw in zip(r.loads, r.raws, strict=True):
            print(row(r.backend, load, raw.rate))
    print(
        "\nCPU columns: share of one core during the timed run (the machine has "
        f"{os.cpu_count()}). ¹ everything else on the machine meanwhile: other users' "
        "processes, PostgreSQL's background writers, the kernel. ² PostgreSQL connections "
        "were opened and closed during the run (pool overflow): the CPU of backends that "
        "exited is not counted, so the figure is a lower bound and 'other' is too high."
    )
    print(
        "\n| raw ceiling | clients | checkouts/s | whole checkout p50 ms | p95 ms | p99 ms "
        "| failed | machine CPU³ |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        how = "sqlite3 module, N threads" if r.backend == "SQLite" else "pgbench -M prepared"
        for raw, busy in zip(r.raws, r.raw_busy_cpu, strict=True):
            print(
                f"| {r.backend} ({how}) | {raw.clients} | {raw.rate:,.1f} | {raw.p50_ms:.1f} | "
                f"{raw.p95_ms:.1f} | {raw.p99_ms:.1f} | {raw.failed} | {100 * busy:.0f}% |"
            )
    print(
        "\n³ the whole machine (every process, the replay included) during the timed run; "
        f"{100 * (os.cpu_count() or 1)}% is every core busy."
    )
    _floor_table(results)
    print("\n" + flash.HEADER)
    for r in results:
        for race in r.races:
            print(flash.row(r.backend, race))


def _floor_table(results: list[Results]) -> None:
    print(
        "\n| stack floor (bench/floor.py) | buyers | checkouts/s | order POST p95 ms "
        "| vs raw ceiling | Mercato vs floor | uvicorn CPU per checkout | non-2xx |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        for floor, load, raw in zip(r.floors, r.loads, r.raws, strict=True):
            p95 = driver.pct(floor.tally.ms.get("order POST", []), 95)
            per = 1000 * floor.server_cpu / floor.rate if floor.rate else float("nan")
            print(
                f"| {r.backend} | {floor.buyers} | {floor.rate:,.1f} | {p95:.1f} | "
                f"{100 * floor.rate / raw.rate:.0f}% | {100 * load.rate / floor.rate:.0f}% | "
                f"{per:.1f} ms | {floor.tally.non2xx()} |"
            )
    print(
        "\nThe floor answers the same three requests with a bare FastAPI app on the same "
        "uvicorn that only replays the captured SQL (no validation, logic, ORM or pool of "
        "ours): the most any app on this stack could do here."
    )


def _mixed_table(results: list[Results]) -> None:
    print(
        "\nMixed money path (bench/mixed.py): orders, sandbox payments and cancels over six "
        "shared SKUs, each answer timed; aim: 0 non-2xx, p95 < 300 ms\n"
    )
    print(mixed.HEADER)
    for r in results:
        if r.mixed is not None:
            print(r.mixed.row(r.backend))


def report(
    results: list[Results], load_before: tuple[float, ...], own: tuple[float, float]
) -> None:
    _tables(results)
    _mixed_table(results)
    print()
    rps, share = own
    print(
        "- Driver ceiling: alone against the bare FastAPI hello-world (2 workers, 32 "
        f"connections) it made {rps:,.0f} req/s using {100 * share:.0f}% of one core, "
        f"{1e6 * share / rps:.0f} µs CPU per request (a checkout is 3 requests)"
    )
    for r in results:
        for load in r.loads:
            per = 1000 * load.wall / max(load.checkouts, 1)
            pg = (
                f", postgres {max(per * load.pg_cpu, 0):.1f} ms"
                f"{' or more' if load.pg_connects else ''}; {load.pg_connects} PostgreSQL "
                f"connections opened in {load.wall:.0f} s"
            )
            workers = " + ".join(f"{100 * w:.0f}%" for w in load.worker_cpu)
            print(
                f"- {r.backend} ×{load.buyers}: CPU per checkout: uvicorn "
                f"{per * load.server_cpu:.1f} ms, driver {per * load.driver_cpu:.1f} ms"
                + ("" if r.backend == "SQLite" else pg)
                + f"; connections per worker {load.spread}, uvicorn processes {workers}"
            )
    for r in results:
        print(f"- {r.backend} SQL per checkout: {_sql_summary(r.captured[0])}")
        for load in r.loads:
            if load.tally.bad:
                print(f"- {r.backend} ×{load.buyers} non-2xx: {load.tally.bad_text()}")
        if r.mixed is not None and r.mixed.tally.bad:
            print(f"- {r.backend} mixed non-2xx: {r.mixed.tally.bad_text()}")
        for phase, found in r.errors.items():
            if found:
                top = "; ".join(f"{n}× {e}" for e, n in found.most_common(3))
                print(f"- {r.backend} server log, {phase}: {top}")
    print(f"- Aim (≥ 40% of the raw ceiling, order POST p95 < 300 ms): {_aims(results)}")
    print(
        f"- Load average before / after: {', '.join(f'{x:.1f}' for x in load_before)} / "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
