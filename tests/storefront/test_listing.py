"""Category listing and search pages: facets, sorting, paging, languages, bad input."""

from __future__ import annotations

from tests.factories import make_product
from tests.storefront.helpers import slugs, tags_with, text_of


def test_category_lists_its_subtree_in_chinese(client, shop):
    r = client.get("/c/apparel")
    assert r.status_code == 200
    assert "服饰" in r.text and "纯棉圆领T恤" in r.text
    assert sorted(slugs(r.text)) == ["cotton-tee", "linen-polo"]
    assert 'href="/c/t-shirts"' in r.text  # sub-category link
    assert text_of(r.text, "result-count") == "共 2 件商品"
    facets = {t.split('data-facet="')[1].split('"')[0] for t in tags_with(r.text, "facet")}
    assert {"brand", "price", "opt.color", "opt.size", "attr.origin"} <= facets


def test_english_via_query_sets_cookie(client, shop):
    r = client.get("/c/t-shirts?lang=en")
    assert r.status_code == 200
    assert "Cotton crew-neck T-shirt" in r.text and "2 products" in r.text
    assert r.cookies.get("lang") == "en"
    assert 'data-testid="lang-switch"' in r.text and "lang=zh_CN" in r.text
    again = client.get("/c/t-shirts")  # the cookie keeps English
    assert "Linen polo shirt" in again.text


def test_brand_facet_filters(client, shop):
    r = client.get("/c/apparel?brand=north-hill")
    assert slugs(r.text) == ["cotton-tee"]
    # the other brand is still offered, with a link that switches it on too
    assert "brand=north-hill&amp;brand=blue-lake" in r.text
    assert 'data-testid="active-filter"' in r.text


def test_price_facet_filters(client, shop):
    assert slugs(client.get("/c/apparel?price=0-10000").text) == ["cotton-tee"]
    assert slugs(client.get("/c/apparel?price=20000-").text) == ["linen-polo"]
    # a malformed band is ignored, not an error
    r = client.get("/c/apparel?price=abc&price=9-3")
    assert r.status_code == 200 and len(slugs(r.text)) == 2


def test_option_and_attribute_facets_filter(client, shop, db):
    with db.transaction() as tx:
        make_product(
            tx, shop, "red-tee", "红色T恤", "Red tee", [("RED-1", 5900, [("color", "红色", "Red")])]
        )
    r = client.get("/c/apparel?lang=en")
    assert "opt.color=Red" in r.text
    assert slugs(client.get("/c/apparel?opt.color=Red").text) == ["red-tee"]
    both = client.get("/c/apparel?opt.color=Red&opt.color=Black").text
    assert sorted(slugs(both)) == ["cotton-tee", "linen-polo", "red-tee"]
    assert len(slugs(client.get("/c/apparel?attr.origin=China").text)) == 3
    assert slugs(client.get("/c/apparel?attr.origin=Mars").text) == []


def test_sorting(client, shop):
    asc = slugs(client.get("/search?sort=price_asc").text)
    assert asc == ["ceramic-mug", "cotton-tee", "linen-polo"]
    desc = slugs(client.get("/search?sort=price_desc").text)
    assert desc == ["linen-polo", "cotton-tee", "ceramic-mug"]
    assert slugs(client.get("/search?sort=bogus").text)  # unknown sort falls back


def test_paging_is_lenient(client, shop):
    assert len(slugs(client.get("/search?page=abc").text)) == 3
    assert len(slugs(client.get("/search?page=-4").text)) == 3
    r = client.get("/c/apparel?page=99&brand=north-hill")
    assert r.status_code == 200 and slugs(r.text) == []
    assert 'data-testid="empty"' in r.text and 'href="/c/apparel?brand=north-hill"' in r.text


def test_search_chinese_and_english(client, shop):
    zh = client.get("/search", params={"q": "T恤"})
    assert sorted(slugs(zh.text)) == ["cotton-tee", "linen-polo"]
    assert 'value="T恤"' in zh.text  # the query stays in the search box
    en = client.get("/search", params={"q": "linen", "lang": "en"})
    assert slugs(en.text) == ["linen-polo"]
    none = client.get("/search", params={"q": "zzzz"})
    assert slugs(none.text) == [] and 'data-testid="empty"' in none.text


def test_drafts_never_listed(client, shop):
    assert "secret-draft" not in client.get("/c/cups").text
    assert "secret-draft" not in client.get("/search?q=Unreleased").text


def test_unknown_category_is_404_page(client, shop):
    r = client.get("/c/no-such-thing")
    assert r.status_code == 404
    assert "该分类不存在" in r.text and 'data-testid="error-page"' in r.text
    assert "No such category" in client.get("/c/nope?lang=en").text


def test_category_menu_follows_catalogue_changes(client, shop, db):
    from mercato.catalog.services import taxonomy

    assert 'href="/c/shoes"' not in client.get("/").text
    with db.transaction() as tx:
        taxonomy.save_category(tx, None, "shoes", "鞋靴", "Shoes")
    page = client.get("/c/shoes")
    assert page.status_code == 200 and 'href="/c/shoes"' in page.text
