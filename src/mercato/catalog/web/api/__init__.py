"""The JSON API under /api/v1 for apps and mini-programs: public catalogue reads and staff
writes (bearer token). `router` (one flat router) gathers them for bootstrap."""

from __future__ import annotations

from mercato.catalog.web.api.http import router

# Routes match in registration order: the hot public reads go first.
# isort: off
from mercato.catalog.web.api import listing, products
from mercato.catalog.web.api import admin_products, admin_taxonomy

# isort: on

__all__ = ["admin_products", "admin_taxonomy", "listing", "products", "router"]
