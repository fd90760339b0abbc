"""The category page (/categories): top-level categories in the left column, each one's children
on the right with the best seller's picture or an initial; cached per catalogue version."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import update

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.tables import Category, Product
from mercato.catalog.services import knowledge, taxonomy
from tests.factories import make_product, tee_skus
from tests.storefront.helpers import count_queries, tags_with


def _tiles(page: str) -> list[tuple[str, str]]:
    """(slug, picture or initial) of each tile, in order."""
    tiles = re.findall(
        r'data-testid="subcategory-tile" data-slug="([^"]+)">(?:<img src="([^"]+)"|'
        r'<span class="ini" aria-hidden="true">(.)</span>)', page)
    return [(slug, img or initial) for slug, img, initial in tiles]


def test_left_the_top_categories_right_their_children(client: Any, shop: Any) -> None:
    r = client.get("/categories")
    assert r.status_code == 200
    index = re.findall(r'href="#cat-([^"]+)" data-testid="category-index-link"', r.text)
    assert index == ["apparel", "cups"]
    assert 'aria-current="true"' in tags_with(r.text, "category-index-link")[0]
    # apparel's child, and cups (no children) as its own tile, each with its initial
    assert _tiles(r.text) == [("t-shirts", "T"), ("cups", "杯")]
    sections = re.findall(r'<section class="catsec" id="cat-([^"]+)"', r.text)
    assert sections == index
    assert 'href="/c/apparel"' in r.text  # the section's "see all"
    en = client.get("/categories?lang=en").text
    assert "Apparel" in en and "T-shirts" in en and "See all" in en


def test_tiles_show_the_best_sellers_picture(client: Any, db: Any, shop: Any) -> None:
    with db.transaction() as tx:
        knowledge.set_images(tx, shop["tee"]["id"], ["/media/tee.svg"])
        knowledge.set_images(tx, shop["polo"]["id"], ["/media/polo.svg"])
        knowledge.set_images(tx, shop["cup"]["id"], ["/media/cup.svg"])
        tx.execute(update(Product).where(Product.id == shop["polo"]["id"]).values(sales_count=5))
    tiles = dict(_tiles(client.get("/categories").text))
    assert tiles == {"t-shirts": "/media/polo.svg", "cups": "/media/cup.svg"}
    with db.transaction() as tx:  # a category's own icon wins
        tx.execute(update(Category).where(Category.id == shop["tees"])
                   .values(icon="/media/icon-tees.svg"))
        repository.bump_version(tx)
    assert dict(_tiles(client.get("/categories").text))["t-shirts"] == "/media/icon-tees.svg"


def test_a_grandchild_lends_its_picture(client: Any, db: Any, shop: Any) -> None:
    with db.transaction() as tx:
        deep = taxonomy.save_category(tx, None, "v-necks", "V领", "V-necks", shop["tees"])
        v_tee = make_product(tx, {**shop, "deep": deep.id}, "v-tee", "V领T恤", "V-neck tee",
                             tee_skus("V"), category="deep")
        knowledge.set_images(tx, v_tee["id"], ["/media/v.svg"])
    assert dict(_tiles(client.get("/categories").text))["t-shirts"] == "/media/v.svg"


def test_warm_page_costs_one_statement_whatever_the_catalogue(client: Any, db: Any,
                                                              shop: Any) -> None:
    def cold_and_warm() -> tuple[int, int]:
        with count_queries(db) as cold:
            client.get("/categories")
        with count_queries(db) as warm:
            assert client.get("/categories").status_code == 200
        return len(cold), len([s for s in warm if s != "BEGIN"])

    small = cold_and_warm()
    with db.transaction() as tx:
        for n in range(6):
            top = taxonomy.save_category(tx, None, f"top-{n}", f"类{n}", f"Top {n}")
            for m in range(4):
                taxonomy.save_category(tx, None, f"sub-{n}-{m}", f"子{m}", f"Sub {m}", top.id)
    assert cold_and_warm() == small
    assert small[1] == 1


def test_empty_shop(client: Any, db: Any) -> None:
    r = client.get("/categories")
    assert r.status_code == 200 and 'data-testid="empty"' in r.text
