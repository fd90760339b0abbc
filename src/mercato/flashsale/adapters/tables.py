"""Flash-sale tables. SKUs, customers and orders are referred to by id or number: no foreign
keys across contexts.

The database itself holds the two promises even if code is wrong: an item's `taken` never
passes its `quantity` (CHECK), a customer's units in an event never pass the cap stored on
their holding row (CHECK), and a seat id names one row (UNIQUE), so a seat taken in Redis
is written once and a seat given up by the reconciliation job can never be written later."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Event(Base):
    __tablename__ = "flashsale_event"
    __table_args__ = (
        # The product page's and the job's read: published events not over yet.
        Index("ix_flashsale_event_live", "status", "ends_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    per_customer_limit: Mapped[int] = mapped_column(Integer, default=1)
    admit_per_second: Mapped[int] = mapped_column(Integer, default=0)  # 0: no waiting room
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Item(Base):
    """One SKU of an event: its flash price and units; `taken` counts units in seats held or
    ordered (released ones are given back)."""

    __tablename__ = "flashsale_item"
    __table_args__ = (
        UniqueConstraint("event_id", "sku_id", name="uq_flashsale_item_sku"),
        CheckConstraint("taken >= 0 AND taken <= quantity", name="within_quantity"),
        CheckConstraint("price_fen >= 1 AND quantity >= 1", name="positive"),
        Index("ix_flashsale_item_sku", "sku_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("flashsale_event.id"))
    sku_id: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class Holding(Base):
    """How many units of an event one customer holds (seats held or ordered). Made at their
    first seat with the event's limit as `cap`; moved by guarded upserts."""

    __tablename__ = "flashsale_holding"
    __table_args__ = (
        CheckConstraint("taken >= 0 AND taken <= cap", name="within_cap"),
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("flashsale_event.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken: Mapped[int] = mapped_column(Integer, default=0)
    cap: Mapped[int] = mapped_column(Integer)


class Seat(Base):
    __tablename__ = "flashsale_seat"
    __table_args__ = (
        UniqueConstraint("seat_id", name="uq_flashsale_seat_seat_id"),
        # The job's reads (held too long, released) and a customer's seats of an event.
        Index("ix_flashsale_seat_status", "event_id", "status", "taken_at"),
        Index("ix_flashsale_seat_customer", "event_id", "customer_id"),
        Index("ix_flashsale_seat_order", "order_number"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(48))
    event_id: Mapped[int] = mapped_column(ForeignKey("flashsale_event.id"))
    sku_id: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="held")
    order_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
