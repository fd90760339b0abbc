"""Storefront pages of the catalogue: category listings, search and product pages."""

from __future__ import annotations

from mercato.catalog.web.pages import listing, product
from mercato.catalog.web.pages.common import router

__all__ = ["listing", "product", "router"]
