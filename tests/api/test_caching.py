"""HTTP caching (Cache-Control, ETag, 304) and the server-side cache of rendered lists: still
right after writes, one SQL statement when warm, and a fixed statement count when cold."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.catalog.adapters import repository
from mercato.catalog.services import products
from mercato.catalog.web.api.cached import catalogue_version
from tests.api.helpers import sql_statements
from tests.factories import base_taxonomy, make_product

URL = "/api/v1/products"


def test_public_reads_are_cacheable_with_etag(client, shop):
    for url in (
        URL,
        "/api/v1/search?q=mug",
        "/api/v1/categories",
        "/api/v1/products/cotton-tee",
        "/api/v1/skus/MUG-350",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["cache-control"] == "public, max-age=30", url
        assert r.headers["etag"].startswith('"'), url
        assert "Accept-Language" in r.headers["vary"], url


def test_if_none_match_gives_304(client, shop):
    for url in (URL + "?per_page=2", "/api/v1/categories", "/api/v1/products/cotton-tee"):
        first = client.get(url)
        again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again.headers["etag"] == first.headers["etag"]
        stale = client.get(url, headers={"If-None-Match": '"c0-zh_CN"'})
        assert stale.status_code == 200


def test_list_etag_depends_on_locale_and_version(client, shop, api_headers):
    zh = client.get(URL).headers["etag"]
    en = client.get(URL, params={"lang": "en"}).headers["etag"]
    assert zh != en
    r = client.patch(
        f"/api/v1/admin/products/{shop['cup']['id']}",
        json={"name_zh": "新马克杯"},
        headers=api_headers,
    )
    assert r.status_code == 200, r.text
    after = client.get(URL, headers={"If-None-Match": zh})
    assert after.status_code == 200
    assert after.headers["etag"] != zh


def test_cached_list_follows_api_and_service_writes(client, shop, api_headers, db):
    names = lambda: {i["name"] for i in client.get(URL).json()["items"]}  # noqa: E731
    assert "陶瓷马克杯" in names()
    assert "陶瓷马克杯" in names()  # served from the cache
    r = client.patch(
        f"/api/v1/admin/products/{shop['cup']['id']}",
        json={"name_zh": "骨瓷马克杯"},
        headers=api_headers,
    )
    assert r.status_code == 200, r.text
    assert "骨瓷马克杯" in names() and "陶瓷马克杯" not in names()
    with db.transaction() as tx:  # a write outside the API (admin page, import, job...)
        products.set_status(tx, shop["cup"]["id"], "archived")
    assert "骨瓷马克杯" not in names()
    detail = client.get(f"/api/v1/products/{shop['cup']['id']}")
    assert detail.status_code == 404


def test_warm_list_costs_one_statement(client, shop, db):
    client.get(URL, params={"per_page": 5})
    with sql_statements(db) as seen:
        r = client.get(URL, params={"per_page": 5})
    assert r.status_code == 200
    assert len(seen) == 1 and "catalog_state" in seen[0]


def test_version_statement_matches_the_repository(db, shop):
    with db.reading() as tx:
        assert catalogue_version(tx.connection()) == repository.version(tx) > 0


def _cold_list_statements(client, db, per_page: int, lang: str) -> int:  # type: ignore[no-untyped-def]
    with sql_statements(db) as seen:
        r = client.get(
            URL,
            params={
                "per_page": per_page,
                "lang": lang,
                "opt.color": "White",
                "brand": "north-hill",
                "q": "shirt",
            },
        )
    assert r.status_code == 200 and r.json()["items"], r.text
    return len(seen)


def _add_shirts(tx: Session, t: dict[str, int], start: int, stop: int) -> None:
    for i in range(start, stop):
        make_product(
            tx,
            t,
            f"shirt-{i}",
            f"衬衫{i}",
            f"Shirt {i}",
            [(f"S{i}", 1000 + i, [("color", "白色", "White")])],
            stock_qty=0,
        )


def test_cold_list_statement_count_ignores_page_and_catalogue_size(client, db):
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        _add_shirts(tx, t, 0, 5)
    small = [_cold_list_statements(client, db, n, "en") for n in (2, 50)]
    with db.transaction() as tx:
        _add_shirts(tx, t, 5, 60)
    large = [_cold_list_statements(client, db, n, "en") for n in (2, 50)]
    assert small[0] == small[1] == large[0] == large[1], (small, large)
    assert small[0] <= 10, small
