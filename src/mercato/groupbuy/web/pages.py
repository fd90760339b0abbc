"""The storefront's group-buying pages: a deal (/group-deals/{id}: the group price, the
groups to join, a form to start one) and a group (/groups/{code}: its seats, time left, the
share link and its QR code, a form to join). Starting or joining places the order at the
deal's price and goes on to the payment page."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.checkout import public as checkout
from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.web import buying
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
DealId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Code = Annotated[str, Path(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
AddressForm = Annotated[int, Form(ge=1, le=2**63 - 1)]
MethodForm = Annotated[str, Form(max_length=32)]


def _limit_text(minutes: int) -> str:
    if minutes % 60 == 0:
        return _("Fill within %(n)s h") % {"n": minutes // 60}
    return _("Fill within %(n)s min") % {"n": minutes}


def _page(request: Request, tx: Session, loc: str, me: members.CustomerView | None,
          deal: groupbuy.DealView, group: groupbuy.GroupView | None, here: str,
          form: dict[str, Any], status: int = 200) -> Response:
    now = utcnow()
    view = checkout.price_lines(tx, {deal.sku_id: 1}, loc)
    if not view.lines:
        raise NotFound("groupbuy.deal_not_found", "No such group deal", "deal_id")
    line = view.lines[0]
    to = checkout.delivery_for(tx, me.id if me else None, form.get("address_id"),
                               view.weight_g, deal.price_fen, loc)
    offer = groupbuy.deal_for_sku(tx, deal.sku_id, now) if group is None else None
    # The shop's public address, not the request's Host header: the link is for others.
    base = request.app.state.settings.public_url.rstrip("/")
    share = base + group.share_path if group else ""
    mine = bool(group and me and any(m.customer_id == me.id for m in group.members))
    ctx = {
        "deal": deal, "group": group, "line": line, "groups": offer.groups if offer else (),
        "addresses": to.addresses, "chosen": to.chosen, "quotes": to.quotes, "form": form,
        "customer": me, "mine": mine, "share": share, "title": line.product_name,
        "limit_text": _limit_text(deal.time_limit_minutes),
        # segno writes the SVG itself and escapes the link in its title
        "qr": Markup(groupbuy.share_qr_svg(share)) if share else "",
        "csrf": members.csrf_token(request), "login": "/account/login?" + urlencode(
            {"next": here}),
        "add_address": "/account/addresses?" + urlencode({"next": here}),
    }
    response = catalog.render_page(request, tx, loc, "groupbuy/group.html", ctx, status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.get("/group-deals/{deal_id}", response_class=HTMLResponse)
def deal_page(request: Request, deal_id: DealId, tx: ReadDep, loc: LocaleDep,
              me: members.SessionCustomerDep) -> Response:
    deal = groupbuy.get_deal(tx, deal_id, utcnow())
    if deal.status == "draft":
        raise NotFound("groupbuy.deal_not_found", "No such group deal", "deal_id")
    return _page(request, tx, loc, me, deal, None, f"/group-deals/{deal_id}", {})


@router.get("/groups/{code}", response_class=HTMLResponse)
def group_page(request: Request, code: Code, tx: ReadDep, loc: LocaleDep,
               me: members.SessionCustomerDep) -> Response:
    group = groupbuy.group_view(tx, code, utcnow())
    return _page(request, tx, loc, me, group.deal, group, f"/groups/{code}", {})


def _seat(request: Request, db: Any, loc: str, me: members.CustomerView | None, here: str,
          take: Any, again: Any) -> Response:
    if me is None:
        return RedirectResponse("/account/login?" + urlencode({"next": here}), status_code=303)
    try:
        placed, _seat = take()
    except DomainError as exc:
        with db.reading() as tx:
            return again(tx, {"error": _(exc.message)}, exc.status)
    return RedirectResponse(f"/account/orders/{placed.number}/pay", status_code=303)


@router.post("/group-deals/{deal_id}/open", response_class=HTMLResponse)
def open_page(request: Request, deal_id: DealId, db: DbDep, loc: LocaleDep,
              settings: SettingsDep, me: members.SessionCustomerDep, _csrf: members.CsrfDep,
              address_id: AddressForm, shipping_method: MethodForm = "") -> Response:
    here = f"/group-deals/{deal_id}"

    def again(tx: Session, form: dict[str, Any], status: int) -> Response:
        deal = groupbuy.get_deal(tx, deal_id, utcnow())
        return _page(request, tx, loc, me, deal, None, here, form, status)

    return _seat(request, db, loc, me, here, lambda: buying.open_group(
        db, deal_id, me.id if me else 0, address_id, shipping_method, loc,
        settings.order_pay_minutes), again)


@router.post("/groups/{code}/join", response_class=HTMLResponse)
def join_page(request: Request, code: Code, db: DbDep, loc: LocaleDep, settings: SettingsDep,
              me: members.SessionCustomerDep, _csrf: members.CsrfDep, address_id: AddressForm,
              shipping_method: MethodForm = "") -> Response:
    here = f"/groups/{code}"

    def again(tx: Session, form: dict[str, Any], status: int) -> Response:
        group = groupbuy.group_view(tx, code, utcnow())
        return _page(request, tx, loc, me, group.deal, group, here, form, status)

    return _seat(request, db, loc, me, here, lambda: buying.join_group(
        db, code, me.id if me else 0, address_id, shipping_method, loc,
        settings.order_pay_minutes), again)
