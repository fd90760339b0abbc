"""Inventory use cases: stock levels (stock.py) and order reservations (reservations.py)."""

from mercato.inventory.services.stock import (
    adjust,
    create_warehouse,
    forget_sku,
    get_warehouse,
    register_sku,
    rename_sku,
    reserve,
    save_warehouse,
    set_on_hand,
    sku_id_for_code,
    update_warehouse,
)

__all__ = [
    "adjust",
    "create_warehouse",
    "forget_sku",
    "get_warehouse",
    "register_sku",
    "rename_sku",
    "reserve",
    "save_warehouse",
    "set_on_hand",
    "sku_id_for_code",
    "update_warehouse",
]
