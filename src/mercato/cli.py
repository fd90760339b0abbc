"""The `mercato` command: serve, worker, jobs, migrate, demo, import, export, create-staff."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import Bus
from mercato.platform.settings import Settings, get_settings

app = typer.Typer(help="Mercato e-commerce platform", no_args_is_help=True)
import_app = typer.Typer(help="Import products or stock from CSV")
export_app = typer.Typer(help="Export products or stock to CSV")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
jobs_app = typer.Typer(help="Periodic background jobs")
app.add_typer(jobs_app, name="jobs")
console = Console()
err = Console(stderr=True)


def _settings() -> Settings:
    try:
        settings = get_settings()
    except ValueError as exc:
        err.print(f"[red]Configuration error:[/red] {exc}")
        raise typer.Exit(2) from exc
    clock.set_zone(settings.time_zone)  # jobs and exports speak the shop's local days
    return settings


def _db() -> Database:
    return Database(_settings().database_url)


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (Alembic)."""
    from mercato.catalog.public import refresh_search_index
    from mercato.platform.migrate import upgrade

    settings = _settings()
    upgrade(settings.database_url)
    with Database(settings.database_url).transaction() as tx:
        indexed = refresh_search_index(tx)
    if indexed is not None:
        console.print(f"Search index rebuilt for {indexed} products.")
    console.print("[green]Database is up to date.[/green]")


@app.command()
def reindex() -> None:
    """Index every product for search again (after a restore or a bulk change by hand)."""
    from mercato.catalog.public import reindex_search

    with _db().transaction() as tx:
        indexed = reindex_search(tx)
    console.print(f"[green]Search index rebuilt for {indexed} products.[/green]")


@app.command()
def demo() -> None:
    """Load the demo shop (once: running it again changes nothing)."""
    from mercato.demo.loader import load_demo

    settings = _settings()
    with Progress(console=console, transient=False) as progress:
        task = progress.add_task("Loading demo shop", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        loaded = load_demo(
            Database(settings.database_url), Path(settings.media_dir), step, staff=settings.demo
        )
    console.print(
        "[green]Demo shop loaded.[/green]"
        if loaded
        else "Demo shop already present: nothing to do."
    )


@app.command()
def serve(
    host: str = "127.0.0.1", port: int = 8000, workers: int = 1, reload: bool = False
) -> None:
    """Serve the storefront, /admin and /api/v1."""
    import uvicorn

    _settings()
    console.print(f"Mercato on http://{host}:{port}  (admin: /admin, API: /api/v1/docs)")
    uvicorn.run(
        "mercato.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        access_log=False,
        log_level="warning",
    )


@app.command("create-staff")
def create_staff(
    email: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    name: str = "",
    superuser: bool = False,
) -> None:
    """Create a staff account for /admin and the staff API."""
    from mercato.access import services
    from mercato.kernel.errors import DomainError

    try:
        with _db().transaction() as tx:
            services.create_staff(tx, email, password, name, superuser)
    except DomainError as exc:
        err.print(f"[red]{exc.code}[/red] ({exc.field}): {exc.message}")
        raise typer.Exit(1) from exc
    console.print(f"[green]Staff account {email} created.[/green]")


def _run_import(kind: str, file: Path, skip_errors: bool) -> None:
    from mercato.catalog.services import csv_io
    from mercato.inventory import csv_io as stock_csv

    if not file.is_file():
        err.print(f"[red]No such file:[/red] {file}")
        raise typer.Exit(2)
    data = file.read_bytes()
    importer = csv_io.import_products if kind == "products" else stock_csv.import_stock
    with Progress(console=console) as progress:
        task = progress.add_task(f"Importing {kind}", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        with _db().transaction() as tx:
            report = importer(tx, data, skip_errors=skip_errors, progress=step, actor="cli")
    for e in report.errors:
        err.print(f"line {e.line}: {e.field}: {e.reason}")
    console.print(
        f"{report.written} written, {len(report.errors)} bad rows"
        + ("" if report.written or not report.errors else " — nothing written")
    )
    if report.errors and not skip_errors:
        raise typer.Exit(1)


@import_app.command("products")
def import_products(file: Path, skip_errors: bool = False) -> None:
    """Products and SKUs from CSV; any bad row means nothing is written unless --skip-errors."""
    _run_import("products", file, skip_errors)


@import_app.command("stock")
def import_stock(file: Path, skip_errors: bool = False) -> None:
    """Stock counts (sku_code, warehouse_code, on_hand) from CSV."""
    _run_import("stock", file, skip_errors)


def _export(kind: str, file: Path | None) -> None:
    from mercato.catalog.services import csv_io
    from mercato.inventory import csv_io as stock_csv

    exporter = csv_io.export_products if kind == "products" else stock_csv.export_stock
    with _db().reading() as tx:
        data = exporter(tx)
    if file is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        file.write_bytes(data)
        console.print(f"Wrote {file}")


@export_app.command("products")
def export_products(file: Annotated[Path | None, typer.Argument()] = None) -> None:
    """Products and SKUs as CSV (the same columns the importer reads)."""
    _export("products", file)


@export_app.command("stock")
def export_stock(file: Annotated[Path | None, typer.Argument()] = None) -> None:
    """Stock per SKU and warehouse as CSV."""
    _export("stock", file)


def _bus() -> Bus:
    from mercato import bootstrap

    bus = Bus()
    bootstrap.wire_bus(bus, _settings())
    return bus


def _where(url: str) -> str:
    """The broker's address without its credentials, for the console."""
    from urllib.parse import urlsplit

    if not url:
        return "the in-process broker"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


@app.command()
def worker(threads: int = 8) -> None:
    """Relay the outbox, handle events and run periodic jobs on MERCATO_BROKER_URL. With
    RabbitMQ or Redis several worker processes may run side by side."""
    import signal
    import threading

    from mercato.platform.queue import Runtime

    settings = _settings()
    db = Database(settings.database_url)
    runtime = Runtime(
        db,
        _bus(),
        settings.broker_url,
        consume=True,
        threads=threads,
        namespace=settings.queue_namespace,
    )
    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    try:
        runtime.start()
        where = _where(settings.broker_url)
        console.print(f"Mercato worker on {where} (Ctrl-C stops)", highlight=False)
        while not stop.wait(1):
            pass
    finally:
        runtime.stop()  # finishes the messages in hand
        db.engine.dispose()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    console.print("Worker stopped.")


@jobs_app.command("list")
def jobs_list() -> None:
    """The periodic jobs and how often they run."""
    for job in sorted(_bus().jobs.values(), key=lambda j: j.name):
        console.print(f"{job.name}  every {job.seconds:g} s", highlight=False)


@jobs_app.command("run")
def jobs_run(name: str) -> None:
    """Run one periodic job now, in this process."""
    bus = _bus()
    if name not in bus.jobs:
        known = ", ".join(sorted(bus.jobs)) or "none"
        err.print(f"[red]No job named {name}.[/red] Known jobs: {known}", highlight=False)
        raise typer.Exit(2)
    bus.run_job(_db(), name)
    console.print(f"[green]Job {name} done.[/green]")


def main() -> None:
    app()
