"""Invite codes and referrals. Each member gets a short code on first asking (the invite
page, the API); a new customer signing up with it is recorded as invited (pending). At the
invitee's first completed order the referral is decided: rejected when the invitee shares
a phone or an address with the referrer (their accounts and address books), else qualified,
which records members.referral_qualified.v1 (promotions issues both their coupons)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.exc import IntegrityError

from mercato import events
from mercato.kernel.errors import DomainError
from mercato.members import domain_referral as rules
from mercato.members.adapters import loyalty_repository as repo
from mercato.members.adapters.loyalty_repository import LOYALTY
from mercato.members.adapters.loyalty_tables import Referral
from mercato.members.adapters.tables import Address, Customer
from mercato.platform import outbox
from mercato.platform.tx import AnyTx

REFERRAL = cast(Table, Referral.__table__)


def invite_code(tx: AnyTx, customer_id: int) -> str:
    """The member's invite code, made on first use (unique; a clash is retried)."""
    repo.ensure_member(tx, customer_id)
    stmt = select(LOYALTY.c.invite_code).where(LOYALTY.c.customer_id == customer_id)
    found = repo.ex(tx, stmt).scalar_one()
    if found:
        return str(found)
    for _ in range(8):
        code = rules.new_invite_code()
        savepoint = tx.begin_nested()
        try:
            repo.ex(tx, update(LOYALTY).where(LOYALTY.c.customer_id == customer_id,
                                               LOYALTY.c.invite_code.is_(None))
                    .values(invite_code=code))
        except IntegrityError:  # another member's code (1 in 31^8 per member): draw again
            savepoint.rollback()
            continue
        savepoint.commit()
        return str(repo.ex(tx, stmt).scalar_one())
    raise RuntimeError("could not draw a free invite code")


def referrer_of(tx: AnyTx, typed: str) -> int | None:
    """The member whose invite code this is (any case, spaces and dashes ignored)."""
    code = rules.normalise_code(typed)
    if code is None:
        return None
    row = repo.ex(tx, select(LOYALTY.c.customer_id).where(LOYALTY.c.invite_code == code)).first()
    return int(row[0]) if row is not None else None


def unknown_code() -> DomainError:
    return DomainError("members.invite_unknown", "This invite code does not exist", "invite")


def attach(tx: AnyTx, invitee_id: int, typed: str, at: datetime) -> int:
    """Record that `invitee_id` (just signed up) was invited with this code; the referrer's
    id. An unknown code, or the invitee's own, is refused."""
    referrer = referrer_of(tx, typed)
    if referrer is None:
        raise unknown_code()
    if referrer == invitee_id:
        raise DomainError("members.invite_self", "You cannot use your own invite code", "invite")
    code = rules.normalise_code(typed) or ""
    repo.ensure_member(tx, invitee_id)
    repo.ex(tx, update(LOYALTY).where(LOYALTY.c.customer_id == invitee_id)
            .values(referred_by=referrer))
    repo.ex(tx, repo.dialect(tx).insert(REFERRAL).values(
        invitee_id=invitee_id, referrer_id=referrer, code=code, status=rules.PENDING,
        reason="", order_number="", created_at=at).on_conflict_do_nothing())
    return referrer


def contact(tx: AnyTx, customer_id: int) -> rules.Contact:
    """The member's phones (account and address book) and address keys."""
    phone = repo.ex(tx, select(Customer.phone).where(Customer.id == customer_id)).scalar()
    a = Address
    rows = repo.ex(tx, select(a.phone, a.province, a.city, a.district, a.street)
                   .where(a.customer_id == customer_id)).all()
    phones = {rules.phone_key(phone or "")} | {rules.phone_key(r[0]) for r in rows}
    places = {rules.address_key(r[1], r[2], r[3], r[4]) for r in rows}
    return rules.Contact(frozenset(phones - {""}), frozenset(places - {""}))


def qualify(tx: AnyTx, invitee_id: int, order_number: str, at: datetime) -> str:
    """On the invitee's completed order: decide a pending referral; its status ('' when
    there is none to decide). Only their first completed order counts."""
    t = REFERRAL.c
    row = repo.ex(tx, select(t.referrer_id, t.status).where(t.invitee_id == invitee_id)
                  .with_for_update()).first()
    if row is None or row[1] != rules.PENDING:
        return "" if row is None else str(row[1])
    referrer = int(row[0])
    reason = rules.referral_abuse(invitee_id, referrer, contact(tx, invitee_id),
                                  contact(tx, referrer))
    if reason is None and repo.completed_before(tx, invitee_id, order_number):
        reason = "not_first_order"
    status = rules.REJECTED if reason else rules.QUALIFIED
    repo.ex(tx, update(REFERRAL).where(t.invitee_id == invitee_id).values(
        status=status, reason=reason or "", order_number=order_number, decided_at=at))
    if status == rules.QUALIFIED:
        outbox.record(tx, events.REFERRAL_QUALIFIED, {
            "referrer_id": referrer, "invitee_id": invitee_id, "order_number": order_number})
    return status


@dataclass(frozen=True, slots=True)
class Invited:
    """One of a member's referrals as their invite page shows it (the invitee masked)."""

    shown: str
    status: str
    reason: str
    created_at: datetime
    decided_at: datetime | None


def _mask(name: str, phone: str | None) -> str:
    if phone:
        return f"{phone[:3]}****{phone[-4:]}"
    return (name[:1] + "**") if name else "***"


def referrals_of(tx: AnyTx, referrer_id: int, limit: int = 100) -> list[Invited]:
    t = REFERRAL.c
    stmt = (select(Customer.name, Customer.phone, t.status, t.reason, t.created_at,
                   t.decided_at).join(Customer, Customer.id == t.invitee_id)
            .where(t.referrer_id == referrer_id).order_by(t.created_at.desc()).limit(limit))
    return [Invited(_mask(r[0], r[1]), r[2], r[3], r[4], r[5])
            for r in repo.ex(tx, stmt).all()]


@dataclass(frozen=True, slots=True)
class Invitation:
    """Who invited a member, with which code, and how it was decided (admin)."""

    referrer_id: int
    code: str
    status: str
    reason: str
    order_number: str
    created_at: datetime
    decided_at: datetime | None


def of_invitee(tx: AnyTx, invitee_id: int) -> Invitation | None:
    t = REFERRAL.c
    row = repo.ex(tx, select(t.referrer_id, t.code, t.status, t.reason, t.order_number,
                             t.created_at, t.decided_at).where(t.invitee_id == invitee_id)).first()
    return Invitation(*row) if row is not None else None
