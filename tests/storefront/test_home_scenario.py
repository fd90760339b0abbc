"""Home page and scenario pages."""

from __future__ import annotations

from mercato.catalog.adapters.tables import Category, Product
from mercato.content import services
from mercato.content.domain import BannerData, ScenarioData
from tests.storefront.helpers import slugs, tags_with


def _content(tx, published: bool = True) -> int:
    services.save_banner(tx, None, BannerData("夏日特惠", "Summer deals", link="/c/apparel"))
    services.save_banner(tx, None, BannerData("隐藏", "Hidden one", active=False))
    page = services.save_scenario(
        tx,
        None,
        ScenarioData(
            "picnic",
            "野餐",
            "Picnic day",
            blocks=[
                {"type": "text", "body_zh": "阳光。\n\n草地。", "body_en": "Sun.\n\nGrass."},
                {"type": "image", "url": "/media/lawn.svg", "alt_zh": "草地", "alt_en": "Lawn"},
                {
                    "type": "products",
                    "title_zh": "野餐好物",
                    "title_en": "Picnic kit",
                    "product_slugs": ["ceramic-mug", "secret-draft", "cotton-tee"],
                },
            ],
        ),
    )
    services.publish_scenario(tx, page.id, published)
    return page.id


def test_home_in_both_languages(client, shop, db):
    with db.transaction() as tx:
        _content(tx)
        tx.get(Product, shop["cup"]["id"]).featured = True
        tx.get(Category, shop["root"]).icon = "/media/apparel.svg"
    zh = client.get("/")
    assert zh.status_code == 200
    assert "夏日特惠" in zh.text and "隐藏" not in zh.text
    assert len(tags_with(zh.text, "category-tile")) == 2 and 'src="/media/apparel.svg"' in zh.text
    assert 'href="/s/picnic"' in zh.text and "野餐" in zh.text
    featured = zh.text.split('data-testid="featured"')[1].split("</section>")[0]
    assert slugs(featured) == ["ceramic-mug"]
    newest = zh.text.split('data-testid="new-arrivals"')[1].split("</section>")[0]
    assert sorted(slugs(newest)) == ["ceramic-mug", "cotton-tee", "linen-polo"]
    en = client.get("/?lang=en")
    assert "Summer deals" in en.text and "New arrivals" in en.text and "Picnic day" in en.text


def test_home_with_empty_shop(client):
    r = client.get("/")
    assert r.status_code == 200 and "Mercato" in r.text


def test_scenario_page_renders_blocks_and_cards(client, shop, db):
    with db.transaction() as tx:
        _content(tx)
    r = client.get("/s/picnic?lang=en")
    assert r.status_code == 200
    types = [t.split('data-type="')[1].split('"')[0] for t in tags_with(r.text, "scenario-block")]
    assert types == ["text", "image", "products"]
    assert "<p>Sun.</p>" in r.text and 'alt="Lawn"' in r.text and "Picnic kit" in r.text
    assert slugs(r.text) == ["ceramic-mug", "cotton-tee"]  # the draft is left out
    assert "纯棉圆领T恤" in client.get("/s/picnic?lang=zh_CN").text


def test_unpublished_scenario_is_404(client, shop, db):
    with db.transaction() as tx:
        _content(tx, published=False)
    assert client.get("/s/picnic").status_code == 404
    assert client.get("/s/none").status_code == 404
