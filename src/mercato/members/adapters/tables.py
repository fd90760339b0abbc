"""Members tables. Session ids and API tokens are stored as SHA-256 digests, never in clear.
At most one default address per customer is enforced by a partial unique index."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Customer(Base):
    __tablename__ = "members_customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(11), unique=True, nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True, nullable=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Unused since the per-account lockout gave way to the login throttle (services.login);
    # left for a later migration to drop.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    # For the birthday gift (members loyalty); set once by the customer, or by staff.
    birthday: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The customer group whose price list applies (pricing); "" = the public prices.
    group: Mapped[str] = mapped_column(String(40), default="", server_default="")


class CustomerSession(Base):
    """A web session; the signed cookie carries the clear id, this row only its digest."""

    __tablename__ = "members_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class CustomerToken(Base):
    __tablename__ = "members_api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class LoginFailure(Base):
    """The login throttle's records (services.login): a row per attempt under its client
    address (`ip:…`), per wrong password under its identifier (`phone:…`, `email:…`,
    `other:…`), and per sign-up (`signup:…`); counted in a sliding window."""

    __tablename__ = "members_login_failure"
    __table_args__ = (Index("ix_members_login_failure_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(DateTime)


class Address(Base):
    __tablename__ = "members_address"
    __table_args__ = (
        Index(
            "uq_members_address_one_default",
            "customer_id",
            unique=True,
            postgresql_where=text("is_default"),
            sqlite_where=text("is_default"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("members_customer.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(24))
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(40))
    street: Mapped[str] = mapped_column(String(120))
    postcode: Mapped[str] = mapped_column(String(6), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class WechatAccount(Base):
    """A customer's WeChat user (openid) under one of our appids: one customer per WeChat
    user, one WeChat user per customer and appid."""

    __tablename__ = "members_wechat_account"
    __table_args__ = (UniqueConstraint("appid", "openid"), UniqueConstraint("customer_id", "appid"))
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("members_customer.id", ondelete="CASCADE"))
    appid: Mapped[str] = mapped_column(String(32))
    openid: Mapped[str] = mapped_column(String(64))
    unionid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime)
