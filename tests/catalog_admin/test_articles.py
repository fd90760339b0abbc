"""Knowledge-base articles: linked products are typed as slugs or SKU codes."""

from __future__ import annotations

from sqlalchemy import select

from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.adapters.tables import Article, ArticleProduct
from tests.catalog_admin.helpers import assert_done, assert_refused, count, post


def article_form(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "slug": "cotton-care",
        "kind": "care",
        "title_zh": "纯棉衣物护理",
        "title_en": "Caring for cotton",
        "body_zh": "冷水洗涤。",
        "body_en": "Wash cold.",
        "products": "cotton-tee，POLO-WH-M\nMUG-350",
    }
    data.update(over)
    return data


def test_article_linked_by_slug_and_sku_code(admin, shop, db):
    assert_done(post(admin, "/admin/articles", article_form()), "/admin/articles")
    with db.reading() as s:
        art_id = s.scalars(select(Article.id)).one()
        linked = set(s.scalars(select(ArticleProduct.product_id)))
        assert linked == {shop["tee"]["id"], shop["polo"]["id"], shop["cup"]["id"]}
        view = product_detail(s, "cotton-tee", "en")
        assert [a.title for a in view.articles] == ["Caring for cotton"]
    page = admin.get(f"/admin/articles/{art_id}").text
    assert "cotton-tee" in page and "linen-polo" in page
    form = article_form(products="ceramic-mug", title_en="Cotton care")
    assert_done(post(admin, f"/admin/articles/{art_id}", form), "/admin/articles")
    with db.reading() as s:
        assert list(s.scalars(select(ArticleProduct.product_id))) == [shop["cup"]["id"]]
        assert s.get(Article, art_id).title_en == "Cotton care"
    assert "Cotton care" in admin.get("/admin/articles").text
    assert_done(post(admin, f"/admin/articles/{art_id}/delete"), "/admin/articles")
    assert count(db, Article) == 0 and count(db, ArticleProduct) == 0


def test_article_refusals_write_nothing(admin, shop, db):
    cases = [
        ({"products": "cotton-tee, no-such-thing"}, ["products"]),
        ({"slug": "Bad slug"}, ["slug"]),
        ({"kind": "novel"}, ["kind"]),
        ({"title_zh": "", "title_en": ""}, ["title_zh", "title_en"]),
    ]
    for over, fields in cases:
        r = post(admin, "/admin/articles", article_form(**over))
        assert_refused(r, *fields)
        assert "冷水洗涤。" in r.text
    assert "no-such-thing" in post(admin, "/admin/articles", article_form(**cases[0][0])).text
    assert count(db, Article) == 0 and count(db, ArticleProduct) == 0
    assert_done(post(admin, "/admin/articles", article_form()), "/admin/articles")
    r = post(admin, "/admin/articles", article_form(title_en="Other"))
    assert_refused(r, "slug")  # taken
    assert count(db, Article) == 1
