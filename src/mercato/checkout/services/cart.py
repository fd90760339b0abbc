"""Cart use cases: view, add, change, remove and merge at login. Prices come from the
catalogue at each call; services never commit and raise only DomainError subclasses."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.checkout import domain
from mercato.checkout.adapters import repository
from mercato.checkout.adapters.repository import CartRow, LineRow
from mercato.checkout.domain import CartOwner, CartView
from mercato.inventory import public as inventory
from mercato.kernel.errors import Busy, DomainError, NotFound
from mercato.platform.tx import AnyTx

EMPTY = CartView("CNY", (), 0, 0)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _snapshots(tx: AnyTx, ids: list[int], locale: str) -> Mapping[int, domain.PricedSku]:
    """Current price, names and status of the SKUs: two queries whatever the count."""
    return catalog.sku_snapshots(tx, ids, locale) if ids else {}


def _price(tx: AnyTx, cart: CartRow, lines: dict[int, LineRow], locale: str) -> CartView:
    # Three statements whatever the size: SKUs, their options, stock.
    ids = list(lines)
    skus = _snapshots(tx, ids, locale)
    available = inventory.available(tx, ids) if ids else {}
    quantities = {sku_id: line.quantity for sku_id, line in lines.items()}
    return domain.price_cart(cart.currency, quantities, skus, available)


def _sellable(sku_id: int, skus: Mapping[int, domain.PricedSku]) -> None:
    sku = skus.get(sku_id)
    if sku is None:
        raise NotFound("checkout.sku_not_found", "No such item", "sku_id")
    if not sku.sellable:
        raise DomainError("checkout.sku_unavailable", "This item is no longer sold", "sku_id")


def view_cart(
    tx: AnyTx, owner: CartOwner, locale: str, only: frozenset[int] | None = None
) -> CartView:
    """The owner's cart priced now; an empty cart when they have none (nothing is written).
    With `only`, just the lines of those SKUs (totals of those lines alone)."""
    cart, lines = repository.cart_with_lines(tx, owner.customer_id, owner.guest_token)
    if cart is None:
        return EMPTY
    if only is not None:
        lines = {k: line for k, line in lines.items() if k in only}
    return _price(tx, cart, lines, locale)


def price_lines(tx: AnyTx, quantities: Mapping[int, int], locale: str,
                stock: bool = True) -> CartView:
    """SKU id → quantity priced as a cart would be, with no cart (a buy-now order): three
    statements whatever the count (two without `stock`)."""
    ids = list(quantities)
    skus = _snapshots(tx, ids, locale)
    available = inventory.available(tx, ids) if stock and ids else dict(quantities)
    return domain.price_cart("CNY", dict(quantities), skus, available)


def cart_units(tx: AnyTx, owner: CartOwner) -> int:
    """How many units the owner's cart holds (every line): one statement."""
    return repository.units(tx, owner.customer_id, owner.guest_token)


class CartChanged(Busy):
    """The cart changed between reading it and writing the add: read it again (a caller that
    does not retry answers 409; retrying the request may succeed)."""

    def __init__(self) -> None:
        super().__init__(
            "checkout.cart_busy", "Your cart was changed by another request; please try again"
        )


@dataclass(frozen=True, slots=True)
class PlannedAdd:
    """An add worked out from one read of the cart, the SKUs and stock (`plan_add`), to be
    written by `apply_add` if the cart is still as read."""

    cart: CartRow | None
    lines: dict[int, LineRow]
    skus: Mapping[int, domain.PricedSku]
    available: Mapping[int, int]
    sku_id: int
    total: int  # the line's quantity once added


def plan_add(
    tx: AnyTx, owner: CartOwner, sku_id: int, quantity: int, locale: str, replace: bool = False
) -> PlannedAdd:
    """Check an add of `quantity` of a sellable SKU against the cart and stock as they are now
    (`replace`: the line is to hold exactly `quantity`, as "buy now" wants); reads only."""
    domain.check_quantity(quantity)
    cart, lines = repository.cart_with_lines(tx, owner.customer_id, owner.guest_token)
    ids = [*lines, sku_id] if sku_id not in lines else list(lines)
    skus = _snapshots(tx, ids, locale)
    _sellable(sku_id, skus)
    available = inventory.available(tx, ids)
    current = {k: line.quantity for k, line in lines.items()}
    if replace:
        current.pop(sku_id, None)
    total = domain.added_quantity(current, sku_id, quantity, available[sku_id])
    return PlannedAdd(cart, lines, skus, available, sku_id, total)


