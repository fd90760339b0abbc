"""Cached storefront pages: a warm page costs one or two tiny statements, yet every write is
visible on the very next view (catalogue writes move the version; stock and content are
read on every request), and the language link follows each request's own query string."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any

from mercato.catalog import public as catalog
from mercato.catalog.services import products
from mercato.catalog.services.products import SkuData
from mercato.content import services as content
from mercato.content.domain import BannerData, ScenarioData
from mercato.inventory import services as stock
from tests.factories import make_product
from tests.storefront.helpers import count_queries, sku_json, slugs, tags_with, text_of

TEE_URLS = ("/p/cotton-tee?lang=en", "/c/t-shirts?lang=en", "/search?q=tee&lang=en", "/?lang=en")


def _statements(client, db, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    client.get(url)  # warm
    with count_queries(db) as seen:
        assert client.get(url).status_code in (200, 404)
    return [s.split()[0] + " " + s.split("FROM")[1].split()[0] for s in seen if s != "BEGIN"]


def test_warm_pages_read_only_the_version_and_what_is_live(client, db, shop):
    version = "SELECT catalog_state"
    for url in ("/c/apparel?brand=north-hill", "/search?q=T恤&sort=price_asc", "/c/nope"):
        assert _statements(client, db, url) == [version], url
    assert _statements(client, db, "/p/cotton-tee") == [version, "SELECT inventory_stock"]
    assert _statements(client, db, "/p/never-existed") == [version]
    home = _statements(client, db, "/")
    assert home == [version, "SELECT content_banner", "SELECT content_scenario_page"]


def _tee_price(client, url: str) -> str:  # type: ignore[no-untyped-def]
    page = client.get(url).text
    if url.startswith("/p/"):
        return text_of(page, "price")
    card = page.split('data-slug="cotton-tee"')[1]
    return text_of(card, "card-price")


def test_price_change_is_visible_on_the_next_view(client, db, shop):
    assert [_tee_price(client, u) for u in TEE_URLS] == [
        "¥99.00 – ¥104.00",
        "from ¥99.00",
        "from ¥99.00",
        "from ¥99.00",
    ]
    white_m = shop["tee"]["skus"][0]
    with db.transaction() as tx:
        options = [("color", "白色", "White"), ("size", "M", "M")]
        products.update_sku(tx, white_m, SkuData("TEE-WH-M", 8800, 4000, options=options))
    assert [_tee_price(client, u) for u in TEE_URLS] == [
        "¥88.00 – ¥104.00",
        "from ¥88.00",
        "from ¥88.00",
        "from ¥88.00",
    ]
    page = client.get(f"/p/cotton-tee?sku={white_m}").text
    assert text_of(page, "price") == "¥88.00"
    assert {s["code"]: s["price"] for s in sku_json(page)["skus"]}["TEE-WH-M"] == 8800


def test_availability_is_read_fresh_on_every_view(client, db, shop):
    white_m, white_l = shop["tee"]["skus"][0], shop["tee"]["skus"][1]
    url = f"/p/cotton-tee?sku={white_m}&lang=en"
    assert text_of(client.get(url).text, "availability") == "In stock, 10 available"
    with db.transaction() as tx:
        stock.set_on_hand(tx, white_m, shop["warehouse"], 3, "count", "test")
    assert text_of(client.get(url).text, "availability") == "In stock, 3 available"
    with db.transaction() as tx:
        stock.reserve(tx, white_m, shop["warehouse"], 3, "order-1")
        stock.set_on_hand(tx, white_l, shop["warehouse"], 0, "count", "test")
    page = client.get(url).text
    assert text_of(page, "availability") == "Out of stock"
    by_code = {s["code"]: s["available"] for s in sku_json(page)["skus"]}
    assert by_code == {"TEE-WH-M": 0, "TEE-WH-L": 0, "TEE-BL-M": 10, "TEE-BL-L": 10}
    buttons = {
        t.split('data-value="')[1].split('"')[0]: t for t in tags_with(page, "variant-button")
    }
    assert " disabled" in buttons["L"]  # White + L: none left either
    with db.transaction() as tx:
        stock.set_on_hand(tx, white_l, shop["warehouse"], 5, "count", "test")
    page = client.get(url).text
    buttons = {
        t.split('data-value="')[1].split('"')[0]: t for t in tags_with(page, "variant-button")
    }
    assert " disabled" not in buttons["L"]


def test_closing_the_warehouse_empties_the_buy_box(client, db, shop):
    url = "/p/ceramic-mug?lang=en"
    assert text_of(client.get(url).text, "availability") == "Choose a variant"
    with db.transaction() as tx:
        stock.save_warehouse(tx, shop["warehouse"], "SH", "上海仓", "Shanghai", active=False)
    assert text_of(client.get(url).text, "availability") == "Out of stock"


def test_products_appear_and_disappear_on_the_next_view(client, db, shop):
    assert client.get("/p/plain-cup").status_code == 404
    assert "plain-cup" not in slugs(client.get("/c/cups").text)
    with db.transaction() as tx:
        make_product(
            tx, shop, "plain-cup", "素杯", "Plain cup", [("CUP-1", 2500, [])], category="cups"
        )
    assert client.get("/p/plain-cup").status_code == 200
    assert "plain-cup" in slugs(client.get("/c/cups").text)
    assert client.get("/p/linen-polo").status_code == 200
    with db.transaction() as tx:
        products.set_status(tx, shop["polo"]["id"], "archived")
    assert client.get("/p/linen-polo").status_code == 404
    assert "linen-polo" not in slugs(client.get("/c/apparel").text)


def test_content_edits_are_visible_on_the_next_view(client, db, shop):
    assert "Summer deals" not in client.get("/?lang=en").text
    with db.transaction() as tx:
        banner = content.save_banner(tx, None, BannerData("夏日特惠", "Summer deals"))
        page = content.save_scenario(tx, None, ScenarioData("picnic", "野餐", "Picnic day"))
        content.publish_scenario(tx, page.id, True)
    home = client.get("/?lang=en").text
    assert "Summer deals" in home and 'href="/s/picnic"' in home
    assert "Picnic day" in client.get("/s/picnic?lang=en").text
    with db.transaction() as tx:
        content.save_banner(tx, banner.id, BannerData("秋日特惠", "Autumn deals"))
        content.save_scenario(tx, page.id, ScenarioData("picnic", "野餐", "Lunch on the grass"))
    home = client.get("/?lang=en").text
    assert "Autumn deals" in home and "Summer deals" not in home
    assert "Lunch on the grass" in client.get("/s/picnic?lang=en").text
    with db.transaction() as tx:
        content.publish_scenario(tx, page.id, False)
    assert client.get("/s/picnic").status_code == 404
    assert 'href="/s/picnic"' not in client.get("/").text


def test_language_link_follows_each_requests_query_string(client, shop):
    def lang_link(url: str) -> str:
        return tags_with(client.get(url).text, "lang-switch")[0]

    assert 'href="/c/t-shirts?utm=a&amp;lang=en"' in lang_link("/c/t-shirts?utm=a")
    # the same cached body, another query string
    assert 'href="/c/t-shirts?utm=b&amp;x=%3C%22%3E&amp;lang=en"' in lang_link(
        '/c/t-shirts?utm=b&x=<">'
    )
    assert 'href="/p/cotton-tee?sku=1&amp;lang=zh_CN"' in lang_link("/p/cotton-tee?sku=1&lang=en")
    assert 'href="/?lang=en"' in lang_link("/?lang=zh_CN")
    assert 'href="/c/nope?lang=en"' in lang_link("/c/nope")


def test_locales_are_cached_apart(client, shop):
    for _ in range(2):
        assert "纯棉圆领T恤" in client.get("/p/cotton-tee?lang=zh_CN").text
        en = client.get("/p/cotton-tee?lang=en").text
        assert (
            "Cotton crew-neck T-shirt" in en and text_of(en, "availability") == "Choose a variant"
        )
        assert "2 products" in client.get("/c/t-shirts?lang=en").text
        assert "共 2 件商品" in client.get("/c/t-shirts?lang=zh_CN").text


def test_concurrent_misses_of_one_page_render_it_once(app):
    calls: list[int] = []

    def make(tx) -> bytes:  # type: ignore[no-untyped-def]
        calls.append(catalog.catalogue_version(tx))
        time.sleep(0.05)  # long enough for every request to miss
        return b"page"

    def broken(tx) -> bytes:  # type: ignore[no-untyped-def]
        calls.append(-1)
        time.sleep(0.05)
        raise RuntimeError("render failed")

    async def views(make) -> list[object]:  # type: ignore[no-untyped-def]
        request: Any = SimpleNamespace(app=app)  # cached_page only uses request.app
        cache = catalog.page_cache(request, "test", 8)
        jobs = [catalog.cached_page(request, cache, 7, "k", make) for _ in range(10)]
        return await asyncio.gather(*jobs, return_exceptions=True)

    assert asyncio.run(views(make)) == [b"page"] * 10 and calls == [0]
    calls.clear()
    app.state.catalog_page_cache_test.clear()
    failed = asyncio.run(views(broken))
    assert calls == [-1] and all(isinstance(e, RuntimeError) for e in failed)
    assert asyncio.run(views(make)) == [b"page"] * 10 and calls == [-1, 0]  # tried again
