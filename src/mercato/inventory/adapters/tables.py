"""Inventory tables. Quantities are checked by the database too: stock never goes negative."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Warehouse(Base):
    __tablename__ = "inventory_warehouse"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(80), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    # Full name ("广东省", kernel.provinces) or "" when not set: where parcels leave from.
    province: Mapped[str] = mapped_column(String(40), default="", server_default="")


class StockItem(Base):
    """A SKU known to inventory; the code is kept here so imports resolve codes locally."""

    __tablename__ = "inventory_item"
    sku_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sku_code: Mapped[str] = mapped_column(String(64), unique=True)


class StockLevel(Base):
    __tablename__ = "inventory_stock"
    __table_args__ = (
        UniqueConstraint("sku_id", "warehouse_id"),
        CheckConstraint("on_hand >= 0", name="on_hand_nonneg"),
        CheckConstraint("reserved >= 0", name="reserved_nonneg"),
        CheckConstraint("reserved <= on_hand", name="reserved_le_on_hand"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.sku_id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("inventory_warehouse.id"), index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    # Returned units held aside after inspection (damaged, used): in the building, not on
    # hand, never sold; written off or repaired by hand.
    quarantined: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class LedgerEntry(Base):
    __tablename__ = "inventory_ledger"
    __table_args__ = (Index("ix_inventory_ledger_sku", "sku_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer, index=True)
    delta_on_hand: Mapped[int] = mapped_column(Integer, default=0)
    delta_reserved: Mapped[int] = mapped_column(Integer, default=0)
    on_hand_after: Mapped[int] = mapped_column(Integer)
    reserved_after: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(120), default="")
    actor: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Reservation(Base):
    """Units held for an order (`reference` = the order number), per stock row, so the order
    can later release or ship exactly what it holds."""

    __tablename__ = "inventory_reservation"
    __table_args__ = (
        UniqueConstraint("reference", "stock_id"),
        CheckConstraint("quantity > 0", name="quantity_pos"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), index=True)
    stock_id: Mapped[int] = mapped_column(ForeignKey("inventory_stock.id"))
    sku_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
