"""What a presale did, for staff: per campaign and item, orders placed, deposits and
balances paid, orders ended unpaid (their deposits kept or refunded by the campaign's rule)
and the conversion; and pre-stocking per item and warehouse (stock on hand and available,
stock expected, the demand of live orders by where they ship, what is left to prepare).
A fixed number of statements whatever the orders, items or warehouses.

How an order counts (presale_order): its deposit paid once its state is deposit_paid,
balance_paid or released, or it has deposit_paid_at (a cancelled one that had paid);
its balance paid once balance_paid or released, or it has balance_paid_at; ended unpaid
when cancelled without its balance paid."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, and_, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError, NotFound
from mercato.platform import clock
from mercato.platform.db import run
from mercato.presale import domain, prestock
from mercato.presale.adapters.tables import Incoming, Item, PresaleOrder
from mercato.presale.services.campaigns import CampaignView, ItemView, get_campaign

P = cast(Table, PresaleOrder.__table__)
N = cast(Table, Incoming.__table__)
LIVE = (domain.DEPOSIT_DUE, domain.DEPOSIT_PAID, domain.BALANCE_PAID)  # not shipped nor ended
PAID = (domain.DEPOSIT_PAID, domain.BALANCE_PAID, domain.RELEASED)
MAX_INCOMING = 1_000_000


@dataclass(frozen=True, slots=True)
class Figures:
    placed: int = 0  # deposit orders placed
    units: int = 0
    deposits_paid: int = 0
    deposit_fen: int = 0
    balances_paid: int = 0
    balance_fen: int = 0
    ended_unpaid: int = 0
    kept: int = 0  # of those ended unpaid, deposits kept (rule "keep")
    refunded: int = 0  # ... and refunded (rule "refund")

    @property
    def conversion(self) -> float | None:
        """Balances paid over deposits paid; None without a deposit paid."""
        return self.balances_paid / self.deposits_paid if self.deposits_paid else None

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class ItemReport:
    item: ItemView
    figures: Figures
    stock: prestock.Plan
    expected_on: dict[int, date | None] = field(default_factory=dict)  # by warehouse id


@dataclass(frozen=True, slots=True)
class Report:
    campaign: CampaignView
    totals: Figures
    items: tuple[ItemReport, ...]
    warehouses: tuple[inventory.WarehouseView, ...]  # the active ones, by priority


def _sum_if(condition: Any, value: Any = 1) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _columns() -> list[Any]:
    o = P.c
    deposit = or_(o.state.in_(PAID), o.deposit_paid_at.is_not(None))
    balance = or_(o.state.in_((domain.BALANCE_PAID, domain.RELEASED)),
                  o.balance_paid_at.is_not(None))
    unpaid = and_(o.state == domain.ENDED_UNPAID, o.balance_paid_at.is_(None))
    return [func.count(), func.coalesce(func.sum(o.quantity), 0), _sum_if(deposit),
            _sum_if(deposit, o.deposit_fen), _sum_if(balance), _sum_if(balance, o.balance_fen),
            _sum_if(unpaid), _sum_if(and_(unpaid, o.deposit_paid_at.is_not(None)))]


def _figures(row: Any, rule: str) -> Figures:
    placed, units, dep, dep_fen, bal, bal_fen, unpaid, unpaid_paid = (int(v) for v in row)
    kept = unpaid_paid if rule == "keep" else 0
    return Figures(placed, units, dep, dep_fen, bal, bal_fen, unpaid, kept, unpaid_paid - kept)


def campaign_totals(tx: Session, campaigns: list[CampaignView]) -> dict[int, Figures]:
    """Each campaign's figures (no orders: all nought), in one statement."""
    out = {c.id: Figures() for c in campaigns}
    if not campaigns:
        return out
    rules = {c.id: c.rule for c in campaigns}
    q = select(P.c.campaign_id, *_columns()).where(P.c.campaign_id.in_(list(rules))) \
        .group_by(P.c.campaign_id)
    for cid, *row in run(tx, q):
        out[int(cid)] = _figures(row, rules[int(cid)])
    return out


def _by_item(tx: Session, c: CampaignView) -> dict[int, Figures]:
    q = select(P.c.item_id, *_columns()).where(P.c.campaign_id == c.id).group_by(P.c.item_id)
    return {int(item_id): _figures(row, c.rule) for item_id, *row in run(tx, q)}


def _demand(tx: Session, campaign_id: int) -> dict[int, dict[str, int]]:
    """Units of live orders per item and province."""
    q = (select(P.c.item_id, P.c.province, func.sum(P.c.quantity))
         .where(P.c.campaign_id == campaign_id, P.c.state.in_(LIVE))
         .group_by(P.c.item_id, P.c.province))
    out: dict[int, dict[str, int]] = {}
    for item_id, province, units in run(tx, q):
        out.setdefault(int(item_id), {})[str(province)] = int(units or 0)
    return out


