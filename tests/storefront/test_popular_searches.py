"""A search that finds nothing offers popular searches: what the best-selling products are
(the head of their names), each a link to a search that does find products."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from mercato.catalog.adapters.tables import Product
from tests.catalog.search_shop import add_product, search_shop
from tests.storefront.helpers import count_queries, slugs


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        return search_shop(tx)


def _popular(page: str) -> list[tuple[str, str]]:
    """(href, text) of the popular-search links, in order."""
    m = re.search(r'data-testid="popular-searches"(.*?)</nav>', page, re.S)
    if not m:
        return []
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', m.group(1))
    return [(href.replace("&amp;", "&"), text) for href, text in links]


def test_nothing_found_offers_popular_searches_that_find_products(client, catalogue):
    page = client.get("/search", params={"q": "奶粉"}).text
    assert slugs(page) == [] and 'data-testid="empty"' in page
    popular = _popular(page)
    words = [text for _, text in popular]
    # by the sales of the products they name (see tests/catalog/search_shop.py)
    assert words == ["奶瓶", "充电宝", "保温杯", "暖手宝", "茶壶", "绿茶", "饭盒"]
    for href, _ in popular:
        assert href.startswith("/search?q=")
        assert slugs(client.get(href).text), href  # every offer finds something


def test_popular_searches_follow_the_sales(client, catalogue, db):
    with db.transaction() as tx:
        tx.execute(
            update(Product).where(Product.id == catalogue["ids"]["teapot"]).values(sales_count=900)
        )
        # any catalogue write moves the version, so the cached page is not served again
        add_product(tx, catalogue, "mug", ("马克杯", "Mug"), ("", ""), 0)
    words = [t for _, t in _popular(client.get("/search", params={"q": "奶粉"}).text)]
    assert words[:2] == ["茶壶", "奶瓶"]


def test_english_popular_searches(client, catalogue):
    popular = _popular(client.get("/search?q=zzzz&lang=en").text)
    assert [t for _, t in popular][:3] == ["baby bottle", "power bank", "vacuum flask"]
    assert popular[1][0] == "/search?q=power+bank"
    for href, _ in popular:
        assert slugs(client.get(href).text), href


def test_no_popular_searches_when_something_is_found(client, catalogue):
    assert _popular(client.get("/search", params={"q": "奶瓶"}).text) == []
    assert _popular(client.get("/c/apparel").text) == []


def test_empty_shop_has_no_popular_searches(client, db):
    page = client.get("/search", params={"q": "奶粉"}).text
    assert 'data-testid="empty"' in page and _popular(page) == []


def test_statements_constant_in_catalogue_size(client, catalogue, db):
    def count(url: str) -> int:
        with count_queries(db) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    before = count("/search?q=奶粉")
    with db.transaction() as tx:
        for n in range(30):
            add_product(tx, catalogue, f"extra-{n}", (f"保温壶{n}", f"Flask {n}"), ("", ""), n)
    assert count("/search?q=奶粉") == before <= 14  # the menu, the listing, the offer
    # Then cached: the catalogue version alone (SQLite counts the BEGIN of its read too).
    assert count("/search?q=奶粉") == (2 if db.is_sqlite else 1)
