"""After-sales rules: windows, quantities, kinds, and money that adds up to what was paid."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.aftersales import domain
from mercato.kernel.errors import DomainError

SIGNED = datetime(2026, 12, 1, 10, 0)
LINES = [
    domain.BoughtLine(1, 11, 101, "T恤 白色 M", 3, 29700, 7),
    domain.BoughtLine(2, 12, 102, "生鲜 草莓", 1, 5900, 0),  # an excluded category
]


def _ask(kind: str = "return", reason: str = "no_reason", q: dict[int, int] | None = None,
         photos: int = 0) -> domain.Ask:
    return domain.Ask(kind, reason, q if q is not None else {1: 1}, photos)


def _check(ask: domain.Ask, status: str = "signed", days: float = 1,
           taken: dict[int, int] | None = None) -> None:
    domain.check_ask(ask, status, SIGNED, SIGNED + timedelta(days=days), LINES, taken or {})


def test_no_reason_return_within_seven_days() -> None:
    _check(_ask())
    _check(_ask(), days=7)


def test_late_return_refused() -> None:
    with pytest.raises(DomainError) as e:
        _check(_ask(), days=7.01)
    assert (e.value.code, e.value.status) == ("aftersales.window_closed", 409)


def test_quality_return_has_a_longer_window_but_not_forever() -> None:
    _check(_ask(reason="quality"), days=14)
    with pytest.raises(DomainError, match="passed"):
        _check(_ask(reason="quality"), days=16)


def test_excluded_category_needs_a_reason() -> None:
    with pytest.raises(DomainError) as e:
        _check(_ask(q={2: 1}))
    assert e.value.code == "aftersales.no_reason_excluded"
    _check(_ask(reason="damaged", q={2: 1}))


@pytest.mark.parametrize("q,taken", [({1: 4}, {}), ({1: 2}, {1: 2}), ({9: 1}, {}), ({1: 0}, {})])
def test_more_than_bought_or_unknown_line_refused(q: dict[int, int], taken: dict[int, int]) -> None:
    with pytest.raises(DomainError) as e:
        _check(_ask(q=q), taken=taken)
    assert e.value.code in ("aftersales.more_than_bought", "aftersales.unknown_line",
                            "aftersales.nothing_chosen")


def test_exchange_is_for_quality_with_photos() -> None:
    with pytest.raises(DomainError, match="quality"):
        _check(_ask("exchange", "no_reason", photos=1))
    with pytest.raises(DomainError, match="photo"):
        _check(_ask("exchange", "quality"))
    _check(_ask("exchange", "quality", photos=2))


def test_return_before_delivery_and_refund_after_shipping_refused() -> None:
    with pytest.raises(DomainError) as e:
        _check(_ask(), status="shipped")
    assert e.value.code == "aftersales.not_delivered"
    with pytest.raises(DomainError) as e:
        _check(_ask("refund", "not_needed"), status="shipped")
    assert e.value.code == "aftersales.already_shipped"
    _check(_ask("refund", "not_needed", q={}), status="paid")
    with pytest.raises(DomainError, match="already open"):
        _check(_ask("refund", "not_needed", q={}), status="paid", taken={1: 3})


def test_transitions() -> None:
    domain.check_transition("requested", "approved")
    with pytest.raises(domain.InvalidTransition):
        domain.check_transition("requested", "received")
    with pytest.raises(domain.InvalidTransition):
        domain.check_transition("refunded", "refunding")


@given(st.integers(1, 10**8), st.lists(st.integers(1, 50), min_size=1, max_size=8))
def test_refunds_in_any_steps_add_up_to_the_line(paid: int, steps: list[int]) -> None:
    qty = sum(steps)
    line = domain.BoughtLine(1, 1, 1, "x", qty, paid, 7)
    done, total = 0, 0
    for n in steps:
        part = domain.refund_for(line, done, n)
        assert part >= 0
        done, total = done + n, total + part
    assert total == paid


def test_a_refund_never_exceeds_what_was_bought() -> None:
    with pytest.raises(DomainError):
        domain.refund_for(LINES[0], 2, 2)
