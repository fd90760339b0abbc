"""Orders test helpers (the `market` and `buyer` fixtures are in tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from mercato.platform.db import Database

PASSWORD = "secret-pass-1"
ADDRESS = {
    "recipient": "王小明",
    "phone": "13912345678",
    "province": "上海市",
    "city": "上海市",
    "district": "浦东新区",
    "street": "世纪大道100号",
    "postcode": "200120",
}


def make_buyer(db: Database, phone: str = "13800000001") -> dict[str, Any]:
    from mercato.members.services import accounts, addresses

    with db.transaction() as tx:
        c = accounts.sign_up(tx, phone, "", PASSWORD, "Li Lei")
        a = addresses.add_address(tx, c.id, ADDRESS)
        return {"id": c.id, "phone": phone, "password": PASSWORD, "address_id": a.id}


def fill_cart(db: Database, customer_id: int, lines: dict[int, int]) -> None:
    from mercato.checkout.domain import CartOwner
    from mercato.checkout.services.cart import add_item

    with db.transaction() as tx:
        for sku_id, qty in lines.items():
            add_item(tx, CartOwner(customer_id, None), sku_id, qty, "zh_CN")
