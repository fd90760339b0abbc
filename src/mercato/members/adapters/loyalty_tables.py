"""Members loyalty tables: tiers, each member's standing (tier, points balance, spend, tag,
RFM, invite code), the points ledger, the order record fed by order events, and referrals.

The balance in members_loyalty.points is the sum of the open lots' `remaining` in the ledger
(positive rows are lots; redemption, reversal and expiry take from them, oldest expiry first).
A CHECK keeps it from going below zero whatever a caller does. Orders are referred to by
number: no foreign keys to other contexts."""

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
    SmallInteger,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Tier(Base):
    """A member tier and its benefits; staff edit thresholds and benefits (/admin/tiers)."""

    __tablename__ = "members_tier"
    __table_args__ = (
        CheckConstraint("discount_bp >= 0 AND discount_bp <= 5000", name="discount_range"),
        CheckConstraint("min_spend_fen >= 0 AND min_orders >= 0", name="thresholds_nonneg"),
    )
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    min_spend_fen: Mapped[int] = mapped_column(BigInteger)
    min_orders: Mapped[int] = mapped_column(Integer)
    discount_bp: Mapped[int] = mapped_column(Integer, default=0)
    priority_shipping: Mapped[bool] = mapped_column(Boolean, default=False)
    birthday_gift: Mapped[bool] = mapped_column(Boolean, default=True)


class Loyalty(Base):
    """One row per member, made at their first loyalty event (or invite code)."""

    __tablename__ = "members_loyalty"
    __table_args__ = (
        CheckConstraint("points >= 0", name="points_nonneg"),
        # Segments (coupon targeting) and the admin list filter by tier and by tag.
        Index("ix_members_loyalty_tier", "tier", "customer_id"),
        Index("ix_members_loyalty_tag", "tag", "customer_id"),
        # The birthday job: month * 100 + day of the customer's birthday.
        Index("ix_members_loyalty_birth_md", "birth_md"),
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE"), primary_key=True
    )
    tier: Mapped[str] = mapped_column(String(16), default="")  # "" = below every tier
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    spend_fen_365: Mapped[int] = mapped_column(BigInteger, default=0)  # completed, net
    orders_365: Mapped[int] = mapped_column(Integer, default=0)  # completed
    purchases: Mapped[int] = mapped_column(Integer, default=0)  # paid, not closed, ever
    spend_fen_total: Mapped[int] = mapped_column(BigInteger, default=0)
    tag: Mapped[str] = mapped_column(String(12), default="prospect")
    r_score: Mapped[int] = mapped_column(SmallInteger, default=0)
    f_score: Mapped[int] = mapped_column(SmallInteger, default=0)
    m_score: Mapped[int] = mapped_column(SmallInteger, default=0)
    first_order_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_order_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    birth_md: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    invite_code: Mapped[str | None] = mapped_column(String(12), unique=True, nullable=True)
    referred_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recomputed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class PointsEntry(Base):
    """The points ledger: every change of a balance is a row. Positive rows are lots:
    `remaining` is what is left of them and `expires_at` when that lapses."""

    __tablename__ = "members_points_ledger"
    __table_args__ = (
        CheckConstraint("remaining >= 0", name="remaining_nonneg"),
        # Once per (customer, kind, reference): an order earns, redeems, gets back once.
        Index(
            "uq_members_points_ledger_ref",
            "customer_id",
            "kind",
            "ref",
            unique=True,
            postgresql_where=text("ref <> ''"),
            sqlite_where=text("ref <> ''"),
        ),
        # A member's ledger page, newest first.
        Index("ix_members_points_ledger_customer", "customer_id", "id"),
        # Open lots of a member, soonest expiry first (redemption, reversal).
        Index(
            "ix_members_points_ledger_open",
            "customer_id",
            "expires_at",
            "id",
            postgresql_where=text("remaining > 0"),
            sqlite_where=text("remaining > 0"),
        ),
        # The expiry job: open lots past their date, shop-wide.
        Index(
            "ix_members_points_ledger_due",
            "expires_at",
            postgresql_where=text("remaining > 0"),
            sqlite_where=text("remaining > 0"),
        ),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE")
    )
    delta: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(12))
    ref: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")
    balance_after: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    actor: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OrderRecord(Base):
    """What members know of an order, from order and after-sales events: enough for tiers,
    tags, RFM and the points an order earns. `goods_fen` is the total less delivery."""

    __tablename__ = "members_order_record"
    __table_args__ = (
        Index("ix_members_order_record_customer", "customer_id", "paid_at"),
        CheckConstraint("refunded_fen >= 0", name="refunded_nonneg"),
    )
    order_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="paid")
    total_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    goods_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # goods given back
    points_used: Mapped[int] = mapped_column(BigInteger, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_reversed: Mapped[int] = mapped_column(BigInteger, default=0)  # owed, taken or not
    # Of points_used, what refunds gave back (their share of the goods refunded).
    points_returned: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class OrderRefund(Base):
    """Each after-sales refund counted once into its order's record."""

    __tablename__ = "members_order_refund"
    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    goods_fen: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime)


class Referral(Base):
    """Who invited whom. Decided at the invitee's first completed order."""

    __tablename__ = "members_referral"
    __table_args__ = (Index("ix_members_referral_referrer", "referrer_id", "created_at"),)
    invitee_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE"), primary_key=True
    )
    referrer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE")
    )
    code: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    reason: Mapped[str] = mapped_column(String(40), default="")
    order_number: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
