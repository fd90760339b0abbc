"""Order tables. An order keeps a snapshot of what was bought (names, options, prices), of the
delivery address and of the shipping method, so later catalogue edits never change it.
Customers and SKUs are referred to by id: no foreign keys across contexts."""

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Order(Base):
    __tablename__ = "orders_order"
    __table_args__ = (
        CheckConstraint("total_fen >= 0 AND subtotal_fen >= 0", name="amounts_nonneg"),
        Index("ix_orders_order_customer", "customer_id", "id"),
        Index("ix_orders_order_status_deadline", "status", "pay_deadline"),
        # The dashboard's paid orders per period and per day, read from the index alone.
        Index("ix_orders_order_paid", "paid_at", "customer_id", "total_fen", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    item_count: Mapped[int] = mapped_column(Integer)
    subtotal_fen: Mapped[int] = mapped_column(BigInteger)
    shipping_fen: Mapped[int] = mapped_column(BigInteger)
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    shipping_code: Mapped[str] = mapped_column(String(32))
    shipping_name: Mapped[str] = mapped_column(String(120))
    recipient: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(40))
    street: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(10), default="")
    invoice_kind: Mapped[str] = mapped_column(String(10), default="none")
    invoice_title: Mapped[str] = mapped_column(String(100), default="")
    invoice_tax_id: Mapped[str] = mapped_column(String(20), default="")
    invoice_email: Mapped[str] = mapped_column(String(120), default="")
    # A special VAT invoice (增值税专用发票) also needs the company's registered address and
    # phone, bank and account; an ordinary one leaves them empty.
    invoice_type: Mapped[str] = mapped_column(String(10), default="ordinary")
    invoice_address: Mapped[str] = mapped_column(String(200), default="")
    invoice_phone: Mapped[str] = mapped_column(String(30), default="")
    invoice_bank: Mapped[str] = mapped_column(String(100), default="")
    invoice_account: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    placed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    pay_deadline: Mapped[datetime] = mapped_column(DateTime)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    # Given back through after-sales (returns); a whole refund of a closed order is not
    # counted here (the order's refund status tells it).
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    payment_provider: Mapped[str] = mapped_column(String(20), default="")
    payment_ref: Mapped[str] = mapped_column(String(64), default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # What the pricing pipeline took at placing: points redeemed, the coupon used (the
    # promotions context's issued coupon id), the shipping fee a promotion waived; and the
    # member's priority shipping, handed to the logistics centre with the paid order.
    points_used: Mapped[int] = mapped_column(Integer, default=0)
    coupon_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    shipping_discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    # A campaign's order ("flash:12", "group:34"; "" from the cart) and, while its campaign
    # still waits (a group not yet full), the hold that keeps it from shipping once paid.
    campaign: Mapped[str] = mapped_column(String(40), default="")
    ship_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    # A presale order is paid in two parts: `deposit_fen` first (by `pay_deadline`), then the
    # rest of `total_fen` from `balance_from` until `balance_until` (then `pay_deadline`).
    # 0: paid in one part. `deposit_rule`: what an unpaid balance does to the deposit,
    # "keep" it or "refund" it.
    deposit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    deposit_paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    deposit_ref: Mapped[str] = mapped_column(String(64), default="")
    balance_from: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    balance_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    deposit_rule: Mapped[str] = mapped_column(String(8), default="")


class OrderLine(Base):
    __tablename__ = "orders_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_pos"),
        # An order's lines; with what the dashboard sums per SKU, so it reads the index alone.
        Index(
            "ix_orders_line_sales", "order_id", "product_id", "sku_id", "quantity", "line_total_fen"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders_order.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    product_slug: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    options: Mapped[str] = mapped_column(String(300), default="")
    image: Mapped[str] = mapped_column(String(300), default="")
    unit_price_fen: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    line_total_fen: Mapped[int] = mapped_column(BigInteger)
    # Every adjustment of this line (price list, tier, promotions, coupon, points): a refund
    # of the whole line gives back line_total_fen − discount_fen.
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class Adjustment(Base):
    """What each pricing step took off the order, by name (pricing.Adjustment): what the
    order page lists, and what a refund unwinds per line."""

    __tablename__ = "orders_adjustment"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders_order.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    sku_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TimelineEntry(Base):
    """Every status change and staff note: who, when, why."""

    __tablename__ = "orders_timeline"
    __table_args__ = (
        Index("ix_orders_timeline_order", "order_id", "id"),
        # The dashboard's refunds still owed: the refund entries alone (a few per hundred).
        Index(
            "ix_orders_timeline_refund",
            "order_id",
            "reason",
            "to_status",
            postgresql_where=text("kind = 'refund'"),
            sqlite_where=text("kind = 'refund'"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders_order.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # status | note
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20), default="")
    actor: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
