"""One-time codes for resetting a forgotten password (members.services.password_reset): a
row per code sent, holding only an HMAC of the code (keyed by the shop's secret), its expiry,
the wrong tries spent on it and when it was used."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class ResetCode(Base):
    __tablename__ = "members_reset_code"
    __table_args__ = (Index("ix_members_reset_code_customer", "customer_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE")
    )
    channel: Mapped[str] = mapped_column(String(5))  # phone | email: where it was sent
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
