"""The ASGI application: storefront, /admin and /api/v1 in one process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.middleware.gzip import GZipMiddleware

from mercato import bootstrap
from mercato.access.public import LoginRequired
from mercato.catalog import search_terms
from mercato.platform import clock
from mercato.platform.db import THREADS, Database
from mercato.platform.outbox import Bus
from mercato.platform.queue import Runtime
from mercato.platform.settings import Settings, get_settings
from mercato.web import errors
from mercato.web.static import CachedStatic
from mercato.web.templating import make_templates

FAVICON = Path(__file__).parent / "web" / "static" / "favicon.ico"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Fewer threads than pooled connections: a few hot read endpoints run their small queries
    # on the event loop and must always find a free connection.
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    # Load jieba's dictionary now (about a second), not inside the first shopper's search.
    await anyio.to_thread.run_sync(search_terms.warm)
    runtime = await anyio.to_thread.run_sync(_start_runtime, app)
    office = getattr(app.state, "post_office", None)  # the demo's fake SMTP relay
    if office is not None:
        office.start()
    yield
    if office is not None:
        office.stop()
    if runtime is not None:
        await anyio.to_thread.run_sync(runtime.stop)
    app.state.db.engine.dispose()


def _start_runtime(app: FastAPI) -> Runtime | None:
    """The outbox relay and periodic jobs (and, with the embedded broker, the event worker)."""
    if not app.state.settings.jobs:
        return None
    bus = Bus()
    bootstrap.wire_bus(bus, app.state.settings)
    settings = app.state.settings
    runtime = Runtime(app.state.db, bus, settings.broker_url, namespace=settings.queue_namespace)
    runtime.start()
    app.state.bus, app.state.runtime = bus, runtime
    return runtime


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Mercato API",
        version="1.0",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.db = db or Database(settings.database_url, echo=settings.debug_sql)
    app.state.bus = app.state.runtime = None  # set by the lifespan when settings.jobs
    app.state.templates = make_templates(bootstrap.template_dirs())
    clock.set_zone(settings.time_zone)
    errors.install(app)
    # Outermost: pages, CSS and JS reach a phone on 3G in a quarter of their bytes (a 60 KB
    # first screen is ~300 ms of Good 3G uncompressed); clients that ask for no encoding
    # (wrk, curl) get the plain body at no cost.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if errors.wants_json(request):
            return errors.render_error(request, 401, exc.code, exc.message)
        back = request.url.path if request.method == "GET" else "/admin"
        if request.method == "GET" and request.url.query:
            back += "?" + request.url.query
        return RedirectResponse("/admin/login?" + urlencode({"next": back}), status_code=303)

    @app.get("/favicon.ico", include_in_schema=False)
    async def _favicon() -> Response:
        # Browsers ask for it at the root whatever the page links: the shop's mark, a week.
        return FileResponse(FAVICON, headers={"Cache-Control": "public, max-age=604800"})

    _mount_files(app, settings)
    for router in bootstrap.routers():
        app.include_router(router)
    bootstrap.wire_app(app, settings)
    return app


def _mount_files(app: FastAPI, settings: Settings) -> None:
    Path(settings.media_dir).mkdir(parents=True, exist_ok=True)
    app.mount(
        "/static", CachedStatic(directory=Path(__file__).parent / "web" / "static"), name="static"
    )
    app.mount("/media", CachedStatic(directory=settings.media_dir), name="media")
