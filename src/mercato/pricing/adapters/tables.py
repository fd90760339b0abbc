"""Pricing tables: price lists, one per customer group (members_customer.group names it).
The B2B issue adds lists per company and contract; a line takes the list price only when
it is lower than the catalogue's."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class PriceList(Base):
    __tablename__ = "pricing_price_list"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    group: Mapped[str] = mapped_column(String(40), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PriceListItem(Base):
    __tablename__ = "pricing_price_list_item"
    __table_args__ = (UniqueConstraint("price_list_id", "sku_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    price_list_id: Mapped[int] = mapped_column(
        ForeignKey("pricing_price_list.id", ondelete="CASCADE")
    )
    sku_id: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
