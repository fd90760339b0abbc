"""Products and SKUs through the admin forms: the happy path reaches the shop listing, and
every refused form answers 422 with the error next to the field and writes nothing."""

from __future__ import annotations

from sqlalchemy import select

from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.adapters.tables import (
    ContentBlock,
    Product,
    ProductAttribute,
    ProductImage,
    Sku,
    SkuOption,
)
from mercato.catalog.views import ListQuery
from tests.catalog_admin.helpers import assert_done, assert_refused, count, post


def product_form(shop: dict, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "slug": "wool-scarf",
        "name_zh": "羊毛围巾",
        "name_en": "Wool scarf",
        "subtitle_zh": "",
        "subtitle_en": "",
        "description_zh": "温暖",
        "description_en": "Warm",
        "category_id": str(shop["root"]),
        "brand_id": str(shop["brand"]),
        "attr_code": ["origin", ""],
        "attr_zh": ["内蒙古", ""],
        "attr_en": ["Inner Mongolia", ""],
    }
    data.update(over)
    return data


def sku_form(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "SCARF-RED",
        "barcode": "4006381333931",
        "price": "59.9",
        "cost": "20",
        "weight_g": "150",
        "active": "1",
        "opt_zh.color": "红色",
        "opt_en.color": "Red",
    }
    data.update(over)
    return data


def _id_from(location: str) -> int:
    return int(location.split("?")[0].rstrip("/").split("/")[-1])


def _product_id(db, slug: str) -> int:
    with db.reading() as s:
        return s.execute(select(Product.id).where(Product.slug == slug)).scalar_one()


def test_create_product_add_sku_activate_reaches_the_shop(admin, shop, db):
    r = post(admin, "/admin/products", product_form(shop))
    assert_done(r, "/admin/products/")
    pid = _id_from(r.headers["location"])
    with db.reading() as s:
        p = s.get(Product, pid)
        assert (p.status, p.name_en, p.image) == ("draft", "Wool scarf", "")
    assert count(db, ProductImage, ProductImage.product_id == pid) == 0  # pictures come later
    assert count(db, ProductAttribute, ProductAttribute.product_id == pid) == 1

    assert_done(post(admin, f"/admin/products/{pid}/skus", sku_form()), f"/admin/products/{pid}")
    with db.reading() as s:
        sku = s.scalars(select(Sku).where(Sku.product_id == pid)).one()
        assert (sku.price, sku.cost, sku.weight_g, sku.barcode) == (
            5990,
            2000,
            150,
            "4006381333931",
        )
        opts = s.scalars(select(SkuOption).where(SkuOption.sku_id == sku.id)).all()
        assert [(o.axis_code, o.value_zh, o.value_en) for o in opts] == [("color", "红色", "Red")]

    assert_done(post(admin, f"/admin/products/{pid}/status", {"status": "active"}), "/admin")
    with db.reading() as s:
        found = list_products(s, ListQuery(q="scarf", locale="en"), None)
        assert [(c.slug, c.min_price) for c in found.items] == [("wool-scarf", 5990)]
    page = admin.get(f"/admin/products/{pid}").text
    assert "SCARF-RED" in page and "¥59.90" in page
    listing = admin.get("/admin/products?q=SCARF-RED").text
    assert 'data-product="wool-scarf"' in listing


def test_edit_product_updates_fields_and_attributes_and_keeps_the_pictures(admin, shop, db):
    pid = shop["tee"]["id"]
    url = "https://img.example.com/tee.jpg"
    assert_done(post(admin, f"/admin/products/{pid}/pictures/address", {"picture_url": url}), "/")
    r = post(
        admin,
        f"/admin/products/{pid}",
        product_form(
            shop,
            slug="cotton-tee",
            name_en="Cotton tee v2",
            featured="1",
            attr_code=[""],
            attr_zh=[""],
            attr_en=[""],
        ),
    )
    assert_done(r, f"/admin/products/{pid}")
    with db.reading() as s:
        p = s.get(Product, pid)
        assert (p.name_en, p.featured, p.category_id, p.image) == (
            "Cotton tee v2",
            True,
            shop["root"],
            url,
        )
    assert count(db, ProductAttribute, ProductAttribute.product_id == pid) == 0
    assert count(db, ProductImage, ProductImage.product_id == pid) == 1


