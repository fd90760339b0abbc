"""Merchant admin for the product centre: dashboard, products and SKUs, categories, brands,
option axes, attributes and the knowledge base. `router` bundles the pages of this package."""

from __future__ import annotations

from mercato.catalog.web.admin import (
    articles,
    brands,
    categories,
    codes,
    dashboard,
    products,
    skus,
)
from mercato.web.routing import Router

router = Router()
for _module in (dashboard, products, skus, categories, brands, codes, articles):
    router.include_router(_module.router)

__all__ = ["router"]
