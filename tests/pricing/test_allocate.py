"""Largest remainder allocation and line refunds that add up to what was paid."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mercato.pricing.public import allocate, refund_for_units


def test_shares_add_up_and_remainders_go_to_the_largest() -> None:
    assert allocate(5000, [12900, 9900, 20200]) == [1500, 1151, 2349]
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]  # ties: the earlier line


def test_zero_total_and_zero_weights() -> None:
    assert allocate(0, [0, 0]) == [0, 0]
    assert allocate(3, [0, 5, 0]) == [0, 3, 0]
    with pytest.raises(ValueError):
        allocate(1, [0, 0])
    with pytest.raises(ValueError):
        allocate(-1, [1])


@settings(max_examples=300)
@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=12), st.data())
def test_allocation_is_exact_proportional_and_bounded(weights: list[int],
                                                        data: st.DataObject) -> None:
    whole = sum(weights)
    total = data.draw(st.integers(0, whole)) if whole else 0
    shares = allocate(total, weights)
    assert sum(shares) == total
    for share, w in zip(shares, weights, strict=True):
        assert 0 <= share <= w
        if whole:
            assert abs(share * whole - total * w) < whole  # within one fen of exact


@settings(max_examples=300)
@given(st.integers(0, 10**7), st.integers(1, 50), st.data())
def test_refunding_a_line_in_pieces_gives_back_what_was_paid(paid: int, qty: int,
                                                             data: st.DataObject) -> None:
    pieces = data.draw(st.lists(st.integers(1, qty), max_size=qty))
    done, back = 0, 0
    for units in pieces:
        units = min(units, qty - done)
        back += refund_for_units(paid, qty, done, units)
        done += units
    back += refund_for_units(paid, qty, done, qty - done)
    assert back == paid


def test_refund_outside_the_quantity_is_refused() -> None:
    with pytest.raises(ValueError):
        refund_for_units(1000, 2, 1, 2)
    assert refund_for_units(1000, 3, 0, 1) == 333
    assert refund_for_units(1000, 3, 1, 2) == 667
