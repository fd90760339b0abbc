"""Staff product and SKU writes: happy paths, strict bodies, domain errors, no half writes."""

from __future__ import annotations

import pytest

from tests.api.helpers import error_of

PRODUCTS = "/api/v1/admin/products"


def _new_product(shop, **over):  # type: ignore[no-untyped-def]
    body = {
        "slug": "wool-scarf",
        "name_zh": "羊毛围巾",
        "name_en": "Wool scarf",
        "category_id": shop["root"],
        "brand_id": shop["brand"],
        "attributes": [{"code": "origin", "value_zh": "中国", "value_en": "China"}],
    }
    return {**body, **over}


SKU = {
    "code": "SCARF-1",
    "price": 12900,
    "cost": 6000,
    "weight_g": 150,
    "options": [{"axis": "color", "value_zh": "灰色", "value_en": "Grey"}],
}


def test_create_product_add_sku_and_publish(client, shop, api_headers):
    r = client.post(PRODUCTS, json=_new_product(shop), headers=api_headers)
    assert r.status_code == 201, r.text
    p = r.json()
    assert (p["status"], p["slug"], p["brand_id"]) == ("draft", "wool-scarf", shop["brand"])
    assert p["attributes"] == [{"code": "origin", "value_zh": "中国", "value_en": "China"}]
    error_of(client.get("/api/v1/products/wool-scarf"), 404)  # drafts stay private

    r = client.post(f"{PRODUCTS}/{p['id']}/skus", json=SKU, headers=api_headers)
    assert r.status_code == 201, r.text
    sku = r.json()
    assert (sku["price"], sku["cost"], sku["active"], sku["product_id"]) == (
        12900,
        6000,
        True,
        p["id"],
    )
    assert sku["options"] == SKU["options"]

    r = client.post(f"{PRODUCTS}/{p['id']}/status", json={"status": "active"}, headers=api_headers)
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["min_price"]) == ("active", 12900)
    public = client.get("/api/v1/products/wool-scarf", params={"lang": "en"})
    assert public.status_code == 200
    assert public.json()["skus"][0]["option_labels"] == {"Colour": "Grey"}
    assert public.json()["skus"][0]["available"] == 0


def test_duplicate_slug_is_409(client, shop, api_headers):
    err = error_of(
        client.post(PRODUCTS, json=_new_product(shop, slug="cotton-tee"), headers=api_headers),
        409,
        "slug",
    )
    assert err["code"] == "catalog.slug_taken"


@pytest.mark.parametrize(
    ("over", "status", "field"),
    [
        ({"category_id": 999999}, 404, "category_id"),
        ({"brand_id": 999999}, 404, "brand_id"),
        ({"category_id": "1"}, 422, "category_id"),
        ({"slug": "Not A Slug"}, 422, "slug"),
        ({"slug": ""}, 422, "slug"),
        ({"name_en": "x" * 201}, 422, "name_en"),
        ({"featured": "yes"}, 422, "featured"),
        ({"attributes": [{"code": "nope", "value_zh": "a", "value_en": "b"}]}, 422, "attributes"),
        ({"attributes": [{"code": "origin", "value_zh": "a"}]}, 422, "attributes.0.value_en"),
        ({"status": "active"}, 422, "status"),
    ],
)
def test_bad_product_bodies(client, shop, api_headers, over, status, field):
    error_of(
        client.post(PRODUCTS, json=_new_product(shop, **over), headers=api_headers), status, field
    )


def test_patch_changes_only_what_is_sent(client, shop, api_headers):
    pid = shop["tee"]["id"]
    r = client.patch(
        f"{PRODUCTS}/{pid}", json={"name_en": "Classic tee", "brand_id": None}, headers=api_headers
    )
    assert r.status_code == 200, r.text
    p = r.json()
    assert (p["name_en"], p["name_zh"], p["slug"], p["brand_id"]) == (
        "Classic tee",
        "纯棉圆领T恤",
        "cotton-tee",
        None,
    )
    assert p["attributes"] == [{"code": "origin", "value_zh": "中国", "value_en": "China"}]
    error_of(
        client.patch(f"{PRODUCTS}/{pid}", json={"slug": None}, headers=api_headers), 422, "slug"
    )
    error_of(
        client.patch(f"{PRODUCTS}/{pid}", json={"slug": "linen-polo"}, headers=api_headers),
        409,
        "slug",
    )
    error_of(
        client.patch(f"{PRODUCTS}/424242", json={"name_en": "x"}, headers=api_headers),
        404,
        "product_id",
    )


def test_status_and_delete_rules(client, shop, api_headers):
    pid = shop["cup"]["id"]
    error_of(
        client.post(f"{PRODUCTS}/{pid}/status", json={"status": "sold"}, headers=api_headers),
        422,
        "status",
    )
    err = error_of(client.delete(f"{PRODUCTS}/{pid}", headers=api_headers), 409, "status")
    assert err["code"] == "catalog.product_on_sale"
    client.post(f"{PRODUCTS}/{pid}/status", json={"status": "archived"}, headers=api_headers)
    r = client.delete(f"{PRODUCTS}/{pid}", headers=api_headers)
    assert r.status_code == 204 and r.content == b""
    error_of(client.delete(f"{PRODUCTS}/{pid}", headers=api_headers), 404)
    error_of(
        client.post(f"{PRODUCTS}/{pid}/status", json={"status": "active"}, headers=api_headers), 404
    )


