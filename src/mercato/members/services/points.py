"""The points ledger's use cases: credit (a new lot), redeem and other withdrawals (FIFO by
expiry over the lots), give back what an order redeemed, take back what a refund's goods
earned (never below zero), expire lapsed lots, staff adjustments. Every change of a balance
is one ledger row written in the same transaction as the balance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from mercato.kernel.errors import Conflict, DomainError
from mercato.members import domain_loyalty as rules
from mercato.members.adapters import loyalty_repository as repo
from mercato.platform import clock
from mercato.platform.db import Database

Tx = repo.Tx


def expires_at(at: datetime) -> datetime:
    """When points credited at `at` (stored time) lapse, as stored time."""
    return clock.day_start_utc(rules.expiry_day(clock.local(at).date()))


def _insufficient() -> DomainError:
    return DomainError("members.points_insufficient", "You do not have that many points",
                       "points")


def credit(tx: Tx, customer_id: int, points: int, kind: str, ref: str, reason: str,
           at: datetime, actor: str = "") -> int:
    """Add a lot of `points` to the member; once per (customer, kind, ref) when ref is set:
    a repeat adds nothing. The points added (0 for a repeat)."""
    repo.ensure_member(tx, customer_id)
    balance = repo.lock_member(tx, customer_id)  # repeats of one ref queue here
    if ref and repo.entry(tx, customer_id, kind, ref) is not None:
        return 0
    balance = repo.add_points(tx, customer_id, points)
    repo.add_entry(tx, {"customer_id": customer_id, "delta": points, "kind": kind,
                        "ref": ref[:40], "reason": reason[:200], "balance_after": balance,
                        "remaining": points, "expires_at": expires_at(at),
                        "actor": actor[:120], "created_at": at})
    return points


def withdraw(tx: Tx, customer_id: int, points: int, kind: str, ref: str, reason: str,
             at: datetime, actor: str = "") -> int:
    """Take `points` (already checked positive) or raise members.points_insufficient; the
    new balance. The balance first, in one conditional statement (race-free), then the
    lots soonest to expire, then the ledger row."""
    if ref and repo.entry(tx, customer_id, kind, ref) is not None:
        raise _used_already()
    balance = repo.withdraw(tx, customer_id, points)
    if balance is None:
        raise _insufficient()
    changed, taken = rules.take(repo.open_lots(tx, customer_id), points)
    if taken != points:  # the balance and the lots disagree: never write past that
        raise RuntimeError(f"points lots of customer {customer_id} hold less than its balance")
    repo.set_lots(tx, changed)
    try:
        repo.add_entry(tx, {"customer_id": customer_id, "delta": -points, "kind": kind,
                            "ref": ref[:40], "reason": reason[:200], "balance_after": balance,
                            "remaining": 0, "actor": actor[:120], "created_at": at})
    except IntegrityError:  # the same order at the same moment: the unique index decides
        raise _used_already() from None
    return balance


def _used_already() -> Conflict:
    return Conflict("members.points_already_redeemed", "Points were already used for this order",
                    "order_number")


def redeem(tx: Tx, customer_id: int, points: int, order_number: str, at: datetime) -> int:
    rules.check_points(points)
    if not order_number or len(order_number) > 40:
        raise DomainError("members.invalid_order", "An order number is needed", "order_number")
    return withdraw(tx, customer_id, points, rules.REDEEM, order_number, "", at)


def give_back(tx: Tx, customer_id: int, order_number: str, reason: str, at: datetime,
              returned: int = 0) -> int:
    """What the order redeemed less what refunds `returned` already, back as a new lot
    (expiring as if earned now); 0 when it redeemed nothing or was given back already."""
    if repo.lock_member(tx, customer_id) is None or not order_number:
        return 0
    used = repo.entry(tx, customer_id, rules.REDEEM, order_number)
    if not used or repo.entry(tx, customer_id, rules.RETURN, order_number) is not None:
        return 0
    if -used - returned <= 0:
        return 0
    return credit(tx, customer_id, -used - returned, rules.RETURN, order_number, reason, at)


def take_back(tx: Tx, customer_id: int, owed: int, order_number: str, ref: str,
              at: datetime) -> int:
    """A refund takes back `owed` points its goods had earned: from that order's own lot
    first, then the soonest to expire; never below zero (what was spent already is noted on
    the row). The points taken."""
    if owed <= 0:
        return 0
    balance = repo.lock_member(tx, customer_id) or 0
    lots = repo.open_lots(tx, customer_id, rules.EARN, order_number)
    changed, taken = rules.take(lots, min(owed, balance))
    repo.set_lots(tx, changed)
    after = repo.add_points(tx, customer_id, -taken) if taken else balance
    note = f"refund of order {order_number}"
    if taken < owed:
        note += f"; {owed - taken} points already spent, not taken back"
    repo.add_entry(tx, {"customer_id": customer_id, "delta": -taken, "kind": rules.REVERSE,
                        "ref": ref[:40], "reason": note[:200], "balance_after": after,
                        "remaining": 0, "created_at": at})
    return taken


def expire_member(tx: Tx, customer_id: int, now: datetime) -> int:
    """Lapse what is left of the member's lots past their date; the points expired."""
    if repo.lock_member(tx, customer_id) is None:
        return 0
    lots = repo.open_lots(tx, customer_id, due_by=now)
    total = sum(left for _id, left in lots)
    if not total:
        return 0
    repo.set_lots(tx, [(lot_id, 0) for lot_id, _left in lots])
    balance = repo.add_points(tx, customer_id, -total)
    repo.add_entry(tx, {"customer_id": customer_id, "delta": -total, "kind": rules.EXPIRE,
                        "ref": "", "reason": "", "balance_after": balance, "remaining": 0,
                        "created_at": now})
    return total


def expire_all(db: Database, now: datetime | None = None, batch: int = 200) -> int:
    """The daily job: every member's lapsed points, a batch of members per transaction."""
    when = now or clock.utcnow()
    total = 0
    while True:
        with db.reading() as tx:
            due = repo.due_members(tx, when, batch)
        if not due:
            return total

        def run(tx: Tx, ids: list[int] = due) -> int:
            return sum(expire_member(tx, cid, when) for cid in ids)

        expired = db.unit(run)
        total += expired
        if not expired:  # nothing could be taken (rows vanished meanwhile): do not spin
            return total


def adjust(tx: Tx, customer_id: int, delta: object, reason: str, actor: str,
           at: datetime) -> int:
    """A staff member's correction, with a reason; the new balance."""
    if not isinstance(delta, int) or isinstance(delta, bool) or delta == 0:
        raise DomainError("members.invalid_points", "Enter a whole number of points, not 0",
                          "points")
    rules.check_points(abs(delta))
    why = " ".join((reason or "").split())
    if not why or len(why) > 200:
        raise DomainError("members.reason_required", "Give a reason (at most 200 characters)",
                          "reason")
    if delta > 0:
        credit(tx, customer_id, delta, rules.ADJUST, "", why, at, actor)
        return repo.lock_member(tx, customer_id) or 0
    return withdraw(tx, customer_id, -delta, rules.ADJUST, "", why, at, actor)
