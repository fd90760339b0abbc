"""The bulk price and stock table for the products chosen in the list: every SKU's price
(yuan, two decimals; stored in fen) and its on-hand count in each warehouse, saved together
in one transaction. Any bad cell: nothing is saved and every bad cell is marked.

Prices need catalog.edit (the router); the stock columns are shown with stock.view and
editable with stock.edit only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters.queries import admin_skus as qs
from mercato.catalog.services import bulk
from mercato.catalog.web.admin import cells
from mercato.catalog.web.admin.common import FormDep, done, ids_param, is_zh
from mercato.catalog.web.forms import fen_to_yuan
from mercato.inventory import public as inventory
from mercato.kernel.errors import Forbidden
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])
TEMPLATE = "admin/catalog/bulk_edit.html"


def table_context(
    request: Request,
    tx: Session,
    ids: list[int],
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    staff = request.state.staff
    products = qs.product_lines(tx, ids, is_zh())
    sku_ids = [s.id for p in products for s in p.skus]
    shows_stock = staff.can("stock.view")
    edits_stock = shows_stock and staff.can("stock.edit")
    warehouses = inventory.warehouses(tx) if shows_stock else []
    fields = len(sku_ids) * (1 + (len(warehouses) if edits_stock else 0))
    return {
        "products": products,
        "ids": ",".join(str(p.id) for p in products),
        "warehouses": warehouses,
        "levels": inventory.stock_levels(tx, sku_ids) if shows_stock else {},
        "shows_stock": shows_stock,
        "edits_stock": edits_stock,
        "too_many": fields > cells.MAX_FIELDS,
        "sku_count": len(sku_ids),
        "typed": typed or {},
        "errors": errors or {},
        "yuan": fen_to_yuan,
        "list_url": "/admin/products",
    }


@router.get("/products/bulk-edit", response_class=HTMLResponse)
def bulk_edit_page(
    request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    ids = ids_param(request.query_params.getlist("ids"), bulk.MAX_CHOSEN)
    return render_admin(request, TEMPLATE, table_context(request, tx, ids))


@router.post("/products/bulk-edit", response_class=HTMLResponse)
def save_bulk_edit(
    request: Request,
    staff: StaffPageDep,
    _csrf: CsrfDep,
    db: DbDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    ids = ids_param([str(form.get("ids") or "")], bulk.MAX_CHOSEN)
    parsed = cells.parse(form)
    if parsed.counts and not staff.can("stock.edit"):
        raise Forbidden("access.forbidden", "You do not have permission to do this", "stock")
    errors, prices, counts = cells.apply(db, parsed, staff.email, "bulk edit")
    if errors:
        with db.reading() as tx:
            ctx = table_context(request, tx, ids, parsed.typed, errors)
            return render_admin(request, TEMPLATE, ctx, 422)
    message = _("Saved: %(prices)s prices and %(counts)s stock counts changed") % {
        "prices": prices,
        "counts": counts,
    }
    return done("/admin/products/bulk-edit?" + urlencode({"ids": ",".join(map(str, ids))}), message)
