"""Payment tables. One order has many attempts (one per provider trade, `out_trade_no` =
order number + attempt), at most one of which succeeds. Every notification accepted is
recorded once per (provider, notification id): redeliveries find it and change nothing.
Partial refunds (after-sales returns) are rows of their own, each under the number its
caller chose, against the paid attempt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Payment(Base):
    __tablename__ = "payments_payment"
    __table_args__ = (
        UniqueConstraint("order_number", "attempt"),
        CheckConstraint("amount_fen > 0", name="amount_pos"),
        Index("ix_payments_payment_status_created", "status", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    out_trade_no: Mapped[str] = mapped_column(String(32), unique=True)
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    # pending → paid | failed | closed (pending → closing → closed when the order is
    # cancelled); paid → refund_due when the order could not take it or was closed, then
    # refund_due → refunding → refunded, or refund_failed when the provider refuses it.
    status: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(10), default="")
    action_url: Mapped[str] = mapped_column(Text, default="")
    transaction_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # What the whole refund gives back, fixed when it becomes owed: the amount less the
    # partial refunds not failed by then. NULL (older rows): the whole amount.
    refund_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # Alipay Huabei: paid in this many periods (0: at once), the fee paid by the buyer or the
    # merchant ("" when paid at once). The trade's amount is the order's either way.
    instalments: Mapped[int] = mapped_column(Integer, default=0)
    instalment_payer: Mapped[str] = mapped_column(String(8), default="")
    # Which part of a two-part (presale) order this attempt pays: "deposit" or "balance";
    # "" for an order paid at once. The amount is that part's.
    stage: Mapped[str] = mapped_column(String(8), default="")


class ReceivedNotification(Base):
    """The inbox of provider notifications: the unique key makes redeliveries no-ops."""

    __tablename__ = "payments_notification"
    __table_args__ = (UniqueConstraint("provider", "notification_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    notification_id: Mapped[str] = mapped_column(String(128))
    out_trade_no: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    outcome: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class PaymentRefund(Base):
    """A partial refund of a paid attempt. `refund_no` is the caller's (the after-sales
    request's) and the provider's refund number: asking again is asking for the same refund.
    requested → processing (asked; the provider is working on it) → succeeded | failed."""

    __tablename__ = "payments_refund"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_pos"),
        Index("ix_payments_refund_status_updated", "status", "updated_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(32), unique=True)
    out_trade_no: Mapped[str] = mapped_column(String(32), index=True)
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    provider: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12))
    refund_id: Mapped[str] = mapped_column(String(64), default="")
    error: Mapped[str] = mapped_column(String(64), default="")  # the provider's last error
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
