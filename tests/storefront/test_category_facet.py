"""The category facet: inside a category it offers the direct children (on the search page the
top-level categories), counted within the current result; choosing one narrows the result to
that child's subtree, and a category outside the page's category never widens it."""

from __future__ import annotations

import re

import pytest

from mercato.catalog.adapters.queries.detail import find_category
from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.services import taxonomy
from mercato.catalog.views import ListQuery
from tests.factories import make_product
from tests.storefront.helpers import count_queries, slugs, tags_with, text_of


@pytest.fixture
def tree(db, shop):  # type: ignore[no-untyped-def]
    """apparel → t-shirts → kids-tees, apparel → bags; cups (top level)."""
    with db.transaction() as tx:
        bags = taxonomy.save_category(tx, None, "bags", "箱包", "Bags", shop["root"], 1)
        kids = taxonomy.save_category(tx, None, "kids-tees", "童装T恤", "Kids tees", shop["tees"])
        t = {**shop, "bags": bags.id, "kids": kids.id}
        make_product(
            tx,
            t,
            "canvas-tote",
            "帆布托特包",
            "Canvas tote",
            [("TOTE-1", 5900, [])],
            category="bags",
        )
        make_product(
            tx, t, "kids-tee", "儿童T恤", "Kids tee", [("KID-1", 4900, [])], category="kids"
        )
    return t


def _facet(page: str, code: str = "category") -> dict[str, tuple[int, bool, str]]:
    """value -> (count, selected, href) of one facet panel of a listing page."""
    m = re.search(rf'data-facet="{re.escape(code)}">(.*?)</section>', page, re.S)
    if not m:
        return {}
    out = {}
    for tag, count in re.findall(
        r'(<a [^>]*data-testid="facet-value"[^>]*>)[^<]*<small>(\d+)', m.group(1)
    ):
        value = re.search(r'data-value="([^"]*)"', tag).group(1)  # type: ignore[union-attr]
        href = re.search(r'href="([^"]*)"', tag).group(1)  # type: ignore[union-attr]
        out[value] = (int(count), 'aria-current="true"' in tag, href.replace("&amp;", "&"))
    return out


def test_category_page_offers_its_children_counted_in_the_result(client, tree):
    page = client.get("/c/apparel").text
    assert _facet(page) == {
        "t-shirts": (3, False, "/c/apparel?category=t-shirts"),
        "bags": (1, False, "/c/apparel?category=bags"),
    }
    # counted within the result: the other filters narrow the counts
    assert _facet(client.get("/c/apparel?brand=blue-lake").text) == {
        "t-shirts": (1, False, "/c/apparel?brand=blue-lake&category=t-shirts")
    }
    # a category without children offers no category facet
    assert _facet(client.get("/c/bags").text) == {}


def test_choosing_a_child_narrows_and_shows_it_chosen(client, tree):
    page = client.get("/c/apparel?category=bags").text
    assert slugs(page) == ["canvas-tote"]
    assert text_of(page, "result-count") == "共 1 件商品"
    facet = _facet(page)
    # still offered to switch to: the choice is counted without itself
    assert facet["bags"] == (1, True, "/c/apparel")
    assert facet["t-shirts"] == (3, False, "/c/apparel?category=t-shirts")
    chips = tags_with(page, "active-filter")
    assert len(chips) == 1 and 'href="/c/apparel"' in chips[0]
    assert "分类: 箱包" in page


def test_choosing_a_child_keeps_its_whole_subtree(client, tree):
    page = client.get("/c/apparel?category=t-shirts").text
    assert sorted(slugs(page)) == ["cotton-tee", "kids-tee", "linen-polo"]
    deeper = client.get("/c/apparel?category=kids-tees").text  # below a child: allowed too
    assert slugs(deeper) == ["kids-tee"]
    assert (
        "分类: 童装T恤" in deeper and 'href="/c/apparel"' in tags_with(deeper, "active-filter")[0]
    )
    # choosing another child replaces the chosen one
    assert _facet(deeper)["bags"][2] == "/c/apparel?category=bags"


def test_a_category_outside_the_page_is_ignored(client, tree):
    """Never widens: the page's category stays the scope and nothing is shown as chosen."""
    page = client.get("/c/apparel?category=cups").text
    assert sorted(slugs(page)) == ["canvas-tote", "cotton-tee", "kids-tee", "linen-polo"]
    assert not any(sel for _, sel, _ in _facet(page).values())
    assert tags_with(page, "active-filter") == []
    # the page's own category, an unknown slug and a malformed one are ignored the same way
    for bad in ("apparel", "no-such", "../etc"):
        assert len(slugs(client.get(f"/c/apparel?category={bad}").text)) == 4
    sibling = client.get("/c/t-shirts?category=bags").text
    assert sorted(slugs(sibling)) == ["cotton-tee", "kids-tee", "linen-polo"]


def test_the_listing_query_never_widens_its_category(db, tree):
    """Whoever calls it: a chosen category outside the scope gives the intersection (none)."""
    with db.reading() as s:
        apparel = find_category(s, "apparel", "zh_CN")
        outside = ListQuery(category="apparel", subcategory="cups")
        assert list_products(s, outside, apparel).total == 0
        inside = ListQuery(category="apparel", subcategory="bags")
        assert [c.slug for c in list_products(s, inside, apparel).items] == ["canvas-tote"]


def test_search_page_offers_top_level_categories(client, tree):
    page = client.get("/search").text
    assert _facet(page) == {
        "apparel": (4, False, "/search?category=apparel"),
        "cups": (1, False, "/search?category=cups"),
    }
    found = client.get("/search", params={"q": "T恤"}).text
    assert _facet(found) == {"apparel": (3, False, "/search?q=T%E6%81%A4&category=apparel")}
    narrowed = client.get("/search", params={"q": "T恤", "category": "t-shirts"}).text
    assert sorted(slugs(narrowed)) == ["cotton-tee", "kids-tee", "linen-polo"]
    assert slugs(client.get("/search?category=cups").text) == ["ceramic-mug"]


def test_api_list_matches_the_page(client, tree):
    def api(query: str) -> tuple[list[str], dict[str, int]]:
        body = client.get(f"/api/v1/products?{query}").json()
        facets = {f["code"]: f for f in body["facets"]}
        counts = {v["value"]: v["count"] for v in facets.get("category", {"values": []})["values"]}
        return sorted(i["slug"] for i in body["items"]), counts

    items, counts = api("category=apparel")
    assert items == sorted(slugs(client.get("/c/apparel").text))
    assert counts == {k: c for k, (c, _, _) in _facet(client.get("/c/apparel").text).items()}
    for child in ("bags", "t-shirts"):
        assert api(f"category={child}")[0] == sorted(
            slugs(client.get(f"/c/apparel?category={child}").text)
        )
    # a facet value sent back as category= (the last one wins) narrows like the page
    assert api("category=apparel&category=bags")[0] == ["canvas-tote"]
    assert api("")[1] == {"apparel": 4, "cups": 1}


def test_statements_constant_in_catalogue_size(client, tree, db):
    def count(url: str) -> int:
        with count_queries(db) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    urls = ("/c/apparel?category=t-shirts&brand=north-hill", "/search?q=T恤&category=apparel")
    before = [count(u) for u in urls]
    with db.transaction() as tx:
        for n in range(20):
            make_product(
                tx,
                tree,
                f"more-{n}",
                f"T恤{n}",
                f"Tee {n}",
                [(f"M{n}", 100, [])],
                category="kids" if n % 2 else "bags",
            )
    assert [count(u) for u in urls] == before
    assert max(before) <= 14, before  # cold: the menu too
