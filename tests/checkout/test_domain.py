"""Cart rules without a database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mercato.checkout import domain
from mercato.kernel.errors import DomainError


@dataclass(frozen=True)
class Sku:
    sku_id: int
    price_fen: int
    sellable: bool = True
    currency: str = "CNY"
    product_id: int = 1
    product_slug: str = "p"
    product_name: str = "P"
    option_labels: tuple[str, ...] = ()
    image: str = ""
    weight_g: int = 0
    category_id: int | None = None
    brand: str = ""


@pytest.mark.parametrize("bad", [0, -1, 100, 10**12, 1.0, "1", True, None])
def test_quantity_must_be_whole_1_to_99(bad: object) -> None:
    with pytest.raises(DomainError) as err:
        domain.check_quantity(bad)  # type: ignore[arg-type]
    assert (err.value.code, err.value.field) == ("checkout.invalid_quantity", "quantity")


def test_quantity_bounds_accepted() -> None:
    assert domain.check_quantity(1) == 1
    assert domain.check_quantity(99) == 99


def test_adding_sums_with_the_existing_line() -> None:
    assert domain.added_quantity({7: 3}, 7, 4, available=10) == 7


def test_adding_past_99_or_stock_is_refused() -> None:
    with pytest.raises(DomainError, match="99"):
        domain.added_quantity({7: 60}, 7, 40, available=1000)
    with pytest.raises(DomainError) as err:
        domain.added_quantity({7: 6}, 7, 5, available=10)
    assert err.value.code == "checkout.insufficient_stock"


def test_at_most_100_lines() -> None:
    full = {i: 1 for i in range(1, 101)}
    with pytest.raises(DomainError) as err:
        domain.added_quantity(full, 500, 1, available=10)
    assert err.value.code == "checkout.cart_full"
    assert domain.added_quantity(full, 5, 1, available=10) == 2  # an existing line is fine


def test_merge_sums_and_caps_at_99_and_availability() -> None:
    merged = domain.merged_lines(
        {1: 60, 2: 3, 4: 8}, {1: 60, 2: 5, 3: 2, 4: 1, 5: 4}, {1: 500, 2: 6, 3: 9, 4: 5, 5: 0}
    )
    # 1: capped at 99; 2: capped at stock 6; 3: new; 4: never below what was there; 5: no stock
    assert merged == {1: 99, 2: 6, 3: 2, 4: 8}


def test_merge_respects_the_line_limit() -> None:
    target = {i: 1 for i in range(1, 101)}
    merged = domain.merged_lines(target, {1: 1, 999: 1}, {1: 10, 999: 10})
    assert merged[1] == 2 and 999 not in merged and len(merged) == 100


def test_totals_come_from_the_current_prices_and_skip_unsellable_lines() -> None:
    skus = {1: Sku(1, 1250), 2: Sku(2, 990, sellable=False), 3: Sku(3, 500)}
    view = domain.price_cart("CNY", {1: 2, 2: 1, 3: 4, 9: 1}, skus, {1: 5, 2: 5, 3: 3})
    assert [v.sku_id for v in view.lines] == [1, 2, 3]  # 9 is gone from the catalogue
    assert [v.line_total_fen for v in view.lines] == [2500, 990, 2000]
    assert [v.sellable for v in view.lines] == [True, False, False]  # 3: only 3 in stock
    assert (view.subtotal_fen, view.item_count) == (2500, 2)
