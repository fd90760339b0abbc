"""Order and after-sales events as members keeps them: the order record, points earned on
completion (goods kept, delivery excluded), taken back in proportion on refunds, redeemed
points given back when an order is cancelled or closed, the referral decided at the first
completed order, and the member's tier and tag recomputed. Each use case is safe to run
twice for one event (the bus's inbox already runs it once)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from mercato.members import domain_loyalty as rules
from mercato.members.adapters import loyalty_repository as repo
from mercato.members.adapters.loyalty_tables import OrderRefund
from mercato.members.adapters.tables import Customer
from mercato.members.services import points, referral, standing
from mercato.platform.tx import AnyTx

Payload = Mapping[str, Any]


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _member(tx: AnyTx, p: Payload) -> int | None:
    """The payload's customer, if it is one of ours (guests and strangers are skipped)."""
    cid = _int(p.get("customer_id"))
    if cid <= 0:
        return None
    found = repo.ex(tx, select(Customer.id).where(Customer.id == cid)).first()
    return cid if found is not None else None


def _money(p: Payload) -> dict[str, int]:
    total, shipping = max(0, _int(p.get("total_fen"))), max(0, _int(p.get("shipping_fen")))
    return {"total_fen": total, "shipping_fen": shipping, "goods_fen": max(0, total - shipping),
            "points_used": max(0, _int(p.get("points_used")))}


def _record(tx: AnyTx, number: str, cid: int, p: Payload, at: datetime, status: str) -> Any:
    """The order's record, made from this payload if new; locked."""
    repo.insert_record(tx, {"order_number": number, "customer_id": cid, "status": status,
                            "paid_at": at, **_money(p)})
    return repo.record(tx, number, lock=True)


def on_paid(tx: AnyTx, p: Payload, at: datetime) -> bool:
    number, cid = str(p.get("number") or "")[:20], _member(tx, p)
    if not number or cid is None:
        return False
    rec = _record(tx, number, cid, p, at, "paid")
    changes: dict[str, Any] = {}
    if rec.paid_at is None:  # made by an earlier refund event: this one knows the money
        changes = {"paid_at": at, **_money(p)}
    if changes:
        repo.update_record(tx, number, changes)
    standing.recompute_member(tx, cid, at)
    return True


def on_completed(tx: AnyTx, p: Payload, at: datetime, per_yuan: int) -> int:
    """The order completed: it earns its points (once); the referral is decided; the points
    earned."""
    number, cid = str(p.get("number") or "")[:20], _member(tx, p)
    if not number or cid is None:
        return 0
    rec = _record(tx, number, cid, p, at, "completed")
    goods = rec.goods_fen or _money(p)["goods_fen"]
    earned = rec.points_earned
    if rec.completed_at is None:  # the first time this order completes here
        earned = rules.points_for(goods - rec.refunded_fen, per_yuan)
        if earned:
            points.credit(tx, cid, earned, rules.EARN, number, f"order {number}", at)
    repo.update_record(tx, number, {"status": "completed", "completed_at": rec.completed_at or at,
                                    "goods_fen": goods, "points_earned": earned,
                                    "paid_at": rec.paid_at or at})
    referral.qualify(tx, cid, number, at)
    standing.recompute_member(tx, cid, at)
    return earned


def on_ended(tx: AnyTx, p: Payload, at: datetime, closed: bool) -> int:
    """Cancelled before payment or closed after it: the points it redeemed come back; a
    paid order stops counting as a purchase. The points given back."""
    number, cid = str(p.get("number") or "")[:20], _member(tx, p)
    if not number or cid is None:
        return 0
    why = "order closed" if closed else "order cancelled"
    rec = repo.record(tx, number, lock=True)
    already = rec.points_returned if rec is not None else 0
    back = points.give_back(tx, cid, number, why, at, already)
    if rec is not None and rec.status != "closed":
        repo.update_record(tx, number, {"status": "closed", "closed_at": at})
        standing.recompute_member(tx, cid, at)
    return back


def on_refunded(tx: AnyTx, p: Payload, at: datetime, per_yuan: int) -> int:
    """An after-sales refund: its goods (amount less delivery) count against the order; if
    the order had earned points, those its refunded goods earned are taken back (from the
    balance, never below zero). The points taken back."""
    number, refund = str(p.get("order_number") or "")[:20], str(p.get("number") or "")[:40]
    cid = _member(tx, p)
    if not number or not refund or cid is None:
        return 0
    goods = max(0, _int(p.get("amount_fen")) - _int(p.get("shipping_fen")))
    stmt = (repo.dialect(tx).insert(OrderRefund.__table__).on_conflict_do_nothing()
            .values(number=refund, order_number=number, goods_fen=goods, at=at)
            .returning(OrderRefund.__table__.c.number))
    if repo.ex(tx, stmt).first() is None:
        return 0  # counted already
    repo.insert_record(tx, {"order_number": number, "customer_id": cid, "status": "paid"})
    rec = repo.record(tx, number, lock=True)
    refunded = rec.refunded_fen + goods
    if rec.goods_fen:
        refunded = min(refunded, rec.goods_fen)
    changes: dict[str, Any] = {"refunded_fen": refunded}
    if rec.points_used and rec.goods_fen:
        # The points that paid for the refunded goods come back in the same share, counted
        # cumulatively: refunds of every unit give back exactly what the order redeemed.
        due = rec.points_used * refunded // rec.goods_fen - rec.points_returned
        if due > 0:
            points.credit(tx, cid, due, rules.RETURN, refund, "refund", at)
            changes["points_returned"] = rec.points_returned + due
    taken = 0
    if rec.status == "completed" and rec.points_earned:
        kept = rules.points_for(rec.goods_fen - refunded, per_yuan)
        owed = max(0, rec.points_earned - kept) - rec.points_reversed
        if owed > 0:
            taken = points.take_back(tx, cid, owed, number, refund, at)
            changes["points_reversed"] = rec.points_reversed + owed
    repo.update_record(tx, number, changes)
    standing.recompute_member(tx, cid, at)
    return taken
