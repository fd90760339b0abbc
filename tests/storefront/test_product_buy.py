"""Product page, issue 14: the gallery of several pictures, units sold, the quantity stepper,
立即购买 beside 加入购物车 and the phone's buy bar; the form still posts without JavaScript."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import update

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.tables import Product
from mercato.catalog.services import knowledge
from mercato.inventory import services as stock
from tests.storefront.helpers import tags_with, text_of


def _sold(db: Any, product_id: int, n: int) -> None:
    with db.transaction() as tx:
        tx.execute(update(Product).where(Product.id == product_id).values(sales_count=n))
        repository.bump_version(tx)


def test_buy_form_posts_to_the_cart_or_to_checkout(client: Any, shop: Any) -> None:
    page = client.get("/p/cotton-tee").text
    form = tags_with(page, "add-to-cart-form")[0]
    assert 'method="post"' in form and 'action="/cart/add"' in form
    add, buy = tags_with(page, "add-to-cart")[0], tags_with(page, "buy-now")[0]
    assert 'type="submit"' in add and "formaction" not in add
    assert 'type="submit"' in buy and 'formaction="/cart/buy"' in buy
    # nothing chosen yet: without JavaScript both wait for a choice
    assert " disabled" in add and " disabled" in buy
    chosen = client.get(f"/p/cotton-tee?sku={shop['tee']['skus'][0]}").text
    assert " disabled" not in tags_with(chosen, "add-to-cart")[0]
    assert " disabled" not in tags_with(chosen, "buy-now")[0]
    assert text_of(chosen, "buy-now") == "立即购买"
    assert text_of(chosen, "add-to-cart") == "加入购物车"
    qty = tags_with(chosen, "add-quantity")[0]
    assert 'name="quantity"' in qty and 'min="1"' in qty and 'max="99"' in qty
    assert tags_with(chosen, "quantity-less") and tags_with(chosen, "quantity-more")


def test_sold_out_sku_cannot_be_bought(client: Any, db: Any, shop: Any) -> None:
    white_l = shop["tee"]["skus"][1]
    with db.transaction() as tx:
        stock.set_on_hand(tx, white_l, shop["warehouse"], 0, "count", "test")
    page = client.get(f"/p/cotton-tee?sku={white_l}").text
    assert " disabled" in tags_with(page, "add-to-cart")[0]
    assert " disabled" in tags_with(page, "buy-now")[0]


def test_buy_bar_links_the_shop_and_the_cart(client: Any, shop: Any) -> None:
    page = client.get("/p/cotton-tee").text
    bar = page[page.index('data-testid="buy-bar"'):page.index("</form>", page.index("buy-bar"))]
    assert 'href="/" data-testid="buybar-home"' in bar
    assert 'href="/cart" data-testid="buybar-cart"' in bar
    assert tags_with(bar, "buybar-cart-count")[0].endswith(" hidden>")
    assert bar.index('data-testid="add-to-cart"') < bar.index('data-testid="buy-now"')


def test_units_sold(client: Any, db: Any, shop: Any) -> None:
    assert text_of(client.get("/p/cotton-tee").text, "sales-count") == "已售 0"
    _sold(db, shop["tee"]["id"], 9999)
    assert text_of(client.get("/p/cotton-tee").text, "sales-count") == "已售 9999"
    _sold(db, shop["tee"]["id"], 12345)
    assert text_of(client.get("/p/cotton-tee").text, "sales-count") == "已售 1.2万+"
    assert text_of(client.get("/p/cotton-tee?lang=en").text, "sales-count") == "12k+ sold"
    _sold(db, shop["tee"]["id"], 30000)
    assert text_of(client.get("/p/cotton-tee?lang=zh_CN").text, "sales-count") == "已售 3万+"


def test_gallery_of_several_pictures(client: Any, db: Any, shop: Any) -> None:
    urls = [f"/media/tee-{n}.svg" for n in range(3)]
    with db.transaction() as tx:
        knowledge.set_images(tx, shop["tee"]["id"], urls)
        knowledge.set_images(tx, shop["cup"]["id"], ["/media/cup.svg"])
    page = client.get("/p/cotton-tee").text
    shown = [re.search(r'src="([^"]+)"', t).group(1)  # type: ignore[union-attr]
             for t in tags_with(page, "gallery-image")]
    assert shown == urls
    thumbs = tags_with(page, "gallery-thumb")
    assert [t.split('href="')[1].split('"')[0] for t in thumbs] == ["#g1", "#g2", "#g3"]
    assert 'aria-current="true"' in thumbs[0] and "aria-current" not in thumbs[1]
    assert "第 2 张，共 3 张" in thumbs[1]
    assert 'data-testid="gallery-count"><b>1</b>/3</span>' in page
    one = client.get("/p/ceramic-mug").text
    assert len(tags_with(one, "gallery-image")) == 1
    assert not tags_with(one, "gallery-thumb") and 'data-testid="gallery-count"' not in one
