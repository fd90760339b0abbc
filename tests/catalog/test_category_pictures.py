"""category_pictures: each category's best-selling active product's picture, in one statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from mercato.catalog.adapters.queries.pictures import category_pictures
from mercato.catalog.adapters.tables import Product
from mercato.catalog.services import knowledge, products
from tests.factories import make_product
from tests.storefront.helpers import count_queries


def test_best_seller_with_a_picture_per_category(db: Any, shop: Any) -> None:
    with db.transaction() as tx:
        knowledge.set_images(tx, shop["tee"]["id"], ["/media/tee.svg"])
        knowledge.set_images(tx, shop["polo"]["id"], ["/media/polo.svg"])
        knowledge.set_images(tx, shop["draft"]["id"], ["/media/draft.svg"])
        plain = make_product(tx, shop, "plain", "素杯", "Plain", [("P-1", 900, [])],
                             category="cups")
        tx.execute(update(Product).where(Product.id == shop["draft"]["id"]).values(sales_count=99))
        tx.execute(update(Product).where(Product.id == plain["id"]).values(sales_count=50))
        tx.execute(update(Product).where(Product.id == shop["tee"]["id"]).values(sales_count=3))
    with db.reading() as tx, count_queries(db) as seen:
        found = category_pictures(tx)
    # cups: the draft sells most but is not on sale, the plain cup has no picture, the mug has
    # none either; T-shirts: the tee outsells the polo
    assert found == {shop["tees"]: "/media/tee.svg"}
    assert len([s for s in seen if s != "BEGIN"]) == 1
    with db.transaction() as tx:
        knowledge.set_images(tx, shop["cup"]["id"], ["/media/mug.svg"])
        products.set_status(tx, shop["tee"]["id"], "archived")
    with db.reading() as tx:
        assert category_pictures(tx) == {
            shop["tees"]: "/media/polo.svg", shop["cups"]: "/media/mug.svg"}
