"""Presale campaigns as staff make them and shoppers read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, NotFound
from mercato.platform.clock import utcnow
from mercato.platform.db import run
from mercato.platform.tx import AnyTx
from mercato.presale import domain
from mercato.presale.adapters.tables import Campaign, Item

C = cast(Table, Campaign.__table__)
I = cast(Table, Item.__table__)  # noqa: E741

# Staff moves: draft → scheduled (published) → cancelled; a draft may be cancelled too.
_MOVES = {domain.DRAFT: {domain.SCHEDULED, domain.CANCELLED},
          domain.SCHEDULED: {domain.CANCELLED}}


@dataclass(frozen=True, slots=True)
class ItemView:
    id: int
    sku_id: int
    price_fen: int
    deposit_fen: int
    deduct_fen: int
    planned: int
    taken: int

    @property
    def data(self) -> domain.ItemData:
        return domain.ItemData(self.sku_id, self.price_fen, self.deposit_fen,
                               self.deduct_fen, self.planned)

    @property
    def balance_fen(self) -> int:  # of one unit, goods only
        return self.price_fen - self.deduct_fen


@dataclass(frozen=True, slots=True)
class CampaignView:
    id: int
    name: str
    status: str
    phase: str
    windows: domain.Windows
    ship_on: date
    rule: str
    per_customer_limit: int
    remind_hours: int
    items: tuple[ItemView, ...]

    def item_for(self, sku_id: int) -> ItemView | None:
        return next((i for i in self.items if i.sku_id == sku_id), None)


def windows(c: Campaign) -> domain.Windows:
    return domain.Windows(c.deposit_starts, c.deposit_ends, c.balance_starts, c.balance_ends)


def _view(c: Campaign, items: list[Item], at: datetime) -> CampaignView:
    w = windows(c)
    return CampaignView(
        c.id, c.name, c.status, domain.phase(c.status, w, at), w, c.ship_on, c.rule,
        c.per_customer_limit, c.remind_hours,
        tuple(ItemView(i.id, i.sku_id, i.price_fen, i.deposit_fen, i.deduct_fen, i.planned,
                       i.taken) for i in items))


def _items(tx: Session, campaign_id: int) -> list[Item]:
    q = select(Item).where(Item.campaign_id == campaign_id).order_by(Item.sku_id)
    return list(tx.scalars(q))


def create_campaign(tx: Session, d: domain.CampaignData) -> CampaignView:
    """A draft; DomainError presale.invalid (with .problems) for anything staff got wrong."""
    d = domain.check_campaign(d)
    at = utcnow()
    c = Campaign(name=d.name, status=domain.DRAFT, deposit_starts=d.deposit_starts,
                 deposit_ends=d.deposit_ends, balance_starts=d.balance_starts,
                 balance_ends=d.balance_ends, ship_on=d.ship_on, rule=d.rule,
                 per_customer_limit=d.per_customer_limit, remind_hours=d.remind_hours,
                 created_at=at, updated_at=at)
    tx.add(c)
    tx.flush()
    tx.add_all([Item(campaign_id=c.id, sku_id=i.sku_id, price_fen=i.price_fen,
                     deposit_fen=i.deposit_fen, deduct_fen=i.deduct_fen, planned=i.planned,
                     taken=0) for i in d.items])
    tx.flush()
    return _view(c, _items(tx, c.id), at)


def _get(tx: Session, campaign_id: int, lock: bool = False) -> Campaign:
    q = select(Campaign).where(Campaign.id == campaign_id)
    found = tx.scalars(q.with_for_update() if lock else q).first()
    if found is None:
        raise NotFound("presale.not_found", domain.N_("No such presale"), "campaign_id")
    return found


def move_campaign(tx: Session, campaign_id: int, to: str) -> CampaignView:
    """Publish (scheduled) or call off (cancelled: orders already placed keep going)."""
    c = _get(tx, campaign_id, lock=True)
    if to not in _MOVES.get(c.status, set()):
        raise Conflict("presale.invalid_move", domain.N_("The presale cannot make this change"),
                       "status")
    c.status, c.updated_at = to, utcnow()
    tx.flush()
    return _view(c, _items(tx, c.id), c.updated_at)


def get_campaign(tx: Session, campaign_id: int, at: datetime, public: bool = False
                 ) -> CampaignView:
    """One campaign; with `public`, a draft is unknown (NotFound) as to shoppers."""
    c = _get(tx, campaign_id)
    if public and c.status == domain.DRAFT:
        raise NotFound("presale.not_found", domain.N_("No such presale"), "campaign_id")
    return _view(c, _items(tx, c.id), at)


def list_campaigns(tx: Session, at: datetime, live_only: bool = False, limit: int = 100
                   ) -> list[CampaignView]:
    """Newest first; `live_only`: scheduled ones whose balance window has not ended."""
    q = select(Campaign).order_by(Campaign.deposit_starts.desc(), Campaign.id.desc())
    if live_only:
        q = q.where(Campaign.status == domain.SCHEDULED, Campaign.balance_ends > at)
    found = list(tx.scalars(q.limit(limit)))
    items: dict[int, list[Item]] = {c.id: [] for c in found}
    if found:  # every campaign's items in one statement
        q_items = select(Item).where(Item.campaign_id.in_(items)).order_by(Item.sku_id)
        for i in tx.scalars(q_items):
            items[i.campaign_id].append(i)
    return [_view(c, items[c.id], at) for c in found]


@dataclass(frozen=True, slots=True)
class SkuOffer:
    """A SKU's presale taking deposits (or about to), for its product page."""

    campaign_id: int
    name: str
    phase: str
    sku_id: int
    item: ItemView
    windows: domain.Windows
    ship_on: date


def offers_for(tx: AnyTx, sku_ids: list[int], at: datetime) -> list[SkuOffer]:
    """The SKUs' scheduled presales in their deposit window, or upcoming; one statement."""
    if not sku_ids:
        return []
    c, i = C.c, I.c
    rows = run(tx, select(
        c.id, c.name, c.status, c.deposit_starts, c.deposit_ends, c.balance_starts,
        c.balance_ends, c.ship_on, i.id.label("item_id"), i.sku_id, i.price_fen,
        i.deposit_fen, i.deduct_fen, i.planned, i.taken)
        .select_from(C.join(I, i.campaign_id == c.id))
        .where(i.sku_id.in_(sku_ids), c.status == domain.SCHEDULED, c.deposit_ends > at)
        .order_by(c.deposit_starts, c.id)).all()
    seen: set[int] = set()
    out = []
    for r in rows:
        if r.sku_id in seen:
            continue
        seen.add(r.sku_id)
        w = domain.Windows(r.deposit_starts, r.deposit_ends, r.balance_starts, r.balance_ends)
        view = ItemView(r.item_id, r.sku_id, r.price_fen, r.deposit_fen, r.deduct_fen,
                        r.planned, r.taken)
        out.append(SkuOffer(r.id, r.name, domain.phase(r.status, w, at), r.sku_id, view, w,
                            r.ship_on))
    return out
