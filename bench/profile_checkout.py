"""`python -m bench.profile_checkout [sqlite|postgresql] [N]`: where one checkout's time goes.
The app runs in this process on a fresh copy of the bench shop, one buyer, no concurrency,
with every threadpool hop run inline so a sampling profiler sees the whole request. Prints the
mean in-process time of each request (no profiler), then a pyinstrument profile of N order
POSTs. pyinstrument is not a project dependency: `pip install pyinstrument` first (or put it
on PYTHONPATH)."""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from typing import Any

from bench import shop
from bench.run import DATA


async def _inline(func: Any, *args: Any, **_kw: Any) -> Any:
    return func(*args)


async def _checkout(client: Any, b: shop.Buyer, laps: dict[str, list[float]], prof: Any) -> None:
    auth = {"Authorization": f"Bearer {b.token}"}
    for sku in b.skus:
        t = time.perf_counter()
        r = await client.post(
            "/api/v1/cart/lines", json={"sku_id": sku, "quantity": 1}, headers=auth
        )
        laps["add to cart"].append(time.perf_counter() - t)
        assert r.status_code == 200, r.text
    body = {"address_id": b.address_id, "shipping_method": "sf"}
    if prof:
        prof.start()
    t = time.perf_counter()
    r = await client.post(
        "/api/v1/orders", json=body, headers={**auth, "Idempotency-Key": uuid.uuid4().hex}
    )
    laps["order POST"].append(time.perf_counter() - t)
    if prof:
        prof.stop()
    assert r.status_code == 201, r.text


async def _run(url: str, b: shop.Buyer, n: int) -> None:
    import httpx
    from pyinstrument import Profiler

    from mercato.app import create_app
    from mercato.platform.db import Database
    from mercato.platform.settings import Settings

    app = create_app(
        Settings(database_url=url, media_dir=DATA / "media", jobs=False), Database(url)
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        laps: dict[str, list[float]] = {"add to cart": [], "order POST": []}
        for _ in range(10):
            await _checkout(client, b, laps, None)  # warm: statement caches, first connects
        laps = {k: [] for k in laps}
        for _ in range(n):
            await _checkout(client, b, laps, None)
        for step, times in laps.items():
            print(
                f"- {step}: {1000 * sum(times) / len(times):.1f} ms in-process "
                "(mean, one request at a time, test client included)"
            )
        prof = Profiler(interval=0.0005)
        for _ in range(n):
            await _checkout(client, b, laps, prof)
        root = prof.last_session.root_frame() if prof.last_session else None
        if root is not None:
            print(_by_package(root))
        print(prof.output_text(unicode=True, color=False))


def _package(path: str | None) -> str:
    """'sqlalchemy', 'mercato', 'sqlite3', ... from a frame's file path."""
    if not path:
        return "(other)"
    parts = path.replace("\\", "/").split("/")
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if "mercato" in parts:
        return "mercato." + parts[parts.index("mercato") + 1].removesuffix(".py")
    return parts[-2] if len(parts) > 1 and parts[-2].startswith("python3") else parts[-1]


def _by_package(root: Any) -> str:
    """Self time by package: where the CPU goes, whatever the call path."""
    totals: dict[str, float] = {}
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.is_synthetic:  # "[self]" leaves: their time is in the parent's self time
            continue
        path = frame.file_path or ""
        key = f"C: {frame.function}" if path.startswith("<built-in") else _package(path)
        totals[key] = totals.get(key, 0.0) + frame.total_self_time
    whole = sum(totals.values()) or 1.0
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:14]
    return "\n".join(f"- self time in {k}: {100 * v / whole:.0f}%" for k, v in top)


def main() -> None:
    import anyio.to_thread

    # Sync endpoints and dependencies run inline, on the profiled thread.
    anyio.to_thread.run_sync = _inline  # type: ignore[assignment]
    backend = shop_backend(sys.argv[1] if len(sys.argv) > 1 else "sqlite")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with shop.database(backend) as url:
        s = shop.populate(backend, url, 1, 1)
        asyncio.run(_run(url, s.buyers[0], n))


def shop_backend(name: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[name]


if __name__ == "__main__":
    main()
