"""Checkout use cases: the cart (cart.py) and shipping methods (shipping.py)."""

from mercato.checkout.services.cart import (
    EMPTY,
    CartChanged,
    PlannedAdd,
    add_item,
    apply_add,
    cart_units,
    merge_guest_cart,
    new_token,
    plan_add,
    price_lines,
    remove_item,
    set_quantity,
    take_ordered,
    view_cart,
)

__all__ = [
    "EMPTY",
    "CartChanged",
    "PlannedAdd",
    "add_item",
    "apply_add",
    "cart_units",
    "merge_guest_cart",
    "new_token",
    "plan_add",
    "price_lines",
    "remove_item",
    "set_quantity",
    "take_ordered",
    "view_cart",
]
