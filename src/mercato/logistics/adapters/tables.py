"""Logistics tables. A shipment is what one warehouse sends for one order (an order whose
lines come from two warehouses has two); it keeps a snapshot of the recipient so later edits
of the order's address never change a printed waybill. Orders, SKUs and warehouses are
referred to by number or id: no foreign keys across contexts."""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Shipment(Base):
    __tablename__ = "logistics_shipment"
    __table_args__ = (
        UniqueConstraint("carrier", "waybill_no", name="uq_logistics_shipment_waybill"),
        # The warehouse's queue: open shipments, priority first, oldest first.
        Index("ix_logistics_shipment_queue", "status", "priority", "created_at"),
        # Tracking gone quiet: shipped, by when it last heard from the carrier.
        Index("ix_logistics_shipment_heard", "status", "last_heard_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    customer_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16), default="")  # last carrier stage
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    carrier: Mapped[str | None] = mapped_column(String(16), nullable=True)
    waybill_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    routing_code: Mapped[str] = mapped_column(String(60), default="")  # 大头笔 / destCode
    recipient: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(40))
    street: Mapped[str] = mapped_column(String(200))
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    picked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The newest carrier event applied (events arrive out of order: older ones are kept in
    # the history but never move the stage back) and when we last heard anything at all.
    last_event_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_heard_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ShipmentLine(Base):
    __tablename__ = "logistics_shipment_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_pos"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("logistics_shipment.id", ondelete="CASCADE"), index=True
    )
    sku_id: Mapped[int] = mapped_column(Integer)
    sku_code: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)


class TrackingEvent(Base):
    """A carrier's scan, stored once however often it is pushed (the key)."""

    __tablename__ = "logistics_tracking_event"
    __table_args__ = (Index("ix_logistics_tracking_shipment", "shipment_id", "occurred_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("logistics_shipment.id", ondelete="CASCADE")
    )
    stage: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    description: Mapped[str] = mapped_column(String(500))
    location: Mapped[str] = mapped_column(String(120), default="")
    code: Mapped[str] = mapped_column(String(16), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime)


class Issue(Base):
    """Something that needs a person: out of stock at allocation, tracking gone quiet,
    delivery failed. One per subject and cause (the unique key is what makes "at most one
    SMS per cause" hold under concurrent pushes and job runs)."""

    __tablename__ = "logistics_issue"
    __table_args__ = (
        UniqueConstraint("subject", "cause", name="uq_logistics_issue_cause"),
        Index("ix_logistics_issue_open", "resolved_at", "opened_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(24))  # shipment number, or order number
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    cause: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(String(500), default="")
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    notified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_by: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
