"""Loyalty as pages, the API and the admin show it: my membership (tier, progress to the
next, benefits), my points (balance, what expires when, the ledger by page), the admin's
customer list (search, tier and tag filters) and one customer's loyalty record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mercato.kernel.errors import NotFound
from mercato.kernel.paging import page_count
from mercato.members import domain_loyalty as rules
from mercato.members.adapters import loyalty_repository as repo
from mercato.members.adapters.loyalty_repository import LEDGER, LOYALTY
from mercato.members.adapters.tables import Address, Customer
from mercato.members.services import referral
from mercato.platform import clock


@dataclass(frozen=True, slots=True)
class Standing:
    """A member's loyalty row (or the defaults of a member without one)."""

    tier: str = ""
    points: int = 0
    spend_fen_365: int = 0
    orders_365: int = 0
    purchases: int = 0
    spend_fen_total: int = 0
    tag: str = rules.PROSPECT
    r_score: int = 0
    f_score: int = 0
    m_score: int = 0
    first_order_at: datetime | None = None
    last_order_at: datetime | None = None
    invite_code: str | None = None
    referred_by: int | None = None
    recomputed_at: datetime | None = None


_STANDING = (LOYALTY.c.tier, LOYALTY.c.points, LOYALTY.c.spend_fen_365, LOYALTY.c.orders_365,
             LOYALTY.c.purchases, LOYALTY.c.spend_fen_total, LOYALTY.c.tag, LOYALTY.c.r_score,
             LOYALTY.c.f_score, LOYALTY.c.m_score, LOYALTY.c.first_order_at,
             LOYALTY.c.last_order_at, LOYALTY.c.invite_code, LOYALTY.c.referred_by,
             LOYALTY.c.recomputed_at)


def standing(tx: Session, customer_id: int) -> Standing:
    row = tx.execute(select(*_STANDING).where(LOYALTY.c.customer_id == customer_id)).first()
    return Standing(*row) if row is not None else Standing()


def tiers(tx: Session) -> list[rules.TierRule]:
    return repo.tier_rules(tx) or list(rules.DEFAULT_TIERS)


@dataclass(frozen=True, slots=True)
class Membership:
    standing: Standing
    progress: rules.Progress
    tiers: list[rules.TierRule]
    tier: rules.TierRule | None  # the one held, as staff set it now
    birthday: date | None


def membership(tx: Session, customer_id: int) -> Membership:
    s = standing(tx, customer_id)
    all_tiers = tiers(tx)
    held = next((t for t in all_tiers if t.code == s.tier), None)
    birthday = tx.execute(select(Customer.birthday).where(Customer.id == customer_id)).scalar()
    return Membership(s, rules.progress(s.spend_fen_365, s.orders_365, all_tiers), all_tiers,
                      held, birthday)


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    delta: int
    kind: str
    ref: str
    reason: str
    balance_after: int
    remaining: int
    expires_at: datetime | None
    actor: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PointsPage:
    balance: int
    expiring: list[tuple[date, int]]  # (last shop-local day they are good, points)
    entries: list[Entry]
    total: int
    page: int
    pages: int


def points_page(tx: Session, customer_id: int, page: int = 1, size: int = 20) -> PointsPage:
    """The balance, the next expiry dates with the points lapsing then, one ledger page."""
    s = standing(tx, customer_id)
    lots = tx.execute(
        select(LEDGER.c.expires_at, func.sum(LEDGER.c.remaining))
        .where(LEDGER.c.customer_id == customer_id, LEDGER.c.remaining > 0)
        .group_by(LEDGER.c.expires_at).order_by(LEDGER.c.expires_at).limit(5)).all()
    expiring = [(clock.local(at).date() - timedelta(days=1), int(n))
                for at, n in lots if at is not None]
    where = LEDGER.c.customer_id == customer_id
    total = int(tx.execute(select(func.count()).select_from(LEDGER).where(where)).scalar_one())
    pages = page_count(total, size)
    page = min(max(1, page), pages)
    c = LEDGER.c
    rows = tx.execute(select(c.id, c.delta, c.kind, c.ref, c.reason, c.balance_after,
                             c.remaining, c.expires_at, c.actor, c.created_at).where(where)
                      .order_by(c.id.desc()).offset((page - 1) * size).limit(size)).all()
    return PointsPage(s.points, expiring, [Entry(*tuple(r)) for r in rows], total, page, pages)


@dataclass(frozen=True, slots=True)
class Listed:
    id: int
    name: str
    phone: str | None
    email: str | None
    created_at: datetime
    standing: Standing


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def customers(tx: Session, q: str = "", tier: str = "", tag: str = "", page: int = 1,
              size: int = 50) -> tuple[list[Listed], int]:
    """Customers, newest first: `q` in phone, e-mail or name; `tier` a tier code or 'none';
    `tag` a life-cycle tag. (One page, how many match.)"""
    stmt = select(Customer.id, Customer.name, Customer.phone, Customer.email,
                  Customer.created_at, *_STANDING).outerjoin(
        LOYALTY, LOYALTY.c.customer_id == Customer.id)
    if q.strip():
        like = _like(q.strip().lower())
        stmt = stmt.where(or_(Customer.phone.like(like, escape="\\"),
                              func.lower(Customer.email).like(like, escape="\\"),
                              func.lower(Customer.name).like(like, escape="\\")))
    if tier:
        stmt = stmt.where(func.coalesce(LOYALTY.c.tier, "") == ("" if tier == "none" else tier))
    if tag:
        stmt = stmt.where(func.coalesce(LOYALTY.c.tag, rules.PROSPECT) == tag)
    total = int(tx.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())
    rows = tx.execute(stmt.order_by(Customer.id.desc()).offset((page - 1) * size)
                      .limit(size)).all()
    return [_listed(r) for r in rows], total


def _listed(r: Any) -> Listed:
    s = Standing(*r[5:]) if r[5] is not None else Standing()
    return Listed(r[0], r[1], r[2], r[3], r[4], s)


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    customer: Customer
    standing: Standing
    tier: rules.TierRule | None
    addresses: int
    invitation: referral.Invitation | None
    referrals: list[referral.Invited]
    points: PointsPage


def customer_record(tx: Session, customer_id: int, page: int = 1) -> CustomerRecord:
    customer = tx.get(Customer, customer_id)
    if customer is None:
        raise NotFound("members.customer_not_found", "No such customer")
    s = standing(tx, customer_id)
    held = next((t for t in tiers(tx) if t.code == s.tier), None)
    count = int(tx.execute(select(func.count()).select_from(Address)
                           .where(Address.customer_id == customer_id)).scalar_one())
    return CustomerRecord(customer, s, held, count, referral.of_invitee(tx, customer_id),
                          referral.referrals_of(tx, customer_id),
                          points_page(tx, customer_id, page))
