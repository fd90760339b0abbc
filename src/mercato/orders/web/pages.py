"""Storefront: the checkout page and the customer's orders. Signed-in customers only (the
session cookie); every form is CSRF-checked; totals are computed here, never posted. The
checkout is of the whole cart, or of the lines chosen on the cart page (`sku`, repeated:
/checkout?sku=1&sku=2, kept in the form): the order then takes those lines alone."""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

import orjson
from fastapi import Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.checkout import public as checkout
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.orders import domain
from mercato.orders.adapters import queries
from mercato.orders.services import preview as preview_service
from mercato.orders.services import transitions
from mercato.orders.services.place_order import PlaceOrder, place_order
from mercato.orders.web.common import render, two_parts
from mercato.orders.web.offers_form import Coupon, UsePoints, benefits
from mercato.platform import idempotency
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _
from mercato.platform.tx import AnyTx
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
Number = Annotated[str, Path(max_length=20)]
Short = Annotated[str, Form(max_length=120)]
Skus = Annotated[list[str], Query()]
MAX_CHOSEN = 100


class InvoiceForm:
    """The checkout form's invoice fields, as posted (shown again if the order is refused).
    Limits as the orders columns; the rules are the domain's (domain.InvoiceRequest)."""

    def __init__(
        self,
        invoice_kind: Annotated[str, Form(max_length=10)] = "none",
        invoice_title: Annotated[str, Form(max_length=100)] = "",
        invoice_tax_id: Annotated[str, Form(max_length=20)] = "",
        invoice_email: Short = "",
        invoice_vat_type: Annotated[str, Form(max_length=10)] = "ordinary",
        invoice_address: Annotated[str, Form(max_length=200)] = "",
        invoice_phone: Annotated[str, Form(max_length=30)] = "",
        invoice_bank: Annotated[str, Form(max_length=100)] = "",
        invoice_account: Annotated[str, Form(max_length=40)] = "",
    ) -> None:
        typed = (invoice_kind, invoice_title, invoice_tax_id, invoice_email, invoice_vat_type)
        details = (invoice_address, invoice_phone, invoice_bank, invoice_account)
        self.values = dict(zip(_INVOICE_KEYS, (*typed, *details), strict=True))


# Form key of each domain.InvoiceRequest field, in its order.
_INVOICE_KEYS = tuple(f"invoice_{name}" for name in domain.InvoiceRequest.__dataclass_fields__)
InvoiceDep = Annotated[InvoiceForm, Depends()]


def _chosen(values: list[str]) -> frozenset[int] | None:
    """The chosen lines' SKU ids; None (the whole cart) when none are named."""
    ids = {int(v) for v in values[:MAX_CHOSEN] if v.isascii() and v.isdigit() and len(v) <= 18}
    return frozenset(ids) if ids else None


def _here(path: str, chosen: frozenset[int] | None) -> str:
    return path + ("?" + urlencode([("sku", s) for s in sorted(chosen)]) if chosen else "")


def _login(request: Request) -> Response:
    back = request.url.path + ("?" + request.url.query if request.url.query else "")
    return RedirectResponse("/account/login?" + urlencode({"next": back}), status_code=303)


@router.get("/checkout", response_class=HTMLResponse)
def checkout_page(
    request: Request,
    db: DbDep,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    address_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    method: Annotated[str | None, Query(max_length=32)] = None,
    sku: Skus = [],  # noqa: B006 (FastAPI copies defaults)
    coupon: Coupon = "",
    use_points: UsePoints = "",
) -> Response:
    if me is None:
        return _login(request)
    guest = request.cookies.get(checkout.CART_COOKIE)
    if guest:  # just signed in: what they put in the cart as a guest comes along
        with db.transaction() as wtx:
            checkout.merge_guest_cart(wtx, guest, me.id)
        back = request.url.path + ("?" + request.url.query if request.url.query else "")
        response = RedirectResponse(back, status_code=303)
        response.delete_cookie(checkout.CART_COOKIE)
        return response
    chosen = _chosen(sku)
    cart = checkout.view_cart(tx, checkout.CartOwner(me.id, None), loc, chosen)
    if not cart.lines:
        return RedirectResponse("/cart", status_code=303)
    if chosen is not None:  # what is still in the cart: the order takes exactly these
        chosen = frozenset(line.sku_id for line in cart.lines)
    form = {"chosen": chosen, **benefits(coupon, use_points)}
    return _checkout(request, tx, loc, me, address_id, method, form, {})


