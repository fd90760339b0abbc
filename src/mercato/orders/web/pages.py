"""Storefront: the checkout page and the customer's orders. Signed-in customers only (the
session cookie); every form is CSRF-checked; totals are computed here, never posted."""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

import orjson
from fastapi import Form, Path, Query, Request
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
from mercato.orders.web.common import render
from mercato.platform import idempotency
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _
from mercato.platform.tx import AnyTx
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
Number = Annotated[str, Path(max_length=20)]
Short = Annotated[str, Form(max_length=120)]


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
) -> Response:
    if me is None:
        return _login(request)
    guest = request.cookies.get(checkout.CART_COOKIE)
    if guest:  # just signed in: what they put in the cart as a guest comes along
        with db.transaction() as wtx:
            checkout.merge_guest_cart(wtx, guest, me.id)
        response = RedirectResponse(str(request.url.path), status_code=303)
        response.delete_cookie(checkout.CART_COOKIE)
        return response
    if not preview_service.preview(tx, me.id, None, None, loc).cart.lines:
        return RedirectResponse("/cart", status_code=303)
    return _checkout(request, tx, loc, me, address_id, method, {}, {})


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
    try:
        p = preview_service.preview(tx, me.id, address_id, method, loc)
    except DomainError:
        p = preview_service.preview(tx, me.id, None, method, loc)
    ctx = {
        "p": p,
        "addresses": members.addresses(tx, me.id),
        "form": form,
        "errors": errors,
        "idem": form.get("idem") or secrets.token_urlsafe(16),
    }
    template = (
        "orders/_summary.html" if request.headers.get("hx-request") else "orders/checkout.html"
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
) -> Response:
    """The totals block, re-rendered by htmx when the address or shipping method changes."""
    if me is None:
        return _login(request)
    return _checkout(request, tx, loc, me, address_id, shipping_method, {}, {})


@router.post("/checkout", response_class=HTMLResponse)
def place_order_page(
    request: Request,
    db: DbDep,
    loc: LocaleDep,
    settings: SettingsDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    address_id: Annotated[int, Form(ge=1, le=2**63 - 1)],
    shipping_method: Annotated[str, Form(max_length=32)] = "",
    invoice_kind: Annotated[str, Form(max_length=10)] = "none",
    invoice_title: Annotated[str, Form(max_length=100)] = "",
    invoice_tax_id: Annotated[str, Form(max_length=20)] = "",
    invoice_email: Short = "",
    note: Annotated[str, Form(max_length=500)] = "",
    idem: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    if me is None:
        return _login(request)
    form = {
        "address_id": address_id,
        "shipping_method": shipping_method,
        "note": note,
        "invoice_kind": invoice_kind,
        "invoice_title": invoice_title,
        "invoice_tax_id": invoice_tax_id,
        "invoice_email": invoice_email,
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
    invoice = domain.InvoiceRequest(
        form["invoice_kind"], form["invoice_title"], form["invoice_tax_id"], form["invoice_email"]
    )
    cmd = PlaceOrder(
        customer_id, form["address_id"], form["shipping_method"], invoice, form["note"]
    )

    def work(tx: AnyTx) -> tuple[int, str]:
        placed = place_order(tx, cmd, loc, minutes)
        return 201, orjson.dumps({"number": placed.number}).decode()

    # The hidden one-time token makes a double click (or a resent form) place one order.
    digest = idempotency.request_hash("POST", "/checkout", form)
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
    status = status if status in domain.STATUSES else ""
    result = queries.customer_orders(tx, me.id, page, status)
    ctx = {"page": result, "status": status, "statuses": domain.STATUSES}
    return render(request, tx, loc, "orders/list.html", ctx, me)


@router.get("/account/orders/{number}", response_class=HTMLResponse)
def my_order(
    request: Request, number: Number, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep
) -> Response:
    if me is None:
        return _login(request)
    d = queries.detail(tx, number, me.id)
    return render(request, tx, loc, "orders/detail.html", {"d": d}, me)


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
