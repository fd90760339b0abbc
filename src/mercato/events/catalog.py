"""Catalog events, consumed by search, caches and (later) channels and analytics."""

CATALOG_CHANGED = "catalog.catalog_changed.v1"
PRODUCT_PUBLISHED = "catalog.product_published.v1"
