"""What the product page, the group page and the admin show: deals, groups, members, and
the share link as a QR code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import segno
from sqlalchemy import ColumnElement, and_, false, func, select
from sqlalchemy.orm import Session

from mercato.groupbuy import domain
from mercato.groupbuy.adapters import repository
from mercato.groupbuy.adapters.tables import Deal, Group, Member
from mercato.groupbuy.services.seats import find_group


@dataclass(frozen=True, slots=True)
class DealView:
    id: int
    sku_id: int
    product_id: int
    group_size: int  # paid seats for a group to succeed
    max_size: int  # the most people a group takes (= group_size: it completes as it fills)
    price_fen: int
    time_limit_minutes: int
    starts_at: datetime
    ends_at: datetime
    ladder: domain.Ladder  # (participants, cashback fen per member)
    cashback_how: str  # points | coupon
    enabled: bool
    status: str  # draft | scheduled | running | ended


@dataclass(frozen=True, slots=True)
class NextStep:
    """The next cashback step a growing group can reach: `invite` more paid members make
    `people` in all, and each then gets `cashback_fen` back."""

    people: int
    invite: int
    cashback_fen: int


@dataclass(frozen=True, slots=True)
class GroupCard:
    code: str
    leader_id: int
    size: int  # seats paid to succeed
    seats_taken: int
    seats_left: int  # seats still free, up to its most
    expires_at: datetime
    seconds_left: int
    max_size: int = 0  # its most people
    succeeded: bool = False  # filled: it can still be joined up to its most
    to_succeed: int = 0  # seats still to take for it to succeed (0 once filled)


@dataclass(frozen=True, slots=True)
class DealOffer:
    """A product page's group deal: the deal and groups one may join now."""

    deal: DealView
    groups: tuple[GroupCard, ...]


@dataclass(frozen=True, slots=True)
class MemberView:
    customer_id: int
    status: str
    leader: bool
    order_number: str | None
    cashback_fen: int
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class GroupView:
    code: str
    status: str  # open | filled | failed
    size: int  # seats paid to succeed (the deal's group size when it opened)
    seats_taken: int
    seats_paid: int
    seats_left: int  # seats still free up to its most (0 once it no longer takes people)
    opened_at: datetime
    expires_at: datetime
    seconds_left: int  # 0 once it no longer takes people or is past its time
    share_path: str  # /groups/<code>
    deal: DealView
    members: tuple[MemberView, ...]
    max_size: int = 0  # its most people
    completed_at: datetime | None = None  # filled, then complete: its cashback fixed
    cashback_fen: int = 0  # each paid member's, once complete
    next_step: NextStep | None = None  # while it grows: the next cashback step to reach

    @property
    def growing(self) -> bool:
        """Filled (it succeeded) and still taking people: 已成团, more may join."""
        return self.status == domain.FILLED and self.completed_at is None and (
            self.seats_left > 0 and self.seconds_left > 0)

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def to_succeed(self) -> int:
        """Seats still to take for an open group to succeed (0 once filled or ended)."""
        return max(0, self.size - self.seats_taken) if self.status == domain.OPEN else 0


def deal_view(d: Deal, now: datetime) -> DealView:
    return DealView(d.id, d.sku_id, d.product_id, d.group_size, d.max_size, d.price_fen,
                    d.time_limit_minutes, d.starts_at, d.ends_at, repository.ladder_of(d.ladder),
                    d.cashback_how, d.enabled, domain.status(d.enabled, d.starts_at, d.ends_at,
                                                             now))


def _taking(g: Group) -> bool:
    """Still taking people (a seat may be free or come free): open, or filled and not
    complete."""
    return g.status == domain.OPEN or (g.status == domain.FILLED and g.completed_at is None)


def _left(g: Group, now: datetime) -> int:
    if not _taking(g):
        return 0
    return max(0, int((g.expires_at - now).total_seconds()))


def _seats_left(g: Group) -> int:
    return g.size - g.seats_taken if _taking(g) else 0


def next_step(ladder: domain.Ladder, g: Group) -> NextStep | None:
    """The next ladder step above the group's paid members, while it may still be reached
    (within its most). None when there is none."""
    if not _taking(g):
        return None
    step = domain.next_step(ladder, g.seats_paid)
    if step is None or step[0] > g.size:
        return None
    return NextStep(step[0], step[0] - g.seats_paid, step[1])


def card(g: Group, now: datetime) -> GroupCard:
    filled = g.status == domain.FILLED
    return GroupCard(g.code, g.leader_id, g.needed, g.seats_taken, _seats_left(g),
                     g.expires_at, _left(g, now), g.size, filled,
                     0 if filled else max(0, g.needed - g.seats_taken))


def deal_for_sku(tx: Session, sku_id: int, now: datetime, limit: int = 5) -> DealOffer | None:
    deals = repository.live_deals_for_sku(tx, sku_id, now)
    if not deals:
        return None
    d = deals[0]  # the one ending first, should staff have two running on one SKU
    groups = repository.open_groups(tx, d.id, now, limit)
    return DealOffer(deal_view(d, now), tuple(card(g, now) for g in groups))


def _member(m: Member, g: Group) -> MemberView:
    return MemberView(m.customer_id, m.status, m.customer_id == g.leader_id, m.order_number,
                      m.cashback_fen, m.joined_at)


