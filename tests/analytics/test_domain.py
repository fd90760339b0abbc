"""Analytics' pure rules: signed visitor ids, cleaning, the beacon's input, outbox events,
date ranges, periods and the figures' arithmetic."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mercato import events
from mercato.analytics import domain
from mercato.kernel.errors import DomainError

KEY = domain.visitor_key("k" * 40)


def test_a_visitor_id_is_random_and_signed() -> None:
    a, b = domain.new_visitor_id(KEY), domain.new_visitor_id(KEY)
    assert a != b and len(a) == 49
    assert domain.valid_visitor_id(KEY, a)
    assert not domain.valid_visitor_id(domain.visitor_key("other" * 8), a)


@pytest.mark.parametrize("forge", [
    lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),  # signature altered
    lambda t: ("0" if t[0] != "0" else "1") + t[1:],  # id altered, old signature
    lambda t: t[:32],  # unsigned
    lambda t: t.upper(),
    lambda t: "",
    lambda t: "x" * 49,
    lambda t: t + "0",
])
def test_a_forged_visitor_id_is_refused(forge) -> None:  # type: ignore[no-untyped-def]
    assert not domain.valid_visitor_id(KEY, forge(domain.new_visitor_id(KEY)))


def test_paths_and_terms_keep_no_personal_data() -> None:
    assert domain.clean_path("/search?q=13912345678#x") == "/search"
    assert domain.clean_path("/" + "a" * 500) == "/" + "a" * 199
    assert domain.clean_term("  red \n tee  ") == "red tee"
    assert domain.clean_term("call 13912345678") == "call ***********"
    assert domain.clean_term("iphone 15 256") == "iphone 15 256"  # short numbers stay
    assert domain.clean_term("x" * 80) == "x" * 60
    assert domain.clean_term("   ") is None


def test_a_beacon_is_parsed() -> None:
    b = domain.parse_beacon({"name": "search", "path": "/s?q=1", "term": " tee ", "id": "a-1",
                             "channel": "app", "product_id": 3, "sku_id": 4})
    assert b == domain.Beacon("search", "/s", "app", 3, 4, "tee", "a-1")
    assert domain.parse_beacon({"name": "page_view", "path": "/"}) == domain.Beacon(
        "page_view", "/")


@pytest.mark.parametrize(("body", "code", "field"), [
    ({"name": "order_paid", "path": "/"}, "analytics.unknown_event", "name"),
    ({"name": "add_to_cart", "path": "/"}, "analytics.unknown_event", "name"),
    ({"name": "nope", "path": "/"}, "analytics.unknown_event", "name"),
    ({"path": "/"}, "analytics.unknown_event", "name"),
    ({"name": 1, "path": "/"}, "analytics.unknown_event", "name"),
    ([], "analytics.invalid_event", None),
    ("page_view", "analytics.invalid_event", None),
    ({"name": "page_view"}, "analytics.invalid_event", "path"),
    ({"name": "page_view", "path": "x"}, "analytics.invalid_event", "path"),
    ({"name": "page_view", "path": "/\x00"}, "analytics.invalid_event", "path"),
    ({"name": "page_view", "path": "/" * 201}, "analytics.invalid_event", "path"),
    ({"name": "page_view", "path": "/", "visitor_id": "x"}, "analytics.invalid_event",
     "visitor_id"),
    ({"name": "page_view", "path": "/", "channel": "tv"}, "analytics.invalid_event", "channel"),
    ({"name": "page_view", "path": "/", "product_id": 0}, "analytics.invalid_event",
     "product_id"),
    ({"name": "page_view", "path": "/", "sku_id": True}, "analytics.invalid_event", "sku_id"),
    ({"name": "page_view", "path": "/", "sku_id": 2**63}, "analytics.invalid_event", "sku_id"),
    ({"name": "page_view", "path": "/", "id": "a b"}, "analytics.invalid_event", "id"),
    ({"name": "search", "path": "/", "term": 5}, "analytics.invalid_event", "term"),
])
def test_bad_beacons_are_refused(body: object, code: str, field: str | None) -> None:
    with pytest.raises(DomainError) as caught:
        domain.parse_beacon(body)
    assert (caught.value.status, caught.value.code, caught.value.field) == (422, code, field)


def test_outbox_events_keep_ids_and_amounts_only() -> None:
    at, day = datetime(2026, 3, 1, 2), date(2026, 3, 1)
    placed = {"number": "N1", "customer_id": 7, "total_fen": 990, "currency": "CNY",
              "lines": [[1, 2, 495]]}
    e = domain.from_outbox("ev-1", events.ORDER_PLACED, placed, at, day)
    assert (e.id, e.name, e.customer_id, e.order_number, e.value_fen, e.channel) == (
        "ev-1", "order_placed", 7, "N1", 990, "web")
    shipped = {"number": "S1", "order_number": "N1", "carrier": "sf", "waybill_no": "SF1"}
    e = domain.from_outbox("ev-2", events.SHIPMENT_SHIPPED, shipped, at, day)
    assert (e.name, e.order_number, e.value_fen, e.customer_id) == ("shipped", "N1", None, None)
    refund = {"refund_no": "R1", "order_number": "N1", "amount_fen": 300, "reason": "x"}
    e = domain.from_outbox("ev-3", events.PAYMENT_REFUND_SUCCEEDED, refund, at, day)
    assert (e.name, e.order_number, e.value_fen) == ("refunded", "N1", 300)


def test_date_ranges() -> None:
    domain.check_range(date(2026, 1, 1), date(2026, 1, 1))
    domain.check_range(date(2023, 1, 1), date(2025, 12, 31))  # three years, with 2024-02-29
    with pytest.raises(DomainError) as caught:
        domain.check_range(date(2026, 1, 2), date(2026, 1, 1))
    assert caught.value.code == "analytics.invalid_range"
    with pytest.raises(DomainError) as caught:
        domain.check_range(date(2023, 1, 1), date(2026, 1, 1))
    assert caught.value.code == "analytics.range_too_long"


def test_periods() -> None:
    first, last = date(2026, 2, 28), date(2026, 3, 2)
    assert domain.periods(first, last, "day") == [first, date(2026, 3, 1), last]
    assert domain.periods(first, last, "week") == [date(2026, 2, 23), date(2026, 3, 2)]
    assert domain.periods(first, last, "month") == [date(2026, 2, 1), date(2026, 3, 1)]
    assert len(domain.periods(date(2025, 1, 31), date(2025, 12, 1), "month")) == 12


def test_arithmetic() -> None:
    assert domain.average_fen(5001, 2) == 2501  # 2500.5: halves up
    assert domain.average_fen(15001, 3) == 5000  # 5000.33
    assert domain.average_fen(15002, 3) == 5001  # 5000.67
    assert domain.average_fen(100, 0) == 0
    assert domain.rate(1, 3) == 0.3333 and domain.rate(1, 0) == 0.0
    assert domain.drops([4, 3, 3, 0, 0]) == [0.0, 0.25, 0.0, 1.0, 0.0]
