"""After-sales tables. A request keeps a snapshot of the lines it covers (name, units, the
money they give back) so later changes of the catalogue never change what was agreed.
Orders, SKUs and warehouses are referred to by number or id: no foreign keys across
contexts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Request(Base):
    __tablename__ = "aftersales_request"
    __table_args__ = (
        # The staff queue: by status, oldest first.
        Index("ix_aftersales_request_queue", "status", "created_at"),
        CheckConstraint("refund_fen >= 0", name="refund_nonneg"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    customer_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(12))
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # goods + shipping
    shipping_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # of refund_fen
    refund_no: Mapped[str] = mapped_column(String(32), default="")
    decision_note: Mapped[str] = mapped_column(String(500), default="")
    warehouse_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    return_to: Mapped[str] = mapped_column(String(400), default="")  # where to send it back
    return_carrier: Mapped[str] = mapped_column(String(40), default="")
    return_waybill: Mapped[str] = mapped_column(String(40), default="")
    replacement_carrier: Mapped[str] = mapped_column(String(40), default="")
    replacement_waybill: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class RequestLine(Base):
    __tablename__ = "aftersales_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_pos"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("aftersales_request.id", ondelete="CASCADE"), index=True
    )
    order_line_id: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    disposition: Mapped[str] = mapped_column(String(12), default="")  # restock | quarantine


class Photo(Base):
    __tablename__ = "aftersales_photo"
    id: Mapped[int] = mapped_column(primary_key=True)
    # Uploaded first (apps upload, then ask), attached when the request is made.
    customer_id: Mapped[int] = mapped_column(Integer, index=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("aftersales_request.id", ondelete="CASCADE"), index=True, nullable=True
    )
    path: Mapped[str] = mapped_column(String(200))  # under the media folder
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Step(Base):
    """The request's timeline: every status it reached, who moved it and why."""

    __tablename__ = "aftersales_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("aftersales_request.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str] = mapped_column(String(12), default="")
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(DateTime)
