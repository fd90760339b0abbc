"""Product page: variants JSON and no-JS selection, availability, tabs, blocks, escaping."""

from __future__ import annotations

from mercato.catalog.services import knowledge, products
from mercato.inventory import services as stock
from tests.factories import make_product
from tests.storefront.helpers import sku_json, tags_with, text_of


def test_product_page_in_both_languages(client, shop):
    zh = client.get("/p/cotton-tee")
    assert zh.status_code == 200
    assert "纯棉圆领T恤" in zh.text and "北山" in zh.text and "产地" in zh.text
    assert text_of(zh.text, "price") == "¥99.00 – ¥104.00"
    assert text_of(zh.text, "availability") == "请选择规格"
    en = client.get("/p/cotton-tee?lang=en")
    assert "Cotton crew-neck T-shirt" in en.text and "Origin" in en.text
    assert [
        t.split('data-value="')[1].split('"')[0] for t in tags_with(en.text, "variant-button")
    ] == [
        "White",
        "Black",
        "M",
        "L",
    ]


def test_variant_json_has_prices_and_availability(client, shop, db):
    white_l = shop["tee"]["skus"][1]
    with db.transaction() as tx:
        stock.set_on_hand(tx, white_l, shop["warehouse"], 0, "count", "test")
    data = sku_json(client.get("/p/cotton-tee").text)
    assert data["axes"] == ["color", "size"]
    by_code = {s["code"]: s for s in data["skus"]}
    assert by_code["TEE-WH-M"]["price"] == 9900 and by_code["TEE-WH-M"]["available"] == 10
    assert by_code["TEE-WH-L"]["price"] == 10400 and by_code["TEE-WH-L"]["available"] == 0
    assert by_code["TEE-WH-L"]["options"] == {"color": "White", "size": "L"}
    assert by_code["TEE-WH-L"]["price_text"] == "¥104.00"


def test_no_js_selection_with_sku_param(client, shop, db):
    white_m, white_l = shop["tee"]["skus"][0], shop["tee"]["skus"][1]
    with db.transaction() as tx:
        stock.set_on_hand(tx, white_l, shop["warehouse"], 0, "count", "test")
    page = client.get(f"/p/cotton-tee?sku={white_m}&lang=en").text
    assert text_of(page, "price") == "¥99.00"
    assert text_of(page, "sku-code") == "TEE-WH-M"
    assert text_of(page, "availability") == "In stock, 10 available"
    buttons = {
        t.split('data-value="')[1].split('"')[0]: t for t in tags_with(page, "variant-button")
    }
    assert 'aria-pressed="true"' in buttons["White"] and 'aria-pressed="true"' in buttons["M"]
    assert " disabled" in buttons["L"]  # White + L is sold out
    assert " disabled" not in buttons["Black"]
    sold_out = client.get(f"/p/cotton-tee?sku={white_l}&lang=en").text
    assert text_of(sold_out, "availability") == "Out of stock"
    garbage = client.get("/p/cotton-tee?sku=abc")
    assert garbage.status_code == 200 and text_of(garbage.text, "sku-code") == "—"


def test_single_sku_is_preselected(client, shop, db):
    with db.transaction() as tx:
        make_product(
            tx, shop, "plain-cup", "素杯", "Plain cup", [("CUP-1", 2500, [])], category="cups"
        )
    page = client.get("/p/plain-cup").text
    assert text_of(page, "price") == "¥25.00" and text_of(page, "sku-code") == "CUP-1"


def test_draft_and_archived_products_are_404(client, shop, db):
    assert client.get("/p/secret-draft").status_code == 404
    with db.transaction() as tx:
        products.set_status(tx, shop["polo"]["id"], "archived")
    r = client.get("/p/linen-polo")
    assert r.status_code == 404 and "商品不存在" in r.text
    assert client.get("/p/never-existed").status_code == 404


def test_tabs_and_content_blocks(client, shop, db):
    tee = shop["tee"]["id"]
    with db.transaction() as tx:
        knowledge.save_article(
            tx,
            None,
            "tee-care",
            "care",
            "洗涤",
            "Washing",
            "冷水洗",
            "Wash cold.\n\nDry flat.",
            [tee],
        )
        knowledge.save_article(
            tx, None, "tee-faq", "faq", "缩水吗", "Shrink?", "不会", "No.", [tee]
        )
        knowledge.add_block(tx, tee, "video", "工艺", "Process", "", "Spun here.", "/media/v.mp4")
        knowledge.add_block(tx, tee, "video", "染色", "Dyeing", "", "Plant dyes.")
        knowledge.add_block(tx, tee, "case", "通勤", "Commute", "", "All day comfort.")
    page = client.get("/p/cotton-tee?lang=en").text
    assert [t.split('data-kind="')[1].split('"')[0] for t in tags_with(page, "tab")] == [
        "care",
        "faq",
    ]
    assert "<p>Wash cold.</p>" in page and "<p>Dry flat.</p>" in page
    assert '<video controls preload="none"' in page and 'src="/media/v.mp4"' in page
    assert page.count('data-kind="video"') == 2 and "Plant dyes." in page
    assert 'data-kind="case"' in page and "All day comfort." in page


def test_html_in_product_text_is_escaped(client, shop, db):
    evil = "<script>alert(1)</script>"
    tee = shop["tee"]["id"]
    with db.transaction() as tx:
        p = make_product(
            tx,
            shop,
            "evil-tee",
            f"坏{evil}",
            f"Bad {evil}",
            [("EVIL-1", 100, [("color", "红</script>", "Red</script>")])],
        )
        knowledge.save_article(
            tx, None, "evil", "faq", evil, evil, f"a\n\n{evil}", evil, [p["id"], tee]
        )
    for url in ("/p/evil-tee", "/c/t-shirts", "/search?q=Bad", "/p/cotton-tee"):
        page = client.get(url).text
        assert "<script>alert" not in page, url
    page = client.get("/p/evil-tee").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert sku_json(page)["skus"][0]["options"]["color"] == "Red</script>"
