"""Cart persistence. Every read is owner-scoped in `cart_with_lines`: a customer's cart by their id,
a guest cart only by its token (and only while no customer owns it). Plain Core statements
built once (the cart and checkout run on every request of the money path; see
docs/benchmarks.md): carts and lines come back as small values, not ORM objects."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.checkout.adapters.tables import Cart, CartLine
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

MAX_TOKEN = 128
TOUCH_EVERY = timedelta(minutes=1)
_CART = cast(Table, Cart.__table__)
_LINE = cast(Table, CartLine.__table__)


@dataclass(slots=True)
class CartRow:
    id: int
    currency: str
    updated_at: datetime


@dataclass(slots=True)
class LineRow:
    id: int
    quantity: int
    added_at: datetime | None = None  # lines are listed in the order they were added


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_NEW_CART = Prepared(insert(_CART).returning(_CART.c.id))
_NEW_LINE = Prepared(insert(_LINE).returning(_LINE.c.id))
_SET_QUANTITY = Prepared(
    update(_LINE).where(_LINE.c.id == bindparam("line_id")).values(quantity=bindparam("qty"))
)
# Compare-and-set: the line still holds the quantity its writer read.
_SWAP_QUANTITY = Prepared(
    update(_LINE)
    .where(_LINE.c.id == bindparam("line_id"), _LINE.c.quantity == bindparam("was"))
    .values(quantity=bindparam("qty"))
)
_TOUCH = Prepared(
    update(_CART).where(_CART.c.id == bindparam("cart_id")).values(updated_at=bindparam("at"))
)
_DELETE_LINE = Prepared(delete(_LINE).where(_LINE.c.id == bindparam("line_id")))
_DELETE_LINES = Prepared(delete(_LINE).where(_LINE.c.cart_id == bindparam("cart_id")))
_DELETE_CART = Prepared(delete(_CART).where(_CART.c.id == bindparam("cart_id")))
_CUSTOMERS_CART = (
    select(_CART.c.id).where(_CART.c.customer_id == bindparam("customer_id")).scalar_subquery()
)
_TAKE_ALL = Prepared(
    delete(_LINE)
    .where(_LINE.c.cart_id == _CUSTOMERS_CART)
    .returning(_LINE.c.sku_id, _LINE.c.quantity)
)
# An order of chosen lines takes those lines only; the others stay in the cart.
_TAKE_SOME = Prepared(
    delete(_LINE)
    .where(
        _LINE.c.cart_id == _CUSTOMERS_CART,
        _LINE.c.sku_id.in_(bindparam("sku_ids", expanding=True)),
    )
    .returning(_LINE.c.sku_id, _LINE.c.quantity)
)


def _with_lines(owner: Any) -> Prepared:
    return Prepared(
        select(
            _CART.c.id,
            _CART.c.currency,
            _CART.c.updated_at,
            _LINE.c.sku_id,
            _LINE.c.id,
            _LINE.c.quantity,
            _LINE.c.added_at,
        )
        .outerjoin(_LINE, _LINE.c.cart_id == _CART.c.id)
        .where(owner)
        .order_by(_LINE.c.added_at, _LINE.c.id)
    )


def _units(owner: Any) -> Prepared:
    return Prepared(
        select(func.coalesce(func.sum(_LINE.c.quantity), 0))
        .select_from(_CART.join(_LINE, _LINE.c.cart_id == _CART.c.id))
        .where(owner)
    )


# A cart and its lines in one statement.
_MINE = _with_lines(_CART.c.customer_id == bindparam("customer_id"))
_GUESTS = _with_lines((_CART.c.token_digest == bindparam("digest")) & _CART.c.customer_id.is_(None))
_MY_UNITS = _units(_CART.c.customer_id == bindparam("customer_id"))
_GUEST_UNITS = _units((_CART.c.token_digest == bindparam("digest")) & _CART.c.customer_id.is_(None))


def cart_with_lines(
    tx: AnyTx, customer_id: int | None, guest_token: str | None
) -> tuple[CartRow | None, dict[int, LineRow]]:
    """The caller's cart and its lines by SKU id (oldest first), in one statement: the
    customer's when signed in (a guest token is then ignored), else the guest cart of
    `guest_token`; (None, {}) when there is none. Nobody else's cart, ever."""
    if customer_id is not None:
        rows = run(tx, _MINE, {"customer_id": customer_id}).all()
    elif guest_token and len(guest_token) <= MAX_TOKEN:
        rows = run(tx, _GUESTS, {"digest": digest(guest_token)}).all()
    else:
        return None, {}
    if not rows:
        return None, {}
    lines = {r[3]: LineRow(r[4], r[5], r[6]) for r in rows if r[3] is not None}
    return CartRow(rows[0][0], rows[0][1], rows[0][2]), lines


