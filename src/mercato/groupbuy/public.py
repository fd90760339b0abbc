"""What other contexts (orders, the storefront and the admin) may ask of group buying.
Functions take the caller's transaction first and write nothing outside it; they return
frozen dataclasses. Times are naive UTC (`now` is passed in, so pages and jobs agree).

Placing a group-price order, in ONE transaction:

    seat = groupbuy.join_group(tx, code, customer_id, now)    # or open_group(tx, deal_id, ...)
    number = <orders writes an order of seat.sku_id at seat.price_fen>
    groupbuy.attach_order(tx, seat.member_id, number, now)

The price is the deal's (Seat.price_fen), never the client's. From then on the seat follows
its order through orders' events (see tasks.py): paid → the group succeeds ("filled") when
the deal's group size of seats is paid in time (groupbuy.group_filled.v1; its paid orders are
released to ship); it then takes more people up to the deal's max_size, each one's order
released as they pay, and completes at max_size paid or when its time runs out
(groupbuy.group_completed.v1: the cashback is fixed from the ladder step its paid members
reached, and each member's follows through promotions); cancelled unpaid → the seat goes
back; a group not filled in time fails (groupbuy.group_failed.v1) and its paid orders are
closed (orders.end_unshipped) so payments gives the money back whole through the original
provider."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from mercato.groupbuy import domain
from mercato.groupbuy.domain import DealData
from mercato.groupbuy.services import cashback as _cashback
from mercato.groupbuy.services import deals, expiry, outcomes, seats, views
from mercato.groupbuy.services.deals import Invalid
from mercato.groupbuy.services.seats import Seat
from mercato.groupbuy.services.views import (
    DealOffer,
    DealTally,
    DealView,
    GroupCard,
    GroupLine,
    GroupView,
    MemberView,
    NextStep,
)
from mercato.platform.db import Database

__all__ = [
    "DealData",
    "DealOffer",
    "DealTally",
    "DealView",
    "GroupCard",
    "GroupLine",
    "GroupView",
    "Invalid",
    "MemberView",
    "NextStep",
    "Seat",
    "attach_order",
    "deal_for_sku",
    "deal_status_counts",
    "deal_tallies",
    "deals_in_status",
    "expire_groups",
    "get_deal",
    "give_cashback",
    "group_of_order",
    "group_view",
    "groups_of_customer",
    "groups_of_deal",
    "join_group",
    "list_deals",
    "open_group",
    "order_closed",
    "order_paid",
    "order_refunded",
    "save_deal",
    "set_deal_enabled",
    "share_path",
    "share_qr_svg",
]


def open_group(tx: Session, deal_id: int, customer_id: int, now: datetime) -> Seat:
    """The customer opens a new group of a running deal and holds its first seat (the
    leader's). NotFound groupbuy.deal_not_found (unknown or a draft); Conflict
    groupbuy.deal_not_running (scheduled or ended); field "deal_id"."""
    return seats.open_group(tx, deal_id, customer_id, now)


def join_group(tx: Session, code: str, customer_id: int, now: datetime) -> Seat:
    """The customer takes a seat in the group with this share code (from a link or QR code):
    an open group, or a filled one not complete yet (it takes people up to the deal's
    max_size). One conditional UPDATE: of many joiners after the last seat exactly one gets
    it. Errors, field "code", nothing written: NotFound groupbuy.group_not_found (unknown or
    forged code); Conflict groupbuy.group_full (at its most), groupbuy.group_expired (past
    its time, failed or complete),
    groupbuy.already_joined (one seat per customer and group; a customer whose unpaid order
    was cancelled may join again), groupbuy.deal_not_running (staff switched it off)."""
    return seats.join_group(tx, code, customer_id, now)


def attach_order(tx: Session, member_id: int, order_number: str, now: datetime) -> None:
    """After writing the seat's order in the same transaction: the order is tied to the seat
    (Seat.member_id). The order must be the seat's customer's, with every line the deal's SKU
    at the deal's price: else Conflict groupbuy.order_mismatch (orders.not_found for another
    customer's). Conflict groupbuy.seat_taken when the seat has another order or was given
    up; NotFound groupbuy.seat_not_found. The same order told twice is fine."""
    seats.attach_order(tx, member_id, order_number, now)


def order_paid(tx: Session, order_number: str, now: datetime) -> str:
    """orders.order_paid.v1: the seat is paid. The deal's group size of seats paid before
    the group's time fills it (groupbuy.group_filled.v1; the paid orders released to ship);
    paid in a filled group, the order is released at once; the group's most paid completes
    it (groupbuy.group_completed.v1; each paid member's cashback fixed from the ladder).
    Paid after the group failed: the order is closed and refunded at once. Idempotent.
    Returns "none" (not a group order), "already", "paid" or "refunding"."""
    return outcomes.order_paid(tx, order_number, now)


def order_closed(tx: Session, order_number: str, now: datetime) -> str:
    """orders.order_cancelled.v1 (unpaid) and orders.order_closed.v1 (paid): the member
    leaves (unpaid) or is refunding (paid: payments gives the money back); in a group still
    taking people (open, or filled and not complete) the seat goes back. Idempotent.
    Returns "none", "already" or "left"."""
    return outcomes.order_closed(tx, order_number, now)


def order_refunded(tx: Session, order_number: str, now: datetime) -> str:
    """payments.payment_refunded.v1: the member's money went back (refunding → refunded).
    Idempotent. Returns "none" or "refunded"."""
    return outcomes.refunded(tx, order_number, now)


def expire_groups(db: Database, now: datetime) -> int:
    """The periodic job, one unit of work a group: open groups past their time fail (their
    paid orders closed through orders.end_unshipped, payments refunding each whole through
    its provider; groupbuy.group_failed.v1); filled groups past their time complete (the
    cashback fixed from the ladder step their paid members reached;
    groupbuy.group_completed.v1). Each happens once. Returns the groups failed or completed."""
    return expiry.expire_groups(db, now)


def give_cashback(tx: Session, group_id: int) -> int:
    """groupbuy.group_completed.v1: each paid member of the completed group gets the
    cashback fixed when it completed, as points or a coupon (the deal's cashback_how),
    through promotions.cashback, once (reference GB<group>-<customer>). Nothing before the
    group is complete. Returns members given."""
    return _cashback.give_cashback(tx, group_id)


def deal_for_sku(tx: Session, sku_id: int, now: datetime, limit: int = 5) -> DealOffer | None:
    """A product page: the running deal of the SKU (None if there is none) and up to `limit`
    of its groups one may join now (a seat free, time left): those still short of success
    first, nearest to it first, then filled ones still taking people."""
    return views.deal_for_sku(tx, sku_id, now, limit)


def group_view(tx: Session, code: str, now: datetime) -> GroupView:
    """The group page /groups/<code>: the group, its deal, its members and time left.
    NotFound groupbuy.group_not_found (unknown or forged code), field "code"."""
    return views.group_view(tx, code, now)


def group_of_order(tx: Session, order_number: str, now: datetime) -> GroupView | None:
    """The group an order holds a seat in (None for an ordinary order): the order page, and
    fulfilment's question whether the group has succeeded (status "filled"; `completed`
    once its cashback is fixed)."""
    return views.group_of_order(tx, order_number, now)


def groups_of_customer(tx: Session, customer_id: int, now: datetime,
                       limit: int = 50) -> list[GroupView]:
    """"My group buys": the customer's groups, newest first."""
    return views.groups_of_customer(tx, customer_id, now, limit)


def share_path(code: str) -> str:
    """The group page's path for a share link: /groups/<code> (prefix the shop's URL)."""
    return domain.share_path(code)


def share_qr_svg(url: str) -> str:
    """The share link as an inline SVG QR code (escape nothing; mark it safe in templates)."""
    return views.share_qr_svg(url)


def save_deal(tx: Session, deal_id: int | None, data: DealData, staff: str,
              now: datetime) -> DealView:
    """Admin: create (deal_id None) or change a deal. Invalid (code groupbuy.invalid,
    .problems: field → message msgid) when any field is wrong: group size 2-50, max_size
    from the group size to 50 (0: the group size), price from 1 fen, time limit 5 minutes to
    7 days, the end after the start, a ladder of at most 5 steps rising in people
    (2..max_size) and cashback (1 fen up to below the price). Once a group has opened, the
    SKU, price and sizes stay: Conflict groupbuy.deal_in_use."""
    return deals.save_deal(tx, deal_id, data, staff, now)


def set_deal_enabled(tx: Session, deal_id: int, enabled: bool, now: datetime) -> DealView:
    """Admin: switch a deal on or off (off: no new groups or joins; open groups then fail at
    their time and are refunded). NotFound groupbuy.deal_not_found."""
    return deals.set_enabled(tx, deal_id, enabled, now)


def get_deal(tx: Session, deal_id: int, now: datetime) -> DealView:
    """Admin: one deal. NotFound groupbuy.deal_not_found."""
    return deals.get_deal(tx, deal_id, now)


def list_deals(tx: Session, now: datetime, page: int = 1) -> list[DealView]:
    """Admin: deals, newest first, 20 a page."""
    return deals.list_deals(tx, now, page)


def deals_in_status(tx: Session, status: str, now: datetime, page: int = 1,
                    per_page: int = 20) -> tuple[list[DealView], int]:
    """Admin: the deals of one status (draft, scheduled, running or ended; DealView.status),
    newest first, a page of them; and how many there are in all."""
    return views.deals_in_status(tx, status, now, page, per_page)


def deal_status_counts(tx: Session, now: datetime) -> dict[str, int]:
    """Admin: how many deals each status has (the list's tabs)."""
    return views.deal_status_counts(tx, now)


def deal_tallies(tx: Session, deal_ids: list[int]) -> dict[int, DealTally]:
    """Admin: each deal's groups open, filled (complete or still growing) and failed, and
    its members paid (not refunded). A deal no group has opened is missing (read it as
    DealTally())."""
    return views.deal_tallies(tx, deal_ids)


def groups_of_deal(tx: Session, deal_id: int, limit: int = 50) -> list[GroupLine]:
    """Admin: a deal's groups, the latest opened first."""
    return views.groups_of_deal(tx, deal_id, limit)
