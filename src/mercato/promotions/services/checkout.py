"""What checkout and orders ask of promotions: the running promotions, a customer's coupons,
using a coupon once, recording what an order used, and giving it back when the order ends
unpaid. Every call is a fixed number of statements, on a Session or a Core transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.platform.clock import utcnow
from mercato.platform.db import run
from mercato.platform.tx import AnyTx
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.promotions.adapters import checkout_sql as sql
from mercato.promotions.adapters.rows import coupon_of, promotion_of

# (engine, stamp) → the enabled promotions not over when read, parsed, and the ones running
# at the last call with the window boundaries they hold between: a cart's pricing then costs
# one small aggregate, and gets the very same tuple back while nothing changed (the pricing
# pipeline keeps its work on a running set by that tuple).
_CACHE: dict[tuple[int, tuple[Any, ...]], _Active] = {}


class _Active:
    __slots__ = ("found", "hi", "lo", "now_running")

    def __init__(self, found: tuple[pricing.Promotion, ...], now: datetime) -> None:
        self.found = found
        self.now_running = tuple(p for p in found if pricing.in_window(p.starts_at, p.ends_at,
                                                                         now))
        marks = [t for p in found for t in (p.starts_at, p.ends_at) if t is not None]
        self.lo = max((t for t in marks if t <= now), default=None)
        self.hi = min((t for t in marks if t > now), default=None)

    def holds(self, now: datetime) -> bool:
        return (self.lo is None or self.lo <= now) and (self.hi is None or now < self.hi)


def active_promotions(tx: AnyTx, now: datetime) -> tuple[pricing.Promotion, ...]:
    stamp = tuple(run(tx, sql.STAMP).one())
    if not stamp[0]:
        return ()
    key = (id(tx.connection().engine), stamp)
    found = _CACHE.get(key)
    if found is not None and found.holds(now):
        return found.now_running
    if found is None or any(p.ends_at is not None and p.ends_at <= now for p in found.found):
        parsed = tuple(promotion_of(tuple(r)) for r in run(tx, sql.UPCOMING, {"now": now}))
    else:
        parsed = found.found
    active = _Active(parsed, now)
    _CACHE.clear()  # one shop per process: keep the latest only
    _CACHE[key] = active
    return active.now_running


def usable_coupons(tx: AnyTx, customer_id: int, now: datetime) -> list[pricing.Coupon]:
    rows = run(tx, sql.USABLE, {"cust": customer_id, "now": now})
    return [coupon_of(r) for r in rows]


def not_found() -> NotFound:
    return NotFound("promotions.coupon_not_found", "No such coupon", "coupon_id")


def _refusal(status: str, starts_at: datetime, ends_at: datetime,
             now: datetime) -> DomainError | None:
    """Why a coupon of this customer cannot be used now (None: it can)."""
    if status == domain.USED:
        return Conflict("promotions.coupon_used", "This coupon has been used", "coupon_id")
    if status != domain.AVAILABLE or ends_at <= now:
        return Conflict("promotions.coupon_expired", "This coupon has expired", "coupon_id")
    if now < starts_at:
        return Conflict("promotions.coupon_not_started", "This coupon is not valid yet",
                        "coupon_id")
    return None


def coupon_for(tx: AnyTx, customer_id: int, coupon_id: int, now: datetime) -> pricing.Coupon:
    row = run(tx, sql.ONE, {"cid": coupon_id, "cust": customer_id}).first()
    if row is None:
        raise not_found()  # unknown and someone else's alike: nothing to learn from it
    refusal = _refusal(row[13], row[3], row[4], now)
    if refusal is not None:
        raise refusal
    return coupon_of(row)


def _redemption(order_number: str, customer_id: int, source: str, discount_fen: int,
                goods_fen: int, total_fen: int, at: datetime) -> dict[str, object]:
    return {"order_number": order_number, "customer_id": customer_id, "source": source,
            "promotion_id": None, "coupon_id": None, "template_id": None,
            "discount_fen": discount_fen, "order_goods_fen": goods_fen,
            "order_total_fen": total_fen, "status": domain.PLACED, "at": at, "updated_at": at}


def use_coupon(tx: AnyTx, coupon_id: int, customer_id: int, order_number: str,
               discount_fen: int, goods_fen: int, total_fen: int) -> None:
    now = utcnow()
    params = {"cid": coupon_id, "cust": customer_id, "order": order_number, "now": now}
    done = run(tx, sql.USE, params).first()
    if done is None:
        row = run(tx, sql.ONE, {"cid": coupon_id, "cust": customer_id}).first()
        if row is None:
            raise not_found()
        raise _refusal(row[13], row[3], row[4], now) or Conflict(
            "promotions.coupon_used", "This coupon has been used", "coupon_id")
    template_id = int(done[0])
    row = _redemption(order_number, customer_id, f"coupon:{coupon_id}", discount_fen,
                      goods_fen, total_fen, now)
    run(tx, sql.REDEEM, {**row, "coupon_id": coupon_id, "template_id": template_id})


def record_promotions(tx: AnyTx, order_number: str, customer_id: int,
                      applied: Iterable[tuple[int, int]], goods_fen: int,
                      total_fen: int) -> None:
    now = utcnow()
    rows = [{**_redemption(order_number, customer_id, f"promotion:{pid}", discount, goods_fen,
                           total_fen, now), "promotion_id": pid}
            for pid, discount in applied]
    if rows:
        run(tx, sql.REDEEM, rows)


def count_uses(tx: AnyTx, order_number: str) -> None:
    """Recount the used coupons of the templates this order used a coupon of."""
    templates = [int(r[0]) for r in run(tx, sql.TEMPLATES_OF_ORDER, {"order": order_number})]
    if templates:
        run(tx, sql.RECOUNT_USES, [{"template": t} for t in templates])


def release_order(tx: AnyTx, order_number: str) -> int:
    """Coupons the order used go back (or expire); its redemptions are cancelled. Returns
    how many coupons came back; a second call finds nothing to do."""
    now = utcnow()
    templates = [int(r[0]) for r in run(tx, sql.RELEASE, {"order": order_number, "now": now})]
    if templates:
        run(tx, sql.RECOUNT_USES, [{"template": t} for t in templates])
    run(tx, sql.CANCEL_REDEMPTIONS, {"order": order_number, "now": now})
    return len(templates)


def order_paid(tx: AnyTx, order_number: str) -> None:
    run(tx, sql.PAY_REDEMPTIONS, {"order": order_number, "now": utcnow()})


def expire_coupons(tx: AnyTx, now: datetime) -> int:
    return int(run(tx, sql.EXPIRE, {"now": now}).rowcount or 0)
