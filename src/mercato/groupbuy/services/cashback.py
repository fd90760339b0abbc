"""Cashback of a completed group (阶梯返现): each paid member gets the amount fixed when the
group completed (the ladder step its paid members reached), as points or a coupon, through
promotions (once per member: the reference GB<group>-<customer> makes a second run give
nothing)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.groupbuy import domain
from mercato.groupbuy.adapters import repository
from mercato.promotions import public as promotions


def ref(group_id: int, customer_id: int) -> str:
    return f"GB{group_id}-{customer_id}"


def give_cashback(tx: Session, group_id: int) -> int:
    """Returns how many members were given (or had been given) cashback; none before the
    group is complete (filled groups still growing have no cashback fixed yet)."""
    g = repository.lock_group(tx, group_id)
    if g is None or g.status != domain.FILLED or g.completed_at is None:
        return 0
    d = repository.deal(tx, g.deal_id)
    assert d is not None
    given = 0
    for m in repository.members_of(tx, g.id):
        if m.status == domain.PAID and m.cashback_fen > 0:
            promotions.cashback(tx, m.customer_id, m.cashback_fen, d.cashback_how,
                                ref(g.id, m.customer_id))
            given += 1
    return given
