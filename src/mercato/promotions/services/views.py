"""Issued coupons as the customer sees them ("my coupons": available, used, expired)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from mercato.kernel.paging import page_count
from mercato.promotions import domain
from mercato.promotions.adapters.rows import scope_of
from mercato.promotions.adapters.tables import Coupon, CouponTemplate

# The tabs of "my coupons"; void coupons (withdrawn by the shop) show with the expired ones.
TABS = ("available", "used", "expired")
PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class CouponView:
    id: int
    code: str
    name: str
    kind: str  # pricing.AMOUNT_OFF or PERCENT_OFF
    off_fen: int
    percent_off_bp: int
    cap_fen: int
    min_spend_fen: int
    status: str  # as shown: available, used or expired (void and lapsed ones too)
    starts_at: datetime
    ends_at: datetime
    used_order_number: str | None
    used_at: datetime | None
    source: str
    restricted: bool  # only some products, categories, brands, tiers or channels
    with_promotions: bool


@dataclass(frozen=True, slots=True)
class CouponPage:
    items: list[CouponView]
    total: int
    page: int
    pages: int


def shown_status(status: str, ends_at: datetime, now: datetime) -> str:
    if status == domain.AVAILABLE:
        return domain.AVAILABLE if now < ends_at else domain.EXPIRED
    return domain.USED if status == domain.USED else domain.EXPIRED


def view_of(c: Coupon, t: CouponTemplate, now: datetime) -> CouponView:
    scope = scope_of(t.scope)
    return CouponView(
        id=c.id, code=c.code, name=t.name, kind=t.kind, off_fen=c.off_fen or t.off_fen,
        percent_off_bp=t.percent_off_bp, cap_fen=t.cap_fen, min_spend_fen=t.min_spend_fen,
        status=shown_status(c.status, c.ends_at, now), starts_at=c.starts_at,
        ends_at=c.ends_at, used_order_number=c.used_order_number, used_at=c.used_at,
        source=c.source, restricted=scope != type(scope)(),
        with_promotions=t.with_promotions)


def _where(tab: str, now: datetime) -> ColumnElement[bool]:
    if tab == "used":
        return Coupon.status == domain.USED
    if tab == "expired":
        return or_(Coupon.status.in_((domain.EXPIRED, domain.VOID)),
                   and_(Coupon.status == domain.AVAILABLE, Coupon.ends_at <= now))
    return and_(Coupon.status == domain.AVAILABLE, Coupon.ends_at > now)


def coupon_views(tx: Session, customer_id: int, status: str, page: int,
                 now: datetime) -> CouponPage:
    tab = status if status in TABS else "available"
    where = (Coupon.customer_id == customer_id, _where(tab, now))
    total = int(tx.scalar(select(func.count()).select_from(Coupon).where(*where)) or 0)
    pages = page_count(total, PAGE_SIZE)
    page = min(max(1, page), pages)
    # Soonest to lapse first while usable; otherwise the latest first.
    order = (Coupon.ends_at, Coupon.id) if tab == "available" else (Coupon.id.desc(),)
    q = (select(Coupon, CouponTemplate).join(CouponTemplate,
                                             CouponTemplate.id == Coupon.template_id)
         .where(*where).order_by(*order).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    items = [view_of(c, t, now) for c, t in tx.execute(q)]
    return CouponPage(items, total, page, pages)


def tab_counts(tx: Session, customer_id: int, now: datetime) -> dict[str, int]:
    """How many coupons each tab holds (one statement)."""
    counts = [func.count().filter(_where(tab, now)) for tab in TABS]
    row = tx.execute(select(*counts).where(Coupon.customer_id == customer_id)).one()
    return {tab: int(n or 0) for tab, n in zip(TABS, row, strict=True)}
