"""by_source: the cart, checkout and order pages list one row per source, summed over lines,
in the order the pipeline took them."""

from __future__ import annotations

from mercato.pricing.public import by_source


def test_one_row_per_source_in_first_seen_order() -> None:
    rows = [("tier:gold", "tier", "金卡折扣", 100), ("promotion:3", "promotion", "满200减20", 1200),
            ("tier:gold", "tier", "金卡折扣", 50), ("promotion:3", "promotion", "满200减20", 800),
            ("points", "points", "积分抵扣", 500)]
    assert by_source(rows) == (("tier", "金卡折扣", 150), ("promotion", "满200减20", 2000),
                               ("points", "积分抵扣", 500))
    assert by_source([]) == ()
