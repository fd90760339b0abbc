"""/admin/stock: stock grouped by product. Each product (picture, name) with its SKU rows and
one column per warehouse (on hand, reserved, available), found by product name or SKU code,
in pages; on-hand counts are edited in place and saved together through inventory's services
(a ledger row each, the staff member as actor).

It lives in the catalogue because it shows products: inventory knows SKU codes only, and the
catalogue asks it for stock through mercato.inventory.public. Permission: stock."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters.queries import admin_skus as qs
from mercato.catalog.web.admin import cells
from mercato.catalog.web.admin.common import FormDep, done, is_zh
from mercato.catalog.web.admin.listing import int_param
from mercato.inventory import public as inventory
from mercato.kernel.errors import Forbidden
from mercato.kernel.paging import page_count
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("stock")])
TEMPLATE = "admin/catalog/stock.html"
PER_PAGE = 20


def _address(q: str, warehouse: str, page: int) -> str:
    pairs = (("q", q), ("warehouse", warehouse), ("page", str(page) if page > 1 else ""))
    params = {k: v for k, v in pairs if v}
    return "/admin/stock" + ("?" + urlencode(params) if params else "")


def _query(values: Any) -> tuple[str, str, int]:
    """Search text, warehouse code and page, from the query string or the posted form."""
    q = str(values.get("q") or "").strip()[:100]
    warehouse = str(values.get("warehouse") or "").strip().upper()[:32]
    return q, warehouse, max(int_param(str(values.get("page") or "")) or 1, 1)


def stock_context(
    request: Request,
    tx: Session,
    query: tuple[str, str, int],
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    q, warehouse, page = query
    total, ids = qs.stocked_page(tx, q, page, PER_PAGE)
    products = qs.product_lines(tx, ids, is_zh())
    sku_ids = [s.id for p in products for s in p.skus]
    every = inventory.warehouses(tx)
    warehouses = [w for w in every if w.code == warehouse] or every
    return {
        "products": products,
        "warehouses": warehouses,
        "levels": inventory.stock_levels(tx, sku_ids),
        "edits": request.state.staff.can("stock.edit"),
        "too_many": len(sku_ids) * len(warehouses) > cells.MAX_FIELDS,
        "q": q,
        "warehouse": warehouse if len(warehouses) == 1 and len(every) > 1 else "",
        "all_warehouses": every,
        "total": total,
        "page": page,
        "pages": page_count(total, PER_PAGE),
        "page_url": lambda n: _address(q, warehouse, n),
        "typed": typed or {},
        "errors": errors or {},
    }


@router.get("/stock", response_class=HTMLResponse)
def stock_page(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    ctx = stock_context(request, tx, _query(request.query_params))
    return render_admin(request, TEMPLATE, ctx)


@router.post("/stock/counts", response_class=HTMLResponse)
def save_counts(
    request: Request,
    staff: StaffPageDep,
    _csrf: CsrfDep,
    db: DbDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    query = _query(form)
    parsed = cells.parse(form)
    if parsed.prices:  # prices are the catalogue's: not through the stock permission
        raise Forbidden("access.forbidden", "You do not have permission to do this", "price")
    errors, _prices, counts = cells.apply(db, parsed, staff.email, "stock page")
    if errors:
        with db.reading() as tx:
            ctx = stock_context(request, tx, query, parsed.typed, errors)
            return render_admin(request, TEMPLATE, ctx, 422)
    return done(_address(*query), _("%(n)s stock counts saved") % {"n": counts})
