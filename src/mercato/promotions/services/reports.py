"""The marketing centre's lists: promotions by status with what they gave and the revenue
they touched, coupon templates with their counts, a template's issued coupons. A fixed number
of statements per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from mercato.promotions import domain
from mercato.promotions.adapters.tables import (
    Bundle,
    Coupon,
    CouponTemplate,
    Promotion,
    Redemption,
)

PAGE_SIZE = 30


@dataclass(frozen=True, slots=True)
class Usage:
    uses: int = 0  # orders that used it (cancelled ones left out)
    discount_fen: int = 0  # what it took off those orders
    revenue_fen: int = 0  # Σ totals of the paid orders among them


def _tab(tab: str, now: datetime) -> Any:
    ended = and_(Promotion.ends_at.is_not(None), Promotion.ends_at <= now)
    going = or_(Promotion.ends_at.is_(None), Promotion.ends_at > now)
    if tab == domain.ENDED:
        return ended
    if tab == domain.DRAFT:
        return and_(going, Promotion.enabled.is_(False))
    if tab == domain.SCHEDULED:
        return and_(going, Promotion.enabled.is_(True), Promotion.starts_at > now)
    return and_(going, Promotion.enabled.is_(True),
                or_(Promotion.starts_at.is_(None), Promotion.starts_at <= now))


def tab_counts(tx: Session, now: datetime) -> dict[str, int]:
    counts = [func.count().filter(_tab(t, now)) for t in domain.STATUSES]
    row = tx.execute(select(*counts).select_from(Promotion)).one()
    return {t: int(n or 0) for t, n in zip(domain.STATUSES, row, strict=True)}


def promotions_page(tx: Session, tab: str, page: int,
                    now: datetime) -> tuple[list[Promotion], int]:
    where = _tab(tab, now)
    total = int(tx.scalar(select(func.count()).select_from(Promotion).where(where)) or 0)
    order = Promotion.ends_at.desc() if tab == domain.ENDED else Promotion.id.desc()
    q = (select(Promotion).where(where).order_by(order, Promotion.id.desc())
         .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return list(tx.scalars(q)), total


def _usage(tx: Session, column: Any, ids: list[int]) -> dict[int, Usage]:
    if not ids:
        return {}
    live = Redemption.status != domain.CANCELLED
    paid = Redemption.status == domain.PAID
    q = (select(column, func.count().filter(live),
                func.sum(case((live, Redemption.discount_fen), else_=0)),
                func.sum(case((paid, Redemption.order_total_fen), else_=0)))
         .where(column.in_(ids)).group_by(column))
    return {int(k): Usage(int(n or 0), int(d or 0), int(r or 0)) for k, n, d, r in tx.execute(q)}


def promotion_usage(tx: Session, ids: list[int]) -> dict[int, Usage]:
    return _usage(tx, Redemption.promotion_id, ids)


def template_usage(tx: Session, ids: list[int]) -> dict[int, Usage]:
    return _usage(tx, Redemption.template_id, ids)


def templates_page(tx: Session, page: int) -> tuple[list[CouponTemplate], int]:
    total = int(tx.scalar(select(func.count()).select_from(CouponTemplate)) or 0)
    q = (select(CouponTemplate).order_by(CouponTemplate.id.desc())
         .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return list(tx.scalars(q)), total


def all_templates(tx: Session) -> list[CouponTemplate]:
    """For the bundles' choice of coupons (a shop has tens, not thousands)."""
    return list(tx.scalars(select(CouponTemplate).order_by(CouponTemplate.id.desc())
                           .limit(500)))


def issued_page(tx: Session, template_id: int, status: str,
                page: int) -> tuple[list[Coupon], int]:
    where = [Coupon.template_id == template_id]
    if status in domain.COUPON_STATUSES:
        where.append(Coupon.status == status)
    total = int(tx.scalar(select(func.count()).select_from(Coupon).where(*where)) or 0)
    q = (select(Coupon).where(*where).order_by(Coupon.id.desc())
         .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return list(tx.scalars(q)), total


def all_bundles(tx: Session) -> list[Bundle]:
    return list(tx.scalars(select(Bundle).order_by(Bundle.trigger, Bundle.tier, Bundle.id)))
