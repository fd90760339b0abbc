"""The product list's context: filters from the query string, status tabs with counts, one page
of products with thumbnails, and each product's sellable stock asked of inventory (two
statements for the whole page)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.adapters.queries import admin_list as ql
from mercato.inventory import public as inventory

STATUSES = ("draft", "active", "archived")
TABS = ("", "active", "draft", "archived")  # all, on sale, drafts, archived


def int_param(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 15 else None


def list_filter(request: Request) -> ql.ProductFilter:
    params = request.query_params
    status = params.get("status", "")
    return ql.ProductFilter(
        status=status if status in STATUSES else "",
        category_id=int_param(params.get("category", "")),
        brand_id=int_param(params.get("brand", "")),
        q=params.get("q", "")[:100],
        page=max(int_param(params.get("page", "")) or 1, 1),
    )


def stock_totals(tx: Session, product_ids: list[int]) -> dict[int, int | None]:
    """Sellable units (over active warehouses, active SKUs) per product; None for a product
    without an active SKU."""
    skus = ql.sellable_skus(tx, product_ids)
    units = inventory.available(tx, [s for ids in skus.values() for s in ids])
    return {pid: (sum(units.get(s, 0) for s in ids) if ids else None) for pid, ids in skus.items()}


def _tab_url(keep: dict[str, str], status: str) -> str:
    params = {k: v for k, v in keep.items() if k != "status"}
    if status:
        params["status"] = status
    return "/admin/products" + ("?" + urlencode(params) if params else "")


def list_context(request: Request, tx: Session, locale: str, zh: bool) -> dict[str, Any]:
    f = list_filter(request)
    rows, total = ql.product_page(tx, f, zh)
    staff = request.state.staff
    shows_stock = staff.can("stock.view")
    keep = {k: v for k, v in request.query_params.items() if k not in ("page", "flash") and v}
    counts = ql.status_counts(tx, f)
    return {
        "rows": rows,
        "total": total,
        "filter": f,
        "page": f.page,
        "pages": max((total + f.per_page - 1) // f.per_page, 1),
        "keep": keep,
        "here": str(request.url.path) + ("?" + urlencode(keep) if keep else ""),
        "tabs": [(s, counts.get(s, 0), _tab_url(keep, s)) for s in TABS],
        "stock": stock_totals(tx, [r.id for r in rows]) if shows_stock else {},
        "shows_stock": shows_stock,
        "categories": q.category_options(tx, locale),
        "brands": [b for b, _n in q.brands(tx)],
        "statuses": STATUSES,
    }
