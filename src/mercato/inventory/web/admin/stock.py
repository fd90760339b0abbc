"""A form to receive, count or adjust one SKU's stock with a reason, and the stock ledger.
The stock page itself (products with their SKUs x warehouses, counts edited in place) is the
catalogue's /admin/stock: it shows products, which inventory does not know."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.inventory import domain, services
from mercato.inventory.web.admin import queries
from mercato.kernel.errors import DomainError
from mercato.kernel.paging import page_count
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin/stock", include_in_schema=False, dependencies=[needs("stock")])
LEDGER_PER_PAGE = 100
FORM_REASONS = ("count", "receive", "adjust", "return", "damage", "ship")
FORM_FIELDS = ("sku_code", "warehouse_code", "quantity", "reason", "reference", "mode")
TextForm = Annotated[str, Form()]


def _render(
    request: Request,
    tx: Session,
    form: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    ctx = {
        "warehouses": queries.list_warehouses(tx),
        "reasons": FORM_REASONS,
        "form": form,
        "errors": errors,
    }
    return render_admin(request, "admin/inventory/adjust.html", ctx, status)


@router.get("/adjust", response_class=HTMLResponse)
def adjust_page(
    request: Request,
    _staff: StaffPageDep,
    tx: ReadDep,
    loc: LocaleDep,
    sku: str = "",
    warehouse: str = "",
) -> Response:
    current_locale.set(loc)
    form = {"sku_code": sku[:64], "warehouse_code": warehouse[:32], "mode": "adjust"}
    return _render(request, tx, {**form, "reason": "receive"}, {})


def _quantity(raw: str, mode: str) -> int:
    """Whole units; a count is 0 or more, a change is signed ('+5', '-3') and not zero."""
    text = raw.strip()
    body = text[1:] if mode == "adjust" and text[:1] in "+-" and text else text
    if not (body.isascii() and body.isdigit()) or len(body) > 9:
        raise DomainError(
            "inventory.invalid_quantity", "Quantity must be a whole number", "quantity"
        )
    return -int(body) if text.startswith("-") else int(body)


def _apply(tx: Session, form: dict[str, str], actor: str) -> tuple[int, int]:
    if form["mode"] not in ("set", "adjust"):
        raise DomainError("inventory.invalid_mode", "Choose set or adjust", "mode")
    qty = _quantity(form["quantity"], form["mode"])
    sku_id = services.sku_id_for_code(tx, form["sku_code"])
    code = form["warehouse_code"].strip().upper()
    warehouse = next((w for w in queries.list_warehouses(tx) if w.code == code), None)
    if warehouse is None:
        raise DomainError("inventory.warehouse_not_found", "No such warehouse", "warehouse_code")
    reason, ref = form["reason"], form["reference"].strip()
    if reason not in FORM_REASONS:
        raise DomainError("inventory.invalid_reason", "Choose one of the listed reasons", "reason")
    if form["mode"] == "set":
        return services.set_on_hand(tx, sku_id, warehouse.id, qty, reason, ref, actor)
    domain.check_delta(qty, "quantity")
    return services.adjust(tx, sku_id, warehouse.id, qty, reason, ref, actor)


def _field(exc: DomainError) -> str:
    aliases = {"on_hand": "quantity", "delta": "quantity", "sku_id": "sku_code"}
    name = aliases.get(exc.field or "", exc.field or "")
    return name if name in FORM_FIELDS else "form"


@router.post("/adjust", response_class=HTMLResponse)
def change_stock(
    request: Request,
    staff: StaffPageDep,
    _csrf: CsrfDep,
    db: DbDep,
    loc: LocaleDep,
    sku_code: TextForm = "",
    warehouse_code: TextForm = "",
    mode: TextForm = "set",
    quantity: TextForm = "",
    reason: TextForm = "count",
    reference: TextForm = "",
) -> Response:
    current_locale.set(loc)
    form = {
        "sku_code": sku_code.strip(),
        "warehouse_code": warehouse_code,
        "mode": mode,
        "quantity": quantity,
        "reason": reason,
        "reference": reference,
    }
    try:
        on_hand, reserved = db.unit(lambda tx: _apply(tx, form, staff.email))
    except DomainError as exc:  # rolled back: e.g. the stock row made for the attempt
        message = _(exc.message)
        if isinstance(exc, domain.InsufficientStock):
            message = _("Not enough stock: on hand cannot go below what is reserved")
        with db.reading() as tx:
            return _render(request, tx, form, {_field(exc): message}, 422)
    done = _("%(sku)s: %(on_hand)s on hand, %(reserved)s reserved") % {
        "sku": form["sku_code"],
        "on_hand": on_hand,
        "reserved": reserved,
    }
    return RedirectResponse(
        f"/admin/stock?q={quote(form['sku_code'])}&flash={quote(done)}", status_code=303
    )


@router.get("/ledger", response_class=HTMLResponse)
def ledger_page(
    request: Request,
    _staff: StaffPageDep,
    tx: ReadDep,
    loc: LocaleDep,
    sku: str = "",
    page: int = 1,
) -> Response:
    current_locale.set(loc)
    page = max(page, 1)
    # Without a SKU: the latest movements of every SKU, to start from.
    sku_id = services.sku_id_for_code(tx, sku) if sku.strip() else None
    total, rows = queries.ledger_rows(tx, sku_id, (page - 1) * LEDGER_PER_PAGE, LEDGER_PER_PAGE)
    ctx = {
        "sku": sku.strip(),
        "rows": rows,
        "total": total,
        "page": page,
        "pages": page_count(total, LEDGER_PER_PAGE),
        "page_url": lambda n: "/admin/stock/ledger?" + urlencode({"sku": sku.strip(), "page": n}),
    }
    return render_admin(request, "admin/inventory/ledger.html", ctx)
