"""Cart API: guests by X-Cart-Token, customers by bearer token; hostile input refused."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.catalog.services import products
from mercato.platform.db import Database
from tests.members.conftest import api_login

URL = "/api/v1/cart/lines"


def _add(client: TestClient, sku: int, qty: Any = 1, **headers: str) -> Any:
    return client.post(URL, json={"sku_id": sku, "quantity": qty}, headers=headers)


def _guest(client: TestClient, sku: int, qty: int = 1) -> dict[str, str]:
    r = _add(client, sku, qty)
    assert r.status_code == 200, r.text
    token = r.headers["X-Cart-Token"]
    assert r.json()["token"] == token
    return {"X-Cart-Token": token}


def test_guest_adds_and_reads_back_with_the_token(client: TestClient, shop: dict) -> None:
    white_m, white_l = shop["tee"]["skus"][:2]
    guest = _guest(client, white_m, 2)
    r = client.post(URL, json={"sku_id": white_l, "quantity": 1}, headers=guest)
    assert r.status_code == 200 and "X-Cart-Token" not in r.headers and r.json()["token"] is None
    body = client.get("/api/v1/cart", headers=guest).json()
    assert [(x["sku_id"], x["quantity"]) for x in body["lines"]] == [(white_m, 2), (white_l, 1)]
    assert [x["unit_price_fen"] for x in body["lines"]] == [9900, 10400]
    assert body["subtotal_fen"] == 2 * 9900 + 10400 and body["item_count"] == 3
    assert body["lines"][0]["product_slug"] == "cotton-tee"
    assert body["lines"][0]["option_labels"]  # colour and size, localised


def test_adding_again_sums_the_line(client: TestClient, shop: dict) -> None:
    sku = shop["cup"]["skus"][0]
    guest = _guest(client, sku, 2)
    body = client.post(URL, json={"sku_id": sku, "quantity": 3}, headers=guest).json()
    assert [(x["sku_id"], x["quantity"]) for x in body["lines"]] == [(sku, 5)]


@pytest.mark.parametrize(
    "extra", [{"price": 1}, {"unit_price_fen": 1}, {"subtotal_fen": 0}, {"total": 1}]
)
def test_client_prices_are_refused(client: TestClient, shop: dict, extra: dict) -> None:
    body = {"sku_id": shop["cup"]["skus"][0], "quantity": 1, **extra}
    r = client.post(URL, json=body)
    assert r.status_code == 422
    assert r.json()["error"]["field"] == next(iter(extra))


@pytest.mark.parametrize("qty", [0, -1, 100, 10**20, 1.5, 2.5, "2", True, None, [1]])
def test_hostile_quantities_are_422_with_field(client: TestClient, shop: dict, qty: Any) -> None:
    r = _add(client, shop["cup"]["skus"][0], qty)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["field"] == "quantity"
    guest = _guest(client, shop["cup"]["skus"][0])
    url = f"{URL}/{shop['cup']['skus'][0]}"
    r = client.patch(url, json={"quantity": qty}, headers=guest)
    assert r.status_code == 422 and r.json()["error"]["field"] == "quantity"


@pytest.mark.parametrize("sku", [0, -3, 2**63, "1", 1.5])
def test_hostile_sku_ids_are_422(client: TestClient, shop: dict, sku: Any) -> None:
    r = _add(client, sku)
    assert r.status_code == 422 and r.json()["error"]["field"] == "sku_id"


def test_whole_numbers_with_a_fraction_are_integers(client: TestClient, shop: dict) -> None:
    # JSON Schema (OpenAPI 3.1) counts 2.0 as the integer 2, as the schema's clients may.
    r = _add(client, float(shop["cup"]["skus"][0]), 2.0)
    assert r.status_code == 200, r.text
    assert [line["quantity"] for line in r.json()["lines"]] == [2]


def test_unknown_and_unsellable_skus(client: TestClient, shop: dict) -> None:
    r = _add(client, 999999)
    assert r.status_code == 404 and r.json()["error"]["code"] == "checkout.sku_not_found"
    r = _add(client, shop["draft"]["skus"][0])
    assert r.status_code == 422 and r.json()["error"]["code"] == "checkout.sku_unavailable"


def test_stock_limits_the_quantity(client: TestClient, shop: dict) -> None:
    r = _add(client, shop["cup"]["skus"][0], 11)  # 10 in stock
    assert r.status_code == 422 and r.json()["error"]["code"] == "checkout.insufficient_stock"
    assert r.json()["error"]["message"] == "库存不足，仅剩 10 件"
    assert client.get("/api/v1/cart").json()["lines"] == []
    guest = _guest(client, shop["cup"]["skus"][0], 2)
    r = client.patch(
        f"/api/v1/cart/lines/{shop['cup']['skus'][0]}?lang=en", json={"quantity": 12}, headers=guest
    )
    assert r.status_code == 422 and r.json()["error"]["message"] == "Not enough stock: only 10 left"


def test_totals_follow_the_current_price(client: TestClient, shop: dict, db: Database) -> None:
    sku = shop["cup"]["skus"][0]
    guest = _guest(client, sku, 2)
    with db.transaction() as tx:
        from mercato.catalog.adapters.tables import Sku

        tx.get_one(Sku, sku).price = 4500
    assert client.get("/api/v1/cart", headers=guest).json()["subtotal_fen"] == 9000
    with db.transaction() as tx:
        products.set_status(tx, shop["cup"]["id"], "archived")
    body = client.get("/api/v1/cart", headers=guest).json()
    assert body["lines"][0]["sellable"] is False and body["subtotal_fen"] == 0


def test_patch_and_delete(client: TestClient, shop: dict) -> None:
    a, b = shop["cup"]["skus"]
    guest = _guest(client, a)
    client.post(URL, json={"sku_id": b, "quantity": 1}, headers=guest)
    r = client.patch(f"{URL}/{a}", json={"quantity": 4}, headers=guest)
    assert r.status_code == 200 and r.json()["subtotal_fen"] == 4 * 3900 + 4900
    r = client.delete(f"{URL}/{b}", headers=guest)
    assert [x["sku_id"] for x in r.json()["lines"]] == [a]
    r = client.delete(f"{URL}/{b}", headers=guest)
    assert r.status_code == 404 and r.json()["error"]["code"] == "checkout.line_not_found"


def test_unknown_token_is_a_new_cart_never_someone_elses(client: TestClient, shop: dict) -> None:
    sku = shop["cup"]["skus"][0]
    _guest(client, sku, 3)
    forged = {"X-Cart-Token": "not-a-real-token"}
    assert client.get("/api/v1/cart", headers=forged).json()["lines"] == []
    assert client.patch(f"{URL}/{sku}", json={"quantity": 1}, headers=forged).status_code == 404
    r = _add(client, sku, 1, **forged)
    assert r.json()["token"] not in (None, "not-a-real-token")
    assert [x["quantity"] for x in r.json()["lines"]] == [1]


def test_customers_never_reach_each_others_cart(
    client: TestClient, shop: dict, alice: dict, bob: dict
) -> None:
    sku = shop["cup"]["skus"][0]
    as_alice = api_login(client, alice["phone"])
    as_bob = api_login(client, bob["phone"])
    r = client.post(URL, json={"sku_id": sku, "quantity": 2}, headers=as_alice)
    assert r.status_code == 200 and r.json()["token"] is None and "X-Cart-Token" not in r.headers
    assert client.get("/api/v1/cart", headers=as_bob).json()["lines"] == []
    assert client.patch(f"{URL}/{sku}", json={"quantity": 1}, headers=as_bob).status_code == 404
    assert client.delete(f"{URL}/{sku}", headers=as_bob).status_code == 404
    body = client.get("/api/v1/cart", headers=as_alice).json()
    assert [(x["sku_id"], x["quantity"]) for x in body["lines"]] == [(sku, 2)]


def test_a_bad_bearer_token_is_401(client: TestClient, shop: dict) -> None:
    r = client.get("/api/v1/cart", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
