"""Reading and writing the merchant's message templates (ORM, so staff writes are audited)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.messaging.adapters.tables import MessageTemplate


def of_kind(tx: Session, kind: str) -> list[MessageTemplate]:
    """Every language's row of one kind, in one query (a send needs its language's row and
    the Chinese one, whose SMS code is the fallback)."""
    return list(tx.scalars(select(MessageTemplate).where(MessageTemplate.kind == kind)))


def every(tx: Session) -> list[MessageTemplate]:
    return list(tx.scalars(select(MessageTemplate)))


def get(tx: Session, kind: str, locale: str) -> MessageTemplate | None:
    return tx.get(MessageTemplate, (kind, locale))
