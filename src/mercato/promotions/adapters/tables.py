"""Promotions tables. Scopes and spend-save ladders are small JSON texts (read whole with their
row, never queried inside). Orders and customers are referred to by number or id: no foreign
keys across contexts."""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Promotion(Base):
    __tablename__ = "promotions_promotion"
    __table_args__ = (
        # The checkout's read: enabled promotions whose end has not passed.
        Index("ix_promotions_promotion_live", "enabled", "ends_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    stacking: Mapped[str] = mapped_column(String(10), default="stack")
    percent_off_bp: Mapped[int] = mapped_column(Integer, default=0)
    buy: Mapped[int] = mapped_column(Integer, default=0)
    pay: Mapped[int] = mapped_column(Integer, default=0)
    nth: Mapped[int] = mapped_column(Integer, default=0)
    tiers: Mapped[str] = mapped_column(Text, default="[]")  # [[threshold_fen, off_fen], ...]
    over_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    scope: Mapped[str] = mapped_column(Text, default="{}")  # pricing.Scope's non-empty sets
    starts_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CouponTemplate(Base):
    __tablename__ = "promotions_coupon_template"
    __table_args__ = (
        # The database itself never lets more coupons out than the total limit.
        CheckConstraint("total_limit = 0 OR issued_count <= total_limit", name="within_limit"),
        CheckConstraint("issued_count >= 0 AND used_count >= 0", name="counts_nonneg"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    off_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    percent_off_bp: Mapped[int] = mapped_column(Integer, default=0)
    cap_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    min_spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    scope: Mapped[str] = mapped_column(Text, default="{}")
    with_promotions: Mapped[bool] = mapped_column(Boolean, default=True)
    starts_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    valid_days: Mapped[int] = mapped_column(Integer, default=0)  # 0: the fixed window above
    total_limit: Mapped[int] = mapped_column(Integer, default=0)  # 0: unlimited
    per_customer_limit: Mapped[int] = mapped_column(Integer, default=1)  # 0: unlimited
    issued_count: Mapped[int] = mapped_column(Integer, default=0)
    used_count: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    # A template the shop makes for itself ("cashback"): at most one each; NULL for staff's.
    purpose: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Coupon(Base):
    """An issued coupon: one customer's, usable once."""

    __tablename__ = "promotions_coupon"
    __table_args__ = (
        UniqueConstraint("template_id", "customer_id", "source", "source_ref",
                         name="uq_promotions_coupon_once"),
        # "My coupons" and the checkout's picker; the expiry job.
        Index("ix_promotions_coupon_mine", "customer_id", "status", "ends_at"),
        Index("ix_promotions_coupon_expiry", "status", "ends_at"),
        Index("ix_promotions_coupon_template", "template_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("promotions_coupon_template.id"))
    customer_id: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    off_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # > 0: instead of template's
    status: Mapped[str] = mapped_column(String(10), default="available")
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    used_order_number: Mapped[str | None] = mapped_column(String(20), index=True, nullable=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    source: Mapped[str] = mapped_column(String(10))
    source_ref: Mapped[str] = mapped_column(String(64), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)


class Redemption(Base):
    """A promotion or coupon an order used: usage, discount given and revenue touched."""

    __tablename__ = "promotions_redemption"
    __table_args__ = (
        UniqueConstraint("order_number", "source", name="uq_promotions_redemption_once"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_number: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(24))  # "promotion:12", "coupon:34"
    promotion_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)
    coupon_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    template_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)
    discount_fen: Mapped[int] = mapped_column(BigInteger)
    order_goods_fen: Mapped[int] = mapped_column(BigInteger)
    order_total_fen: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10), default="placed")
    at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Bundle(Base):
    """Coupons given together on an occasion: a birthday, a referral, reaching a tier."""

    __tablename__ = "promotions_bundle"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    trigger: Mapped[str] = mapped_column(String(20), index=True)
    tier: Mapped[str] = mapped_column(String(20), default="")  # "": any tier
    template_ids: Mapped[str] = mapped_column(String(200))  # "3 5 8"
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Cashback(Base):
    """Group-buy cashback given, once per reference."""

    __tablename__ = "promotions_cashback"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(Integer, index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    how: Mapped[str] = mapped_column(String(10))  # points | coupon
    coupon_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    points: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(DateTime)
