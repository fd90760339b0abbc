"""The shopper's side: the parcels on their order page (a card the orders context shows
through the hook bootstrap gives it), the full tracking page, and 确认收货."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.logistics import domain
from mercato.logistics.services import signing, views
from mercato.logistics.web import labels
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
Number = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]


def _ctx(parcels: list[views.Parcel], order_status: str = "") -> dict[str, Any]:
    return {
        "parcels": parcels,
        "stage_label": labels.stage_label,
        "status_label": labels.status_label,
        "step_of": labels.step_of,
        "steps": labels.steps(),
        # Until the customer confirms (or the shop completes it days later), a parcel the
        # carrier signed for still waits for their 确认收货, which completes the order.
        "can_confirm": any(p.status == domain.SHIPPED for p in parcels)
        or order_status == "signed",
    }


def order_card(request: Request, tx: Session, number: str, customer_id: int) -> Markup:
    """The parcels card of the shopper's order page ("" when nothing was allocated yet)."""
    parcels = views.parcels_for_customer(tx, number, customer_id)
    if not parcels:
        return Markup("")
    page = request.app.state.templates.get_template("logistics/_order_parcels.html")
    status = orders.order_for_shipping(tx, number, customer_id).status
    ctx = {**_ctx(parcels, status), "number": number, "csrf": members.csrf_token(request)}
    return Markup(page.render(ctx))


def _login(back: str) -> Response:
    return RedirectResponse("/account/login?" + urlencode({"next": back}), status_code=303)


@router.get("/account/orders/{number}/tracking", response_class=HTMLResponse)
def tracking(
    request: Request, number: Number, tx: ReadDep, loc: LocaleDep,
    me: members.SessionCustomerDep,
) -> Response:
    if me is None:
        return _login(f"/account/orders/{number}/tracking")
    parcels = views.parcels_for_customer(tx, number, me.id)
    ctx = {**_ctx(parcels), "number": number, "customer": me,
           "csrf": members.csrf_token(request)}
    response = catalog.render_page(request, tx, loc, "logistics/tracking.html", ctx)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.post("/account/orders/{number}/receipt")
def confirm_receipt(
    request: Request, number: Number, db: DbDep, me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
) -> Response:
    if me is None:
        return _login(f"/account/orders/{number}")
    customer_id = me.id
    db.unit(lambda tx: signing.confirm_receipt(tx, number, customer_id))
    return RedirectResponse(f"/account/orders/{number}", status_code=303)