def test_a_product_without_sku_cannot_go_on_sale(client, shop, api_headers):
    p = client.post(PRODUCTS, json=_new_product(shop), headers=api_headers).json()
    err = error_of(
        client.post(f"{PRODUCTS}/{p['id']}/status", json={"status": "active"}, headers=api_headers),
        422,
        "status",
    )
    assert err["code"] == "catalog.no_sellable_sku"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"price": 12.5}, "price"),
        ({"price": "12900"}, "price"),
        ({"price": True}, "price"),
        ({"price": 0}, "price"),
        ({"price": -100}, "price"),
        ({"price": 10**19}, "price"),
        ({"cost": 1.5}, "cost"),
        ({"weight_g": -1}, "weight_g"),
        ({"code": ""}, "code"),
        ({"code": "bad code"}, "code"),
        ({"barcode": "12345678"}, "barcode"),
        ({"discount": 5}, "discount"),
        ({"options": [{"axis": "color", "value_zh": "灰"}]}, "options.0.value_en"),
        ({"options": [{"axis": "weight", "value_zh": "重", "value_en": "Heavy"}]}, "options"),
    ],
)
def test_bad_sku_bodies_are_422(client, shop, api_headers, over, field):
    url = f"{PRODUCTS}/{shop['tee']['id']}/skus"
    body = {
        **SKU,
        "options": [
            {"axis": "color", "value_zh": "灰", "value_en": "Grey"},
            {"axis": "size", "value_zh": "S", "value_en": "S"},
        ],
        **over,
    }
    error_of(client.post(url, json=body, headers=api_headers), 422, field)


def test_a_whole_number_written_with_a_fraction_is_that_integer(client, shop, api_headers):
    # JSON Schema (OpenAPI 3.1) counts 129.0 as the integer 129; 12.5 stays refused (above).
    url = f"{PRODUCTS}/{shop['tee']['id']}/skus"
    options = [
        {"axis": "color", "value_zh": "灰", "value_en": "Grey"},
        {"axis": "size", "value_zh": "S", "value_en": "S"},
    ]
    body = {**SKU, "options": options, "price": 12900.0, "weight_g": 150.0}
    r = client.post(url, json=body, headers=api_headers)
    assert r.status_code == 201, r.text
    assert (r.json()["price"], r.json()["weight_g"]) == (12900, 150)


def test_sku_conflicts(client, shop, api_headers):
    url = f"{PRODUCTS}/{shop['cup']['id']}/skus"
    dup_code = {
        **SKU,
        "code": "MUG-350",
        "options": [{"axis": "capacity", "value_zh": "1升", "value_en": "1 l"}],
    }
    error_of(client.post(url, json=dup_code, headers=api_headers), 409, "code")
    error_of(
        client.post(f"{PRODUCTS}/424242/skus", json=SKU, headers=api_headers), 404, "product_id"
    )


def test_patch_and_delete_sku(client, shop, api_headers):
    pid, sid = shop["cup"]["id"], shop["cup"]["skus"][0]
    r = client.patch(f"{PRODUCTS}/{pid}/skus/{sid}", json={"price": 4500}, headers=api_headers)
    assert r.status_code == 200, r.text
    assert (r.json()["price"], r.json()["code"]) == (4500, "MUG-350")
    assert r.json()["options"] == [
        {"axis": "capacity", "value_zh": "350毫升", "value_en": "350 ml"}
    ]
    assert client.get("/api/v1/skus/MUG-350").json()["price"] == 4500
    other = shop["tee"]["id"]
    error_of(
        client.patch(f"{PRODUCTS}/{other}/skus/{sid}", json={"price": 1}, headers=api_headers),
        404,
        "sku_id",
    )
    error_of(
        client.patch(f"{PRODUCTS}/{pid}/skus/{sid}", json={"price": 4.5}, headers=api_headers),
        422,
        "price",
    )
    assert client.delete(f"{PRODUCTS}/{pid}/skus/{sid}", headers=api_headers).status_code == 204
    error_of(client.get("/api/v1/skus/MUG-350"), 404)


def test_refused_change_leaves_nothing_half_written(client, shop, api_headers):
    """Deactivating the last active SKU of a product on sale is refused after the SKU row was
    already flushed: the request's transaction must roll it all back."""
    pid = shop["cup"]["id"]
    first, second = shop["cup"]["skus"]
    ok = client.patch(f"{PRODUCTS}/{pid}/skus/{first}", json={"active": False}, headers=api_headers)
    assert ok.status_code == 200
    err = error_of(
        client.patch(
            f"{PRODUCTS}/{pid}/skus/{second}",
            json={"active": False, "price": 1},
            headers=api_headers,
        ),
        422,
        "status",
    )
    assert err["code"] == "catalog.no_sellable_sku"
    sku = client.get("/api/v1/skus/MUG-500").json()
    assert sku["price"] == 4900


def test_nul_characters_are_refused_before_the_database(client, shop, api_headers):
    err = error_of(
        client.post(PRODUCTS, json=_new_product(shop, name_zh="围\x00巾"), headers=api_headers),
        422,
        "name_zh",
    )
    assert "NUL" in err["message"]
