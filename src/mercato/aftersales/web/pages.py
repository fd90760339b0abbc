"""The shopper's side: the after-sales card on the order page, the request form (lines,
units, reason, photos), my requests, one request with its steps, sending the goods back."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from mercato.aftersales import domain
from mercato.aftersales.adapters import photos, repository
from mercato.aftersales.services import requests, views
from mercato.aftersales.web.labels import HELPERS
from mercato.catalog import public as catalog
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
OrderNumber = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
Number = Annotated[str, Path(min_length=1, max_length=24, pattern=r"^\d+-A\d+$")]


def order_card(request: Request, tx: Session, number: str, customer_id: int) -> Markup:
    """The after-sales card of the shopper's order page: what may be asked now, and the
    requests already made."""
    sold = orders.sold_order(tx, number, customer_id)
    found = views.of_order(tx, number)
    # Within the longest window any request may still use (quality problems).
    can_return = sold.status in ("signed", "completed") and sold.signed_at is not None and (
        repository.now() <= sold.signed_at + timedelta(days=domain.QUALITY_DAYS))
    can_refund = sold.status in ("paid", "picking") and not any(
        r.status not in (domain.REJECTED, domain.CANCELLED) for r in found)
    if not (found or can_return or can_refund):
        return Markup("")
    page = request.app.state.templates.get_template("aftersales/_order_card.html")
    return Markup(page.render({**HELPERS, "number": number, "found": found,
                               "can_return": can_return, "can_refund": can_refund}))


def _login(back: str) -> Response:
    return RedirectResponse("/account/login?" + urlencode({"next": back}), status_code=303)


def _form_page(request: Request, tx: Session, loc: str, number: str, customer_id: int,
               kind: str, extra: dict[str, Any] | None = None, status: int = 200) -> Response:
    sold = orders.sold_order(tx, number, customer_id)
    lines = requests.bought_lines(tx, sold)
    taken = repository.taken(tx, number)
    kind = kind if kind in domain.KINDS else domain.RETURN
    reasons = domain.UNSHIPPED_REASONS if kind == domain.REFUND else (
        domain.QUALITY_REASONS if kind == domain.EXCHANGE
        else (domain.NO_REASON, *domain.QUALITY_REASONS))
    ctx = {**HELPERS, "sold": sold, "lines": lines, "taken": taken, "kind": kind,
           "reasons": reasons, "csrf": members.csrf_token(request), "error": "",
           "images": {x.line_id: x.image for x in sold.lines}, **(extra or {})}
    response = catalog.render_page(request, tx, loc, "aftersales/new.html", ctx, status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.get("/account/orders/{number}/aftersales", response_class=HTMLResponse)
def new(request: Request, number: OrderNumber, tx: ReadDep, loc: LocaleDep,
        me: members.SessionCustomerDep, kind: str = "return") -> Response:
    if me is None:
        return _login(f"/account/orders/{number}/aftersales")
    return _form_page(request, tx, loc, number, me.id, kind)


async def _read_ask(request: Request) -> tuple[domain.Ask, list[bytes]]:
    form = await request.form()
    quantities: dict[int, int] = {}
    for key, value in form.multi_items():
        if key.startswith("qty_") and isinstance(value, str) and value.strip():
            line, qty = key[4:], value.strip()
            if not (line.isdigit() and qty.isdigit()) or len(qty) > 6:
                raise DomainError("aftersales.invalid_quantity",
                                  "Quantity must be a whole number", "quantities")
            if int(qty):
                quantities[int(line)] = int(qty)
    files = [f for f in form.getlist("photos") if isinstance(f, UploadFile) and f.filename]
    if len(files) > domain.MAX_PHOTOS:
        raise DomainError("aftersales.too_many_photos", "At most 6 photos", "photos")
    data = [await f.read(photos.MAX_BYTES + 1) for f in files]
    text = {k: str(form.get(k, "")) for k in ("kind", "reason", "description")}
    return domain.Ask(text["kind"], text["reason"], quantities,
                      description=text["description"][:501]), data


@router.post("/account/orders/{number}/aftersales", response_class=HTMLResponse)
async def create(request: Request, number: OrderNumber, db: DbDep, loc: LocaleDep,
                 settings: SettingsDep, me: members.SessionCustomerDep,
                 _csrf: members.CsrfDep) -> Response:
    if me is None:
        return _login(f"/account/orders/{number}/aftersales")
    customer_id = me.id
    try:
        ask, data = await _read_ask(request)
        names = [photos.store(settings.media_dir, d) for d in data]

        def make(tx: Session) -> str:
            ids = [requests.add_photo(tx, customer_id, n) for n in names]
            return requests.open_request(tx, customer_id, number, ask, ids).number

        made = db.unit(make)
    except DomainError as exc:
        with db.reading() as tx:
            extra = {"error": _(exc.message), "error_field": exc.field}
            return _form_page(request, tx, loc, number, customer_id,
                              str((await request.form()).get("kind", "")), extra, exc.status)
    return RedirectResponse(f"/account/aftersales/{made}", status_code=303)


@router.get("/account/aftersales", response_class=HTMLResponse)
def my_list(request: Request, tx: ReadDep, loc: LocaleDep,
            me: members.SessionCustomerDep) -> Response:
    if me is None:
        return _login("/account/aftersales")
    ctx = {**HELPERS, "rows": views.mine(tx, me.id)}
    response = catalog.render_page(request, tx, loc, "aftersales/list.html", ctx)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/account/aftersales/{number}", response_class=HTMLResponse)
def show(request: Request, number: Number, tx: ReadDep, loc: LocaleDep,
         me: members.SessionCustomerDep) -> Response:
    if me is None:
        return _login(f"/account/aftersales/{number}")
    ctx = {**HELPERS, "d": views.detail(tx, number, me.id), "csrf": members.csrf_token(request),
           "error": request.query_params.get("error", "")[:200]}
    response = catalog.render_page(request, tx, loc, "aftersales/detail.html", ctx)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.post("/account/aftersales/{number}/waybill")
async def send_back(request: Request, number: Number, db: DbDep,
                    me: members.SessionCustomerDep, _csrf: members.CsrfDep) -> Response:
    if me is None:
        return _login(f"/account/aftersales/{number}")
    form = await request.form()
    carrier, waybill = str(form.get("carrier", "")), str(form.get("waybill", ""))
    customer_id = me.id
    try:
        db.unit(lambda tx: requests.send_back(tx, number, customer_id, carrier, waybill))
    except DomainError as exc:
        query = urlencode({"error": _(exc.message)})
        return RedirectResponse(f"/account/aftersales/{number}?{query}", status_code=303)
    return RedirectResponse(f"/account/aftersales/{number}", status_code=303)


@router.post("/account/aftersales/{number}/cancel")
def cancel(number: Number, db: DbDep, me: members.SessionCustomerDep,
           _csrf: members.CsrfDep) -> Response:
    if me is None:
        return _login(f"/account/aftersales/{number}")
    customer_id = me.id
    db.unit(lambda tx: requests.cancel(tx, number, customer_id))
    return RedirectResponse(f"/account/aftersales/{number}", status_code=303)


@router.get("/account/aftersales/photos/{photo_id}")
def photo(photo_id: Annotated[int, Path(ge=1, le=2**31 - 1)], tx: ReadDep,
          settings: SettingsDep, me: members.SessionCustomerDep) -> Response:
    name = views.photo_path(tx, photo_id, me.id) if me else None
    if name is None:
        return Response(status_code=404)
    return Response(photos.read(settings.media_dir, name), media_type="image/jpeg",
                    headers={"Cache-Control": "private, max-age=3600"})
