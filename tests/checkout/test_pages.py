"""The cart page: add from a form, change quantities from the page's script (a fragment),
remove. A typed or stepped quantity is kept within 1..99 and stock, with the reason shown."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from mercato.checkout.public import CART_COOKIE
from mercato.inventory import services as stock
from mercato.platform.db import Database
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
    assert f'action="/cart/lines/{sku}"' in page and "cart.js" in page and "cart.css" in page
    assert len(tags_with(page, "line-check")) == 1 and "checked" in tags_with(page, "line-check")[0]


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


def _box(page: str) -> str:
    tag = tags_with(page, "line-quantity")[0]
    found = re.search(r'value="([^"]*)"', tag)
    assert found, tag
    return found.group(1)


@pytest.mark.parametrize(
    ("typed", "kept", "note"),
    [
        ("0", 1, "最少购买 1 件，已改为 1 件"),
        ("100", 10, "库存仅剩 10 件，已改为 10 件"),  # stock is 10
        ("999", 10, "库存仅剩 10 件，已改为 10 件"),
        ("7", 7, ""),
    ],
)
def test_out_of_range_quantity_says_the_limit_and_stays_consistent(
    client: TestClient, shop: dict, typed: str, kept: int, note: str
) -> None:
    """Issue 14, defect 2: the box, the line total and the cart total always agree, and the
    page says why the number is not the one typed."""
    a, b = shop["cup"]["skus"]
    _add(client, a, "2")
    csrf = _add(client, b)
    r = client.post(f"/cart/lines/{a}", data={"quantity": typed, "csrf": csrf}, headers=HX)
    assert r.status_code == 200
    assert 'max="99"' not in r.text and 'min="1"' not in r.text  # the browser sends every number
    line = r.text.split('data-testid="cart-line"')[1]
    assert _box(line) == str(kept)
    assert text_of(line, "line-total") == f"¥{39 * kept}.00"
    assert text_of(r.text, "cart-subtotal") == f"¥{39 * kept + 49}.00"
    assert (text_of(line, "line-note") if note else tags_with(line, "line-note")) == (note or [])
    assert text_of(client.get("/cart").text, "cart-subtotal") == f"¥{39 * kept + 49}.00"


def test_99_is_the_most_of_one_line(client: TestClient, shop: dict, db: Database) -> None:
    a = shop["cup"]["skus"][0]
    with db.transaction() as tx:
        stock.adjust(tx, a, shop["warehouse"], 500, "receive")
    csrf = _add(client, a)
    r = client.post(f"/cart/lines/{a}?lang=en", data={"quantity": "150", "csrf": csrf}, headers=HX)
    assert _box(r.text) == "99" and "At most 99" in text_of(r.text, "line-note")
    assert 'data-testid="line-plus" disabled' in r.text


def test_steppers_add_or_take_one_within_the_limits(client: TestClient, shop: dict) -> None:
    a = shop["cup"]["skus"][0]
    csrf = _add(client, a)
    page = client.get("/cart").text
    assert 'data-testid="line-minus" disabled' in page  # 1 is the least
    form = {"quantity": "1", "step": "1", "csrf": csrf}
    r = client.post(f"/cart/lines/{a}", data=form, follow_redirects=False)
    assert r.status_code == 303  # without JavaScript: back to the cart
    assert _box(client.get("/cart").text) == "2"
    form = {"quantity": "10", "step": "1", "csrf": csrf}
    r = client.post(f"/cart/lines/{a}", data=form, headers=HX)
    assert _box(r.text) == "10" and 'data-testid="line-plus" disabled' in r.text


def test_a_quantity_that_is_no_number_keeps_the_line(client: TestClient, shop: dict) -> None:
    a = shop["cup"]["skus"][0]
    csrf = _add(client, a, "2")
    for bad in ("-1", "1.5", "abc", "", "99999999999999999999"):
        r = client.post(f"/cart/lines/{a}", data={"quantity": bad, "csrf": csrf}, headers=HX)
        assert r.status_code == 200 and text_of(r.text, "line-note") == "数量必须是整数", bad
        assert _box(r.text) == "2"
    r = client.post(f"/cart/lines/{a}", data={"quantity": "x", "csrf": csrf})
    assert r.status_code == 422 and 'data-testid="line-note"' in r.text
    assert text_of(client.get("/cart").text, "cart-subtotal") == "¥78.00"


def test_forms_need_the_csrf_token(client: TestClient, shop: dict) -> None:
    client.get("/cart")
    r = client.post("/cart/add", data={"sku_id": str(shop["cup"]["skus"][0])})
    assert r.status_code == 403


def test_add_form_refuses_bad_skus(client: TestClient, shop: dict) -> None:
    csrf = _csrf(client)
    for sku, status in (("abc", 404), ("999999", 404), (str(shop["draft"]["skus"][0]), 422)):
        r = client.post("/cart/add", data={"sku_id": sku, "csrf": csrf}, follow_redirects=False)
        assert r.status_code == 303 and "cart_error=1" in r.headers["location"], sku
        json = client.post(
            "/cart/add", data={"sku_id": sku, "csrf": csrf}, headers={"Accept": "application/json"}
        )
        assert json.status_code == status, (sku, json.status_code)
    assert 'data-testid="cart-empty"' in client.get("/cart").text


def test_signed_in_customer_uses_their_own_cart(
    client: TestClient, shop: dict, alice: dict
) -> None:
    csrf = page_login(client, alice["phone"])
    _add(client, shop["cup"]["skus"][0], "4", csrf)
    assert client.cookies.get(CART_COOKIE) is None  # the customer's cart needs no cookie
    assert text_of(client.get("/cart").text, "cart-subtotal") == "¥156.00"


def test_the_cart_page_reads_without_the_write_lock_and_still_merges_a_guest_cart(
    client: TestClient, db: Database, shop: dict, alice: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mercato.checkout.domain import CartOwner
    from mercato.checkout.services.cart import add_item
    from mercato.platform.sqlite_writer import Writers

    csrf = page_login(client, alice["phone"])
    _add(client, shop["cup"]["skus"][0], "1", csrf)
    with db.transaction() as tx:  # a guest cart left in the browser from before signing in
        _, token = add_item(tx, CartOwner(None, None), shop["tee"]["skus"][0], 2, "en")
    taken: list[int] = []
    real = Writers.acquire
    monkeypatch.setattr(Writers, "acquire", lambda self, info: (taken.append(1), real(self, info)))
    assert len(tags_with(client.get("/cart").text, "line-check")) == 1
    assert taken == []  # a cart page holds no writer lock while it is priced and rendered
    client.cookies.set(CART_COOKIE, token)
    r = client.get("/cart")
    assert len(tags_with(r.text, "line-check")) == 2  # the guest's line folded in, shown
    assert f'{CART_COOKIE}=""' in r.headers["set-cookie"]
    assert taken or db.engine.dialect.name != "sqlite"  # merged in a write of its own
    client.cookies.delete(CART_COOKIE)
    assert len(tags_with(client.get("/cart").text, "line-check")) == 2