def _ships_from(houses: tuple[inventory.WarehouseView, ...], provinces: set[str]
                ) -> dict[str, int | None]:
    """The warehouse each province's orders would ship from (inventory's transit table)."""
    now, order = clock.local(clock.utcnow()).replace(tzinfo=None), [w.id for w in houses]
    out: dict[str, int | None] = {}
    for province in provinces:
        days: dict[int, int | None] = {}
        for w in houses:
            est = inventory.delivery_estimate([w.province], province, now) \
                if w.province and province else None
            days[w.id] = est.days if est else None
        out[province] = prestock.nearest(order, days)
    return out


def _incoming(tx: Session, campaign_id: int) -> dict[int, dict[int, tuple[int, date | None]]]:
    q = (select(N.c.item_id, N.c.warehouse_id, N.c.quantity, N.c.expected_on)
         .join(Item, Item.id == N.c.item_id).where(Item.campaign_id == campaign_id))
    out: dict[int, dict[int, tuple[int, date | None]]] = {}
    for item_id, wh, qty, on in run(tx, q):
        out.setdefault(int(item_id), {})[int(wh)] = (int(qty), on)
    return out


def campaign_report(tx: Session, campaign_id: int, at: datetime | None = None) -> Report:
    """The campaign's report; NotFound presale.not_found. Seven statements."""
    c = get_campaign(tx, campaign_id, at or clock.utcnow())
    figures = _by_item(tx, c)
    houses = tuple(w for w in inventory.warehouses(tx) if w.active)
    levels = inventory.stock_levels(tx, [i.sku_id for i in c.items])
    incoming, demand = _incoming(tx, c.id), _demand(tx, c.id)
    ships = _ships_from(houses, {p for d in demand.values() for p in d})
    order = [w.id for w in houses]
    items = []
    for i in c.items:
        mine = incoming.get(i.id, {})
        plan = prestock.plan(
            i.planned, i.taken, order, {wh: v for (s, wh), v in levels.items() if s == i.sku_id},
            {wh: q for wh, (q, _on) in mine.items()},
            prestock.demand_by_warehouse(demand.get(i.id, {}), ships))
        items.append(ItemReport(i, figures.get(i.id, Figures()), plan,
                                {wh: on for wh, (_q, on) in mine.items()}))
    totals = sum((r.figures for r in items), Figures())
    return Report(c, totals, tuple(items), houses)


def set_incoming(tx: Session, item_id: int, warehouse_id: int, quantity: int,
                 expected_on: date | None) -> None:
    """The stock expected at a warehouse for an item (0: none). NotFound
    presale.item_not_found / warehouse_not_found; DomainError presale.invalid_incoming
    (field quantity or expected_on)."""
    if isinstance(quantity, bool) or not 0 <= quantity <= MAX_INCOMING:
        raise DomainError("presale.invalid_incoming",
                          domain.N_("Expect from 0 to 1,000,000 units"), "quantity")
    if expected_on is not None and not 2000 <= expected_on.year <= 2100:
        raise DomainError("presale.invalid_incoming", domain.N_("Enter a date"), "expected_on")
    if tx.get(Item, item_id) is None:
        raise NotFound("presale.item_not_found", domain.N_("This item is not in the presale"),
                       "item_id")
    if warehouse_id not in {w.id for w in inventory.warehouses(tx)}:
        raise NotFound("presale.warehouse_not_found", domain.N_("No such warehouse"),
                       "warehouse_id")
    _upsert(tx, item_id, warehouse_id, quantity, expected_on)


def _row(tx: Session, item_id: int, warehouse_id: int) -> Incoming | None:
    q = select(Incoming).where(Incoming.item_id == item_id,
                               Incoming.warehouse_id == warehouse_id).with_for_update()
    return tx.scalars(q).first()


def _upsert(tx: Session, item_id: int, warehouse_id: int, quantity: int,
            expected_on: date | None) -> None:
    """Through the ORM (the audit log sees before and after); two staff adding the same row
    at once: the second, refused by the unique key in its savepoint, updates the first's."""
    row = _row(tx, item_id, warehouse_id)
    if row is None:
        try:
            with tx.begin_nested():
                tx.add(Incoming(item_id=item_id, warehouse_id=warehouse_id, quantity=quantity,
                                expected_on=expected_on))
            return
        except IntegrityError:
            row = _row(tx, item_id, warehouse_id)
            if row is None:
                raise
    row.quantity, row.expected_on = quantity, expected_on
    tx.flush()
