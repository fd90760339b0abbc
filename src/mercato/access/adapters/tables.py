"""Access tables. API tokens are stored as SHA-256 digests, never in clear."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Staff(Base):
    __tablename__ = "access_staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    superuser: Mapped[bool] = mapped_column(Boolean, default=False)
    # A built-in role's code (access.roles.BUILTIN) or a custom role's; superusers are owners.
    role: Mapped[str] = mapped_column(String(40), default="owner", server_default="owner")
    # Bumped at logout: a signed session cookie names its epoch, so copies of it stop working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ApiToken(Base):
    __tablename__ = "access_api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("access_staff.id", ondelete="CASCADE"))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class LoginFailure(Base):
    """One row per failed login; counted in a sliding window per e-mail and per client IP."""

    __tablename__ = "access_login_failure"
    __table_args__ = (Index("ix_access_login_failure_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(DateTime)
    count: Mapped[int] = mapped_column(Integer, default=1)


class CustomRole(Base):
    """A role the owner made: a name and a set of permissions (space-separated codes)."""

    __tablename__ = "access_role"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    permissions: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