def test_create_product_refusals_write_nothing(admin, shop, db):
    before = count(db, Product)
    cases = [
        ({"name_zh": "", "name_en": "  "}, ["name_zh", "name_en"]),
        ({"slug": "Bad Slug!"}, ["slug"]),
        ({"slug": "cotton-tee"}, ["slug"]),  # taken
        ({"category_id": ""}, ["category_id"]),
        ({"category_id": "999999"}, ["category_id"]),
        ({"category_id": "abc"}, ["category_id"]),
        ({"attr_code": ["nope"], "attr_zh": ["x"], "attr_en": ["y"]}, ["attributes"]),
        ({"attr_code": ["origin"], "attr_zh": ["中国"], "attr_en": [""]}, ["attributes"]),
        ({"description_en": "<p>" + "x" * 50_001 + "</p>"}, ["description_en"]),
    ]
    for over, fields in cases:
        r = post(admin, "/admin/products", product_form(shop, **over))
        assert_refused(r, *fields)
        for key, value in over.items():
            if key == "slug":
                assert value.strip() in r.text  # the user's input is kept
    assert count(db, Product) == before
    assert count(db, ProductImage) == 0


def test_a_refused_edit_writes_nothing(admin, shop, db):
    pid = shop["tee"]["id"]
    long = "<p>" + "长" * 50_001 + "</p>"
    form = product_form(shop, slug="cotton-tee", name_en="Changed name", description_zh=long)
    assert_refused(post(admin, f"/admin/products/{pid}", form), "description_zh")
    with db.reading() as s:
        assert s.get(Product, pid).name_en == "Cotton crew-neck T-shirt"
    assert "Changed name" in post(admin, f"/admin/products/{pid}", form).text


def test_sku_refusals_write_nothing(admin, shop, db):
    pid = shop["tee"]["id"]
    before = count(db, Sku)
    ok = {"opt_zh.color": "灰色", "opt_en.color": "Grey", "opt_zh.size": "M", "opt_en.size": "M"}
    cases = [
        ({"code": "TEE-WH-M"}, ["code"]),  # taken
        ({"code": "bad code"}, ["code"]),
        ({"price": "-5"}, ["price"]),
        ({"price": "abc"}, ["price"]),
        ({"price": "1.234"}, ["price"]),
        ({"price": ""}, ["price"]),
        ({"price": "0"}, ["price"]),
        ({"cost": "x"}, ["cost"]),
        ({"weight_g": "-1"}, ["weight_g"]),
        ({"image": "javascript:alert(1)"}, ["image"]),
        ({"barcode": "4006381333932"}, ["barcode"]),  # wrong check digit
        ({"opt_zh.color": "白色", "opt_en.color": "White"}, ["options"]),  # WH-M exists
        ({"opt_zh.size": "", "opt_en.size": ""}, ["opt.size"]),  # axes are fixed
        ({"opt_en.color": ""}, ["opt.color"]),
    ]
    for over, fields in cases:
        data = sku_form(code="TEE-GR-M", **ok)
        data.update(over)
        assert_refused(post(admin, f"/admin/products/{pid}/skus", data), *fields)
    assert count(db, Sku) == before
    r = post(admin, f"/admin/products/{pid}/skus", sku_form(code="TEE-GR-M", **ok))
    assert_done(r, f"/admin/products/{pid}")
    assert count(db, Sku) == before + 1


def test_garbage_price_keeps_the_input_and_says_why(admin, shop):
    data = sku_form(code="NEW-1", price="12,5元")
    r = post(admin, f"/admin/products/{shop['draft']['id']}/skus", data)
    assert_refused(r, "price")
    assert 'value="12,5元"' in r.text


def test_first_sku_picks_the_axes(admin, shop, db):
    r = post(admin, "/admin/products", product_form(shop))
    pid = _id_from(r.headers["location"])
    page = admin.get(f"/admin/products/{pid}").text
    assert 'name="opt_zh.capacity"' in page  # every axis offered for the first SKU
    data = sku_form(**{"opt_zh.size": "大", "opt_en.size": "L"})
    assert_done(post(admin, f"/admin/products/{pid}/skus", data), "/admin/products/")
    page = admin.get(f"/admin/products/{pid}").text
    assert 'name="opt_zh.capacity"' not in page and 'name="opt_zh.size"' in page


