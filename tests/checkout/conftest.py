"""Checkout fixtures. Until bootstrap wires the checkout (and members) routers and catalog
public re-exports `sku_snapshots`, this conftest does it; the tables modules are imported
first so the session's create_all makes their tables."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI

import mercato.catalog.public as _catalog_public
from mercato.app import create_app
from mercato.catalog.adapters.queries.skus import sku_snapshots
from mercato.checkout.adapters import tables as _checkout_tables  # noqa: F401
from mercato.members.adapters import tables as _members_tables  # noqa: F401
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from tests.members.conftest import PASSWORD, make_customer

if not hasattr(_catalog_public, "sku_snapshots"):  # until catalog.public re-exports it
    _catalog_public.sku_snapshots = sku_snapshots  # type: ignore[attr-defined]

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')

__all__ = ["PASSWORD", "csrf_of", "make_customer"]


@pytest.fixture
def app(db: Database, settings: Settings) -> FastAPI:
    app = create_app(settings, db)
    paths = {getattr(r, "path", "") for r in app.routes}
    if "/api/v1/me" not in paths:
        from mercato.members.web import api, pages

        app.include_router(api.router)
        app.include_router(pages.router)
    if "/api/v1/cart" not in paths:
        from mercato.checkout.web import api as cart_api
        from mercato.checkout.web import pages as cart_pages

        app.include_router(cart_api.router)
        app.include_router(cart_pages.router)
    return app


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no csrf field in the page"
    return found.group(1)


@pytest.fixture
def alice(db: Database) -> dict[str, Any]:
    return make_customer(db, "13800000001", "alice@example.com")


@pytest.fixture
def bob(db: Database) -> dict[str, Any]:
    return make_customer(db, "13900000002", "bob@example.com")
