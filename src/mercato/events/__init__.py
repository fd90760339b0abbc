"""Integration events: past-tense, versioned names. Payloads are plain JSON-able dicts."""

from mercato.events.catalog import CATALOG_CHANGED, PRODUCT_PUBLISHED

__all__ = ["CATALOG_CHANGED", "PRODUCT_PUBLISHED"]
