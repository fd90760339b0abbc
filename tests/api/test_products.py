"""GET product detail, SKU by code, availability and the category tree."""

from __future__ import annotations

from mercato.inventory import services as stock
from tests.api.helpers import error_of


def test_product_detail_by_slug(client, shop):
    r = client.get("/api/v1/products/cotton-tee", params={"lang": "en"})
    assert r.status_code == 200
    p = r.json()
    assert (p["id"], p["slug"], p["name"]) == (
        shop["tee"]["id"],
        "cotton-tee",
        "Cotton crew-neck T-shirt",
    )
    assert (p["min_price"], p["max_price"], p["currency"]) == (9900, 10400, "CNY")
    assert p["brand"] == {"slug": "north-hill", "name": "North Hill", "story": ""}
    assert [c["slug"] for c in p["breadcrumb"]] == ["apparel", "t-shirts"]
    assert p["attributes"] == [{"name": "Origin", "value": "China"}]
    axes = {a["code"]: [v["value"] for v in a["values"]] for a in p["axes"]}
    assert axes == {"color": ["White", "Black"], "size": ["M", "L"]}
    assert len(p["skus"]) == 4
    sku = next(s for s in p["skus"] if s["code"] == "TEE-WH-M")
    assert sku["options"] == {"color": "White", "size": "M"}
    assert sku["option_labels"] == {"Colour": "White", "Size": "M"}
    assert (sku["price"], sku["available"]) == (9900, 10)
    assert p["articles"] == [] and p["blocks"] == []


def test_product_detail_by_id_and_in_chinese(client, shop):
    p = client.get(f"/api/v1/products/{shop['cup']['id']}").json()
    assert (p["slug"], p["name"]) == ("ceramic-mug", "陶瓷马克杯")
    assert p["axes"][0]["values"][0] == {"value": "350 ml", "label": "350毫升"}


def test_available_units_are_live(client, shop, db):
    sku_id = shop["cup"]["skus"][0]
    first = client.get("/api/v1/products/ceramic-mug").json()
    assert first["skus"][0]["available"] == 10
    with db.transaction() as tx:
        stock.set_on_hand(tx, sku_id, shop["warehouse"], 3, "count")
    again = client.get("/api/v1/products/ceramic-mug").json()
    assert again["skus"][0]["available"] == 3


def test_unknown_draft_and_malformed_products_are_404(client, shop):
    for key in ("secret-draft", str(shop["draft"]["id"]), "no-such", "99999", "Bad Slug!"):
        err = error_of(client.get(f"/api/v1/products/{key}"), 404, "slug_or_id")
        assert err["code"] == "catalog.product_not_found"
    err = error_of(client.get("/api/v1/products/secret-draft", params={"lang": "en"}), 404)
    assert err["message"] == "No such product"


def test_archived_product_is_404(client, shop, api_headers):
    pid = shop["polo"]["id"]
    r = client.post(
        f"/api/v1/admin/products/{pid}/status", json={"status": "archived"}, headers=api_headers
    )
    assert r.status_code == 200, r.text
    error_of(client.get("/api/v1/products/linen-polo"), 404)


def test_sku_by_code(client, shop):
    r = client.get("/api/v1/skus/MUG-500", params={"lang": "en"})
    assert r.status_code == 200
    s = r.json()
    assert (s["code"], s["price"], s["available"]) == ("MUG-500", 4900, 10)
    assert s["options"] == {"capacity": "500 ml"}
    assert s["product"] == {
        "id": shop["cup"]["id"],
        "slug": "ceramic-mug",
        "name": "Ceramic mug",
        "image": "",
    }


def test_sku_of_draft_or_unknown_is_404(client, shop):
    for code in ("DRAFT-1", "NOPE-1", "bad code"):
        err = error_of(client.get(f"/api/v1/skus/{code}"), 404, "code")
        assert err["code"] == "catalog.sku_not_found"


def test_availability(client, shop, db):
    a, b = shop["tee"]["skus"][:2]
    with db.transaction() as tx:
        stock.set_on_hand(tx, b, shop["warehouse"], 0, "count")
    r = client.get("/api/v1/availability", params=[("sku", a), ("sku", b), ("sku", 424242)])
    assert r.status_code == 200
    assert r.json() == {str(a): 10, str(b): 0, "424242": 0}
    assert r.headers["cache-control"] == "public, max-age=5"


def test_availability_bad_input(client, shop):
    error_of(client.get("/api/v1/availability"), 422, "sku")
    error_of(client.get("/api/v1/availability?sku=abc"), 422, "sku.0")
    error_of(client.get("/api/v1/availability?sku=0"), 422, "sku.0")
    too_many = "&".join(f"sku={i}" for i in range(1, 102))
    error_of(client.get(f"/api/v1/availability?{too_many}"), 422, "sku")


def test_category_tree(client, shop):
    r = client.get("/api/v1/categories", params={"lang": "en"})
    assert r.status_code == 200
    assert r.json() == {
        "items": [
            {
                "id": shop["root"],
                "slug": "apparel",
                "name": "Apparel",
                "parent_id": None,
                "children": [
                    {
                        "id": shop["tees"],
                        "slug": "t-shirts",
                        "name": "T-shirts",
                        "parent_id": shop["root"],
                        "children": [],
                    }
                ],
            },
            {"id": shop["cups"], "slug": "cups", "name": "Cups", "parent_id": None, "children": []},
        ]
    }