def _checkout(
    request: Request,
    tx: Session,
    loc: str,
    me: members.CustomerView,
    address_id: int | None,
    method: str | None,
    form: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    chosen = form.get("chosen")
    asked = {"coupon": form.get("coupon", checkout.BEST_COUPON), "points": form.get("points", 0)}
    try:
        p = preview_service.preview(tx, me.id, address_id, method, loc, chosen, **asked)
    except DomainError:
        p = preview_service.preview(tx, me.id, None, method, loc, chosen, **asked)
    back = _here("/checkout", chosen)
    ctx = {
        "p": p,
        "addresses": members.addresses(tx, me.id),
        "form": form,
        "errors": errors,
        "idem": form.get("idem") or secrets.token_urlsafe(16),
        "chosen": sorted(chosen) if chosen else None,
        "address_action": "/account/addresses?" + urlencode({"next": back}, safe="/"),
        "parse_action": "/account/addresses/parse?" + urlencode({"next": back}, safe="/"),
    }
    template = (
        "orders/_recalc.html" if request.headers.get("hx-request") else "orders/checkout.html"
    )
    return render(request, tx, loc, template, ctx, me, status)


@router.get("/checkout/summary", response_class=HTMLResponse)
def checkout_summary(
    request: Request,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    address_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    shipping_method: Annotated[str | None, Query(max_length=32)] = None,
    sku: Skus = [],  # noqa: B006
    coupon: Coupon = "",
    use_points: UsePoints = "",
) -> Response:
    """The offers and totals, re-rendered by htmx when the address, shipping method, coupon
    or points change."""
    if me is None:
        return _login(request)
    form = {"chosen": _chosen(sku), **benefits(coupon, use_points)}
    return _checkout(request, tx, loc, me, address_id, shipping_method, form, {})


@router.post("/checkout", response_class=HTMLResponse)
def place_order_page(
    request: Request,
    db: DbDep,
    loc: LocaleDep,
    settings: SettingsDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    address_id: Annotated[int, Form(ge=1, le=2**63 - 1)],
    invoice: InvoiceDep,
    shipping_method: Annotated[str, Form(max_length=32)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
    idem: Annotated[str, Form(max_length=64)] = "",
    sku: Annotated[list[str], Form()] = [],  # noqa: B006
    coupon: Annotated[str, Form(max_length=20)] = "",
    use_points: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    if me is None:
        return _login(request)
    form: dict[str, Any] = {
        "chosen": _chosen(sku),
        **benefits(coupon, use_points),
        "address_id": address_id,
        "shipping_method": shipping_method,
        "note": note,
        **invoice.values,
        "idem": idem,
    }
    try:
        number = _place(db, me.id, loc, settings.order_pay_minutes, form)
    except DomainError as exc:
        with db.reading() as tx:
            errors = {exc.field or "": _(exc.message)}
            form["idem"] = ""  # a fresh token: the shopper may fix the form and try again
            return _checkout(
                request, tx, loc, me, address_id, shipping_method, form, errors, exc.status
            )
    return RedirectResponse(f"/account/orders/{number}/pay", status_code=303)


def _place(db: Database, customer_id: int, loc: str, minutes: int, form: dict[str, Any]) -> str:
    invoice = domain.InvoiceRequest(*(form[key] for key in _INVOICE_KEYS))
    cmd = PlaceOrder(
        customer_id,
        form["address_id"],
        form["shipping_method"],
        invoice,
        form["note"],
        form["chosen"],
        form["coupon"],
        form["points"],
    )

    def work(tx: AnyTx) -> tuple[int, str]:
        placed = place_order(tx, cmd, loc, minutes)
        return 201, orjson.dumps({"number": placed.number}).decode()

    # The hidden one-time token makes a double click (or a resent form) place one order.
    chosen = form["chosen"]
    params = {**form, "chosen": sorted(chosen) if chosen is not None else None}
    digest = idempotency.request_hash("POST", "/checkout", params)
    key = form["idem"] or secrets.token_urlsafe(16)
    stored = idempotency.run(
        db,
        f"customer:{customer_id}:checkout",
        key,
        digest,
        work,
        lambda e: orjson.dumps({"error": e.code}).decode(),
    )
    number = orjson.loads(stored.body).get("number")
    if not number:
        raise DomainError("orders.retry", "Please review your order and try again")
    return str(number)


@router.get("/account/orders", response_class=HTMLResponse)
def my_orders(
    request: Request,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    status: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    if me is None:
        return _login(request)
    # The shopper's tabs (to_ship: paid or being packed); an old link naming one status
    # opens the tab that status is listed under.
    tab = status if status in domain.SHOPPER_TABS else domain.shopper_tab(status)
    wanted = domain.SHOPPER_TABS[tab] if tab else ""
    result = queries.customer_orders(tx, me.id, page, wanted)
    ctx = {"page": result, "status": tab, "tabs": tuple(domain.SHOPPER_TABS)}
    return render(request, tx, loc, "orders/list.html", ctx, me)


@router.get("/account/orders/{number}", response_class=HTMLResponse)
def my_order(
    request: Request, number: Number, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep
) -> Response:
    if me is None:
        return _login(request)
    d = queries.detail(tx, number, me.id)
    card = getattr(request.app.state, "orders_parcels_card", None)
    parcels = card(request, tx, number, me.id) if card is not None else ""
    ctx = {"d": d, "parcels": parcels, "parts": two_parts(d)}
    return render(request, tx, loc, "orders/detail.html", ctx, me)


@router.post("/account/orders/{number}/cancel")
def cancel_my_order(
    request: Request,
    number: Number,
    db: DbDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    if me is None:
        return _login(request)
    customer_id = me.id
    db.unit(lambda tx: transitions.cancel_by_customer(tx, number, customer_id, reason))
    return RedirectResponse(f"/account/orders/{number}", status_code=303)
