"""The cart page (/cart) and its forms. Guests are known by the HttpOnly `mercato_cart`
cookie, customers by their session. Quantity changes and removals answer htmx requests with
the re-rendered cart fragment (no page reload) and plain form posts with a redirect."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.checkout import services
from mercato.checkout.domain import CartOwner, CartView
from mercato.checkout.public import CART_COOKIE, merge_guest_cart
from mercato.checkout.web.schemas import MAX_ID
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, TxDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)

CART_MAX_AGE = 30 * 24 * 3600
Digits = Annotated[str, Form(max_length=20)]
SkuId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _owner(request: Request, customer: members.CustomerView | None) -> CartOwner:
    if customer is not None:
        return CartOwner(customer.id, None)
    return CartOwner(None, request.cookies.get(CART_COOKIE) or None)


def _number(value: str, error: DomainError) -> int:
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise error
    return int(value)


def _quantity(value: str) -> int:
    bad = DomainError("checkout.invalid_quantity", "Quantity must be a number", "quantity")
    return _number(value, bad)


def _context(request: Request, cart: CartView, error: str, customer: Any) -> dict[str, Any]:
    return {"cart": cart, "error": error, "csrf": members.csrf_token(request), "customer": customer}


def _page(
    request: Request, tx: Session, loc: str, ctx: dict[str, Any], status: int = 200
) -> Response:
    response = catalog.render_page(request, tx, loc, "checkout/cart.html", ctx, status=status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


def _fragment(request: Request, ctx: dict[str, Any]) -> Response:
    body = request.app.state.templates.get_template("checkout/_cart.html").render(ctx)
    response = HTMLResponse(body, headers={"Cache-Control": "no-store"})
    return members.remember_csrf(request, response)


def _remember_cart(request: Request, response: Response, token: str | None) -> Response:
    if token:
        secure = request.url.scheme == "https"
        response.set_cookie(
            CART_COOKIE, token, max_age=CART_MAX_AGE, httponly=True, samesite="lax", secure=secure
        )
    return response


def _failed(
    request: Request, tx: Session, loc: str, owner: CartOwner, exc: DomainError, customer: Any
) -> Response:
    """The cart as it was, with the reason: a fragment (200, so htmx swaps it in) for htmx,
    else the whole page with the error's status. Nothing of the failed change is kept."""
    tx.rollback()
    ctx = _context(request, services.view_cart(tx, owner, loc), _(exc.message), customer)
    if request.headers.get("hx-request"):
        return _fragment(request, ctx)
    return _page(request, tx, loc, ctx, exc.status)


def _changed(request: Request, ctx: dict[str, Any]) -> Response:
    if request.headers.get("hx-request"):
        return _fragment(request, ctx)
    return RedirectResponse("/cart", status_code=303)


@router.get("/cart", response_class=HTMLResponse)
def cart_page(
    request: Request, tx: TxDep, loc: LocaleDep, me: members.SessionCustomerDep
) -> Response:
    guest = request.cookies.get(CART_COOKIE)
    if me is not None and guest:
        # Signed in with a guest cart still in the cookie: fold it into the customer's cart.
        merge_guest_cart(tx, guest, me.id)
    cart = services.view_cart(tx, _owner(request, me), loc)
    response = _page(request, tx, loc, _context(request, cart, "", me))
    if me is not None and guest:
        response.delete_cookie(CART_COOKIE)
    return response


async def _add_guard(request: Request) -> None:
    """The product page is rendered by the catalogue, which cannot hold the members CSRF
    token; a browser's own same-origin proof (Sec-Fetch-Site / Origin) is accepted instead."""
    origin = request.headers.get("origin", "")
    if request.headers.get("sec-fetch-site") == "same-origin" or (
        origin and urlsplit(origin).netloc == request.url.netloc
    ):
        return
    await members.check_csrf(request)


@router.post("/cart/add", response_class=HTMLResponse)
def add_to_cart(
    request: Request,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: Annotated[None, Depends(_add_guard)],
    sku_id: Digits = "",
    quantity: Digits = "1",
) -> Response:
    owner = _owner(request, me)
    try:
        sku = _number(sku_id, NotFound("checkout.sku_not_found", "No such item", "sku_id"))
        _view, token = services.add_item(tx, owner, sku, _quantity(quantity), loc)
    except DomainError as exc:
        return _failed(request, tx, loc, owner, exc, me)
    return _remember_cart(request, RedirectResponse("/cart", status_code=303), token)


@router.post("/cart/lines/{sku_id}", response_class=HTMLResponse)
def change_line(
    request: Request,
    sku_id: SkuId,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    quantity: Digits = "",
) -> Response:
    owner = _owner(request, me)
    try:
        cart = services.set_quantity(tx, owner, sku_id, _quantity(quantity), loc)
    except DomainError as exc:
        return _failed(request, tx, loc, owner, exc, me)
    return _changed(request, _context(request, cart, "", me))


@router.post("/cart/lines/{sku_id}/remove", response_class=HTMLResponse)
def remove_line(
    request: Request,
    sku_id: SkuId,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
) -> Response:
    owner = _owner(request, me)
    try:
        cart = services.remove_item(tx, owner, sku_id, loc)
    except DomainError as exc:
        return _failed(request, tx, loc, owner, exc, me)
    return _changed(request, _context(request, cart, "", me))