def units(tx: AnyTx, customer_id: int | None, guest_token: str | None) -> int:
    """Every unit in the caller's cart (owner-scoped as `cart_with_lines`), one statement."""
    if customer_id is not None:
        return int(run(tx, _MY_UNITS, {"customer_id": customer_id}).scalar_one())
    if guest_token and len(guest_token) <= MAX_TOKEN:
        return int(run(tx, _GUEST_UNITS, {"digest": digest(guest_token)}).scalar_one())
    return 0


def _cart_values(customer_id: int | None, guest_token: str | None, at: datetime) -> Any:
    return {
        "customer_id": customer_id,
        "token_digest": None if customer_id is not None else digest(guest_token or ""),
        "currency": "CNY",
        "created_at": at,
        "updated_at": at,
    }


def insert_cart(tx: AnyTx, customer_id: int | None, guest_token: str | None) -> CartRow:
    """A new empty cart; IntegrityError if the customer has one (another request made it)."""
    at = now()
    cart_id = run(tx, _NEW_CART, _cart_values(customer_id, guest_token, at)).scalar_one()
    return CartRow(int(cart_id), "CNY", at)


def set_line(
    tx: AnyTx, cart: CartRow, lines: dict[int, LineRow], sku_id: int, quantity: int
) -> bool:
    """`save_quantity` if the line still holds what `lines` says (its quantity, or no line:
    the insert then fails with IntegrityError on the unique cart and SKU). False if the
    line's quantity changed meanwhile."""
    line = lines.get(sku_id)
    if line is not None:
        swap = {"line_id": line.id, "was": line.quantity, "qty": quantity}
        if run(tx, _SWAP_QUANTITY, swap).rowcount != 1:
            return False
        lines[sku_id] = LineRow(line.id, quantity, line.added_at)
        _touch(tx, cart, now())
        return True
    save_quantity(tx, cart, lines, sku_id, quantity)
    return True


def create_cart(tx: AnyTx, customer_id: int | None, guest_token: str | None) -> CartRow:
    """A new empty cart. Two requests of one customer racing here make one cart: the loser's
    insert fails on the unique customer_id and it takes the winner's."""
    at = now()
    values = _cart_values(customer_id, guest_token, at)
    try:
        with tx.begin_nested():
            cart_id = run(tx, _NEW_CART, values).scalar_one()
    except IntegrityError:
        found = cart_with_lines(tx, customer_id, guest_token)[0]
        if found is None:
            raise
        return found
    return CartRow(int(cart_id), "CNY", at)


def save_quantity(
    tx: AnyTx,
    cart: CartRow,
    lines: dict[int, LineRow],
    sku_id: int,
    quantity: int,
    added_at: datetime | None = None,
) -> None:
    """Set a line's quantity, adding the line when the cart lacks it (listed as added at
    `added_at`, default now: a removed line put back keeps its place)."""
    at = now()
    line = lines.get(sku_id)
    if line is None:
        added = added_at or at
        values = {"cart_id": cart.id, "sku_id": sku_id, "quantity": quantity, "added_at": added}
        lines[sku_id] = LineRow(int(run(tx, _NEW_LINE, values).scalar_one()), quantity, added)
    else:
        run(tx, _SET_QUANTITY, {"line_id": line.id, "qty": quantity})
        line.quantity = quantity
    _touch(tx, cart, at)


def _touch(tx: AnyTx, cart: CartRow, at: datetime) -> None:
    # The cart's last activity, to the minute (what expiry and abandoned-cart reports need):
    # a shopper adding several items in a row writes the cart row once, not per item.
    if at - cart.updated_at >= TOUCH_EVERY:
        run(tx, _TOUCH, {"cart_id": cart.id, "at": at})
        cart.updated_at = at


def remove_line(tx: Session, cart: CartRow, lines: dict[int, LineRow], sku_id: int) -> LineRow:
    line = lines.pop(sku_id)
    run(tx, _DELETE_LINE, {"line_id": line.id})
    _touch(tx, cart, now())
    return line


def delete_cart(tx: Session, cart: CartRow) -> None:
    run(tx, _DELETE_LINES, {"cart_id": cart.id})
    run(tx, _DELETE_CART, {"cart_id": cart.id})


def take_all(tx: AnyTx, customer_id: int) -> dict[int, int]:
    """Empty the customer's cart; returns what it held (SKU id → quantity). On PostgreSQL a
    concurrent taker waits for the lines' row locks and then finds them gone."""
    return {int(r[0]): int(r[1]) for r in run(tx, _TAKE_ALL, {"customer_id": customer_id})}


def take_lines(tx: AnyTx, customer_id: int, sku_ids: list[int]) -> dict[int, int]:
    """Take the lines of these SKUs out of the customer's cart (one statement); returns what
    they held. The cart's other lines are not touched."""
    if not sku_ids:
        return {}
    params = {"customer_id": customer_id, "sku_ids": sorted(sku_ids)}
    return {int(r[0]): int(r[1]) for r in run(tx, _TAKE_SOME, params)}
