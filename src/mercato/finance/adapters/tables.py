"""Finance tables. `finance_entry` is the ERP outbox: each accounting entry is written once
(unique entry id) in the transaction of the business fact it records, and stays pending
until the ERP acknowledged it; orders are referred to by number, no foreign keys across
contexts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base

PENDING, POSTED = "pending", "posted"


class FinanceEntry(Base):
    __tablename__ = "finance_entry"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'posted')", name="status_known"),
        # The poster's queue: pending entries by when they are next due.
        Index("ix_finance_entry_due", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    order_number: Mapped[str] = mapped_column(String(32), index=True)
    payload: Mapped[str] = mapped_column(Text)  # journal.to_json, as sent to the ERP
    created_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(8), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    posted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ack: Mapped[str] = mapped_column(String(128), default="")  # the ERP's reference
