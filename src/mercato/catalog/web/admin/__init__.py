"""Merchant admin for the product centre: products (list with bulk actions, bulk
price and stock table, pictures) and SKUs, categories, brands, option axes, attributes, the
knowledge base, and the stock page (products x warehouses). `router` bundles the pages of
this package."""

from __future__ import annotations

from mercato.catalog.web.admin import (
    articles,
    brands,
    bulk,
    bulk_edit,
    categories,
    codes,
    pictures,
    products,
    skus,
    stock,
)
from mercato.web.routing import Router

router = Router()
# The fixed paths (/products/bulk, /products/bulk-edit) before /products/{product_id}.
for _module in (
    bulk,
    bulk_edit,
    products,
    pictures,
    skus,
    categories,
    brands,
    codes,
    articles,
    stock,
):
    router.include_router(_module.router)

__all__ = ["router"]
