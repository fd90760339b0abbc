"""The ASGI application: storefront, /admin and /api/v1 in one process."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from mercato import bootstrap
from mercato.access.public import LoginRequired
from mercato.platform.db import Database
from mercato.platform.settings import Settings, get_settings
from mercato.web import errors
from mercato.web.static import CachedStatic
from mercato.web.templating import make_templates


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Mercato API",
        version="1.0",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = db or Database(settings.database_url, echo=settings.debug_sql)
    app.state.templates = make_templates(bootstrap.template_dirs())
    errors.install(app)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if errors.wants_json(request):
            return errors.render_error(request, 401, exc.code, exc.message)
        back = request.url.path if request.method == "GET" else "/admin"
        return RedirectResponse(f"/admin/login?next={back}", status_code=303)

    Path(settings.media_dir).mkdir(parents=True, exist_ok=True)
    app.mount(
        "/static", CachedStatic(directory=Path(__file__).parent / "web" / "static"), name="static"
    )
    app.mount("/media", CachedStatic(directory=settings.media_dir), name="media")
    for router in bootstrap.routers():
        app.include_router(router)
    return app
