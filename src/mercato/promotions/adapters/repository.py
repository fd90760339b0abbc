"""Reading and writing templates and issued coupons (issuing, claiming, gifts). Statements go
through the caller's Session, so a staff member's bulk issue is in the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, insert, or_, select, update
from sqlalchemy.orm import Session

from mercato.promotions import domain
from mercato.promotions.adapters.tables import Bundle, Coupon, CouponTemplate

CHUNK = 1000  # customer ids per IN list


def lock_template(tx: Session, template_id: int) -> CouponTemplate | None:
    """The template, its row locked until commit: issuing to it waits its turn, so each
    issue reads the counts the one before it left (PostgreSQL; SQLite has one writer)."""
    q = select(CouponTemplate).where(CouponTemplate.id == template_id).with_for_update()
    return tx.scalars(q).first()


def template_by_code(tx: Session, code: str) -> CouponTemplate | None:
    q = select(CouponTemplate).where(CouponTemplate.code == code).with_for_update()
    return tx.scalars(q).first()


def template_for(tx: Session, purpose: str) -> CouponTemplate | None:
    q = select(CouponTemplate).where(CouponTemplate.purpose == purpose).with_for_update()
    return tx.scalars(q).first()


def holdings(tx: Session, template_id: int, customer_ids: Sequence[int], source: str,
             ref: str) -> dict[int, tuple[int, bool]]:
    """customer id → (coupons of the template counted by its per-customer limit, whether
    one was issued for this source and ref already), for those holding any."""
    limited = func.sum(case((Coupon.source.in_(domain.LIMITED_SOURCES), 1), else_=0))
    same = func.max(case(((Coupon.source == source) & (Coupon.source_ref == ref), 1), else_=0))
    out: dict[int, tuple[int, bool]] = {}
    for i in range(0, len(customer_ids), CHUNK):
        q = (select(Coupon.customer_id, limited, same)
             .where(Coupon.template_id == template_id,
                    Coupon.customer_id.in_(customer_ids[i:i + CHUNK]))
             .group_by(Coupon.customer_id))
        for cid, n, seen in tx.execute(q):
            out[int(cid)] = (int(n or 0), bool(seen))
    return out


def count_issued(tx: Session, template_id: int, n: int) -> bool:
    """issued_count += n unless that passes the total limit; False when it would."""
    t = CouponTemplate
    done = tx.execute(
        update(t).where(t.id == template_id,
                        or_(t.total_limit == 0, t.issued_count + n <= t.total_limit))
        .values(issued_count=t.issued_count + n)
        .execution_options(synchronize_session=False))
    return bool(getattr(done, "rowcount", 0))


def add_coupons(tx: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        tx.execute(insert(Coupon), rows)


def coupon_row(template_id: int, customer_id: int, window: tuple[datetime, datetime],
               source: str, ref: str, at: datetime, off_fen: int = 0) -> dict[str, Any]:
    return {"template_id": template_id, "customer_id": customer_id, "code": domain.new_code(),
            "off_fen": off_fen, "status": domain.AVAILABLE, "starts_at": window[0],
            "ends_at": window[1], "used_order_number": None, "used_at": None,
            "source": source, "source_ref": ref, "issued_at": at}


def coupon_by_ref(tx: Session, template_id: int, customer_id: int, source: str,
                  ref: str) -> Coupon | None:
    q = select(Coupon).where(Coupon.template_id == template_id,
                             Coupon.customer_id == customer_id, Coupon.source == source,
                             Coupon.source_ref == ref)
    return tx.scalars(q).first()


def bundles(tx: Session, trigger: str) -> list[Bundle]:
    q = select(Bundle).where(Bundle.trigger == trigger, Bundle.enabled.is_(True))
    return list(tx.scalars(q.order_by(Bundle.id)))
