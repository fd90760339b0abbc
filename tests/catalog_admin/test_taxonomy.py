"""Categories, brands, option axes and attributes through the admin forms."""

from __future__ import annotations

from mercato.catalog.adapters.tables import Attribute, Brand, Category, OptionAxis
from tests.catalog_admin.helpers import assert_done, assert_refused, count, post


def cat_form(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "slug": "hoodies",
        "name_zh": "卫衣",
        "name_en": "Hoodies",
        "parent_id": "",
        "position": "3",
    }
    data.update(over)
    return data


def test_create_category_under_a_parent_and_show_the_tree(admin, shop, db):
    r = post(admin, "/admin/categories", cat_form(parent_id=str(shop["root"])))
    assert_done(r, "/admin/categories")
    with db.reading() as s:
        c = s.query(Category).filter_by(slug="hoodies").one()
        assert (c.parent_id, c.path, c.position) == (shop["root"], f"/{shop['root']}/{c.id}/", 3)
    tree = admin.get("/admin/categories").text
    assert tree.index('data-category="apparel"') < tree.index('data-category="hoodies"')


def test_category_refusals_write_nothing(admin, shop, db):
    before = count(db, Category)
    cases = [
        ({"name_zh": "", "name_en": ""}, ["name_zh", "name_en"]),
        ({"slug": "Not OK"}, ["slug"]),
        ({"slug": "cups"}, ["slug"]),
        ({"slug": "a" * 90}, ["slug"]),
        ({"parent_id": "999999"}, ["parent_id"]),
        ({"position": "first"}, ["position"]),
    ]
    for over, fields in cases:
        assert_refused(post(admin, "/admin/categories", cat_form(**over)), *fields)
    assert count(db, Category) == before


def test_move_category_and_its_subtree(admin, shop, db):
    root, tees, cups = shop["root"], shop["tees"], shop["cups"]
    form = cat_form(slug="apparel", name_zh="服饰", name_en="Apparel", parent_id=str(cups))
    assert_done(post(admin, f"/admin/categories/{root}", form), "/admin/categories")
    with db.reading() as s:
        assert s.get(Category, tees).path == f"/{cups}/{root}/{tees}/"


def test_move_under_own_child_or_itself_is_refused(admin, shop, db):
    root, tees = shop["root"], shop["tees"]
    for parent in (tees, root):
        form = cat_form(slug="apparel", name_zh="服饰", name_en="Apparel", parent_id=str(parent))
        assert_refused(post(admin, f"/admin/categories/{root}", form), "parent_id")
    with db.reading() as s:
        assert s.get(Category, root).parent_id is None
        assert s.get(Category, root).path == f"/{root}/"


def test_delete_category_with_products_or_children_is_refused(admin, shop, db):
    r = post(admin, f"/admin/categories/{shop['tees']}/delete")
    assert_refused(r, "category_id")
    r = post(admin, f"/admin/categories/{shop['root']}/delete")
    assert_refused(r, "category_id")
    assert count(db, Category) == 3
    assert_done(post(admin, "/admin/categories", cat_form()), "/admin/categories")
    with db.reading() as s:
        new_id = s.query(Category.id).filter_by(slug="hoodies").scalar()
    assert_done(post(admin, f"/admin/categories/{new_id}/delete"), "/admin/categories")
    assert count(db, Category) == 3


def test_brand_crud(admin, shop, db):
    form = {"slug": "red-pine", "name_zh": "红松", "name_en": "Red Pine", "story_zh": "老字号"}
    assert_refused(post(admin, "/admin/brands", {**form, "slug": "north-hill"}), "slug")
    assert_refused(post(admin, "/admin/brands", {**form, "name_en": ""}), "name_en")
    assert_refused(post(admin, "/admin/brands", {**form, "logo": "x" * 301}), "logo")
    assert count(db, Brand) == 2
    assert_done(post(admin, "/admin/brands", form), "/admin/brands")
    with db.reading() as s:
        brand_id = s.query(Brand.id).filter_by(slug="red-pine").scalar()
    edited = {**form, "name_en": "Red Pine Co."}
    assert_done(post(admin, f"/admin/brands/{brand_id}", edited), "/admin/brands")
    with db.reading() as s:
        assert s.get(Brand, brand_id).name_en == "Red Pine Co."
    assert_refused(post(admin, f"/admin/brands/{shop['brand']}/delete"), "brand_id")
    assert_done(post(admin, f"/admin/brands/{brand_id}/delete"), "/admin/brands")
    assert count(db, Brand) == 2


