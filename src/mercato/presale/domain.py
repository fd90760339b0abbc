"""Presale rules, pure: a campaign's windows and phase, what staff may set, and what a
shopper pays for units of an item. No I/O.

A campaign sells SKUs ahead of their stock. The shopper pays a deposit (定金) in the
deposit window; the deposit counts as `deduct_fen` off the price (定金膨胀: ¥100 paid counts
as ¥150 off), so the balance (尾款), paid in the balance window, is price − deduct. Unpaid
by the balance window's end, the order ends and the deposit is kept or refunded by the
campaign's rule. An item's `planned` units cap what deposits may take; the admin compares
them with stock on hand and expected incoming stock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mercato.kernel.errors import Conflict, DomainError, NotFound

DRAFT, SCHEDULED, CANCELLED = "draft", "scheduled", "cancelled"
STATUSES = (DRAFT, SCHEDULED, CANCELLED)
# Phases of a scheduled campaign, by the clock.
UPCOMING, DEPOSIT, WAITING, BALANCE, ENDED = (
    "upcoming", "deposit", "waiting", "balance", "ended")
RULES = ("keep", "refund")  # the deposit of an order whose balance was never paid

# A presale order as this context follows it.
DEPOSIT_DUE, DEPOSIT_PAID, BALANCE_PAID, RELEASED, ENDED_UNPAID = (
    "deposit_due", "deposit_paid", "balance_paid", "released", "cancelled")
ORDER_STATES = (DEPOSIT_DUE, DEPOSIT_PAID, BALANCE_PAID, RELEASED, ENDED_UNPAID)

MAX_ITEMS = 50
MAX_PLANNED = 1_000_000
MAX_LIMIT = 100
MAX_PRICE_FEN = 100_000_000
MAX_REMIND_HOURS = 168
DEPOSIT_PAY_MINUTES = 30  # a deposit order unpaid this long ends (never past the window)


def N_(message: str) -> str:
    """Marks a message for translation (shown by the web layer through gettext)."""
    return message


@dataclass(frozen=True, slots=True)
class ItemData:
    sku_id: int
    price_fen: int  # the presale price of one unit
    deposit_fen: int  # paid first, per unit
    deduct_fen: int  # what the deposit counts as off the price (≥ deposit: 定金膨胀)
    planned: int  # units the campaign may sell


@dataclass(frozen=True, slots=True)
class CampaignData:
    name: str
    deposit_starts: datetime  # naive UTC
    deposit_ends: datetime
    balance_starts: datetime
    balance_ends: datetime
    ship_on: date  # the expected ship date the product page promises
    rule: str = "keep"
    per_customer_limit: int = 1  # units of each item
    remind_hours: int = 24  # the balance reminder, this long before the window closes
    items: tuple[ItemData, ...] = ()


@dataclass(frozen=True, slots=True)
class Amounts:
    """What `quantity` units cost: the deposit now, the balance later (goods only: the
    order adds shipping to its balance), and the campaign's unit price for the order (what
    the two parts add up to per unit)."""

    deposit_fen: int
    balance_fen: int
    unit_fen: int
    bonus_fen: int  # what the deposit earns beyond itself (定金膨胀), all units


def amounts(item: ItemData, quantity: int) -> Amounts:
    bonus = item.deduct_fen - item.deposit_fen
    unit = item.price_fen - bonus
    return Amounts(item.deposit_fen * quantity, (item.price_fen - item.deduct_fen) * quantity,
                   unit, bonus * quantity)


def _problem(problems: dict[str, str], field: str, message: str) -> None:
    problems.setdefault(field, message)


def _check_item(i: int, item: ItemData, problems: dict[str, str]) -> None:
    f = f"items.{i}."
    if not 1 <= item.price_fen <= MAX_PRICE_FEN:
        _problem(problems, f + "price_fen", N_("Enter a price from ¥0.01 to ¥1,000,000"))
    if not 1 <= item.deposit_fen < item.price_fen:
        _problem(problems, f + "deposit_fen",
                 N_("The deposit is at least ¥0.01 and below the price"))
    if not item.deposit_fen <= item.deduct_fen < item.price_fen:
        _problem(problems, f + "deduct_fen",
                 N_("The deposit counts as at least itself and less than the price"))
    if not 1 <= item.planned <= MAX_PLANNED:
        _problem(problems, f + "planned", N_("Plan from 1 to 1,000,000 units"))


def _check_windows(c: CampaignData, problems: dict[str, str]) -> None:
    if not c.deposit_starts < c.deposit_ends:
        _problem(problems, "deposit_ends", N_("The deposit window must end after it starts"))
    if not c.deposit_ends <= c.balance_starts:
        _problem(problems, "balance_starts",
                 N_("The balance window opens when the deposit window has closed"))
    if not c.balance_starts < c.balance_ends:
        _problem(problems, "balance_ends", N_("The balance window must end after it opens"))
    if c.ship_on < c.balance_ends.date():
        _problem(problems, "ship_on", N_("Goods ship after the balance window"))
    if c.balance_ends - c.balance_starts < timedelta(hours=1):
        _problem(problems, "balance_ends", N_("Leave shoppers at least an hour for the balance"))


def check_campaign(c: CampaignData) -> CampaignData:
    """The campaign, or DomainError presale.invalid with .problems (field → message)."""
    problems: dict[str, str] = {}
    if not 1 <= len(c.name.strip()) <= 60:
        _problem(problems, "name", N_("Name the campaign (up to 60 characters)"))
    _check_windows(c, problems)
    if c.rule not in RULES:
        _problem(problems, "rule", N_("Choose whether an unpaid balance keeps the deposit"))
    if not 1 <= c.per_customer_limit <= MAX_LIMIT:
        _problem(problems, "per_customer_limit", N_("A limit from 1 to 100 units"))
    if not 0 <= c.remind_hours <= MAX_REMIND_HOURS:
        _problem(problems, "remind_hours", N_("Remind from 0 to 168 hours before the end"))
    if not 1 <= len(c.items) <= MAX_ITEMS:
        _problem(problems, "items", N_("Add from 1 to 50 items"))
    if len({i.sku_id for i in c.items}) != len(c.items):
        _problem(problems, "items", N_("Each SKU once"))
    for n, item in enumerate(c.items):
        _check_item(n, item, problems)
    if problems:
        raise Invalid(problems)
    return CampaignData(c.name.strip(), c.deposit_starts, c.deposit_ends, c.balance_starts,
                        c.balance_ends, c.ship_on, c.rule, c.per_customer_limit,
                        c.remind_hours, c.items)


class Invalid(DomainError):
    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__("presale.invalid", message, field)
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Windows:
    deposit_starts: datetime
    deposit_ends: datetime
    balance_starts: datetime
    balance_ends: datetime


def phase(status: str, w: Windows, at: datetime) -> str:
    """draft and cancelled as stored; a scheduled campaign by the clock: upcoming, deposit,
    waiting (between the windows), balance, ended."""
    if status != SCHEDULED:
        return status
    if at < w.deposit_starts:
        return UPCOMING
    if at < w.deposit_ends:
        return DEPOSIT
    if at < w.balance_starts:
        return WAITING
    return BALANCE if at < w.balance_ends else ENDED


def check_deposit_open(phase_now: str) -> None:
    """A deposit may be placed now, or the error saying why not (a draft is unknown)."""
    if phase_now == DRAFT:
        raise NotFound("presale.not_found", N_("No such presale"), "campaign_id")
    if phase_now == CANCELLED:
        raise Conflict("presale.cancelled", N_("This presale was called off"), "campaign_id")
    if phase_now == UPCOMING:
        raise Conflict("presale.not_started", N_("Deposits are not taken yet"), "campaign_id")
    if phase_now != DEPOSIT:
        raise Conflict("presale.deposit_closed", N_("Deposits are no longer taken"),
                       "campaign_id")


def remind_at(balance_ends: datetime, remind_hours: int, balance_starts: datetime) -> datetime:
    """When the balance reminder goes: remind_hours before the end, not before it opens."""
    return max(balance_ends - timedelta(hours=remind_hours), balance_starts)


def deposit_deadline(now: datetime, deposit_ends: datetime) -> datetime:
    """Until when a deposit order placed now may be paid."""
    return min(now + timedelta(minutes=DEPOSIT_PAY_MINUTES), deposit_ends)
