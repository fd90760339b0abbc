"""The cart page: add from a form, change quantities with htmx (a fragment), remove."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mercato.checkout.public import CART_COOKIE
from tests.checkout.conftest import csrf_of
from tests.members.conftest import page_login
from tests.storefront.helpers import tags_with, text_of

HX = {"HX-Request": "true"}


def _csrf(client: TestClient) -> str:
    # A guest's token, as the product page's add-to-cart form would carry it.
    return csrf_of(client.get("/account/login").text)


def _add(client: TestClient, sku: int, qty: str = "1", csrf: str = "") -> str:
    csrf = csrf or _csrf(client)
    r = client.post(
        "/cart/add",
        data={"sku_id": str(sku), "quantity": qty, "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return csrf


def test_guest_adds_from_a_form_and_sees_the_cart(client: TestClient, shop: dict) -> None:
    assert 'data-testid="cart-empty"' in client.get("/cart").text
    sku = shop["tee"]["skus"][0]
    _add(client, sku, "2")
    assert client.cookies.get(CART_COOKIE)
    page = client.get("/cart?lang=en").text
    assert text_of(page, "line-name") == "Cotton crew-neck T-shirt"
    assert "White" in text_of(page, "line-options") and "M" in text_of(page, "line-options")
    assert text_of(page, "line-price") == "¥99.00"
    assert text_of(page, "cart-subtotal") == "¥198.00"
    assert f'hx-post="/cart/lines/{sku}"' in page
    assert "htmx.min.js" in page


def test_cart_cookie_is_httponly(client: TestClient, shop: dict) -> None:
    csrf = _csrf(client)
    r = client.post(
        "/cart/add",
        data={"sku_id": str(shop["cup"]["skus"][0]), "csrf": csrf},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"]
    assert (
        cookie.startswith(f"{CART_COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    )


def test_htmx_quantity_change_returns_the_fragment(client: TestClient, shop: dict) -> None:
    a, b = shop["cup"]["skus"]
    _add(client, a)
    csrf = _add(client, b)
    r = client.post(f"/cart/lines/{a}", data={"quantity": "3", "csrf": csrf}, headers=HX)
    assert r.status_code == 200 and "<html" not in r.text and 'id="cart"' in r.text
    assert text_of(r.text, "cart-subtotal") == "¥166.00"  # 3 x 39 + 49
    r = client.post(f"/cart/lines/{b}/remove", data={"csrf": csrf}, headers=HX)
    assert len(tags_with(r.text, "cart-line")) == 1
    assert text_of(r.text, "cart-subtotal") == "¥117.00"


def test_bad_quantity_shows_the_reason_and_keeps_the_cart(client: TestClient, shop: dict) -> None:
    a = shop["cup"]["skus"][0]
    csrf = _add(client, a, "2")
    for bad in ("0", "-1", "100", "1.5", "abc", "", "99999999999999999999"):
        r = client.post(f"/cart/lines/{a}", data={"quantity": bad, "csrf": csrf}, headers=HX)
        assert r.status_code == 200 and tags_with(r.text, "cart-error"), bad
    r = client.post(f"/cart/lines/{a}", data={"quantity": "50", "csrf": csrf})  # stock is 10
    assert r.status_code == 422 and 'data-testid="cart-error"' in r.text
    assert text_of(client.get("/cart").text, "cart-subtotal") == "¥78.00"


def test_forms_need_the_csrf_token(client: TestClient, shop: dict) -> None:
    client.get("/cart")
    r = client.post("/cart/add", data={"sku_id": str(shop["cup"]["skus"][0])})
    assert r.status_code == 403


def test_add_form_refuses_bad_skus(client: TestClient, shop: dict) -> None:
    csrf = _csrf(client)
    for sku, status in (("abc", 404), ("999999", 404), (str(shop["draft"]["skus"][0]), 422)):
        r = client.post("/cart/add", data={"sku_id": sku, "csrf": csrf})
        assert r.status_code == status, (sku, r.status_code)
    assert 'data-testid="cart-empty"' in client.get("/cart").text


def test_signed_in_customer_uses_their_own_cart(
    client: TestClient, shop: dict, alice: dict
) -> None:
    csrf = page_login(client, alice["phone"])
    _add(client, shop["cup"]["skus"][0], "4", csrf)
    assert client.cookies.get(CART_COOKIE) is None  # the customer's cart needs no cookie
    assert text_of(client.get("/cart").text, "cart-subtotal") == "¥156.00"
