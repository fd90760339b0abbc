"""Priority shipping is a tier benefit (issue 16): a member whose tier ships first places an
order, and the logistics centre's shipment for it comes out flagged priority (its queue
sorts those first); another member's does not."""

from __future__ import annotations

from typing import Any

from mercato.logistics.services import allocate
from mercato.platform.db import Database
from tests.logistics.helpers import paid_order, shipments
from tests.members.loyalty_helpers import hold_tier
from tests.orders.conftest import make_buyer


def test_a_priority_tier_ships_first(client: Any, db: Database, market: dict[str, Any],
                                     buyer: dict[str, Any]) -> None:
    vip = make_buyer(db, "13800000066")
    with db.transaction() as tx:
        hold_tier(tx, vip["id"], "diamond")  # the default diamond tier ships first
    sku = market["tee"]["skus"][0]
    first, second = paid_order(client, db, vip, {sku: 1}), paid_order(client, db, buyer, {sku: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, first)
        allocate.allocate_order(tx, second)
    assert [s.priority for s in shipments(db, first)] == [True]
    assert [s.priority for s in shipments(db, second)] == [False]
