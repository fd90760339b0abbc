"""Staff category, brand and stock writes."""

from __future__ import annotations

import pytest

from tests.api.helpers import error_of

CATS, BRANDS, STOCK = "/api/v1/admin/categories", "/api/v1/admin/brands", "/api/v1/admin/stock"


def test_category_create_move_delete(client, shop, api_headers):
    r = client.post(
        CATS,
        json={
            "slug": "polos",
            "name_zh": "Polo衫",
            "name_en": "Polos",
            "parent_id": shop["root"],
            "position": 2,
        },
        headers=api_headers,
    )
    assert r.status_code == 201, r.text
    c = r.json()
    assert (c["parent_id"], c["path"]) == (shop["root"], f"/{shop['root']}/{c['id']}/")
    r = client.patch(
        f"{CATS}/{c['id']}", json={"parent_id": None, "name_en": "Polo shirts"}, headers=api_headers
    )
    assert r.status_code == 200, r.text
    assert (r.json()["parent_id"], r.json()["path"], r.json()["slug"]) == (
        None,
        f"/{c['id']}/",
        "polos",
    )
    tree = client.get("/api/v1/categories", params={"lang": "en"}).json()["items"]
    assert "Polo shirts" in {n["name"] for n in tree}
    assert client.delete(f"{CATS}/{c['id']}", headers=api_headers).status_code == 204


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"slug": "cups", "name_zh": "杯", "name_en": "Cups"}, 409, "slug"),
        (
            {"slug": "new", "name_zh": "新", "name_en": "New", "parent_id": 999999},
            422,
            "parent_id",
        ),
        ({"slug": "new", "name_zh": "新"}, 422, "name_en"),
        ({"slug": "new", "name_zh": "新", "name_en": "New", "position": 1.5}, 422, "position"),
        ({"slug": "new", "name_zh": "新", "name_en": "New", "icon": "x"}, 422, "icon"),
    ],
)
def test_bad_categories(client, shop, api_headers, body, status, field):
    error_of(client.post(CATS, json=body, headers=api_headers), status, field)


def test_category_rules(client, shop, api_headers):
    err = error_of(
        client.patch(
            f"{CATS}/{shop['root']}", json={"parent_id": shop["tees"]}, headers=api_headers
        ),
        422,
        "parent_id",
    )
    assert err["code"] == "catalog.category_cycle"
    error_of(client.delete(f"{CATS}/{shop['cups']}", headers=api_headers), 409, "category_id")
    error_of(
        client.patch(f"{CATS}/424242", json={"name_en": "x"}, headers=api_headers),
        404,
        "category_id",
    )


def test_brand_create_update_delete(client, shop, api_headers):
    r = client.post(
        BRANDS,
        json={
            "slug": "red-hill",
            "name_zh": "红山",
            "name_en": "Red Hill",
            "story_en": "Since 1990.",
        },
        headers=api_headers,
    )
    assert r.status_code == 201, r.text
    b = r.json()
    r = client.patch(f"{BRANDS}/{b['id']}", json={"story_zh": "始于1990年。"}, headers=api_headers)
    assert (r.json()["story_zh"], r.json()["story_en"]) == ("始于1990年。", "Since 1990.")
    error_of(
        client.patch(f"{BRANDS}/{b['id']}", json={"slug": "north-hill"}, headers=api_headers),
        409,
        "slug",
    )
    error_of(client.delete(f"{BRANDS}/{shop['brand']}", headers=api_headers), 409, "brand_id")
    assert client.delete(f"{BRANDS}/{b['id']}", headers=api_headers).status_code == 204


def test_put_stock_sets_on_hand(client, shop, api_headers):
    sku = shop["cup"]["skus"][1]
    body = {"sku_id": sku, "warehouse_id": shop["warehouse"], "on_hand": 42, "reason": "receive"}
    r = client.put(STOCK, json=body, headers=api_headers)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "sku_id": sku,
        "warehouse_id": shop["warehouse"],
        "on_hand": 42,
        "reserved": 0,
        "available": 42,
    }
    assert client.get("/api/v1/availability", params={"sku": sku}).json() == {str(sku): 42}


@pytest.mark.parametrize(
    ("over", "status", "field"),
    [
        ({"on_hand": -1}, 422, "on_hand"),
        ({"on_hand": 2.5}, 422, "on_hand"),
        ({"on_hand": "5"}, 422, "on_hand"),
        ({"on_hand": 10**12}, 422, "on_hand"),
        ({"reason": "ship"}, 422, "reason"),
        ({"note": "x"}, 422, "note"),
        ({"sku_id": 424242}, 404, "sku_id"),
        ({"warehouse_id": 424242}, 404, "warehouse_id"),
    ],
)
def test_bad_stock_writes(client, shop, api_headers, over, status, field):
    body = {
        "sku_id": shop["cup"]["skus"][0],
        "warehouse_id": shop["warehouse"],
        "on_hand": 5,
        **over,
    }
    error_of(client.put(STOCK, json=body, headers=api_headers), status, field)
    assert client.get("/api/v1/products/ceramic-mug").json()["skus"][0]["available"] == 10
