"""What the storefront header and product page rely on: POST /cart/add (JSON for a script,
a redirect back to the page for a plain form), POST /cart/buy and GET /cart/count."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from mercato.platform.db import Database
from tests.checkout.conftest import csrf_of
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer
from tests.storefront.helpers import count_queries, tags_with, text_of

SAME = {"Sec-Fetch-Site": "same-origin"}
JSON = {**SAME, "Accept": "application/json"}


def _post(client: TestClient, url: str, sku: int, qty: Any = 1, **headers: str) -> Any:
    return client.post(
        url,
        data={"sku_id": str(sku), "quantity": str(qty)},
        headers={**SAME, **headers},
        follow_redirects=False,
    )


def _count(client: TestClient) -> int:
    r = client.get("/cart/count")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    return int(r.json()["count"])


def test_script_add_answers_the_count_and_a_message(client: TestClient, shop: dict) -> None:
    a, b = shop["cup"]["skus"]
    assert _count(client) == 0
    r = _post(client, "/cart/add", a, 2, Accept="application/json")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert r.json() == {"count": 2, "message": "已加入购物车"}
    r = _post(client, "/cart/add", b, 3, Accept="application/json")
    assert r.json()["count"] == 5 == _count(client)
    en = _post(client, "/cart/add?lang=en", a, 1, Accept="application/json")
    assert en.json() == {"count": 6, "message": "Added to cart"}


def test_script_add_says_how_many_are_left(client: TestClient, shop: dict) -> None:
    """Issue 14, defect 3: short stock is a JSON error that says how many are left."""
    a = shop["cup"]["skus"][0]  # 10 in stock
    r = _post(client, "/cart/add", a, 11, Accept="application/json")
    assert r.status_code == 422
    assert r.json() == {
        "error": {
            "code": "checkout.insufficient_stock",
            "message": "库存不足，仅剩 10 件",
            "field": "quantity",
        }
    }
    _post(client, "/cart/add", a, 8, Accept="application/json")
    r = _post(client, "/cart/add", a, 3, Accept="application/json")
    assert r.json()["error"]["message"] == "库存不足，仅剩 10 件，购物车中已有 8 件"
    assert _count(client) == 8  # nothing half-written


@pytest.mark.parametrize(
    ("sku", "status", "code"),
    [("abc", 404, "checkout.sku_not_found"), ("999999", 404, "checkout.sku_not_found")],
)
def test_script_add_errors_are_json(client: TestClient, shop: dict, sku: str, status, code):  # type: ignore[no-untyped-def]
    r = client.post("/cart/add", data={"sku_id": sku}, headers=JSON)
    assert r.status_code == status and r.json()["error"]["code"] == code
    draft = shop["draft"]["skus"][0]
    r = _post(client, "/cart/add", draft, Accept="application/json")
    assert r.status_code == 422 and r.json()["error"]["code"] == "checkout.sku_unavailable"
    r = _post(client, "/cart/add", shop["cup"]["skus"][0], 0, Accept="application/json")
    assert r.status_code == 422 and r.json()["error"]["field"] == "quantity"


def test_script_add_from_another_site_is_refused_as_json(client: TestClient, shop: dict) -> None:
    r = client.post(
        "/cart/add",
        data={"sku_id": str(shop["cup"]["skus"][0])},
        headers={"Origin": "http://evil.example", "Accept": "application/json"},
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "members.csrf"


def test_form_add_goes_back_to_the_product_page_with_the_message(
    client: TestClient, shop: dict
) -> None:
    """Issue 14, defect 3: without JavaScript the shopper lands on the page they came from,
    told what happened, not on an error page saying the cart is empty."""
    a = shop["cup"]["skus"][0]
    page = f"http://testserver/p/ceramic-mug?sku={a}&cart_msg=old"
    r = _post(client, "/cart/add", a, 11, Referer=page)
    assert r.status_code == 303
    target = urlsplit(r.headers["location"])
    query = parse_qs(target.query)
    assert target.path == "/p/ceramic-mug" and query["sku"] == [str(a)]
    assert query["cart_msg"] == ["库存不足，仅剩 10 件"] and query["cart_error"] == ["1"]
    r = _post(client, "/cart/add", a, 2, Referer=page)
    query = parse_qs(urlsplit(r.headers["location"]).query)
    assert query["cart_msg"] == ["已加入购物车"] and "cart_error" not in query
    assert _count(client) == 2


@pytest.mark.parametrize("referer", ["", "http://evil.example/p/x", "javascript:alert(1)"])
def test_form_add_without_a_same_origin_page_goes_to_the_product(
    client: TestClient, shop: dict, referer: str
) -> None:
    a = shop["cup"]["skus"][0]
    r = _post(client, "/cart/add", a, 1, Referer=referer)
    target = urlsplit(r.headers["location"])
    assert (target.scheme, target.netloc, target.path) == ("", "", "/p/ceramic-mug")
    assert parse_qs(target.query)["cart_msg"] == ["已加入购物车"]
    r = client.post("/cart/add", data={"sku_id": "999999"}, headers=SAME, follow_redirects=False)
    assert urlsplit(r.headers["location"]).path == "/"


def test_count_costs_one_statement_for_a_guest_and_two_signed_in(
    client: TestClient, shop: dict, db: Database, alice: dict
) -> None:
    _post(client, "/cart/add", shop["cup"]["skus"][0], 3)
    with count_queries(db) as guest:
        assert _count(client) == 3
    assert len(guest) == 1
    client.cookies.clear()
    with count_queries(db) as nobody:
        assert _count(client) == 0
    assert nobody == []
    page_login(client, alice["phone"])
    _post(client, "/cart/add", shop["cup"]["skus"][1], 4)
    with count_queries(db) as signed_in:
        assert _count(client) == 4
    assert len(signed_in) == 2


def test_buy_now_checks_out_that_item_alone(client: TestClient, db: Database, market) -> None:  # type: ignore[no-untyped-def]
    buyer = make_buyer(db, "13800000077")
    csrf = page_login(client, buyer["phone"])
    cup, mug = market["cup"]["skus"]
    tee = market["tee"]["skus"][0]
    _post(client, "/cart/add", cup, 2)
    _post(client, "/cart/add", tee, 5)
    r = _post(client, "/cart/buy", tee, 1)  # the line holds what was asked, not 5 + 1
    assert r.status_code == 303 and r.headers["location"] == f"/checkout?sku={tee}"
    page = client.get(r.headers["location"])
    assert len(tags_with(page.text, "checkout-line")) == 1
    assert text_of(page.text, "checkout-subtotal") == "¥99.00"
    form = {
        "csrf": csrf,
        "idem": "buy-now-1",
        "address_id": str(buyer["address_id"]),
        "shipping_method": "std",
        "sku": str(tee),
    }
    placed = client.post("/checkout", data=form, follow_redirects=False)
    assert placed.status_code == 303 and placed.headers["location"].endswith("/pay")
    cart = client.get("/cart").text
    assert [t.split('data-sku="')[1].split('"')[0] for t in tags_with(cart, "cart-line")] == [
        str(cup)
    ]
    assert _count(client) == 2 and mug
    assert csrf_of(cart)


def test_buy_now_refusals_go_back_with_the_message(client: TestClient, shop: dict) -> None:
    a = shop["cup"]["skus"][0]
    r = _post(client, "/cart/buy", a, 50, Referer="http://testserver/p/ceramic-mug")
    query = parse_qs(urlsplit(r.headers["location"]).query)
    assert query["cart_msg"] == ["库存不足，仅剩 10 件"] and query["cart_error"] == ["1"]
    assert _count(client) == 0
