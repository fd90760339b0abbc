"""The shop's shell on every storefront page: the cart links (header and the phone's tab bar),
the current tab, the search box's suggestion list, the scripts, and nothing per shopper in the
HTML of cached pages (the cart count is asked for by shell.js)."""

from __future__ import annotations

import re
from typing import Any

from tests.storefront.helpers import tags_with

PAGES = ("/", "/categories", "/c/apparel", "/search?q=T恤", "/p/cotton-tee")


def _current_tab(page: str) -> list[str]:
    return [re.search(r'data-testid="(tab-[a-z]+)"', t).group(1)  # type: ignore[union-attr]
            for t in re.findall(r"<a [^>]*data-testid=\"tab-[a-z]+\"[^>]*>", page)
            if 'aria-current="page"' in t]


def test_every_page_links_the_cart_in_the_header_and_the_tab_bar(client: Any, shop: Any) -> None:
    for url in PAGES:
        page = client.get(url).text
        assert 'href="/cart" data-testid="header-cart"' in page, url
        tabs = re.findall(r'<a href="([^"]+)" data-testid="tab-([a-z]+)"', page)
        assert tabs == [("/", "home"), ("/categories", "categories"), ("/cart", "cart"),
                        ("/account", "account")], url
        assert 'data-testid="all-categories"' in page
        for badge in ("header-cart-count", "tab-cart-count"):
            assert tags_with(page, badge)[0].endswith(" hidden>"), (url, badge)
        assert re.search(r'<script src="/static/shell\.js\?v=[0-9a-f]{10}" defer>', page), url


def test_the_tab_of_the_page_is_marked(client: Any, shop: Any) -> None:
    assert _current_tab(client.get("/").text) == ["tab-home"]
    assert _current_tab(client.get("/categories").text) == ["tab-categories"]
    assert _current_tab(client.get("/c/apparel").text) == ["tab-categories"]
    assert _current_tab(client.get("/search?q=T恤").text) == []
    product = client.get("/p/cotton-tee").text
    assert '<body class="has-buybar">' in product  # its buy bar takes the tab bar's place
    assert _current_tab(product) == []


def test_search_box_works_without_script_and_offers_a_listbox(client: Any, shop: Any) -> None:
    page = client.get("/?lang=en").text
    form = tags_with(page, "search-form")[0]
    assert 'action="/search"' in form and 'method="get"' in form
    assert 'data-suggest-count="{n} suggestions: use the up and down arrows to choose"' in form
    box = tags_with(page, "search-input")[0]
    assert 'name="q"' in box and 'autocomplete="off"' in box
    # The combobox roles are given by the script: without it the box is a plain search box.
    assert "role=" not in box
    listbox = tags_with(page, "search-suggestions")[0]
    assert 'role="listbox"' in listbox and 'id="search-suggestions"' in listbox
    assert " hidden" in listbox


def test_cached_pages_are_the_same_for_every_shopper(client: Any, app: Any, shop: Any) -> None:
    from fastapi.testclient import TestClient

    before = {url: client.get(url).content for url in PAGES[:4]}
    sku = shop["tee"]["skus"][0]
    added = client.post("/cart/add", data={"sku_id": str(sku), "quantity": "2"},
                        headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert added.status_code in (200, 303)
    with TestClient(app) as stranger:
        for url, body in before.items():
            assert client.get(url).content == body, url
            assert stranger.get(url).content == body, url


def test_shell_labels_in_both_languages(client: Any, shop: Any) -> None:
    zh = client.get("/").text
    for text in ("我的购物车", "首页", "分类", "购物车", "我的", "全部分类", "已加入购物车"):
        assert text in zh, text
    en = client.get("/?lang=en").text
    for text in ("My cart", "Home", "Category", "Cart", "Me", "All categories", "Added to cart"):
        assert text in en, text
