"""The order state machine, the timeline, and the unpaid-timeout job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from mercato.inventory import public as inventory
from mercato.inventory.adapters.tables import Reservation, StockLevel
from mercato.kernel.errors import Conflict, DomainError
from mercato.orders import domain, public, tasks
from mercato.orders.adapters import queries, repository
from mercato.orders.adapters.repository import now
from mercato.orders.adapters.tables import Order
from mercato.orders.services import transitions
from mercato.orders.services.place_order import PlaceOrder, place_order
from mercato.platform.outbox import Bus, OutboxRow
from tests.orders.conftest import fill_cart


def _order(db, market, buyer, qty=2):
    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: qty})
    with db.transaction() as tx:
        placed = place_order(tx, PlaceOrder(buyer["id"], buyer["address_id"], "std"), "en")
    return placed, tee


TERMINAL = {domain.COMPLETED, domain.CANCELLED, domain.CLOSED}


@given(st.lists(st.sampled_from(domain.STATUSES), max_size=12))
def test_state_machine_walks_only_allowed_edges(targets):
    state = domain.PENDING
    for target in targets:
        if target in domain.TRANSITIONS.get(state, ()):
            domain.check_transition(state, target)
            state = target
        else:
            with pytest.raises(domain.InvalidTransition):
                domain.check_transition(state, target)
    assert state in domain.STATUSES
    for end in TERMINAL:
        assert not domain.TRANSITIONS.get(end)


def test_full_life_with_timeline(db, market, buyer):
    placed, tee = _order(db, market, buyer)
    with db.transaction() as tx:
        assert public.mark_paid(tx, placed.number, placed.total_fen, "sandbox", "T1")
    with db.transaction() as tx:  # the same payment again: no change
        assert not public.mark_paid(tx, placed.number, placed.total_fen, "sandbox", "T1")
    with db.transaction() as tx, pytest.raises(Conflict):  # another payment: refund it
        public.mark_paid(tx, placed.number, placed.total_fen, "sandbox", "T2")
    for target in (domain.PICKING, domain.SHIPPED, domain.SIGNED, domain.COMPLETED):
        with db.transaction() as tx:
            transitions.change_by_staff(tx, placed.number, target, "ops@example.com", "")
        with db.reading() as tx:  # held until shipped, then gone from the shelf for good
            level = tx.execute(
                select(StockLevel.on_hand, StockLevel.reserved).where(StockLevel.sku_id == tee)
            ).one()
            held = tx.scalar(select(func.count()).select_from(Reservation))
        shipped = target != domain.PICKING
        assert (tuple(level), held) == (((8, 0), 0) if shipped else ((10, 2), 1))
    with db.reading() as tx:
        d = queries.detail(tx, placed.number, None)
        steps = [(t.from_status, t.to_status, t.actor) for t in d.timeline]
        assert steps == [
            ("", "pending_payment", f"customer:{buyer['id']}"),
            ("pending_payment", "paid", "payments:sandbox"),
            ("paid", "picking", "staff:ops@example.com"),
            ("picking", "shipped", "staff:ops@example.com"),
            ("shipped", "signed", "staff:ops@example.com"),
            ("signed", "completed", "staff:ops@example.com"),
        ]
    with db.transaction() as tx, pytest.raises(domain.InvalidTransition):
        transitions.change_by_staff(tx, placed.number, domain.CLOSED, "ops", "too late")


def test_wrong_amount_is_refused(db, market, buyer):
    placed, _ = _order(db, market, buyer)
    with db.transaction() as tx, pytest.raises(Conflict) as err:
        public.mark_paid(tx, placed.number, placed.total_fen - 1, "sandbox", "T1")
    assert err.value.code == "orders.amount_mismatch"


def test_staff_rules(db, market, buyer):
    placed, tee = _order(db, market, buyer)
    with db.transaction() as tx, pytest.raises(DomainError) as err:
        transitions.change_by_staff(tx, placed.number, domain.PAID, "ops", "")
    assert err.value.code == "orders.not_allowed"
    with db.transaction() as tx, pytest.raises(DomainError) as err:
        transitions.change_by_staff(tx, placed.number, domain.CANCELLED, "ops", " ")
    assert err.value.code == "orders.reason_required"
    with db.transaction() as tx:
        transitions.change_by_staff(tx, placed.number, domain.CANCELLED, "ops", "out of stock")
        transitions.add_note(tx, placed.number, "ops", "called the customer")
    with db.reading() as tx:
        assert inventory.available(tx, [tee]) == {tee: 10}
        kinds = [t.kind for t in queries.detail(tx, placed.number, None).timeline]
        assert kinds == ["status", "status", "note"]


def test_unpaid_orders_are_cancelled_by_the_job(db, market, buyer):
    old, tee = _order(db, market, buyer, 3)
    fresh, _ = _order(db, market, buyer, 1)
    paid, _ = _order(db, market, buyer, 1)
    with db.transaction() as tx:
        public.mark_paid(tx, paid.number, paid.total_fen, "sandbox", "P")
        tx.execute(
            update(Order)
            .where(Order.number.in_([old.number, paid.number]))
            .values(pay_deadline=now() - timedelta(minutes=1))
        )
    bus = Bus()
    tasks.wire(bus)
    bus.run_job(db, "orders.cancel_unpaid")
    with db.reading() as tx:
        status = dict(tx.execute(select(Order.number, Order.status)).all())
        assert status == {
            old.number: "cancelled",
            fresh.number: "pending_payment",
            paid.number: "paid",
        }
        assert inventory.available(tx, [tee]) == {tee: 10 - 1 - 1}
        names = [r.name for r in tx.scalars(select(OutboxRow).order_by(OutboxRow.id))]
        assert names.count("orders.order_cancelled.v1") == 1
        d = queries.detail(tx, old.number, None)
        assert (d.timeline[-1].actor, d.timeline[-1].reason) == ("system:timeout", "unpaid")
    assert tasks.cancel_unpaid(db) == 0  # nothing left to do; running twice is harmless


def test_payable_order_checks(db, market, buyer):
    placed, _ = _order(db, market, buyer)
    with db.transaction() as tx:
        tx.execute(update(Order).values(pay_deadline=now() - timedelta(seconds=1)))
    with db.reading() as tx, pytest.raises(Conflict):
        public.payable_order(tx, placed.number, buyer["id"])


def test_one_failing_order_does_not_abandon_the_timeout_batch(db, market, buyer, monkeypatch):
    orders = [_order(db, market, buyer, 1)[0] for _ in range(3)]
    with db.transaction() as tx:
        tx.execute(update(Order).values(pay_deadline=now() - timedelta(minutes=1)))
    real = transitions.cancel_expired_one
    with db.reading() as tx:  # the job's first order breaks: the rest must still be done
        victim = repository.expired_numbers(tx, now(), 10)[0]

    def breaks_on_the_first(tx, number, at):
        if number == victim:
            raise RuntimeError("a bug in this one order")
        return real(tx, number, at)

    monkeypatch.setattr(transitions, "cancel_expired_one", breaks_on_the_first)
    assert tasks.cancel_unpaid(db) == 2
    with db.reading() as tx:
        status = dict(tx.execute(select(Order.number, Order.status)).all())
    assert status.pop(victim) == "pending_payment"  # left for the next run
    assert set(status.values()) == {"cancelled"} and len(status) == len(orders) - 1
    monkeypatch.setattr(transitions, "cancel_expired_one", real)
    assert tasks.cancel_unpaid(db) == 1
