"""Shared by the cart's storefront routes: who the shopper is, the guest cart cookie, form
numbers and error messages in the shopper's words (with how many are left when stock is
short)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import Response

from mercato.checkout.domain import CartOwner, ShortOfStock
from mercato.checkout.public import CART_COOKIE
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.platform.i18n import gettext_ as _

CART_MAX_AGE = 30 * 24 * 3600
Digits = Annotated[str, Form(max_length=20)]


def owner_of(request: Request, customer: members.CustomerView | None) -> CartOwner:
    if customer is not None:
        return CartOwner(customer.id, None)
    return CartOwner(None, request.cookies.get(CART_COOKIE) or None)


def number(value: str, error: DomainError) -> int:
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise error
    return int(value)


def quantity_of(value: str) -> int:
    bad = DomainError("checkout.invalid_quantity", "Quantity must be a number", "quantity")
    return number(value, bad)


def sku_of(value: str) -> int:
    return number(value, NotFound("checkout.sku_not_found", "No such item", "sku_id"))


def remember_cart(request: Request, response: Response, token: str | None) -> Response:
    """Hand a new guest cart's token to the browser (HttpOnly cookie)."""
    if token:
        secure = request.url.scheme == "https"
        response.set_cookie(
            CART_COOKIE, token, max_age=CART_MAX_AGE, httponly=True, samesite="lax", secure=secure
        )
    return response


def say(exc: DomainError) -> str:
    """The error in the shopper's language; short stock says how many are left."""
    if isinstance(exc, ShortOfStock):
        if not exc.left:
            return _("Not enough stock: none left")
        if exc.in_cart:
            text = _("Not enough stock: only %(n)s left, %(c)s of them already in your cart")
            return text % {"n": exc.left, "c": exc.in_cart}
        return _("Not enough stock: only %(n)s left") % {"n": exc.left}
    return _(exc.message)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")
