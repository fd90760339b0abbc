"""Storefront pages of the catalogue: category listings, search and product pages."""

from __future__ import annotations

from fastapi import APIRouter

from mercato.catalog.web.pages import listing, product

router = APIRouter(include_in_schema=False)
router.include_router(listing.router)
router.include_router(product.router)

__all__ = ["router"]
