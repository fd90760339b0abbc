"""Read models -> JSON-ready dicts, in the shapes documented by the XOut schemas."""

from __future__ import annotations

from typing import Any

from mercato.catalog.views import CategoryNode, ListResult, ProductView, SkuView


def category_ref(node: CategoryNode) -> dict[str, Any]:
    return {"id": node.id, "slug": node.slug, "name": node.name}


def category(node: CategoryNode) -> dict[str, Any]:
    return {
        **category_ref(node),
        "parent_id": node.parent_id,
        "children": [category(c) for c in node.children],
    }


def listing(result: ListResult) -> dict[str, Any]:
    """Cards and facets are frozen dataclasses that orjson renders as they are."""
    return {
        "items": result.items,
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "pages": result.pages,
        "facets": result.facets,
        "category": category_ref(result.category) if result.category else None,
    }


def sku(s: SkuView, available: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "code": s.code,
        "barcode": s.barcode,
        "price": s.price,
        "currency": s.currency,
        "weight_g": s.weight_g,
        "image": s.image,
        "options": s.options,
        "option_labels": s.option_labels,
        "available": available,
    }


def product(v: ProductView, available: dict[int, int]) -> dict[str, Any]:
    brand = {"slug": v.brand_slug, "name": v.brand, "story": v.brand_story}
    return {
        "id": v.id,
        "slug": v.slug,
        "name": v.name,
        "subtitle": v.subtitle,
        "description": v.description,
        "image": v.image,
        "images": v.images,
        "min_price": v.min_price,
        "max_price": v.max_price,
        "currency": v.currency,
        "brand": brand if v.brand_slug else None,
        "breadcrumb": [category_ref(c) for c in v.breadcrumb],
        "attributes": [{"name": n, "value": val} for n, val in v.attributes],
        "axes": [
            {
                "code": a.code,
                "label": a.label,
                "values": [{"value": val, "label": lbl} for val, lbl in a.values],
            }
            for a in v.axes
        ],
        "skus": [sku(s, available.get(s.id, 0)) for s in v.skus],
        "articles": v.articles,
        "blocks": v.blocks,
    }


def product_ref(v: ProductView) -> dict[str, Any]:
    return {"id": v.id, "slug": v.slug, "name": v.name, "image": v.image}
