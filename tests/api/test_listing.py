"""GET /api/v1/products and /api/v1/search: filters, facets, paging, locale and bad input."""

from __future__ import annotations

import pytest

from tests.api.helpers import error_of

URL = "/api/v1/products"


def _slugs(client, query: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    r = client.get(f"{URL}?{query}")
    assert r.status_code == 200, r.text
    return [item["slug"] for item in r.json()["items"]]


def test_lists_active_products_with_paging_and_facets(client, shop):
    r = client.get(URL, params={"lang": "en"})
    assert r.status_code == 200
    body = r.json()
    assert {i["slug"] for i in body["items"]} == {"cotton-tee", "linen-polo", "ceramic-mug"}
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (3, 1, 24, 1)
    assert body["category"] is None
    tee = next(i for i in body["items"] if i["slug"] == "cotton-tee")
    assert tee == {
        "id": shop["tee"]["id"],
        "slug": "cotton-tee",
        "name": "Cotton crew-neck T-shirt",
        "subtitle": "",
        "image": "",
        "min_price": 9900,
        "max_price": 10400,
        "currency": "CNY",
        "brand": "North Hill",
        "category_id": shop["tees"],
    }
    facets = {f["code"]: f for f in body["facets"]}
    assert set(facets) >= {"brand", "price", "opt.color", "opt.size", "attr.origin"}
    brands = {v["value"]: v["count"] for v in facets["brand"]["values"]}
    assert brands == {"north-hill": 2, "blue-lake": 1}
    assert facets["brand"]["label"] == "Brand"


def test_paging(client, shop):
    r = client.get(URL, params={"per_page": 2, "page": 2, "sort": "price_asc"})
    body = r.json()
    assert (body["total"], body["pages"], len(body["items"])) == (3, 2, 1)
    assert body["items"][0]["slug"] == "linen-polo"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=apparel", {"cotton-tee", "linen-polo"}),
        ("category={cups}", {"ceramic-mug"}),
        ("brand=blue-lake", {"linen-polo"}),
        ("brand=blue-lake&brand=north-hill", {"linen-polo", "cotton-tee", "ceramic-mug"}),
        ("price_min=5000&price_max=10000", {"cotton-tee"}),
        ("price=0-5000", {"ceramic-mug"}),
        ("opt.capacity=350+ml", {"ceramic-mug"}),
        ("option=capacity:350+ml", {"ceramic-mug"}),
        ("opt.color=White&opt.size=L", {"cotton-tee", "linen-polo"}),
        ("attr.origin=China", {"cotton-tee", "linen-polo", "ceramic-mug"}),
        ("attr=origin:Japan", set()),
        ("q=mug", {"ceramic-mug"}),
        ("q=马克杯", {"ceramic-mug"}),
    ],
)
def test_filters(client, shop, query, expected):
    assert set(_slugs(client, query.replace("{cups}", str(shop["cups"])))) == expected


def test_sorts(client, shop):
    assert _slugs(client, "sort=price_asc") == ["ceramic-mug", "cotton-tee", "linen-polo"]
    assert _slugs(client, "sort=price_desc") == ["linen-polo", "cotton-tee", "ceramic-mug"]


def test_selected_facet_values_are_flagged(client, shop):
    body = client.get(URL, params={"brand": "blue-lake", "opt.color": "White"}).json()
    facets = {f["code"]: {v["value"]: v["selected"] for v in f["values"]} for f in body["facets"]}
    assert facets["brand"] == {"blue-lake": True, "north-hill": False}
    assert facets["opt.color"]["White"] is True and facets["opt.color"]["Black"] is False


def test_locale_from_lang_then_accept_language(client, shop):
    names = lambda r: {i["name"] for i in r.json()["items"]}  # noqa: E731
    assert "陶瓷马克杯" in names(client.get(URL))
    assert "Ceramic mug" in names(client.get(URL, params={"lang": "en"}))
    assert "Ceramic mug" in names(client.get(URL, headers={"Accept-Language": "en-US,en;q=0.9"}))
    zh = client.get(URL, params={"lang": "zh_CN"}, headers={"Accept-Language": "en"})
    assert "陶瓷马克杯" in names(zh)


def test_search_requires_q(client, shop):
    error_of(client.get("/api/v1/search"), 422, "q")
    error_of(client.get("/api/v1/search", params={"q": "   "}), 422, "q")
    r = client.get("/api/v1/search", params={"q": "linen", "lang": "en"})
    assert [i["slug"] for i in r.json()["items"]] == ["linen-polo"]


def test_unknown_category_is_404(client, shop):
    err = error_of(client.get(URL, params={"category": "no-such-thing"}), 404, "category")
    assert err["code"] == "catalog.category_not_found"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("sort=cheapest", "sort"),
        ("price_min=-1", "price_min"),
        ("price_min=12.5", "price_min"),
        ("price_min=9000&price_max=100", "price_max"),
        ("price=abc", "price"),
        ("price=500-100", "price"),
        ("price=0-100&price_min=5", "price"),
        ("brand=Not+A+Slug", "brand.0"),
        ("option=color", "option.0"),
        ("opt.Bad!=x", "opt.Bad!"),
        ("attr.origin=", "attr.origin"),
        ("category=../etc", "category"),
        ("lang=fr", "lang"),
        ("q=" + "x" * 101, "q"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(client, shop, query, field):
    err = error_of(client.get(f"{URL}?{query}"), 422, field)
    assert err["code"] == "request.invalid"


def test_error_messages_follow_the_locale(client, shop):
    en = error_of(client.get(URL, params={"category": "nope", "lang": "en"}), 404)
    zh = error_of(client.get(URL, params={"category": "nope"}), 404)
    assert en["message"] == "No such category"
    assert zh["message"] == "该分类不存在"
