"""Staff's events and the product page's offer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mercato.flashsale import public as flashsale
from mercato.kernel.errors import DomainError
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from tests.flashsale.conftest import make_event


def test_create_publish_list(db: Database) -> None:
    e = make_event(db, quantity=20, skus=(101, 102), publish=False)
    with db.transaction() as tx:
        view = flashsale.get_event(tx, e)
        assert view.status == view.phase == "draft"
        assert [(i.sku_id, i.quantity, i.taken) for i in view.items] == [(101, 20, 0),
                                                                          (102, 20, 0)]
        assert flashsale.publish_event(tx, e).phase == "running"
        assert [v.id for v in flashsale.list_events(tx)] == [e]
    with db.transaction() as tx, pytest.raises(DomainError) as caught:
        flashsale.publish_event(tx, e)
    assert caught.value.code == "flashsale.bad_status"


def test_an_invalid_event_writes_nothing(db: Database) -> None:
    now = utcnow()
    data = flashsale.EventData("秒杀", now, now - timedelta(minutes=1),
                               items=(flashsale.ItemData(1, 0, 5),))
    with db.transaction() as tx, pytest.raises(DomainError) as caught:
        flashsale.create_event(tx, data)
    assert caught.value.code == "flashsale.invalid"
    assert set(caught.value.problems) == {"ends_at", "items"}  # type: ignore[attr-defined]
    with db.transaction() as tx:
        assert flashsale.list_events(tx) == []


def test_event_for_sku_gives_the_running_offer(db: Database) -> None:
    now = utcnow()
    make_event(db, skus=(101,), starts=now + timedelta(hours=1), ends=now + timedelta(hours=2))
    e = make_event(db, quantity=8, skus=(101,), price_fen=1990)
    flashsale.take_seat(db, e, 101, 1)
    with db.transaction() as tx:
        offer = flashsale.event_for_sku(tx, 101, now)
        assert offer is not None
        assert (offer.event_id, offer.price_fen, offer.quantity, offer.remaining) == (
            e, 1990, 8, 7)
        assert flashsale.event_for_sku(tx, 555, now) is None
        flashsale.end_event(tx, e)
    with db.transaction() as tx:
        assert flashsale.event_for_sku(tx, 101, now) is None
