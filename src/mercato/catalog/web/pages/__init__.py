"""Storefront pages of the catalogue: listings, search, the category page, product pages."""

from __future__ import annotations

from mercato.catalog.web.pages import categories, listing, product
from mercato.catalog.web.pages.common import router

__all__ = ["categories", "listing", "product", "router"]
