"""Staff's writes and reads of deals, checked whole before anything is written. Through the
ORM, so each change lands in the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.groupbuy import domain
from mercato.groupbuy.adapters import repository
from mercato.groupbuy.adapters.tables import Deal, Group
from mercato.groupbuy.services.views import DealView, deal_view
from mercato.kernel.errors import Conflict, DomainError, NotFound

PAGE = 20


class Invalid(DomainError):
    """Some fields are wrong: `problems` names each (field → message msgid)."""

    def __init__(self, problems: domain.Problems) -> None:
        field, message = next(iter(problems.items()))
        super().__init__("groupbuy.invalid", message, field)
        self.problems = problems


def _get(tx: Session, deal_id: int) -> Deal:
    found = tx.get(Deal, deal_id)
    if found is None:
        raise NotFound("groupbuy.deal_not_found", "No such group deal", "deal_id")
    return found


def _fixed(d: Deal, data: domain.DealData) -> bool:
    """Whether the deal's SKU, price and sizes stay as they were (groups rely on them)."""
    return (d.sku_id, d.product_id, d.price_fen, d.group_size, d.max_size) == (
        data.sku_id, data.product_id, data.price_fen, data.group_size, data.most)


def save_deal(tx: Session, deal_id: int | None, data: domain.DealData, staff: str,
              now: datetime) -> DealView:
    problems = domain.check_deal(data)
    if problems:
        raise Invalid(problems)
    assert data.starts_at is not None and data.ends_at is not None
    if deal_id is None:
        d = Deal(created_by=staff[:254], created_at=now)
        tx.add(d)
    else:
        d = _get(tx, deal_id)
        opened = tx.scalar(select(func.count(Group.id)).where(Group.deal_id == d.id))
        if opened and not _fixed(d, data):
            raise Conflict("groupbuy.deal_in_use", "Groups have opened: the SKU, price, "
                           "group size and most people stay as they are", "price_fen")
    d.sku_id, d.product_id, d.group_size = data.sku_id, data.product_id, data.group_size
    d.max_size = data.most
    d.price_fen, d.time_limit_minutes = data.price_fen, data.time_limit_minutes
    d.starts_at, d.ends_at, d.enabled = data.starts_at, data.ends_at, data.enabled
    d.ladder, d.cashback_how = repository.ladder_text(data.ladder), data.cashback_how
    d.updated_at = now
    tx.flush()
    return deal_view(d, now)


def set_enabled(tx: Session, deal_id: int, enabled: bool, now: datetime) -> DealView:
    d = _get(tx, deal_id)
    d.enabled, d.updated_at = enabled, now
    tx.flush()
    return deal_view(d, now)


def get_deal(tx: Session, deal_id: int, now: datetime) -> DealView:
    return deal_view(_get(tx, deal_id), now)


def list_deals(tx: Session, now: datetime, page: int = 1) -> list[DealView]:
    """Newest first, PAGE a page."""
    q = (select(Deal).order_by(Deal.id.desc()).offset((max(1, page) - 1) * PAGE).limit(PAGE))
    return [deal_view(d, now) for d in tx.scalars(q)]
