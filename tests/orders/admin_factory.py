"""Orders for the order-centre tests, made through the real services: a customer with an
address, a cart filled from the small shop (tests/factories.py), an order placed with
place_order, and status changes as staff or a verified payment make them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from mercato.checkout.domain import CartOwner
from mercato.checkout.services.cart import add_item
from mercato.inventory import public as inventory
from mercato.members.services import accounts, addresses
from mercato.orders import domain
from mercato.orders.adapters.tables import Order
from mercato.orders.services import transitions
from mercato.orders.services.place_order import PlaceOrder, place_order
from mercato.platform.db import Database
from tests.checkout.shipping_factory import shipping_methods

PASSWORD = "secret-pass-1"


def order_shop(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    """The small shop plus the `std` and `express` shipping methods."""
    with db.transaction() as tx:
        return {**shop, "methods": shipping_methods(tx)}


def customer(
    db: Database, login_phone: str, recipient: str = "王小明", phone: str = "13912345678"
) -> dict[str, Any]:
    address = {
        "recipient": recipient,
        "phone": phone,
        "province": "上海市",
        "city": "上海市",
        "district": "浦东新区",
        "street": "世纪大道100号",
        "postcode": "200120",
    }
    with db.transaction() as tx:
        c = accounts.sign_up(tx, login_phone, "", PASSWORD, recipient)
        a = addresses.add_address(tx, c.id, address)
        return {"id": c.id, "address_id": a.id, "recipient": recipient, "phone": phone}


def place(
    db: Database,
    buyer: dict[str, Any],
    lines: dict[int, int],
    *,
    note: str = "",
    invoice: domain.InvoiceRequest | None = None,
) -> str:
    """Fill the buyer's cart with `lines` (SKU id → quantity) and place the order."""
    owner = CartOwner(buyer["id"], None)
    with db.transaction() as tx:
        for sku_id, qty in lines.items():
            add_item(tx, owner, sku_id, qty, "zh_CN")
        cmd = PlaceOrder(
            buyer["id"], buyer["address_id"], "std", invoice or domain.InvoiceRequest(), note
        )
        return place_order(tx, cmd, "zh_CN").number


def pay(db: Database, number: str) -> None:
    with db.transaction() as tx:
        total = tx.get_one(Order, _order_id(tx, number)).total_fen
        transitions.mark_paid(tx, number, total, "wechat", f"ref-{number}")


def move(db: Database, number: str, *targets: str, reason: str = "test") -> None:
    for target in targets:
        with db.transaction() as tx:
            transitions.change_by_staff(tx, number, target, "ops@example.com", reason)


def placed_on(db: Database, number: str, at: datetime) -> None:
    """Back-date an order (stored UTC, naive) to test the date filters."""
    with db.transaction() as tx:
        tx.execute(update(Order).where(Order.number == number).values(placed_at=at))


def status_of(db: Database, number: str) -> str:
    with db.reading() as tx:
        return tx.get_one(Order, _order_id(tx, number)).status


def available(db: Database, sku_id: int) -> int:
    with db.reading() as tx:
        return inventory.available(tx, [sku_id])[sku_id]


def _order_id(tx: Any, number: str) -> int:
    return int(tx.scalar(select(Order.id).where(Order.number == number)))
