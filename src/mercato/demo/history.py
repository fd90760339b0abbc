"""The demo shop's last 90 days of orders, written through the real services under a
simulated clock (sim_clock.py): a few hundred customers with their addresses, then every
planned step in time order up to now — carts filled and orders placed (stock reserved),
paid through payments' own recording of a verified (sandbox) notification, picked, shipped
(stock leaves), signed for and completed, or cancelled, timed out or closed and refunded
(stock released). One transaction for all of it; then the outbox is delivered through the
bus as the running shop would (sales counts, refunds), each event at its own time.

Runs once: not when the shop already has customers or orders."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from mercato import bootstrap, events
from mercato.analytics.adapters.recorder import flush_all
from mercato.demo import history_plan as plan
from mercato.demo.history_run import Progress, Run, Stamps, Tally
from mercato.demo.history_stock import Shelf
from mercato.demo.people import Person, people
from mercato.demo.sim_clock import SimulatedClock
from mercato.inventory.adapters.tables import LedgerEntry
from mercato.members.adapters.tables import Customer
from mercato.members.services import addresses
from mercato.orders.adapters.tables import Order
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.relay import relay_once
from mercato.platform.settings import Settings

CUSTOMERS = 320
FULL_CATALOGUE = 1000  # products on sale for the full history (the demo has 1,143)
SEED = 20261111
# Every demo customer signs in with this password (their numbers are in the admin).
CUSTOMER_PASSWORD = "mercato-buyer-2026"


def present(tx: Session) -> bool:
    """The shop already has customers or orders: the history is not written (again)."""
    return bool(
        tx.scalar(select(func.count()).select_from(Customer))
        or tx.scalar(select(func.count()).select_from(Order))
    )


def _customers(tx: Session, folks: list[Person]) -> list[tuple[int, list[int]]]:
    """The customers (one statement; one password hash for all: argon2 takes ~50 ms a
    hash), then their addresses through the address service (checked, first = default)."""
    digest = PasswordHasher().hash(CUSTOMER_PASSWORD)
    rows = [
        {"phone": p.phone, "name": p.name, "password_hash": digest, "created_at": p.joined}
        for p in folks
    ]
    tx.execute(insert(Customer), rows)
    ids = dict(tx.execute(select(Customer.phone, Customer.id)).all())
    out = []
    for p in folks:
        cid = ids[p.phone]
        book = [addresses.add_address(tx, cid, a).id for a in p.addresses]
        out.append((cid, book))
    return out


def _deliver(db: Database, bus: Bus, sim: SimulatedClock) -> int:
    """Relay every recorded event and hand it to its subscribers at its own time; a closed
    order's refund is made a minute later, as the payments job would."""
    handled = 0
    with db.reading() as tx:
        stamps = Stamps(int(tx.scalar(select(func.max(LedgerEntry.id))) or 0))
    while True:
        sent: list[Event] = []
        relay_once(db, sent.append, limit=500, look_first=False)
        if not sent:
            return handled
        for event in sent:
            sim.at = event.occurred_at + timedelta(seconds=2)
            bus.handle(db, event)
            if event.name == events.ORDER_PAID:
                # Stock moved by a subscriber (logistics moving a paid order's units to the
                # warehouse nearest the shopper) happened at the event's time too.
                with db.transaction() as tx:
                    stamps.ledger(tx, sim.at)
            if event.name == events.ORDER_CLOSED:
                sim.at += timedelta(minutes=1)
                bus.run_job(db, "payments.refund_due")
            if event.name == events.AFTERSALES_RECEIVED:  # the return's refund goes out
                sim.at += timedelta(minutes=1)
                bus.run_job(db, "payments.send_refunds")
        handled += len(sent)


def _settings(settings: Settings | None) -> Settings:
    # The bus needs settings for payments' gateways: the sandbox one refunds closed orders.
    return settings or Settings(demo=True, secret_key=secrets.token_hex(32), jobs=False)


def load_history(
    db: Database,
    settings: Settings | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Tally:
    """Write the demo's past orders (see the module's docstring); an empty Tally when the
    shop already has customers or orders. The shop's size follows its catalogue's: the demo's
    1,143 products make about 1,000 orders from 320 customers; a catalogue of 30 products
    (the tests') a few dozen. `progress(day, days)` follows the days."""
    now = now or clock.utcnow()
    rng = random.Random(SEED)
    first = now - timedelta(days=plan.DAYS)
    sim = SimulatedClock(first)
    with sim.installed():
        with db.transaction() as tx:
            if present(tx):
                return Tally()
            shelf = Shelf.load(tx, rng)
            scale = min(shelf.products / FULL_CATALOGUE, 1.0)
            joined = (first - timedelta(days=120), now - timedelta(hours=2))
            folks = people(rng, max(round(CUSTOMERS * scale), 12), *joined)
            orders = plan.plan_orders(rng, folks, clock.local(now).date(), now, scale)
            todo = [s for s in plan.steps(rng, orders) if s.at <= now]
            run = Run(tx, sim, orders, folks, _customers(tx, folks), shelf, now)
            run.stamps.start(tx, first - timedelta(days=1))
            run.all(todo, progress)
            sim.at = now
            run.parcels.keep_moving(tx)
        bus = Bus()
        bootstrap.wire_bus(bus, _settings(settings))
        _deliver(db, bus, sim)
    flush_all()  # analytics' subscriber keeps what it recorded in a buffer: into the lake now
    return run.tally
