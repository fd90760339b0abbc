"""Fulfilment times equal the numbers worked out by hand on a small fixed data set.

Times are UTC (the shop's days are Shanghai's, UTC+8). Range: 03-01 to 03-03 (2026).

order  paid (UTC)               shipment  wh  carrier  shipped (UTC)  signed (UTC)
N1     03-01 00:00              N1-1      1   sf       03-01 04:00    03-02 04:00
N2     03-01 01:00              N2-1      1   zto      03-01 11:00    03-02 23:00 (03-03 local)
N3     03-01 02:00, again 05:00 N3-1      2   sf       03-01 08:00    03-03 02:00
N4     02-27 02:00              N4-1      2   sf       02-28 02:00    03-01 02:00
N5     03-01 03:00              N5-1      1   sf       03-02 05:00    -
                                N5-2      2   zto      03-02 03:00    03-04 03:00 (after)
N6     03-03 00:00              N6-1      1   sf       03-03 20:00 (03-04 local: after)

Order to ship, hours (shipped in range): N1-1 4, N2-1 10, N3-1 6 (from the first payment,
not 3), N5-1 26, N5-2 24; N4-1 shipped before the range. Ship to sign (signed in range):
N1-1 24, N2-1 36, N3-1 42, N4-1 24 (shipped before the range, signed in it).
Percentiles interpolate: p90 of sorted x0..x(n-1) sits at position 0.9·(n-1).
Noise: a shipping event from before the lake kept shipment numbers, a page view, and a copy
of N3-1's shipping (the same event twice counts once)."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from mercato.analytics.adapters.compaction import compact
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.domain import Event
from mercato.analytics.services.fulfilment import Row, Timing, fulfilment, hours
from mercato.kernel.errors import DomainError
from mercato.platform import clock
from tests.analytics.helpers import write

FIRST, LAST = date(2026, 3, 1), date(2026, 3, 3)
_ids = itertools.count(1)


def e(name: str, when: str, **fields: Any) -> Event:
    """An event at UTC time `when` ("MM-DD HH"), on its Shanghai day."""
    at = datetime.strptime(f"2026-{when}", "%Y-%m-%d %H")
    return Event(fields.pop("id", f"f{next(_ids)}"), at, clock.local(at).date(), name, **fields)


def paid(order: str, when: str) -> Event:
    return e("order_paid", when, order_number=order, customer_id=1, value_fen=100)


def shipped(order: str, n: int, wh: int, carrier: str, when: str, **kw: Any) -> Event:
    return e("shipped", when, order_number=order, shipment=f"{order}-{n}", warehouse_id=wh,
             carrier=carrier, **kw)


def signed(order: str, n: int, when: str) -> Event:
    return e("signed", when, order_number=order, shipment=f"{order}-{n}")


def build(lake: Lake, w1: int = 1, w2: int = 2) -> None:
    """The data set (warehouses 1 and 2 may be given other ids): the first half compacted
    into Parquet, the rest waiting in a segment."""
    n3 = shipped("N3", 1, w2, "sf", "03-01 08", id="ship-n3")
    write(lake, [
        paid("N1", "03-01 00"), paid("N2", "03-01 01"), paid("N3", "03-01 02"),
        paid("N3", "03-01 05"), paid("N4", "02-27 02"), paid("N5", "03-01 03"),
        shipped("N4", 1, w2, "sf", "02-28 02"), shipped("N1", 1, w1, "sf", "03-01 04"),
        shipped("N2", 1, w1, "zto", "03-01 11"), n3, signed("N4", 1, "03-01 02"),
        e("shipped", "03-01 06", order_number="N1"),  # before shipment numbers: left out
    ])
    assert compact(lake) == 12
    write(lake, [
        e("page_view", "03-02 01", visitor_id="v1", path="/"), n3,
        shipped("N5", 1, w1, "sf", "03-02 05"), shipped("N5", 2, w2, "zto", "03-02 03"),
        signed("N1", 1, "03-02 04"), signed("N2", 1, "03-02 23"), signed("N3", 1, "03-03 02"),
        signed("N5", 2, "03-04 03"), paid("N6", "03-03 00"), shipped("N6", 1, w1, "sf", "03-03 20"),
    ])


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    lake = Lake(tmp_path / "lake")
    build(lake)
    return lake


def row(key: object, ship: tuple[float, ...], sign: tuple[float, ...]) -> Row:
    def timing(t: tuple[float, ...]) -> Timing:
        return Timing(int(t[0]), t[1], t[2]) if t[0] else Timing()
    return Row(key, timing(ship), timing(sign))  # type: ignore[arg-type]


def test_overall(lake: Lake) -> None:
    found = fulfilment(lake, FIRST, LAST)
    # to ship: 4 6 10 24 26 → median 10; p90 at 3.6: 24 + 0.6·2 = 25.2
    # to sign: 24 24 36 42 → median 30; p90 at 2.7: 36 + 0.7·6 = 40.2
    assert found.overall == row(None, (5, 10.0, 25.2), (4, 30.0, 40.2))
    assert not found.empty


def test_by_warehouse_and_carrier(lake: Lake) -> None:
    found = fulfilment(lake, FIRST, LAST)
    assert found.warehouses == [
        # 1: ship 4 10 26 (p90 at 1.8: 10 + 0.8·16); sign 24 36 (24 + 0.9·12)
        row(1, (3, 10.0, 22.8), (2, 30.0, 34.8)),
        # 2: ship 6 24 (6 + 0.9·18); sign 24 (N4-1) 42 (24 + 0.9·18)
        row(2, (2, 15.0, 22.2), (2, 33.0, 40.2)),
    ]
    assert found.carriers == [
        # sf: ship 4 6 26 (6 + 0.8·20); sign 24 24 42 (24 + 0.8·18)
        row("sf", (3, 6.0, 22.0), (3, 24.0, 38.4)),
        # zto: ship 10 24 (10 + 0.9·14); sign 36
        row("zto", (2, 17.0, 22.6), (1, 36.0, 36.0)),
    ]


def test_by_day(lake: Lake) -> None:
    assert fulfilment(lake, FIRST, LAST).days == [
        row(FIRST, (3, 6.0, 9.2), (1, 24.0, 24.0)),  # shipped N1 N2 N3; signed N4
        row(date(2026, 3, 2), (2, 25.0, 25.8), (1, 24.0, 24.0)),  # shipped N5-1 N5-2; N1
        row(LAST, (0,), (2, 39.0, 41.4)),  # signed N2 N3; N6-1 shipped on local 03-04
    ]


def test_a_shipment_counts_where_its_end_falls(lake: Lake) -> None:
    # 03-03 alone: N2-1 and N3-1 signed (shipped on 03-01, before it); nothing shipped.
    found = fulfilment(lake, LAST, LAST)
    assert found.overall == row(None, (0,), (2, 39.0, 41.4))
    assert found.warehouses == [row(1, (0,), (1, 36.0, 36.0)), row(2, (0,), (1, 42.0, 42.0))]
    # 03-04 alone: N6-1 shipped (20 h after payment); N5-2 signed 48 h after shipping.
    later = fulfilment(lake, date(2026, 3, 4), date(2026, 3, 4))
    assert later.overall == row(None, (1, 20.0, 20.0), (1, 48.0, 48.0))
    assert [r.key for r in later.carriers] == ["sf", "zto"]


def test_an_empty_range_is_empty(lake: Lake, tmp_path: Path) -> None:
    found = fulfilment(lake, date(2026, 1, 1), date(2026, 1, 2))
    assert found.empty and found.warehouses == [] and found.carriers == []
    assert found.days == [row(date(2026, 1, 1), (0,), (0,)), row(date(2026, 1, 2), (0,), (0,))]
    assert fulfilment(Lake(tmp_path / "none"), FIRST, FIRST).empty


def test_a_reversed_range_is_refused(lake: Lake) -> None:
    with pytest.raises(DomainError) as caught:
        fulfilment(lake, LAST, FIRST)
    assert caught.value.code == "analytics.invalid_range"


def test_hours_round_half_up() -> None:
    assert hours(18_900) == 5.3  # 5.25 h
    assert hours(18_899) == 5.2
    assert hours(82_080.00000000001) == 22.8
    assert hours(0) == 0.0
