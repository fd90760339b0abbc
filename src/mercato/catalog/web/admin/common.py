"""Shared pieces of the catalogue admin pages: dependencies, redirects, form re-rendering."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import render_admin
from mercato.catalog.web.forms import FieldErrors
from mercato.platform.i18n import current_locale


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it, so the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def is_zh() -> bool:
    return current_locale.get().startswith("zh")


def done(url: str, message: str) -> Response:
    """303 to the next page with a flash message."""
    url, hash_, fragment = url.partition("#")
    sep = "&" if "?" in url else "?"
    target = f"{url}{sep}{urlencode({'flash': message})}{hash_}{fragment}"
    return RedirectResponse(target, status_code=303)


def invalid(
    request: Request,
    tx: Session,
    template: str,
    context: Callable[[], dict[str, Any]],
    errors: FieldErrors,
) -> Response:
    """Re-render a refused form with status 422. Rolls back first: whatever the use case
    wrote before it refused must not be committed by the request's transaction; the page
    context is read after the rollback so it shows what is really stored."""
    tx.rollback()
    return render_admin(request, template, {"errors": errors, **context()}, status=422)


def media_dir(request: Request) -> Path:
    return Path(request.app.state.settings.media_dir)


def ids_param(raw: Iterable[str], limit: int = 200) -> list[int]:
    """Record ids from form or query values ("3", or "3,5,8"), in order, no repeats; values
    that are not ids are left out."""
    out: list[int] = []
    for value in raw:
        for part in value.split(","):
            part = part.strip()
            if part.isascii() and part.isdigit() and len(part) <= 15 and int(part) not in out:
                out.append(int(part))
    return out[:limit]


def back_to(raw: str, default: str) -> str:
    """A same-site admin address to go back to (a list with its filters), else `default`."""
    if raw.startswith("/admin/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return default
