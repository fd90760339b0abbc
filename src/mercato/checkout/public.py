"""What other contexts use from checkout. Functions take the caller's transaction first."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.checkout import services
from mercato.checkout.domain import CartLineView, CartOwner, CartView

__all__ = ["CART_COOKIE", "CartLineView", "CartOwner", "CartView", "merge_guest_cart", "view_cart"]

# The HttpOnly cookie naming a web guest's cart (apps send the X-Cart-Token header instead).
CART_COOKIE = "mercato_cart"


def merge_guest_cart(tx: Session, guest_token: str | None, customer_id: int) -> None:
    """At login: fold the guest cart named by `guest_token` (the `mercato_cart` cookie or the
    app's X-Cart-Token) into the customer's cart and delete it. Quantities are summed, capped
    at 99 and at current availability, never below what the customer already had; unsellable
    SKUs are dropped. A token naming no guest cart (or None) does nothing. Clear the cookie
    after calling it."""
    services.merge_guest_cart(tx, guest_token, customer_id)


def view_cart(tx: Session, owner: CartOwner, locale: str) -> CartView:
    """The owner's cart priced from current catalogue prices and stock; empty when none."""
    return services.view_cart(tx, owner, locale)
