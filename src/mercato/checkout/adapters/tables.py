"""Checkout tables. A cart belongs to one customer (unique when set) or to the holder of a
guest token, stored only as its SHA-256 digest. SKUs are catalogue ids: no cross-context FK."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, UniqueConstraint
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
