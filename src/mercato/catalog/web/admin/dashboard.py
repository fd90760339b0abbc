"""The admin home: catalogue tiles and links."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import StaffPageDep, needs, render_admin
from mercato.catalog.adapters.queries import admin as q
from mercato.inventory import public as inventory
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("dashboard")])

# SQLite caps bound parameters per statement; ask inventory in slices below that cap.
_CHUNK = 900


def out_of_stock(tx: Session) -> int:
    """Active SKUs of products on sale with no sellable unit."""
    ids = q.sellable_sku_ids(tx)
    empty = 0
    for start in range(0, len(ids), _CHUNK):
        units = inventory.available(tx, ids[start : start + _CHUNK])
        empty += sum(1 for n in units.values() if n <= 0)
    return empty


@router.get("", response_class=HTMLResponse)
def dashboard(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    counts = q.dashboard_counts(tx)
    ctx = {"counts": counts, "out_of_stock": out_of_stock(tx)}
    return render_admin(request, "admin/catalog/dashboard.html", ctx)
