"""Presale tables. SKUs, customers, warehouses and orders are referred to by id or number:
no foreign keys across contexts.

The database holds the promises even if code is wrong: an item's `taken` never passes its
`planned` units and a customer's units of an item never pass the cap on their row
(CHECKs), so concurrent deposits never oversell the plan nor the limit."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Campaign(Base):
    __tablename__ = "presale_campaign"
    __table_args__ = (Index("ix_presale_campaign_live", "status", "balance_ends"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default="draft")
    deposit_starts: Mapped[datetime] = mapped_column(DateTime)
    deposit_ends: Mapped[datetime] = mapped_column(DateTime)
    balance_starts: Mapped[datetime] = mapped_column(DateTime)
    balance_ends: Mapped[datetime] = mapped_column(DateTime)
    ship_on: Mapped[date] = mapped_column(Date)
    rule: Mapped[str] = mapped_column(String(8), default="keep")
    per_customer_limit: Mapped[int] = mapped_column(Integer, default=1)
    remind_hours: Mapped[int] = mapped_column(Integer, default=24)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Item(Base):
    """One SKU of a campaign; `taken` counts units in deposit orders not ended."""

    __tablename__ = "presale_item"
    __table_args__ = (
        UniqueConstraint("campaign_id", "sku_id", name="uq_presale_item_sku"),
        CheckConstraint("taken >= 0 AND taken <= planned", name="within_plan"),
        CheckConstraint("deposit_fen >= 1 AND deduct_fen >= deposit_fen "
                        "AND price_fen > deduct_fen", name="amounts"),
        Index("ix_presale_item_sku", "sku_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("presale_campaign.id"))
    sku_id: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    deposit_fen: Mapped[int] = mapped_column(BigInteger)
    deduct_fen: Mapped[int] = mapped_column(BigInteger)
    planned: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class Holding(Base):
    """A customer's units of one item in orders not ended, capped by the campaign's limit."""

    __tablename__ = "presale_holding"
    __table_args__ = (CheckConstraint("units >= 0 AND units <= cap", name="within_cap"),)
    item_id: Mapped[int] = mapped_column(ForeignKey("presale_item.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    units: Mapped[int] = mapped_column(Integer)
    cap: Mapped[int] = mapped_column(Integer)


class Incoming(Base):
    """Stock the merchant expects at a warehouse for an item (a purchase on its way)."""

    __tablename__ = "presale_incoming"
    __table_args__ = (
        UniqueConstraint("item_id", "warehouse_id", name="uq_presale_incoming"),
        CheckConstraint("quantity >= 0", name="quantity_nonneg"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("presale_item.id"))
    warehouse_id: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    expected_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class PresaleOrder(Base):
    """A deposit order as this context follows it: deposit_due → deposit_paid →
    balance_paid → released (its stock held, shipping), or cancelled."""

    __tablename__ = "presale_order"
    __table_args__ = (
        Index("ix_presale_order_item_state", "item_id", "state"),
        Index("ix_presale_order_state", "state", "balance_paid_at"),
    )
    order_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("presale_campaign.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("presale_item.id"))
    sku_id: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    deposit_fen: Mapped[int] = mapped_column(BigInteger)
    balance_fen: Mapped[int] = mapped_column(BigInteger)  # with shipping: what the order asks
    province: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(14))
    deposit_paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    balance_paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
