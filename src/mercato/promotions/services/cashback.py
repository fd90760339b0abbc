"""Group-buy cashback: money back as points (members.earn_points) or as a coupon worth that
amount, once per reference (a group-buy's order, say): a second call with the same ref
gives nothing more and answers what was given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, DomainError
from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.platform.outbox import insert_ignore
from mercato.pricing import public as pricing
from mercato.promotions.adapters import repository
from mercato.promotions.adapters.tables import Cashback, CouponTemplate

PURPOSE = "cashback"
HOW = ("points", "coupon")


@dataclass(frozen=True, slots=True)
class Given:
    ref: str
    how: str
    amount_fen: int
    points: int  # points earned (how == "points")
    coupon_id: int | None  # the coupon issued (how == "coupon")


def _check(amount_fen: int, how: str, ref: str) -> None:
    if not 1 <= amount_fen <= 100_000_000:
        raise DomainError("promotions.invalid_amount", "Enter an amount from 0.01 to 1,000,000",
                          "amount_fen")
    if how not in HOW:
        raise DomainError("promotions.invalid_cashback", "Cashback is points or a coupon", "how")
    if not 1 <= len(ref) <= 40:  # members' points ledger takes references of 1-40
        raise DomainError("promotions.invalid_ref", "A reference of 1 to 40 characters",
                          "ref")


def _template(tx: Session, valid_days: int) -> CouponTemplate:
    """The shop's own cashback template (made at the first cashback), locked."""
    now = utcnow()
    insert_ignore(tx, cast(Table, CouponTemplate.__table__), {
        "name": "拼团返现券", "kind": pricing.AMOUNT_OFF, "off_fen": 1, "percent_off_bp": 0,
        "cap_fen": 0, "min_spend_fen": 0, "scope": "{}", "with_promotions": True,
        "valid_days": valid_days, "total_limit": 0, "per_customer_limit": 0,
        "issued_count": 0, "used_count": 0, "purpose": PURPOSE, "enabled": True,
        "created_by": "system", "created_at": now, "updated_at": now})
    found = repository.template_for(tx, PURPOSE)
    assert found is not None
    return found


def _given(row: Cashback) -> Given:
    return Given(row.ref, row.how, row.amount_fen, row.points, row.coupon_id)


def cashback(tx: Session, customer_id: int, amount_fen: int, how: str, ref: str, *,
             fen_per_point: int = 1, valid_days: int = 30) -> Given:
    _check(amount_fen, how, ref)
    now = utcnow()
    table = cast(Table, Cashback.__table__)
    fresh = insert_ignore(tx, table, {"ref": ref, "customer_id": customer_id,
                                      "amount_fen": amount_fen, "how": how, "points": 0,
                                      "coupon_id": None, "at": now})
    row = tx.scalars(select(Cashback).where(Cashback.ref == ref)).one()
    if not fresh:
        if (row.customer_id, row.amount_fen, row.how) != (customer_id, amount_fen, how):
            raise Conflict("promotions.cashback_ref_reused",
                           "This reference was used for another cashback", "ref")
        return _given(row)
    if how == "points":
        points = amount_fen // max(1, fen_per_point)
        if points:
            members.earn_points(tx, customer_id, points, "cashback", ref, "拼团返现")
        tx.execute(update(table).where(table.c.id == row.id).values(points=points))
        return Given(ref, how, amount_fen, points, None)
    t = _template(tx, valid_days)
    span = (now, now + timedelta(days=t.valid_days or valid_days))
    repository.count_issued(tx, t.id, 1)
    repository.add_coupons(tx, [repository.coupon_row(t.id, customer_id, span, "cashback",
                                                      ref, now, off_fen=amount_fen)])
    coupon = repository.coupon_by_ref(tx, t.id, customer_id, "cashback", ref)
    assert coupon is not None
    tx.execute(update(table).where(table.c.id == row.id).values(coupon_id=coupon.id))
    return Given(ref, how, amount_fen, 0, coupon.id)
