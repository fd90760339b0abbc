"""What the cart page does beyond the API: a quantity typed or stepped is kept within 1..99
and stock, saying why it changed (the page never refuses a number, it shows the nearest one
allowed); a removed line can be put back where it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.checkout import domain
from mercato.checkout.adapters import repository
from mercato.checkout.domain import CartOwner, CartView
from mercato.checkout.services.cart import _owned_line, _price, _sellable, _snapshots
from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError, NotFound


@dataclass(frozen=True, slots=True)
class Adjusted:
    """The cart after a quantity change; `reason` says why the line holds another number
    than asked ("" it does not, "min" below 1, "max" above 99, "stock" above what is left),
    `limit` the most it may hold now."""

    cart: CartView
    sku_id: int
    reason: str
    limit: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A line just removed: enough to put it back in its place."""

    sku_id: int
    quantity: int
    added_at: datetime | None
    name: str


def adjust_quantity(
    tx: Session, owner: CartOwner, sku_id: int, wanted: int, locale: str
) -> Adjusted:
    """Set a line of the owner's cart to `wanted`, or to the nearest quantity allowed."""
    cart, lines = _owned_line(tx, owner, sku_id)
    skus = _snapshots(tx, list(lines), locale)
    _sellable(sku_id, skus)
    available = inventory.available(tx, list(lines))
    quantity, reason = domain.clamped_quantity(wanted, available[sku_id])
    if lines[sku_id].quantity != quantity:
        repository.save_quantity(tx, cart, lines, sku_id, quantity)
    quantities = {k: line.quantity for k, line in lines.items()}
    view = domain.price_cart(cart.currency, quantities, skus, available)
    return Adjusted(view, sku_id, reason, domain.quantity_limit(available[sku_id]))


def remove_line(
    tx: Session, owner: CartOwner, sku_id: int, locale: str
) -> tuple[CartView, Removed]:
    """Remove a line of the owner's cart; returns the cart and what to put back on undo."""
    cart, lines = _owned_line(tx, owner, sku_id)
    name = next((ln.product_name for ln in _price(tx, cart, lines, locale).lines
                 if ln.sku_id == sku_id), "")
    line = repository.remove_line(tx, cart, lines, sku_id)
    removed = Removed(sku_id, line.quantity, line.added_at, name)
    return _price(tx, cart, lines, locale), removed


def restore_line(
    tx: Session,
    owner: CartOwner,
    sku_id: int,
    quantity: int,
    added_at: datetime | None,
    locale: str,
) -> CartView:
    """Put a removed line back in its place (as added at `added_at`), with as many as are
    still to be had. A line that is back already (undo pressed twice) is left as it is."""
    cart, lines = repository.cart_with_lines(tx, owner.customer_id, owner.guest_token)
    if cart is None:  # nothing was removed from a cart that is not there
        raise NotFound("checkout.line_not_found", "This item is not in your cart", "sku_id")
    if sku_id not in lines:
        if len(lines) >= domain.MAX_LINES:
            raise DomainError("checkout.cart_full", "The cart holds at most 100 lines", "sku_id")
        skus = _snapshots(tx, [sku_id], locale)
        _sellable(sku_id, skus)
        left = inventory.available(tx, [sku_id])[sku_id]
        quantity = domain.clamped_quantity(quantity, left)[0]
        when = added_at if added_at and added_at <= repository.now() else None
        repository.save_quantity(tx, cart, lines, sku_id, quantity, when)
        ordered = sorted(lines.items(), key=lambda kv: (kv[1].added_at or datetime.min, kv[1].id))
        lines = dict(ordered)
    return _price(tx, cart, lines, locale)
