"""Issued invoices (fapiao). The structured data is kept whole (parties and lines as JSON)
so the PDF can be drawn again identically at any time; a red-letter invoice names its blue
one and the refund it reverses (one red per refund)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class IssuedInvoice(Base):
    __tablename__ = "finance_invoice"
    __table_args__ = (Index("ix_finance_invoice_order", "order_number", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    # "blue:<order number>" for an order's invoice, "red:<refund no>" for a reversal: the
    # unique key makes a repeated event issue nothing twice.
    key: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(4))  # blue | red
    vat_type: Mapped[str] = mapped_column(String(10))
    order_number: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(Integer, index=True)
    original_number: Mapped[str] = mapped_column(String(20), default="")
    buyer: Mapped[str] = mapped_column(Text)  # JSON fapiao.Party
    seller: Mapped[str] = mapped_column(Text)
    lines: Mapped[str] = mapped_column(Text)  # JSON: fapiao.Line fields + order_line_id
    total_fen: Mapped[int] = mapped_column(BigInteger)
    net_fen: Mapped[int] = mapped_column(BigInteger)
    tax_fen: Mapped[int] = mapped_column(BigInteger)
    email: Mapped[str] = mapped_column(String(120), default="")
    issuer: Mapped[str] = mapped_column(String(40), default="")
    # A blue invoice issued after some returns were refunded leaves them out: their refund
    # numbers (JSON list), so their red-letter invoices are not issued on top.
    settled_refunds: Mapped[str] = mapped_column(Text, default="[]")
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
