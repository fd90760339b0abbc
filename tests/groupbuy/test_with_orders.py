"""Group buying with real orders, paid in the sandbox and followed through events: a group
that fills gives cashback; one that runs out of time is failed and each paid order is closed
and refunded whole through the gateway it was paid with; an order at another price than the
deal's is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.groupbuy import public as groupbuy
from mercato.kernel.errors import Conflict
from mercato.members.adapters.loyalty_tables import PointsEntry
from mercato.platform.clock import utcnow
from tests.groupbuy.helpers import (
    deliver,
    events_named,
    group_row,
    join,
    live_deal,
    member_statuses,
    open_,
    wired_bus,
)
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer
from tests.payments.order_helpers import order_state, pay_in_sandbox, placed_order, timeline


def _seat_with_order(app, db, market, phone, code=None, deal=None):
    """A buyer takes a seat, orders the SKU and pays in the sandbox: their order number."""
    buyer = make_buyer(db, phone)
    now = utcnow()
    seat = open_(db, deal, buyer["id"], now) if code is None else join(db, code, buyer["id"], now)
    with TestClient(app) as client:
        number, _, _ = placed_order(client, db, market, buyer)
        with db.transaction() as tx:
            groupbuy.attach_order(tx, seat.member_id, number, now)
        page_login(client, phone)
        pay_in_sandbox(client, number, "pay")
    return seat.code, number


def test_a_group_filled_by_paid_orders_gives_cashback(app, db, market, settings):
    deal = live_deal(db, sku_id=market["tee"]["skus"][0], product_id=market["tee"]["id"])
    bus = wired_bus(settings)
    code, first = _seat_with_order(app, db, market, "13800000011", deal=deal)
    numbers = [first] + [_seat_with_order(app, db, market, f"1380000001{i}", code)[1]
                         for i in (2, 3)]
    deliver(db, bus)
    assert group_row(db, code) == ("filled", 3, 3)
    assert len(events_named(db, "groupbuy.group_filled.v1")) == 1
    with db.reading() as tx:
        refs = list(tx.scalars(select(PointsEntry.ref).where(PointsEntry.kind == "cashback")))
        view = groupbuy.group_of_order(tx, numbers[2], utcnow())
    assert len(refs) == 3 and all(r.startswith("GB") for r in refs)
    assert view is not None and view.status == "filled" and view.seconds_left == 0
    assert [order_state(db, n)[0] for n in numbers] == ["paid"] * 3


def test_a_group_out_of_time_is_refunded_through_the_gateway(app, db, market, settings):
    deal = live_deal(db, sku_id=market["tee"]["skus"][0], product_id=market["tee"]["id"])
    bus = wired_bus(settings)
    code, first = _seat_with_order(app, db, market, "13800000021", deal=deal)
    _, second = _seat_with_order(app, db, market, "13800000022", code)
    deliver(db, bus)
    assert group_row(db, code) == ("open", 2, 2)
    assert groupbuy.expire_groups(db, utcnow() + timedelta(hours=2)) == 1
    assert group_row(db, code)[0] == "failed"
    assert member_statuses(db, code) == ["refunding", "refunding"]
    assert len(events_named(db, "groupbuy.group_failed.v1")) == 1
    deliver(db, bus)  # orders closed → payments owes the money back
    bus.run_job(db, "payments.refund_due")  # the sandbox gateway gives it back
    deliver(db, bus)  # payments.payment_refunded.v1
    assert member_statuses(db, code) == ["refunded", "refunded"]
    for number in (first, second):
        assert order_state(db, number)[0] == "closed"
        assert [t[0] for t in timeline(db, number, "refund")] == ["due", "refunded"]
    assert groupbuy.expire_groups(db, utcnow() + timedelta(hours=3)) == 0


def test_an_order_at_another_price_is_not_a_seats_order(app, db, market):
    deal = live_deal(db, sku_id=market["tee"]["skus"][0], product_id=market["tee"]["id"],
                     price_fen=5000, ladder=())
    buyer = make_buyer(db, "13800000031")
    seat = open_(db, deal, buyer["id"], utcnow())
    with TestClient(app) as client:
        number, _, _ = placed_order(client, db, market, buyer)  # at the shop's 99.00
    with pytest.raises(Conflict) as caught, db.transaction() as tx:
        groupbuy.attach_order(tx, seat.member_id, number, utcnow())
    assert caught.value.code == "groupbuy.order_mismatch"
    with db.reading() as tx:
        view = groupbuy.group_view(tx, seat.code, utcnow())
    assert [m.order_number for m in view.members] == [None]
