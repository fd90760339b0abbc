"""Group-buy tables. A deal's cashback ladder is a small JSON text (read whole with its row).
SKUs, products, customers and orders are referred to by id or number: no foreign keys across
contexts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base

COMPLETING = "status = 'filled' AND completed_at IS NULL"  # succeeded, not yet complete


class Deal(Base):
    __tablename__ = "groupbuy_deal"
    __table_args__ = (
        CheckConstraint("group_size BETWEEN 2 AND 50", name="size_range"),
        CheckConstraint("price_fen >= 1", name="price_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    product_id: Mapped[int] = mapped_column(Integer, index=True)
    group_size: Mapped[int] = mapped_column(Integer)  # paid seats for a group to succeed
    max_size: Mapped[int] = mapped_column(Integer)  # the most people a group takes (≥ size)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    time_limit_minutes: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    ladder: Mapped[str] = mapped_column(Text, default="[]")  # [[participants, fen], ...]
    cashback_how: Mapped[str] = mapped_column(String(10), default="points")
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Group(Base):
    """One group of a deal: its seats taken (held by an unpaid order or paid) and paid. It
    succeeds (filled) at `needed` seats paid and takes people up to `size`, its most."""

    __tablename__ = "groupbuy_group"
    __table_args__ = (
        # The database itself never lets more people in than the group's most.
        CheckConstraint("seats_taken BETWEEN 0 AND size", name="seats_within_size"),
        CheckConstraint("seats_paid BETWEEN 0 AND seats_taken", name="paid_within_taken"),
        # The expiry job's reads (open groups to fail; filled ones to complete, among the
        # ever more completed ones), and a product page's groups of a deal.
        Index("ix_groupbuy_group_due", "status", "expires_at"),
        Index("ix_groupbuy_group_completing", "expires_at",
              postgresql_where=text(COMPLETING), sqlite_where=text(COMPLETING)),
        Index("ix_groupbuy_group_deal", "deal_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("groupbuy_deal.id"))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    leader_id: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # its most seats: the deal's max_size at opening
    needed: Mapped[int] = mapped_column(Integer)  # seats paid to succeed: the deal's group_size
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    seats_paid: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # filled/failed
    # Filled, then complete (its most paid, or its time out): the cashback fixed and paid.
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Member(Base):
    __tablename__ = "groupbuy_member"
    __table_args__ = (
        UniqueConstraint("group_id", "customer_id", name="uq_groupbuy_member_once"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groupbuy_group.id"))
    customer_id: Mapped[int] = mapped_column(Integer, index=True)
    order_number: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="holding")
    cashback_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    joined_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
