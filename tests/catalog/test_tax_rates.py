"""VAT rates of products (catalog.public.tax_rates_for_products), as their categories set
them: a category without its own rate takes its nearest ancestor's, 13% when none sets one;
the label (*label*name on invoices) is the top category's Chinese name."""

from __future__ import annotations

from typing import Any

import pytest

from mercato.catalog import domain
from mercato.catalog import public as catalog
from mercato.catalog.adapters.tables import Category
from mercato.catalog.services import taxonomy
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from tests.factories import make_product


def _set_rate(db: Database, category_id: int, rate: int | None) -> None:
    with db.transaction() as tx:
        c = tx.get_one(Category, category_id)
        taxonomy.save_category(
            tx, c.id, c.slug, c.name_zh, c.name_en, c.parent_id, c.position, tax_rate_bp=rate
        )


def _rates(db: Database, *product_ids: int) -> dict[int, tuple[int, str]]:
    with db.reading() as tx:
        return catalog.tax_rates_for_products(tx, product_ids)


def test_default_is_13_percent_labelled_by_the_top_category(db: Database, shop: dict[str, Any]):
    tee, cup = shop["tee"]["id"], shop["cup"]["id"]
    # The tee is in 服饰 › T恤: the label is the top category's name, not its own.
    assert _rates(db, tee, cup) == {tee: (1300, "服饰"), cup: (1300, "杯具")}


def test_a_child_without_a_rate_takes_the_nearest_ancestors(db: Database, shop: dict[str, Any]):
    with db.transaction() as tx:  # 服饰 › T恤 › 童装T恤
        deep = taxonomy.save_category(tx, None, "kids-tees", "童装T恤", "Kids tees", shop["tees"])
        t = {**shop, "kids": deep.id}
        kid = make_product(
            tx, t, "kids-tee", "儿童T恤", "Kids tee", [("KID-1", 5900, [])], category="kids"
        )
    tee, kid_id = shop["tee"]["id"], kid["id"]
    _set_rate(db, shop["root"], 900)  # 服饰 at 9%: T恤 and 童装T恤 follow
    assert _rates(db, tee, kid_id) == {tee: (900, "服饰"), kid_id: (900, "服饰")}
    _set_rate(db, shop["tees"], 600)  # the nearest ancestor that sets a rate wins
    assert _rates(db, tee, kid_id) == {tee: (600, "服饰"), kid_id: (600, "服饰")}
    _set_rate(db, deep.id, 0)  # 0% is a rate, not "unset"
    assert _rates(db, tee, kid_id) == {tee: (600, "服饰"), kid_id: (0, "服饰")}
    _set_rate(db, shop["tees"], None)  # back to "as the parent"
    assert _rates(db, tee)[tee] == (900, "服饰")


def test_unknown_products_and_no_products(db: Database, shop: dict[str, Any]):
    assert _rates(db, 999_999) == {999_999: (1300, "商品")}
    assert _rates(db) == {}


def test_only_the_listed_rates_are_accepted(db: Database, shop: dict[str, Any]):
    for rate in domain.TAX_RATES_BP:
        assert domain.check_tax_rate_bp(rate) == rate
    assert domain.check_tax_rate_bp(None) is None
    for bad in (1000, -100, 13, True, 1300.0):
        with pytest.raises(DomainError) as err:
            domain.check_tax_rate_bp(bad)  # type: ignore[arg-type]
        assert (err.value.code, err.value.field) == ("catalog.invalid_tax_rate", "tax_rate_bp")


def test_saving_a_category_without_a_rate_keeps_it(db: Database, shop: dict[str, Any]):
    _set_rate(db, shop["cups"], 500)
    with db.transaction() as tx:  # a rename (the API, the demo loader) says nothing of VAT
        taxonomy.save_category(tx, shop["cups"], "cups", "杯子", "Cups")
    with db.reading() as tx:
        assert tx.get_one(Category, shop["cups"]).tax_rate_bp == 500
    assert _rates(db, shop["cup"]["id"]) == {shop["cup"]["id"]: (500, "杯子")}
