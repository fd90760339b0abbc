"""The storefront's presale page (/presale/{campaign}?sku=…), as Tmall's 预售 page: the item at
its presale price beside the list price struck through, the deposit (定金) and what it counts
as off the price (定金膨胀), the balance (尾款) of a unit, both windows in shop time, a
countdown, the expected ship date, the units left and what an unpaid balance does to the
deposit. Signed in, a form (address, shipping method, a quantity within the limit) places the
deposit order and goes on to the payment page. Every refusal shows the page again with its
reason and nothing kept; the price is the campaign's, never the form's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.checkout import public as checkout
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.platform import clock
from mercato.platform.i18n import gettext_ as _
from mercato.presale import public as presale
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
CampaignId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SkuQuery = Annotated[int | None, Query(ge=1, le=2**31 - 1)]
# Read as text and checked here: a bad value is a reason shown on the page, not a bare 422.
FormText = Annotated[str, Form(max_length=32)]
MAX_ID = 2**31 - 1
NO_ITEM = "This item is not in the presale"


def short(at: datetime) -> str:
    """A time as the presale page states it: "12-08 20:00" (shop time)."""
    return clock.local(at).strftime("%m-%d %H:%M")


def ship_day(on: date, loc: str) -> str:
    """The expected ship date: "12月20日", "Dec 20"."""
    return f"{on.month:02d}月{on.day:02d}日" if loc.startswith("zh") else on.strftime("%b %d")


def _item(c: presale.CampaignView, sku: int | None, refused: bool) -> presale.ItemView:
    """The item asked for; a form refused for naming another shows the campaign's first."""
    item = c.item_for(sku) if sku is not None else None
    if item is None and (sku is None or refused):
        item = c.items[0] if c.items else None
    if item is None:
        raise NotFound("presale.item_not_found", NO_ITEM, "sku_id")
    return item


def _ends(c: presale.CampaignView) -> datetime | None:
    """What the countdown counts down to: the end of the window open now."""
    if c.phase == "deposit":
        return c.windows.deposit_ends
    return c.windows.balance_ends if c.phase == "balance" else None


def _page(request: Request, tx: Session, loc: str, campaign_id: int, sku: int | None,
          me: members.CustomerView | None, form: dict[str, Any], status: int = 200) -> Response:
    c = presale.get_campaign(tx, campaign_id, clock.utcnow(), public=True)
    item = _item(c, sku, "error" in form)
    view = checkout.price_lines(tx, {item.sku_id: 1}, loc, stock=False)
    if not view.lines:
        raise NotFound("presale.item_not_found", NO_ITEM, "sku_id")
    line = view.lines[0]
    one = presale.amounts(item.data, 1)
    to = checkout.delivery_for(tx, me.id if me else None, form.get("address_id"),
                               view.weight_g, one.unit_fen, loc)
    left = max(item.planned - item.taken, 0)
    here = f"/presale/{c.id}?sku={item.sku_id}"
    w = c.windows
    ctx = {
        "c": c, "item": item, "line": line, "left": left, "ends": _ends(c),
        "deposit_window": f"{short(w.deposit_starts)} – {short(w.deposit_ends)}",
        "balance_window": f"{short(w.balance_starts)} – {short(w.balance_ends)}",
        "deposit_opens": short(w.deposit_starts), "balance_opens": short(w.balance_starts),
        "ship": ship_day(c.ship_on, loc),
        "can_pay": c.phase == "deposit" and left > 0 and line.sellable,
        "addresses": to.addresses, "chosen": to.chosen, "quotes": to.quotes, "form": form,
        "customer": me, "csrf": members.csrf_token(request),
        "login": "/account/login?" + urlencode({"next": here}),
        "add_address": "/account/addresses?" + urlencode({"next": here}),
        "title": c.name,
    }
    response = catalog.render_page(request, tx, loc, "presale/presale.html", ctx, status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.get("/presale/{campaign_id}", response_class=HTMLResponse)
def presale_page(request: Request, campaign_id: CampaignId, tx: ReadDep, loc: LocaleDep,
                 me: members.SessionCustomerDep, sku: SkuQuery = None) -> Response:
    return _page(request, tx, loc, campaign_id, sku, me, {})


def _number(text: str) -> int | None:
    """A positive id or count as the form sent it, else None."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def _ask(campaign_id: int, customer_id: int, sku: int | None, quantity: int | None,
         address: int | None, method: str) -> presale.DepositAsk:
    """The deposit asked for, or the reason the form cannot be one."""
    if sku is None:
        raise NotFound("presale.item_not_found", NO_ITEM, "sku_id")
    if quantity is None:
        raise DomainError("presale.invalid_quantity", "Choose from 1 to the limit per customer",
                          "quantity")
    if address is None:
        raise NotFound("orders.address_not_found", "No such address", "address_id")
    return presale.DepositAsk(campaign_id, sku, quantity, customer_id, address, method)


@router.post("/presale/{campaign_id}/deposit", response_class=HTMLResponse)
def deposit_page(request: Request, campaign_id: CampaignId, db: DbDep, loc: LocaleDep,
                 me: members.SessionCustomerDep, _csrf: members.CsrfDep,
                 sku_id: FormText = "", quantity: FormText = "1", address_id: FormText = "",
                 shipping_method: FormText = "") -> Response:
    sku, address = _number(sku_id), _number(address_id)
    if me is None:
        back = f"/presale/{campaign_id}" + (f"?sku={sku}" if sku else "")
        return RedirectResponse("/account/login?" + urlencode({"next": back}), status_code=303)
    form: dict[str, Any] = {"address_id": address, "shipping_method": shipping_method,
                            "quantity": quantity.strip()[:4]}
    try:
        ask = _ask(campaign_id, me.id, sku, _number(quantity), address, shipping_method)
        placed = db.unit(lambda tx: presale.place_deposit(tx, ask, loc, _("Presale")))
    except DomainError as exc:
        form["error"] = _(exc.message)
        with db.reading() as tx:
            return _page(request, tx, loc, campaign_id, sku, me, form, exc.status)
    return RedirectResponse(f"/account/orders/{placed.number}/pay", status_code=303)