def test_axes_create_edit_and_duplicate_code(admin, shop, db):
    form = {"code": "material", "name_zh": "材质", "name_en": "Material", "position": "5"}
    assert_refused(post(admin, "/admin/axes", {**form, "code": "color"}), "code")
    assert_refused(post(admin, "/admin/axes", {**form, "code": "Bad Code"}), "code")
    assert_refused(post(admin, "/admin/axes", {**form, "position": "x"}), "position")
    assert count(db, OptionAxis) == 3
    with db.reading() as s:
        assert s.get(OptionAxis, "color").name_en == "Colour"
    assert_done(post(admin, "/admin/axes", form), "/admin/axes")
    assert_done(
        post(admin, "/admin/axes/material", {**form, "name_en": "Fabric", "position": "1"}),
        "/admin/axes",
    )
    with db.reading() as s:
        axis = s.get(OptionAxis, "material")
        assert (axis.name_en, axis.position) == ("Fabric", 1)
    assert_refused(post(admin, "/admin/axes/material", {**form, "name_zh": ""}), "name_zh")


def test_attributes_create_and_edit(admin, shop, db):
    form = {"code": "skin_type", "name_zh": "肤质", "name_en": "Skin type", "facet": "1"}
    assert_refused(post(admin, "/admin/attributes", {**form, "code": "origin"}), "code")
    assert count(db, Attribute) == 1
    assert_done(post(admin, "/admin/attributes", form), "/admin/attributes")
    assert_done(
        post(admin, "/admin/attributes/skin_type", {"name_zh": "肤质", "name_en": "Skin"}),
        "/admin/attributes",
    )
    with db.reading() as s:
        attr = s.get(Attribute, "skin_type")
        assert (attr.name_en, attr.facet) == ("Skin", False)


def test_category_vat_rate_is_set_shown_and_back_to_the_parents(admin, shop, db):
    form = cat_form(parent_id=str(shop["root"]), tax_rate_bp="900")
    assert_done(post(admin, "/admin/categories", form), "/admin/categories")
    with db.reading() as s:
        c = s.query(Category).filter_by(slug="hoodies").one()
        assert c.tax_rate_bp == 900
        c_id = c.id
    page = admin.get(f"/admin/categories/{c_id}").text
    assert "增值税税率" in page and 'data-testid="tax-rate"' in page
    assert '<option value="900" selected>9%</option>' in page
    assert '<option value="0">0%</option>' in page and "同上级分类（顶级分类为 13%）" in page
    url = f"/admin/categories/{c_id}"
    assert_done(post(admin, url, cat_form(parent_id=str(shop["root"]), tax_rate_bp="0")), "/")
    with db.reading() as s:
        assert s.get(Category, c_id).tax_rate_bp == 0  # 0% is a rate of its own
    assert_done(post(admin, url, cat_form(parent_id=str(shop["root"]), tax_rate_bp="")), "/")
    with db.reading() as s:
        assert s.get(Category, c_id).tax_rate_bp is None  # as the parent category


def test_category_vat_rate_refusals_write_nothing(admin, shop, db):
    before = count(db, Category)
    for bad in ("1000", "13", "-100", "9%", "²", "9" * 5000):
        r = post(admin, "/admin/categories", cat_form(tax_rate_bp=bad))
        assert_refused(r, "tax_rate_bp")
    assert count(db, Category) == before
    r = post(admin, f"/admin/categories/{shop['cups']}", cat_form(slug="cups", tax_rate_bp="1"))
    assert_refused(r, "tax_rate_bp")
    with db.reading() as s:
        assert s.get(Category, shop["cups"]).tax_rate_bp is None
