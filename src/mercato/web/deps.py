"""Dependency aliases shared by every context's routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from mercato.platform.db import Database
from mercato.platform.i18n import current_locale, pick_locale
from mercato.platform.settings import Settings


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def write_tx(request: Request) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent."""
    with get_db(request).transaction() as tx:
        yield tx


def read_tx(request: Request) -> Iterator[Session]:
    with get_db(request).reading() as tx:
        yield tx


async def locale(request: Request) -> str:
    """?lang= wins, then the lang cookie, then Accept-Language, then the shop default."""
    settings = get_settings_dep(request)
    requested = request.query_params.get("lang") or request.cookies.get("lang")
    if not requested:
        header = request.headers.get("accept-language", "")
        requested = header.split(",")[0].strip() or None
    loc = pick_locale(requested, settings.default_locale)
    current_locale.set(loc)
    return loc


async def raw_body(request: Request) -> bytes:
    """The request body as sent (Starlette caches it, so the parsed model still works): what an
    Idempotency-Key's request fingerprint is taken over."""
    return await request.body()


TxDep = Annotated[Session, Depends(write_tx, scope="function")]
ReadDep = Annotated[Session, Depends(read_tx, scope="function")]
DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
LocaleDep = Annotated[str, Depends(locale)]
RawBodyDep = Annotated[bytes, Depends(raw_body)]
