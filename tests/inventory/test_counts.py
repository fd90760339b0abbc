"""inventory.public for the stock page and the bulk table: levels per SKU x warehouse, and
several counts set all or nothing with every refused one named."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mercato.inventory import public, services
from mercato.inventory.adapters.tables import LedgerEntry


def test_levels_of_the_asked_skus_only(tx, shop):
    mug350, mug500 = shop["cup"]["skus"]
    wh = shop["warehouse"]
    services.reserve(tx, mug350, wh, 4, "order-1")
    assert public.stock_levels(tx, [mug350, mug500]) == {
        (mug350, wh): (10, 4),
        (mug500, wh): (10, 0),
    }
    assert public.stock_levels(tx, []) == {}


def test_counts_are_all_or_nothing_and_every_problem_is_named(tx, shop):
    mug350, mug500 = shop["cup"]["skus"]
    wh = shop["warehouse"]
    bj = services.create_warehouse(tx, "BJ", "北京仓", "Beijing").id
    services.reserve(tx, mug350, wh, 6, "order-1")
    bad = {(mug350, wh): 5, (mug500, wh): 12, (mug500, 999): 1, (mug500, bj): -1}
    with pytest.raises(public.CountsRefused) as refused:
        public.set_counts(tx, bad, "clerk@example.com")
    assert refused.value.problems == {
        (mug350, wh): public.CountProblem("below_reserved", 6),
        (mug500, 999): public.CountProblem("unknown"),
        (mug500, bj): public.CountProblem("range"),
    }
    assert public.stock_levels(tx, [mug500]) == {(mug500, wh): (10, 0)}  # nothing written
    changed = public.set_counts(
        tx, {(mug350, wh): 6, (mug500, wh): 10, (mug500, bj): 3}, "clerk@example.com", "count"
    )
    assert changed == 2  # MUG-500 in SH already held 10
    assert public.stock_levels(tx, [mug350, mug500]) == {
        (mug350, wh): (6, 6),
        (mug500, wh): (10, 0),
        (mug500, bj): (3, 0),
    }
    entries = tx.scalars(select(LedgerEntry).where(LedgerEntry.reason == "count")).all()
    assert {(e.sku_id, e.delta_on_hand, e.actor) for e in entries} == {
        (mug350, -4, "clerk@example.com"),
        (mug500, 3, "clerk@example.com"),
    }
