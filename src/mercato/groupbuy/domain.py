"""Group-buy rules: what a deal may say, its status, a group's expiry, the cashback ladder,
share codes and the states of groups and members. Pure: no I/O."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

# A deal's status, from its `enabled` flag and its window (as promotions').
DRAFT, SCHEDULED, RUNNING, ENDED = "draft", "scheduled", "running", "ended"

# A group: open while seats are taken and paid; filled (it succeeded: its paid orders ship)
# once the deal's group size of seats is paid in time; failed when its time ran out first
# (its paid members are refunded). A filled group stays joinable up to the deal's most people
# (阶梯团) and completes when it has them all paid or when its time runs out (completed_at):
# only then is the cashback fixed, from the ladder step its paid members reached.
OPEN, FILLED, FAILED = "open", "filled", "failed"
GROUP_STATUSES = (OPEN, FILLED, FAILED)

# A member: holding a seat while their order awaits payment; paid; then, if the money goes
# back (the group failed, or their order was closed), refunding and refunded; left when
# their unpaid order was cancelled (the seat went back).
HOLDING, PAID, REFUNDING, REFUNDED, LEFT = "holding", "paid", "refunding", "refunded", "left"
MEMBER_STATUSES = (HOLDING, PAID, REFUNDING, REFUNDED, LEFT)
MEMBER_MOVES: dict[str, frozenset[str]] = {
    HOLDING: frozenset({PAID, LEFT}),
    PAID: frozenset({REFUNDING}),
    REFUNDING: frozenset({REFUNDED}),
    LEFT: frozenset({HOLDING}),  # joins the same group again (one row per customer)
}

POINTS, COUPON = "points", "coupon"
CASHBACK_HOW = (POINTS, COUPON)
MIN_SIZE, MAX_SIZE = 2, 50
MIN_MINUTES, MAX_MINUTES = 5, 7 * 24 * 60
MAX_STEPS = 5  # rows of a cashback ladder
MAX_PRICE_FEN = 100_000_000
# Share codes: secrets.token_urlsafe(9), 72 random bits in 12 characters. Knowing one group's
# code tells nothing about another's, so a guessed or altered code finds no group.
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{12}$")

Ladder = tuple[tuple[int, int], ...]  # (participants, cashback fen per member), ascending
Problems = dict[str, str]  # field → message (an English msgid)


def N_(message: str) -> str:
    """Marks a message for translation (shown by the web layer through gettext)."""
    return message


def new_code() -> str:
    return secrets.token_urlsafe(9)


def valid_code(code: str) -> bool:
    return bool(CODE_RE.match(code or ""))


def share_path(code: str) -> str:
    """Where a share link or QR code leads: the group's page."""
    return f"/groups/{code}"


@dataclass(frozen=True, slots=True)
class DealData:
    """A deal as staff typed it (already parsed to numbers and UTC times)."""

    sku_id: int
    product_id: int
    group_size: int
    price_fen: int
    time_limit_minutes: int
    starts_at: datetime | None
    ends_at: datetime | None
    ladder: Ladder = ()
    cashback_how: str = POINTS
    enabled: bool = False
    max_size: int = 0  # the most people a group takes; 0: the group size (no growing on)

    @property
    def most(self) -> int:
        """The most people a group of this deal takes."""
        return self.max_size or self.group_size


def status(enabled: bool, starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    """Ended once its end has passed; otherwise a draft until enabled, then scheduled before
    its start and running inside its window."""
    if ends_at <= now:
        return ENDED
    if not enabled:
        return DRAFT
    return SCHEDULED if now < starts_at else RUNNING


def group_expiry(opened_at: datetime, time_limit_minutes: int, deal_ends_at: datetime) -> datetime:
    """A group has its time limit from opening, but never outlives its deal."""
    return min(opened_at + timedelta(minutes=time_limit_minutes), deal_ends_at)


def cashback_for(ladder: Ladder, participants: int) -> int:
    """Fen back to each member of a group of `participants`: the highest step reached."""
    reached = [fen for at, fen in ladder if at <= participants]
    return reached[-1] if reached else 0


def next_step(ladder: Ladder, participants: int) -> tuple[int, int] | None:
    """The first step above what `participants` reach: (people, fen each), or None."""
    return next(((at, fen) for at, fen in ladder if at > participants), None)


def _ladder(p: Problems, ladder: Ladder, most: int, price_fen: int) -> None:
    if len(ladder) > MAX_STEPS:
        p["ladder"] = N_("At most five cashback steps")
        return
    last_at, last_fen = 1, 0
    for at, fen in ladder:
        if not (2 <= at <= most):
            p["ladder"] = N_("Each step is for 2 people up to the most a group takes")
            return
        if not (1 <= fen < price_fen):
            p["ladder"] = N_("Each step gives back more than zero and less than the group price")
            return
        if at <= last_at or fen <= last_fen:
            p["ladder"] = N_("Steps go up: more people, more cashback")
            return
        last_at, last_fen = at, fen


def _window(p: Problems, starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at is None:
        p["starts_at"] = N_("Enter a start time")
    if ends_at is None:
        p["ends_at"] = N_("Enter an end time")
    elif starts_at is not None and ends_at <= starts_at:
        p["ends_at"] = N_("The end must be after the start")


def check_deal(d: DealData) -> Problems:
    """Every problem of the deal, by field; empty when it may be saved."""
    p: Problems = {}
    if d.sku_id < 1 or d.product_id < 1:
        p["sku_id"] = N_("Choose a product and its SKU")
    if not MIN_SIZE <= d.group_size <= MAX_SIZE:
        p["group_size"] = N_("A group of 2 to 50 people")
    elif d.max_size and not d.group_size <= d.max_size <= MAX_SIZE:
        p["max_size"] = N_("The most people: from the group size up to 50")
    if not 1 <= d.price_fen <= MAX_PRICE_FEN:
        p["price_fen"] = N_("Enter a price from 0.01 to 1,000,000")
    if not MIN_MINUTES <= d.time_limit_minutes <= MAX_MINUTES:
        p["time_limit_minutes"] = N_("A time limit of 5 minutes to 7 days")
    if d.cashback_how not in CASHBACK_HOW:
        p["cashback_how"] = N_("Cashback is points or a coupon")
    _ladder(p, d.ladder, d.most, d.price_fen)
    _window(p, d.starts_at, d.ends_at)
    return p


def can_move(current: str, target: str) -> bool:
    return target in MEMBER_MOVES.get(current, frozenset())
