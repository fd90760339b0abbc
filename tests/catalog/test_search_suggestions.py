"""GET /api/v1/search/suggestions: search terms and product names for what is being typed,
most popular first, at most 8; cached per catalogue version; bad input is a JSON 422."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import update

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.tables import Product
from tests.api.helpers import error_of, sql_statements
from tests.catalog.search_shop import add_product, search_shop

URL = "/api/v1/search/suggestions"


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        return search_shop(tx)


def _items(client, q: str, **params: str) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    r = client.get(URL, params={"q": q, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"q", "items"} and body["q"] == q.strip()
    return [(i["text"], i["kind"], i["slug"]) for i in body["items"]]


def test_terms_and_product_names_for_a_prefix(client, catalogue):
    # 奶粉 is only in the bottle's description: not offered (it would find nothing).
    assert _items(client, "奶") == [
        ("奶瓶", "term", None),
        ("宽口径奶瓶", "product", "wide-bottle"),
    ]
    assert _items(client, "奶", lang="en")[1] == ("Wide-neck baby bottle", "product", "wide-bottle")
    found = _items(client, "保")
    assert found[:2] == [("保温杯", "term", None), ("不锈钢保温杯", "product", "steel-flask")]
    assert ("保温饭盒", "product", "lunch-box") in found or ("保温饭盒", "term", None) in found
    assert len({text for text, _, _ in found}) == len(found)  # no text twice


def test_the_last_word_is_completed_after_the_words_before_it(client, catalogue):
    assert _items(client, "Power B", lang="en") == [
        ("power bank", "term", None),
        ("Mini power bank", "product", "power-bank"),
    ]
    # 迷你 narrows the products to those named with it too
    assert _items(client, "迷你充") == [
        ("迷你充电", "term", None),
        ("迷你充电宝", "product", "power-bank"),
    ]
    assert _items(client, "zzz") == [] and _items(client, "茶壶 奶") == []


def test_most_popular_first(client, catalogue, db):
    assert [t for t, k, _ in _items(client, "te", lang="en") if k == "term"] == ["teapot", "tea"]
    with db.transaction() as tx:
        tx.execute(
            update(Product)
            .where(Product.id == catalogue["ids"]["green-tea"])
            .values(sales_count=500)
        )
        repository.bump_version(tx)  # sales moved outside the services
    items = _items(client, "te", lang="en")
    assert [t for t, k, _ in items if k == "term"] == ["tea", "teapot"]
    assert items[0] == ("tea", "term", None) and items[1] == ("Green tea", "product", "green-tea")


def test_at_most_eight(client, catalogue, db):
    with db.transaction() as tx:
        for n in range(12):
            add_product(tx, catalogue, f"snack-{n}", (f"零食{n}", f"Snack{n} box"), ("", ""), n)
    items = _items(client, "snack", lang="en")
    assert len(items) == 8
    # the word all twelve share (their SKU codes), then the best seller's word and name
    assert items[:3] == [
        ("snack", "term", None),
        ("snack11", "term", None),
        ("Snack11 box", "product", "snack-11"),
    ]
    assert [k for _, k, _ in items].count("product") == 3  # names keep places beside words


@pytest.mark.parametrize("query", ["", "q=", "q=%20%20", "q=" + "x" * 51, "q=a%00b"])
def test_bad_input_is_422_naming_q(client, catalogue, query):
    err = error_of(client.get(f"{URL}?{query}"), 422, "q")
    assert err["code"] == "request.invalid"


def test_fifty_characters_are_accepted(client, catalogue):
    assert client.get(URL, params={"q": "奶" * 50}).status_code == 200


def test_cacheable_and_a_fixed_number_of_statements(client, catalogue, db):
    def cold(q: str) -> int:
        with sql_statements(db) as seen:
            assert client.get(URL, params={"q": q}).status_code == 200
        return len(seen)

    small = cold("保")
    with db.transaction() as tx:
        for n in range(30):
            add_product(tx, catalogue, f"flask-{n}", (f"保温壶{n}", f"Flask {n}"), ("", ""), n)
    assert cold("保") == small <= 3  # the catalogue version, terms, products
    first = client.get(URL, params={"q": "保"})
    with sql_statements(db) as seen:
        again = client.get(
            URL, params={"q": "保"}, headers={"If-None-Match": first.headers["etag"]}
        )
    assert again.status_code == 304 and len(seen) == 1
    assert first.headers["cache-control"] == "public, max-age=30"
    assert "Accept-Language" in first.headers["vary"]
    en = client.get(URL, params={"q": "保", "lang": "en"})
    assert en.headers["etag"] != first.headers["etag"]


def test_documented_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"][URL]["get"]
    ok = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok == "#/components/schemas/SuggestionsOut"
    assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"] == (
        "#/components/schemas/ErrorOut"
    )
    q = next(p for p in op["parameters"] if p["name"] == "q")
    assert q["required"] is True
    assert (q["schema"]["minLength"], q["schema"]["maxLength"]) == (1, 50)
    item = spec["components"]["schemas"]["SuggestionOut"]
    assert set(item["properties"]) == {"text", "kind", "slug"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_conforms_to_its_schema(app, catalogue, mode):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operation = schema[URL]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def run(case):  # type: ignore[no-untyped-def]
        case.call_and_validate(
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
            ]
        )

    run()
