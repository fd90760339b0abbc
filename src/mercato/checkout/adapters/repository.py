"""Cart persistence. Every read is owner-scoped in `cart_for`: a customer's cart by their id,
a guest cart only by its token (and only while no customer owns it)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.checkout.adapters.tables import Cart, CartLine

MAX_TOKEN = 128


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def cart_for(tx: Session, customer_id: int | None, guest_token: str | None) -> Cart | None:
    """The caller's cart: the customer's when signed in (a guest token is then ignored), else
    the guest cart of `guest_token`; None when there is none. Nobody else's cart, ever."""
    if customer_id is not None:
        return tx.scalar(select(Cart).where(Cart.customer_id == customer_id))
    if not guest_token or len(guest_token) > MAX_TOKEN:
        return None
    q = select(Cart).where(Cart.token_digest == digest(guest_token), Cart.customer_id.is_(None))
    return tx.scalar(q)


def create_cart(tx: Session, customer_id: int | None, guest_token: str | None) -> Cart:
    """A new empty cart. Two requests of one customer racing here make one cart: the loser's
    insert fails on the unique customer_id and it takes the winner's."""
    at = now()
    cart = Cart(
        customer_id=customer_id,
        token_digest=None if customer_id is not None else digest(guest_token or ""),
        currency="CNY",
        created_at=at,
        updated_at=at,
    )
    try:
        with tx.begin_nested():
            tx.add(cart)
    except IntegrityError:
        found = cart_for(tx, customer_id, guest_token)
        if found is None:
            raise
        return found
    return cart


def lines_of(tx: Session, cart: Cart) -> dict[int, CartLine]:
    """The cart's lines by SKU id, oldest first. One query."""
    q = select(CartLine).where(CartLine.cart_id == cart.id).order_by(CartLine.id)
    return {line.sku_id: line for line in tx.scalars(q)}


def save_quantity(
    tx: Session, cart: Cart, lines: dict[int, CartLine], sku_id: int, quantity: int
) -> None:
    """Set a line's quantity, adding the line when the cart lacks it."""
    line = lines.get(sku_id)
    if line is None:
        line = CartLine(cart_id=cart.id, sku_id=sku_id, quantity=quantity, added_at=now())
        tx.add(line)
        lines[sku_id] = line
    else:
        line.quantity = quantity
    cart.updated_at = now()
    tx.flush()


def remove_line(tx: Session, cart: Cart, lines: dict[int, CartLine], sku_id: int) -> None:
    tx.delete(lines.pop(sku_id))
    cart.updated_at = now()
    tx.flush()


def delete_cart(tx: Session, cart: Cart) -> None:
    tx.execute(delete(CartLine).where(CartLine.cart_id == cart.id))
    tx.delete(cart)
    tx.flush()


def lock_customer_cart(tx: Session, customer_id: int) -> None:
    tx.execute(select(Cart.id).where(Cart.customer_id == customer_id).with_for_update()).first()


def remove_skus(tx: Session, customer_id: int, sku_ids: list[int]) -> None:
    if not sku_ids:
        return
    cart_id = select(Cart.id).where(Cart.customer_id == customer_id).scalar_subquery()
    tx.execute(delete(CartLine).where(CartLine.cart_id == cart_id, CartLine.sku_id.in_(sku_ids)))
