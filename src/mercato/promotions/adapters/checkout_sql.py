"""The statements checkout and orders run (built once, prepared: mercato.platform.sql). Each use
is a fixed number of statements whatever the number of promotions or coupons."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Table,
    and_,
    bindparam,
    case,
    func,
    insert,
    or_,
    select,
    true,
    update,
)

from mercato.platform.sql import Prepared
from mercato.promotions import domain
from mercato.promotions.adapters.tables import Coupon, CouponTemplate, Promotion, Redemption

P = cast(Table, Promotion.__table__)
T = cast(Table, CouponTemplate.__table__)
C = cast(Table, Coupon.__table__)
R = cast(Table, Redemption.__table__)

NOW: BindParameter[Any] = bindparam("now")

PROMOTION_COLUMNS = (P.c.id, P.c.name, P.c.kind, P.c.priority, P.c.stacking,
                     P.c.percent_off_bp, P.c.buy, P.c.pay, P.c.nth, P.c.tiers, P.c.over_fen,
                     P.c.scope, P.c.starts_at, P.c.ends_at)


def live(now: Any = NOW) -> Any:
    """Enabled, and `now` inside its window (a missing bound is open)."""
    return and_(P.c.enabled == true(), or_(P.c.ends_at.is_(None), P.c.ends_at > now),
                or_(P.c.starts_at.is_(None), P.c.starts_at <= now))


ACTIVE = Prepared(select(*PROMOTION_COLUMNS).where(live()).order_by(P.c.id))
# Every enabled promotion not over yet (the ones to come too), for the per-process cache;
# STAMP changes whenever a promotion is added, edited, switched or removed (a save sets
# updated_at; the sums catch rows written with a frozen clock, as tests and imports do).
UPCOMING = Prepared(select(*PROMOTION_COLUMNS).where(
    P.c.enabled == true(), or_(P.c.ends_at.is_(None), P.c.ends_at > NOW)).order_by(P.c.id))
STAMP = Prepared(select(
    func.count(), func.max(P.c.updated_at), func.coalesce(func.sum(P.c.id), 0),
    func.coalesce(func.sum(func.length(P.c.name) + func.length(P.c.scope)
                           + func.length(P.c.tiers) + P.c.priority + P.c.percent_off_bp
                           + P.c.over_fen + P.c.buy + P.c.pay + P.c.nth), 0),
).where(P.c.enabled == true()))

# The issued coupon, then its template: adapters.rows.coupon_of reads the first 13.
COUPON_COLUMNS = (C.c.id, C.c.code, C.c.off_fen, C.c.starts_at, C.c.ends_at, T.c.name,
                  T.c.kind, T.c.off_fen, T.c.percent_off_bp, T.c.cap_fen, T.c.min_spend_fen,
                  T.c.scope, T.c.with_promotions, C.c.status)
_JOINED = C.join(T, T.c.id == C.c.template_id)

USABLE = Prepared(
    select(*COUPON_COLUMNS).select_from(_JOINED)
    .where(C.c.customer_id == bindparam("cust"), C.c.status == domain.AVAILABLE,
           C.c.starts_at <= NOW, C.c.ends_at > NOW)
    .order_by(C.c.ends_at, C.c.id))

ONE = Prepared(
    select(*COUPON_COLUMNS).select_from(_JOINED)
    .where(C.c.id == bindparam("cid"), C.c.customer_id == bindparam("cust")))

# The single-use guarantee: one conditional UPDATE; a second order finds it no longer
# available (on PostgreSQL it waits for the first to commit, then re-reads the row).
USE = Prepared(
    update(C)
    .where(C.c.id == bindparam("cid"), C.c.customer_id == bindparam("cust"),
           C.c.status == domain.AVAILABLE, C.c.starts_at <= NOW, C.c.ends_at > NOW)
    .values(status=domain.USED, used_order_number=bindparam("order"), used_at=NOW)
    .returning(C.c.template_id))

# A template's used count, recounted from its coupons after the order's transaction (a
# subscriber of the order's events): counting inside it made every checkout using one
# campaign's coupons queue on the template's row.
RECOUNT_USES = Prepared(
    update(T).where(T.c.id == bindparam("template")).values(used_count=select(func.count())
        .where(C.c.template_id == T.c.id, C.c.status == domain.USED).scalar_subquery()))
TEMPLATES_OF_ORDER = Prepared(
    select(C.c.template_id).where(C.c.used_order_number == bindparam("order")).distinct())

REDEEM = Prepared(insert(R))

# Back to the customer: still usable if its window runs, else expired.
RELEASE = Prepared(
    update(C)
    .where(C.c.used_order_number == bindparam("order"), C.c.status == domain.USED)
    .values(status=case((C.c.ends_at > NOW, domain.AVAILABLE), else_=domain.EXPIRED),
            used_order_number=None, used_at=None)
    .returning(C.c.template_id))

CANCEL_REDEMPTIONS = Prepared(
    update(R)
    .where(R.c.order_number == bindparam("order"), R.c.status != domain.CANCELLED)
    .values(status=domain.CANCELLED, updated_at=NOW))

PAY_REDEMPTIONS = Prepared(
    update(R)
    .where(R.c.order_number == bindparam("order"), R.c.status == domain.PLACED)
    .values(status=domain.PAID, updated_at=NOW))

EXPIRE = Prepared(
    update(C).where(C.c.status == domain.AVAILABLE, C.c.ends_at <= NOW)
    .values(status=domain.EXPIRED))
