"""Pre-stocking arithmetic, pure: where orders ship from, and what each warehouse still has
to get in: to_prepare = max(0, demand − available − incoming), per warehouse."""

from __future__ import annotations

from mercato.presale import prestock


def test_to_prepare_is_what_demand_leaves_uncovered() -> None:
    assert prestock.to_prepare(10, 3, 2) == 5
    assert prestock.to_prepare(10, 8, 2) == 0
    assert prestock.to_prepare(3, 10, 0) == 0  # never below nought
    assert prestock.to_prepare(0, 0, 0) == 0


def test_nearest_by_days_ties_and_unknowns_by_priority() -> None:
    order = [7, 3, 5]  # by priority
    assert prestock.nearest(order, {7: 3, 3: 1, 5: 2}) == 3
    assert prestock.nearest(order, {7: 2, 3: 2, 5: 2}) == 7  # a tie: the first
    assert prestock.nearest(order, {7: None, 3: None, 5: 4}) == 5  # the only one known
    assert prestock.nearest(order, {}) == 7  # nobody can say: the first
    assert prestock.nearest([], {}) is None


def test_demand_goes_where_each_province_ships_from() -> None:
    units = {"上海市": 2, "广东省": 3, "北京市": 1, "火星": 4, "西藏自治区": 0}
    ships = {"上海市": 1, "广东省": 2, "北京市": 1, "火星": None, "西藏自治区": 2}
    assert prestock.demand_by_warehouse(units, ships) == {1: 3, 2: 3}


def test_the_plan_per_warehouse_and_its_totals() -> None:
    p = prestock.plan(planned=100, taken=12, order=[1, 2, 3],
                      levels={(1): (10, 4), (2): (1, 3)},  # on hand, reserved
                      incoming={2: 5, 3: 1}, demand={1: 9, 2: 7, 3: 0})
    assert [(x.warehouse_id, x.on_hand, x.available, x.incoming, x.demand, x.to_prepare)
            for x in p.places] == [(1, 10, 6, 0, 9, 3),   # 9 − 6 − 0
                                   (2, 1, 0, 5, 7, 2),    # more reserved than on hand: 0
                                   (3, 0, 0, 1, 0, 0)]    # no stock row: nothing
    assert (p.planned, p.taken) == (100, 12)
    assert (p.total("on_hand"), p.total("available"), p.total("incoming"),
            p.total("demand")) == (11, 6, 6, 16)
    # Surplus at one warehouse does not cover another's shortfall: each ships its own.
    assert p.to_prepare == 5
    q = prestock.plan(5, 0, [1, 2], {1: (50, 0)}, {}, {2: 4})
    assert q.to_prepare == 4 and q.total("available") == 50


def test_no_warehouses_no_plan() -> None:
    p = prestock.plan(10, 0, [], {}, {}, {1: 3})
    assert p.places == () and p.to_prepare == 0
