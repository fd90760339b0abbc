"""No-reason returns ("7天无理由退货") on the product page follow the product's category: set
on a category, inherited by its sub-categories unless they set their own, 7 days where none
says anything; staff change it in the category form (audited), and catalog.public tells other
contexts (after-sales) the same rule."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mercato.catalog import public as catalog
from mercato.catalog.adapters.tables import Category
from mercato.catalog.services import taxonomy
from mercato.kernel.errors import DomainError
from mercato.platform.audit import AuditEntry
from tests.catalog_admin.helpers import assert_done, assert_refused, post
from tests.factories import make_product
from tests.storefront.helpers import text_of


def _set(db: Any, category_id: int, days: int | None) -> None:
    with db.transaction() as tx:
        c = tx.get(Category, category_id)
        taxonomy.save_category(
            tx, c.id, c.slug, c.name_zh, c.name_en, c.parent_id, c.position, days
        )


def _returns(client: Any, slug: str) -> str:
    return text_of(client.get(f"/p/{slug}").text, "returns")


def test_seven_days_where_no_category_says_otherwise(client, shop):
    page = client.get(f"/p/{shop['tee']['slug']}").text
    assert text_of(page, "returns") == "7天无理由退货"
    assert text_of(client.get(f"/p/{shop['tee']['slug']}?lang=en").text, "returns") == (
        "7-day no-reason returns"
    )


def test_an_excluded_category_shows_no_seven_day_line(client, db, shop):
    _set(db, shop["tees"], 0)
    page = client.get(f"/p/{shop['tee']['slug']}").text
    assert "天无理由退货" not in page
    assert text_of(page, "returns") == "不支持无理由退货"  # the law wants exclusions stated


def test_sub_categories_inherit_unless_they_set_their_own(client, db, shop):
    _set(db, shop["root"], 0)  # apparel → its child t-shirts (the tee's category) inherits
    assert _returns(client, shop["tee"]["slug"]) == "不支持无理由退货"
    with db.transaction() as tx:
        cup = make_product(tx, shop, "mug", "马克杯", "Mug", [("MUG-1", 3900, [])], category="cups")
    assert _returns(client, cup["slug"]) == "7天无理由退货"  # another tree: untouched
    _set(db, shop["tees"], 15)
    assert _returns(client, shop["tee"]["slug"]) == "15天无理由退货"
    _set(db, shop["tees"], None)  # back to "as the parent"
    assert _returns(client, shop["tee"]["slug"]) == "不支持无理由退货"


def test_public_rule_for_products_and_categories(db, shop):
    _set(db, shop["root"], 0)
    _set(db, shop["cups"], 30)
    tee = shop["tee"]["id"]
    with db.reading() as tx:
        assert catalog.returns_days_for_products(tx, [tee, 999999]) == {tee: 0, 999999: 7}
        by_category = catalog.returns_days_for_categories(
            tx, [shop["root"], shop["tees"], shop["cups"]]
        )
    assert by_category == {shop["root"]: 0, shop["tees"]: 0, shop["cups"]: 30}


def test_the_rule_refuses_days_below_the_law(db, shop):
    for bad in (3, -1, 91):
        try:
            _set(db, shop["tees"], bad)
        except DomainError as exc:
            assert exc.field == "returns_days"
        else:
            raise AssertionError(f"{bad} days accepted")


def _form(shop: dict[str, Any], **over: str) -> dict[str, str]:
    data = {"slug": "t-shirts", "name_zh": "T恤", "name_en": "T-shirts"}
    data |= {"parent_id": str(shop["root"]), "position": "0", "returns_days": ""}
    return data | over


def test_staff_change_it_in_the_category_form_and_the_audit_log_keeps_it(admin, db, shop):
    url = f"/admin/categories/{shop['tees']}"
    page = admin.get(url).text
    assert 'name="returns_days"' in page and "本分类商品当前：7天无理由退货" in page
    assert_done(post(admin, url, _form(shop, returns_days="0")), "/admin/categories")
    assert _returns(admin, shop["tee"]["slug"]) == "不支持无理由退货"
    with db.reading() as tx:
        audit = tx.scalars(select(AuditEntry).where(AuditEntry.target.like("catalog_category#%")))
        changes = [a.changes for a in audit]
    assert any('"returns_days": [null, 0]' in c for c in changes), changes
    assert 'data-testid="category-returns">不支持无理由退货' in admin.get("/admin/categories").text
    assert_refused(post(admin, url, _form(shop, returns_days="3")), "returns_days")
    assert_refused(post(admin, url, _form(shop, returns_days="seven")), "returns_days")
    with db.reading() as tx:
        assert tx.get(Category, shop["tees"]).returns_days == 0