def apply_add(tx: AnyTx, owner: CartOwner, plan: PlannedAdd) -> tuple[CartView, str | None]:
    """Write a planned add: the line is set only if it still holds what was read (its
    quantity, or no line), the cart made only if there still is none. Raises CartChanged
    otherwise (another request of this owner wrote meanwhile: plan again). Returns the cart
    and, for a guest whose token named no cart, the new guest token to hand back."""
    token, cart, lines = None, plan.cart, dict(plan.lines)
    try:
        if cart is None:
            token = new_token() if owner.customer_id is None else None
            cart = repository.insert_cart(tx, owner.customer_id, token)
        if not repository.set_line(tx, cart, lines, plan.sku_id, plan.total):
            raise CartChanged
    except IntegrityError:  # a cart or line that another request made meanwhile
        raise CartChanged from None
    quantities = {k: line.quantity for k, line in lines.items()}
    return domain.price_cart(cart.currency, quantities, plan.skus, plan.available), token


def add_item(
    tx: AnyTx, owner: CartOwner, sku_id: int, quantity: int, locale: str, replace: bool = False
) -> tuple[CartView, str | None]:
    """Plan and write an add in one transaction (which holds what it read: no CartChanged
    on SQLite; on PostgreSQL a concurrent add of the same line can still raise it)."""
    return apply_add(tx, owner, plan_add(tx, owner, sku_id, quantity, locale, replace))


def _owned_line(tx: Session, owner: CartOwner, sku_id: int) -> tuple[CartRow, dict[int, LineRow]]:
    cart, lines = repository.cart_with_lines(tx, owner.customer_id, owner.guest_token)
    if cart is None or sku_id not in lines:
        raise NotFound("checkout.line_not_found", "This item is not in your cart", "sku_id")
    return cart, lines


def set_quantity(
    tx: Session, owner: CartOwner, sku_id: int, quantity: int, locale: str
) -> CartView:
    """Change a line's quantity (1..99, within stock) in the owner's own cart."""
    domain.check_quantity(quantity)
    cart, lines = _owned_line(tx, owner, sku_id)
    skus = _snapshots(tx, list(lines), locale)
    _sellable(sku_id, skus)
    available = inventory.available(tx, list(lines))
    domain.check_stock(quantity, available[sku_id])
    repository.save_quantity(tx, cart, lines, sku_id, quantity)
    quantities = {k: line.quantity for k, line in lines.items()}
    return domain.price_cart(cart.currency, quantities, skus, available)


def remove_item(tx: Session, owner: CartOwner, sku_id: int, locale: str) -> CartView:
    """Remove a line from the owner's own cart."""
    cart, lines = _owned_line(tx, owner, sku_id)
    repository.remove_line(tx, cart, lines, sku_id)
    return _price(tx, cart, lines, locale)


def merge_guest_cart(tx: Session, guest_token: str | None, customer_id: int) -> None:
    """Fold the guest cart of `guest_token` into the customer's cart (see domain.merged_lines)
    and delete it. Nothing happens without a guest cart for that token."""
    guest, found = repository.cart_with_lines(tx, None, guest_token)
    if guest is None:
        return
    guest_lines = {k: line.quantity for k, line in found.items()}
    repository.delete_cart(tx, guest)
    skus = _snapshots(tx, list(guest_lines), "en")
    guest_lines = {k: q for k, q in guest_lines.items() if k in skus and skus[k].sellable}
    if not guest_lines:
        return
    cart, lines = repository.cart_with_lines(tx, customer_id, None)
    if cart is None:  # a concurrent request may create it first: read what it holds
        repository.create_cart(tx, customer_id, None)
        cart, lines = repository.cart_with_lines(tx, customer_id, None)
        assert cart is not None
    current = {k: line.quantity for k, line in lines.items()}
    available = inventory.available(tx, [*current, *guest_lines])
    merged = domain.merged_lines(current, guest_lines, available)
    for sku_id, qty in merged.items():
        if current.get(sku_id) != qty:
            repository.save_quantity(tx, cart, lines, sku_id, qty)


def take_ordered(
    tx: AnyTx, customer_id: int, expected: Mapping[int, int], only: bool = False
) -> None:
    """Take the lines an order was planned from out of the customer's cart: all its lines,
    or with `only` the lines of the expected SKUs alone (the rest stay). Raises CartChanged
    (and the caller rolls back) if what was taken is not exactly the expected quantities."""
    if only:
        taken = repository.take_lines(tx, customer_id, list(expected))
    else:
        taken = repository.take_all(tx, customer_id)
    if taken != dict(expected):
        raise CartChanged

