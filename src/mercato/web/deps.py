"""Dependency aliases shared by every context's routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import anyio
from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from mercato.platform.db import Database
from mercato.platform.i18n import current_locale, pick_locale
from mercato.platform.settings import Settings


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


@asynccontextmanager
async def _session(request: Request, write: bool) -> AsyncIterator[Session]:
    # Async, so FastAPI needs no worker thread to open it (the session begins at its first
    # statement, in the endpoint's thread); commit or rollback run in a worker thread, shielded
    # so that a client hanging up cannot leave the connection checked out.
    db: Database = request.app.state.db
    session = db.open(write)
    try:
        yield session
    except BaseException:
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(db.end, session, False)
        raise
    with anyio.CancelScope(shield=True):
        await run_in_threadpool(db.end, session, write)


async def write_tx(request: Request) -> AsyncIterator[Session]:
    """One transaction per request, committed before the response is sent."""
    async with _session(request, True) as session:
        yield session


async def read_tx(request: Request) -> AsyncIterator[Session]:
    async with _session(request, False) as session:
        yield session


async def locale(request: Request) -> str:
    """?lang= wins, then the lang cookie, then Accept-Language, then the shop default."""
    settings: Settings = request.app.state.settings
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
