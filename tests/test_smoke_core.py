from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.views import ListQuery


def test_listing_and_detail(shop, db):
    with db.reading() as s:
        res = list_products(s, ListQuery(locale="en"), None)
        assert res.total == 3
        assert {f.code for f in res.facets} >= {"brand", "price", "opt.color", "opt.size"}
        view = product_detail(s, "cotton-tee", "zh_CN")
        assert view is not None and len(view.skus) == 4
        assert [a.code for a in view.axes] == ["color", "size"]
        found = list_products(s, ListQuery(q="T恤", locale="zh_CN"), None)
        assert found.total == 2  # both are in the T恤 category
        found = list_products(s, ListQuery(q="linen", locale="en"), None)
        assert [i.slug for i in found.items] == ["linen-polo"]
