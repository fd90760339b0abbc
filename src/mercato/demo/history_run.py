"""Taking the planned steps of the demo's history (history_plan.py) through the services, in
time order, in the caller's transaction, the simulated clock set to each step's time."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from mercato.checkout.domain import CartOwner
from mercato.checkout.services.cart import add_item
from mercato.demo import history_returns
from mercato.demo.history_parcels import Parcels
from mercato.demo.history_plan import STAFF, PlannedOrder, Step
from mercato.demo.history_stock import Shelf
from mercato.demo.people import Person
from mercato.demo.sim_clock import SimulatedClock
from mercato.inventory.adapters.tables import LedgerEntry, Reservation
from mercato.kernel.errors import DomainError
from mercato.orders import domain
from mercato.orders import public as orders_public
from mercato.orders.services import transitions
from mercato.orders.services.place_order import PlaceOrder, place_order
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.domain import Channel
from mercato.payments.services import attempts, notifications

PUBLIC_URL = "http://127.0.0.1:8000"
LOCALE = "zh_CN"
MOVES = {"picking": domain.PICKING, "shipped": domain.SHIPPED, "signed": domain.SIGNED}
MOVES["completed"] = domain.COMPLETED
Progress = Callable[[int, int], None]
_LEDGER = cast(Table, LedgerEntry.__table__)
_HELD = cast(Table, Reservation.__table__)


@dataclass
class Stamps:
    """Stock rows get their time from the database: each step's are set to the step's time.
    The ledger's ids only grow, so a step's rows are those above the last id seen."""

    mark: int = 0

    def start(self, tx: Session, opened: datetime) -> None:
        self.mark = int(tx.scalar(select(func.max(_LEDGER.c.id))) or 0)
        tx.execute(update(_LEDGER).values(created_at=opened))  # the opening stock

    def ledger(self, tx: Session, at: datetime) -> None:
        stmt = (
            update(_LEDGER)
            .where(_LEDGER.c.id > self.mark)
            .values(created_at=at)
            .returning(_LEDGER.c.id)
        )
        self.mark = max([self.mark, *tx.scalars(stmt)])

    def reservations(self, tx: Session, number: str, at: datetime) -> None:
        stmt = update(_HELD).where(_HELD.c.reference == number)
        tx.execute(stmt.values(created_at=at))


@dataclass
class Tally:
    placed: int = 0
    skipped: int = 0
    done: dict[str, int] = field(default_factory=dict)


class Run:
    def __init__(
        self,
        tx: Session,
        sim: SimulatedClock,
        orders: list[PlannedOrder],
        folks: list[Person],
        customers: list[tuple[int, list[int]]],
        shelf: Shelf,
        end: datetime,
    ) -> None:
        self.tx, self.sim, self.orders, self.folks = tx, sim, orders, folks
        self.parcels = Parcels(STAFF, end)
        self.customers, self.shelf = customers, shelf
        self.stamps, self.tally = Stamps(), Tally()
        self.numbers: dict[int, str] = {}
        self.lines: dict[int, dict[int, int]] = {}
        self.gateway = SandboxGateway(secrets.token_hex(32))
        self.handlers: dict[str, Callable[[Step], None]] = {
            "place": self.place,
            "pay": self.pay,
            "cancel": self.cancel,
            "timeout": self.timeout,
            "closed": self.close,
            **dict.fromkeys(MOVES, self.move),
            **dict.fromkeys(history_returns.KINDS, self.after_sales),
        }
        self.returns = history_returns.Returns()

    def all(self, todo: list[Step], progress: Progress | None) -> None:
        days = {d: i for i, d in enumerate(sorted({s.at.date() for s in todo}), 1)}
        for n, step in enumerate(todo):
            if step.kind != "place" and step.order not in self.numbers:
                continue  # never placed: nothing was left of what it wanted
            self.sim.at = step.at
            self.handlers[step.kind](step)
            self.tally.done[step.kind] = self.tally.done.get(step.kind, 0) + 1
            if n % 200 == 199:  # keep the session small (everything is flushed)
                self.tx.flush()
                self.tx.expunge_all()
                if progress:
                    progress(days[step.at.date()], len(days))

    def place(self, step: Step) -> None:
        o = self.orders[step.order]
        customer_id, book = self.customers[o.customer]
        lines = self.shelf.pick(o.quantities)
        if not lines:
            self.tally.skipped += 1
            return
        invoice = (
            domain.InvoiceRequest("personal", self.folks[o.customer].name) if o.invoice else None
        )
        cmd = PlaceOrder(
            customer_id, book[o.address], o.shipping, invoice or domain.InvoiceRequest(), o.note
        )
        savepoint = self.tx.begin_nested()
        try:
            for sku_id, qty in lines.items():
                add_item(self.tx, CartOwner(customer_id, None), sku_id, qty, LOCALE)
            number = place_order(self.tx, cmd, LOCALE).number
        except DomainError:
            savepoint.rollback()
            self.tally.skipped += 1
            return
        savepoint.commit()
        self.numbers[step.order], self.lines[step.order] = number, lines
        self.shelf.take(lines)
        self.stamps.reservations(self.tx, number, step.at)
        self.stamps.ledger(self.tx, step.at)
        self.tally.placed += 1

    def pay(self, step: Step) -> None:
        """As a shopper paying at the sandbox: an attempt, then its signed notification,
        verified and recorded by payments (which marks the order paid)."""
        o, number = self.orders[step.order], self.numbers[step.order]
        customer_id = self.customers[o.customer][0]
        channel: Channel = "h5" if o.channel == "h5" else "native"
        intent = attempts.record_attempt(
            self.tx, self.gateway, customer_id, number, channel, PUBLIC_URL
        )
        headers, body = self.gateway.notification(intent.out_trade_no, intent.amount_fen, True)
        notifications.record(self.tx, self.gateway.parse_notification(headers, body))

    def cancel(self, step: Step) -> None:
        customer_id = self.customers[self.orders[step.order].customer][0]
        transitions.cancel_by_customer(self.tx, self.numbers[step.order], customer_id, "")
        self._released(step)

    def timeout(self, step: Step) -> None:
        transitions.cancel_expired_one(self.tx, self.numbers[step.order], step.at)
        self._released(step)

    def close(self, step: Step) -> None:
        reason = self.orders[step.order].reason
        transitions.change_by_staff(self.tx, self.numbers[step.order], domain.CLOSED, STAFF, reason)
        self._released(step)

    def move(self, step: Step) -> None:
        number = self.numbers[step.order]
        if step.kind == "shipped" and self.parcels.ship(self.tx, number, step.at):
            self.stamps.ledger(self.tx, step.at)
            return
        if step.kind == "signed" and self.parcels.sign(self.tx, number, step.at):
            return
        transitions.change_by_staff(self.tx, number, MOVES[step.kind], STAFF, "")
        if step.kind == "shipped":
            self.stamps.ledger(self.tx, step.at)

    def after_sales(self, step: Step) -> None:
        customer_id = self.customers[self.orders[step.order].customer][0]
        number = self.numbers[step.order]
        if step.kind == "ask_return":
            lines = [x.line_id for x in orders_public.sold_order(self.tx, number).lines]
            self.returns.ask(self.tx, step.order, number, customer_id, lines)
        else:
            self.returns.move(self.tx, step.order, step.kind, customer_id)

    def _released(self, step: Step) -> None:
        self.shelf.give_back(self.lines[step.order])
        self.stamps.ledger(self.tx, step.at)
