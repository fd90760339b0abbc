"""Checkout use cases: the cart (cart.py) and shipping methods (shipping.py)."""

from mercato.checkout.services.cart import (
    EMPTY,
    add_item,
    merge_guest_cart,
    new_token,
    remove_item,
    remove_ordered,
    set_quantity,
    view_cart,
)

__all__ = [
    "EMPTY",
    "add_item",
    "merge_guest_cart",
    "new_token",
    "remove_item",
    "remove_ordered",
    "set_quantity",
    "view_cart",
]
