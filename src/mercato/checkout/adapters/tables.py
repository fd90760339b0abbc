"""Checkout tables. A cart belongs to one customer (unique when set) or to the holder of a
guest token, stored only as its SHA-256 digest. SKUs are catalogue ids: no cross-context FK.
Shipping methods own their fee rules (see checkout/shipping.py for how a rule charges)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Cart(Base):
    __tablename__ = "checkout_cart"
    __table_args__ = (
        CheckConstraint("(customer_id IS NULL) <> (token_digest IS NULL)", name="one_owner"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    # NULLs are distinct in unique constraints on SQLite and PostgreSQL: one cart a customer.
    customer_id: Mapped[int | None] = mapped_column(Integer, unique=True, nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CartLine(Base):
    __tablename__ = "checkout_cart_line"
    __table_args__ = (
        UniqueConstraint("cart_id", "sku_id"),
        CheckConstraint("quantity BETWEEN 1 AND 99", name="quantity"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("checkout_cart.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ShippingMethodRow(Base):
    """A way to ship (a carrier's service); inactive methods are kept for orders naming them."""

    __tablename__ = "checkout_shipping_method"
    __table_args__ = (
        CheckConstraint("length(code) BETWEEN 1 AND 32", name="code"),
        CheckConstraint("position >= 0", name="position"),
        # Ids are never reused: an id once shown (admin, API) must not name another method.
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # [a-z0-9_-], checked in services
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    carrier: Mapped[str] = mapped_column(String(32), default="")  # "sf", "zto", "ems" or ""


class ShippingRuleRow(Base):
    """Fees to some provinces (comma-separated full names, or "*" for the rest). Amounts fen."""

    __tablename__ = "checkout_shipping_rule"
    __table_args__ = (
        CheckConstraint("first_weight_g >= 0", name="first_weight_g"),
        CheckConstraint("first_fee >= 0", name="first_fee"),
        CheckConstraint("step_g >= 1", name="step_g"),
        CheckConstraint("step_fee >= 0", name="step_fee"),
        CheckConstraint("free_over IS NULL OR free_over >= 0", name="free_over"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    method_id: Mapped[int] = mapped_column(
        ForeignKey("checkout_shipping_method.id", ondelete="CASCADE"), index=True
    )
    provinces: Mapped[str] = mapped_column(Text)
    first_weight_g: Mapped[int] = mapped_column(Integer)
    first_fee: Mapped[int] = mapped_column(Integer)
    step_g: Mapped[int] = mapped_column(Integer)
    step_fee: Mapped[int] = mapped_column(Integer)
    free_over: Mapped[int | None] = mapped_column(Integer, nullable=True)
