"""The storefront's flash-sale page (/flash/{event}?sku=…): the item at its flash price with
the countdown and units left, the shopper's address and shipping method, and one button
that takes a seat and places the order (then the payment page). A shopper held in the
waiting room sees their place and the page tries again by itself at their turn."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.checkout import public as checkout
from mercato.flashsale import public as flashsale
from mercato.flashsale.web import buying
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
EventId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SkuQuery = Annotated[int | None, Query(ge=1, le=2**31 - 1)]


def _item(event: flashsale.EventView, sku: int | None) -> flashsale.ItemView:
    for item in event.items:
        if sku is None or item.sku_id == sku:
            return item
    raise NotFound("flashsale.item_not_found", "This product is not in the flash sale", "sku")


def _page(request: Request, tx: Session, loc: str, event_id: int, sku: int | None,
          me: members.CustomerView | None, form: dict[str, Any], status: int = 200) -> Response:
    now = utcnow()
    event = flashsale.get_event(tx, event_id, now)
    if event.phase == "draft":
        raise NotFound("flashsale.event_not_found", "No such flash sale", "event_id")
    item = _item(event, sku)
    view = checkout.price_lines(tx, {item.sku_id: 1}, loc)
    if not view.lines:
        raise NotFound("flashsale.item_not_found", "This product is not in the flash sale", "sku")
    line = view.lines[0]
    offer = flashsale.event_for_sku(tx, item.sku_id, now)
    price = min(item.price_fen, line.unit_price_fen)
    to = checkout.delivery_for(tx, me.id if me else None, form.get("address_id"),
                               view.weight_g, price, loc)
    here = f"/flash/{event_id}?sku={item.sku_id}"
    ctx = {
        "event": event, "item": item, "line": line, "price_fen": price,
        "left": offer.remaining if offer else max(item.quantity - item.taken, 0),
        "addresses": to.addresses, "chosen": to.chosen, "quotes": to.quotes, "form": form,
        "customer": me, "csrf": members.csrf_token(request),
        "login": "/account/login?" + urlencode({"next": here}),
        "add_address": "/account/addresses?" + urlencode({"next": here}),
        "title": event.name,
    }
    response = catalog.render_page(request, tx, loc, "flashsale/flash.html", ctx, status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.get("/flash/{event_id}", response_class=HTMLResponse)
def flash_page(request: Request, event_id: EventId, tx: ReadDep, loc: LocaleDep,
               me: members.SessionCustomerDep, sku: SkuQuery = None) -> Response:
    return _page(request, tx, loc, event_id, sku, me, {})


@router.post("/flash/{event_id}/buy", response_class=HTMLResponse)
def buy_page(request: Request, event_id: EventId, db: DbDep, loc: LocaleDep,
             settings: SettingsDep, me: members.SessionCustomerDep, _csrf: members.CsrfDep,
             sku_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
             address_id: Annotated[int, Form(ge=1, le=2**63 - 1)],
             shipping_method: Annotated[str, Form(max_length=32)] = "",
             queue_token: Annotated[str, Form(max_length=400)] = "") -> Response:
    form: dict[str, Any] = {"address_id": address_id, "shipping_method": shipping_method}
    if me is None:
        return RedirectResponse("/account/login?" + urlencode(
            {"next": f"/flash/{event_id}?sku={sku_id}"}), status_code=303)
    try:
        done = buying.buy(db, event_id, sku_id, 1, me.id, address_id, shipping_method, loc,
                          settings.flash_pay_minutes, queue_token)
    except DomainError as exc:
        form["error"] = _(exc.message)
        with db.reading() as tx:
            return _page(request, tx, loc, event_id, sku_id, me, form, exc.status)
    if isinstance(done, flashsale.QueueToken):
        form |= {"queue_token": done.token, "retry_after": done.retry_after}
        with db.reading() as tx:
            return _page(request, tx, loc, event_id, sku_id, me, form, 429)
    return RedirectResponse(f"/account/orders/{done[0].number}/pay", status_code=303)