def test_activate_without_skus_is_refused(admin, shop, db):
    r = post(admin, "/admin/products", product_form(shop))
    pid = _id_from(r.headers["location"])
    r = post(admin, f"/admin/products/{pid}/status", {"status": "active"})
    assert_refused(r, "status")
    with db.reading() as s:
        assert s.get(Product, pid).status == "draft"
    assert_refused(post(admin, f"/admin/products/{pid}/status", {"status": "sold"}), "status")


def test_edit_and_delete_sku(admin, shop, db):
    sku_id = shop["tee"]["skus"][0]
    page = admin.get(f"/admin/skus/{sku_id}").text
    assert 'value="99.00"' in page and 'value="White"' in page
    options = {
        "opt_zh.color": "白色",
        "opt_en.color": "White",
        "opt_zh.size": "M",
        "opt_en.size": "M",
    }
    data = sku_form(code="TEE-WH-M", barcode="", price="88.8", image="/media/wh.jpg", **options)
    assert_done(post(admin, f"/admin/skus/{sku_id}", data), "/admin/products/")
    with db.reading() as s:
        assert (s.get(Sku, sku_id).price, s.get(Sku, sku_id).image) == (8880, "/media/wh.jpg")
    assert 'value="/media/wh.jpg"' in admin.get(f"/admin/skus/{sku_id}").text
    data["opt_en.size"] = "L"  # TEE-WH-L already has White/L
    assert_refused(post(admin, f"/admin/skus/{sku_id}", data), "options")
    with db.reading() as s:
        assert s.get(Sku, sku_id).price == 8880
    assert_done(post(admin, f"/admin/skus/{sku_id}/delete"), "/admin/products/")
    assert count(db, Sku, Sku.id == sku_id) == 0


def test_deleting_the_last_active_sku_of_a_product_on_sale_is_refused(admin, shop, db):
    cup = shop["cup"]
    assert_done(post(admin, f"/admin/skus/{cup['skus'][0]}/delete"), "/admin/products/")
    r = post(admin, f"/admin/skus/{cup['skus'][1]}/delete")
    assert_refused(r, "status")
    assert count(db, Sku, Sku.product_id == cup["id"]) == 1


def test_delete_product_only_when_not_on_sale(admin, shop, db):
    tee = shop["tee"]["id"]
    assert_refused(post(admin, f"/admin/products/{tee}/delete"), "status")
    assert count(db, Product, Product.id == tee) == 1
    assert_done(post(admin, f"/admin/products/{tee}/status", {"status": "archived"}), "/admin")
    assert_done(post(admin, f"/admin/products/{tee}/delete"), "/admin/products")
    assert count(db, Product, Product.id == tee) == 0


def test_content_blocks(admin, shop, db):
    pid = shop["tee"]["id"]
    block = {
        "kind": "video",
        "title_zh": "织造过程",
        "title_en": "How it is woven",
        "media_url": "https://video.example.com/weave.mp4",
    }
    assert_refused(post(admin, f"/admin/products/{pid}/blocks", {**block, "kind": "x"}), "kind")
    refused = post(admin, f"/admin/products/{pid}/blocks", {**block, "title_en": ""})
    assert_refused(refused, "title_en")
    assert "织造过程" in refused.text
    assert_refused(
        post(admin, f"/admin/products/{pid}/blocks", {**block, "media_url": "ftp://x"}),
        "media_url",
    )
    assert count(db, ContentBlock) == 0
    assert_done(post(admin, f"/admin/products/{pid}/blocks", block), f"/admin/products/{pid}")
    with db.reading() as s:
        block_id = s.scalars(select(ContentBlock.id)).one()
    assert "How it is woven" in admin.get(f"/admin/products/{pid}").text
    assert_done(post(admin, f"/admin/blocks/{block_id}/delete"), f"/admin/products/{pid}")
    assert count(db, ContentBlock) == 0


def test_errors_are_translated(admin, shop):
    data = sku_form(code="NEW-1", barcode="4006381333932", price="abc")
    r = post(admin, f"/admin/products/{shop['draft']['id']}/skus", data)
    assert_refused(r, "barcode", "price")
    assert "不是有效的 GTIN/EAN 条码" in r.text and "请输入以元为单位的金额" in r.text
    admin.cookies.set("lang", "en")
    r = post(admin, f"/admin/products/{shop['draft']['id']}/skus", data)
    assert "Not a valid GTIN/EAN barcode" in r.text
