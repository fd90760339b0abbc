"""Messaging tables: the merchant's wording of a message kind in one language. No row means
the built-in wording; a NULL column keeps the built-in for that part only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mercato.messaging.domain import MAX_SUBJECT
from mercato.platform.db import Base


class MessageTemplate(Base):
    __tablename__ = "messaging_template"
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    subject: Mapped[str | None] = mapped_column(String(MAX_SUBJECT))
    body: Mapped[str | None] = mapped_column(Text)  # at most domain.MAX_BODY characters
    sms_code: Mapped[str | None] = mapped_column(String(20))  # an approved Aliyun TemplateCode
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(254))  # the staff member's e-mail
