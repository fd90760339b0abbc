"""Add-to-cart from the catalogue's product page (same-origin proof instead of the members
token) and the guest cart folded into the customer's cart once they are signed in."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mercato.checkout.public import CART_COOKIE
from tests.members.conftest import page_login
from tests.storefront.helpers import text_of


def _add(client: TestClient, sku: int, headers: dict[str, str]) -> int:
    r = client.post(
        "/cart/add",
        data={"sku_id": str(sku), "quantity": "2"},
        headers=headers,
        follow_redirects=False,
    )
    return r.status_code


def test_same_origin_posts_need_no_token_but_other_sites_do(client: TestClient, shop: dict):
    sku = shop["cup"]["skus"][0]
    assert _add(client, sku, {"Origin": "http://evil.example"}) == 403
    assert _add(client, sku, {"Sec-Fetch-Site": "cross-site"}) == 403
    assert _add(client, sku, {}) == 403
    assert _add(client, sku, {"Origin": "http://testserver"}) == 303
    assert _add(client, sku, {"Sec-Fetch-Site": "same-origin"}) == 303
    assert text_of(client.get("/cart").text, "cart-subtotal") == "¥156.00"


def test_guest_cart_merges_after_login(client: TestClient, shop: dict, alice: dict):
    cup, mug = shop["cup"]["skus"]
    assert _add(client, cup, {"Origin": "http://testserver"}) == 303
    assert client.cookies.get(CART_COOKIE)
    page_login(client, alice["phone"])
    page = client.get("/cart").text
    assert text_of(page, "cart-subtotal") == "¥78.00"
    assert not client.cookies.get(CART_COOKIE)
    # merging again (a stale cookie replayed) changes nothing
    assert text_of(client.get("/cart").text, "cart-subtotal") == "¥78.00"
    assert mug