def view_of(tx: Session, g: Group, now: datetime) -> GroupView:
    d = repository.deal(tx, g.deal_id)
    assert d is not None
    rows = repository.members_of(tx, g.id)
    members = tuple(_member(m, g) for m in rows)
    cashback = max((m.cashback_fen for m in rows if m.status == domain.PAID), default=0)
    return GroupView(g.code, g.status, g.needed, g.seats_taken, g.seats_paid, _seats_left(g),
                     g.opened_at, g.expires_at, _left(g, now), domain.share_path(g.code),
                     deal_view(d, now), members, g.size, g.completed_at, cashback,
                     next_step(repository.ladder_of(d.ladder), g))


def group_view(tx: Session, code: str, now: datetime) -> GroupView:
    return view_of(tx, find_group(tx, code), now)


def group_of_order(tx: Session, number: str, now: datetime) -> GroupView | None:
    m = repository.member_by_order(tx, number)
    g = tx.get(Group, m.group_id) if m is not None else None
    return view_of(tx, g, now) if g is not None else None


def groups_of_customer(tx: Session, customer_id: int, now: datetime,
                       limit: int = 50) -> list[GroupView]:
    q = (select(Group).join(Member, Member.group_id == Group.id)
         .where(Member.customer_id == customer_id).order_by(Group.opened_at.desc()).limit(limit))
    return [view_of(tx, g, now) for g in tx.scalars(q)]


def share_qr_svg(url: str) -> str:
    """The share link as an inline SVG QR code (a full QR: segno.make could pick a Micro QR
    that phone cameras do not read)."""
    return str(segno.make_qr(url, error="m").svg_inline(scale=4, border=2, title=url))


# The admin: deals by status (the tabs), each deal's groups counted, a deal's recent groups.


@dataclass(frozen=True, slots=True)
class DealTally:
    """A deal's groups by status, and its members paid (not given back their money)."""

    open: int = 0
    filled: int = 0
    failed: int = 0
    members_paid: int = 0


@dataclass(frozen=True, slots=True)
class GroupLine:
    """A group as the admin lists it under its deal."""

    code: str
    status: str  # open | filled | failed
    leader_id: int
    size: int  # seats paid to succeed
    seats_taken: int
    seats_paid: int
    opened_at: datetime
    expires_at: datetime
    max_size: int = 0  # its most people
    completed_at: datetime | None = None


def _in_status(status: str, now: datetime) -> ColumnElement[bool]:
    """The SQL twin of domain.status."""
    if status == domain.ENDED:
        return Deal.ends_at <= now
    live = and_(Deal.ends_at > now, Deal.enabled.is_(status != domain.DRAFT))
    if status == domain.SCHEDULED:
        return and_(live, Deal.starts_at > now)
    if status == domain.RUNNING:
        return and_(live, Deal.starts_at <= now)
    return live if status == domain.DRAFT else false()


def deals_in_status(tx: Session, status: str, now: datetime, page: int = 1,
                    per_page: int = 20) -> tuple[list[DealView], int]:
    """The deals of one status, newest first, a page of them; and how many there are."""
    where = _in_status(status, now)
    total = int(tx.scalar(select(func.count(Deal.id)).where(where)) or 0)
    q = (select(Deal).where(where).order_by(Deal.id.desc())
         .offset((max(1, page) - 1) * per_page).limit(per_page))
    return [deal_view(d, now) for d in tx.scalars(q)], total


def deal_status_counts(tx: Session, now: datetime) -> dict[str, int]:
    statuses = (domain.RUNNING, domain.SCHEDULED, domain.DRAFT, domain.ENDED)
    return {s: int(tx.scalar(select(func.count(Deal.id)).where(_in_status(s, now))) or 0)
            for s in statuses}


def deal_tallies(tx: Session, deal_ids: list[int]) -> dict[int, DealTally]:
    """Two queries, whatever the number of deals; a deal without groups has none here."""
    ids = sorted(set(deal_ids))
    if not ids:
        return {}
    groups = (select(Group.deal_id, Group.status, func.count(Group.id))
              .where(Group.deal_id.in_(ids)).group_by(Group.deal_id, Group.status))
    paid = (select(Group.deal_id, func.count(Member.id))
            .join(Member, Member.group_id == Group.id)
            .where(Group.deal_id.in_(ids), Member.status == domain.PAID)
            .group_by(Group.deal_id))
    counts: dict[int, dict[str, int]] = {}
    for deal_id, status, n in tx.execute(groups):
        counts.setdefault(int(deal_id), {})[str(status)] = int(n)
    for deal_id, n in tx.execute(paid):
        counts.setdefault(int(deal_id), {})["members_paid"] = int(n)
    return {d: DealTally(**c) for d, c in counts.items()}


def groups_of_deal(tx: Session, deal_id: int, limit: int = 50) -> list[GroupLine]:
    q = (select(Group).where(Group.deal_id == deal_id)
         .order_by(Group.opened_at.desc(), Group.id.desc()).limit(limit))
    return [GroupLine(g.code, g.status, g.leader_id, g.needed, g.seats_taken, g.seats_paid,
                      g.opened_at, g.expires_at, g.size, g.completed_at) for g in tx.scalars(q)]
