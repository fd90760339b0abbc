"""Choosing cart lines for checkout (a tick per line, one for all; the chosen total computed
here) and removing a line with undo."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from mercato.inventory import public as inventory
from mercato.platform.db import Database
from tests.checkout.conftest import csrf_of
from tests.storefront.helpers import tags_with, text_of

HX = {"HX-Request": "true"}
SAME = {"Sec-Fetch-Site": "same-origin"}


def _add(client: TestClient, sku: int, qty: int = 1) -> None:
    r = client.post(
        "/cart/add", data={"sku_id": str(sku), "quantity": str(qty)}, headers=SAME,
        follow_redirects=False,
    )
    assert r.status_code == 303


def _order(page: str) -> list[int]:
    return [int(t.split('data-sku="')[1].split('"')[0]) for t in tags_with(page, "cart-line")]


def _ticked(page: str) -> list[bool]:
    return ["checked" in t for t in tags_with(page, "line-check")]


def test_every_sellable_line_starts_ticked(client: TestClient, shop: dict) -> None:
    cup, mug = shop["cup"]["skus"]
    _add(client, cup, 2)
    _add(client, mug)
    page = client.get("/cart").text
    assert _ticked(page) == [True, True] and "checked" in tags_with(page, "check-all")[0]
    assert text_of(page, "cart-subtotal") == "¥127.00" and text_of(page, "cart-count") == "3"
    assert 'form="cart-choice"' in tags_with(page, "line-check")[0]
    assert 'action="/checkout"' in tags_with(page, "cart-bar")[0]


def test_the_chosen_total_is_the_servers(client: TestClient, shop: dict) -> None:
    cup, mug = shop["cup"]["skus"]
    _add(client, cup, 2)
    _add(client, mug)
    r = client.get("/cart", params={"sku": [str(mug)], "seen": [str(cup), str(mug)]}, headers=HX)
    assert r.status_code == 200 and "<html" not in r.text
    assert _ticked(r.text) == [False, True] and "checked" not in tags_with(r.text, "check-all")[0]
    assert text_of(r.text, "cart-subtotal") == "¥49.00" and text_of(r.text, "cart-count") == "1"
    none = client.get("/cart", params={"seen": [str(cup), str(mug)]}, headers=HX).text
    assert text_of(none, "cart-subtotal") == "¥0.00"
    assert "disabled" in tags_with(none, "checkout-link")[0]  # 结算 needs a chosen line


def test_a_line_the_page_has_not_shown_comes_ticked(client: TestClient, shop: dict) -> None:
    cup, mug = shop["cup"]["skus"]
    _add(client, cup)
    _add(client, mug)  # added in another tab after the page showed only the cup
    r = client.get("/cart", params={"seen": [str(cup)]}, headers=HX)
    assert _ticked(r.text) == [False, True]


def test_a_line_short_of_stock_cannot_be_chosen(
    client: TestClient, shop: dict, db: Database
) -> None:
    cup, mug = shop["cup"]["skus"]
    _add(client, cup, 5)
    _add(client, mug)
    with db.transaction() as tx:
        inventory.reserve_for_order(tx, "OTHER", {cup: 7})  # 3 left
    page = client.get("/cart", params={"sku": [str(cup), str(mug)]}).text
    check = tags_with(page, "line-check")[0]
    assert "disabled" in check and "checked" not in check
    assert text_of(page, "line-unavailable") == "仅剩 3 件"
    assert text_of(page, "cart-subtotal") == "¥49.00"


def test_changes_keep_the_ticks(client: TestClient, shop: dict) -> None:
    cup, mug = shop["cup"]["skus"]
    _add(client, cup)
    _add(client, mug)
    csrf = csrf_of(client.get("/cart").text)
    form = {"quantity": "3", "csrf": csrf, "sku": [str(mug)], "seen": [str(cup), str(mug)]}
    r = client.post(f"/cart/lines/{cup}", data=form, headers=HX)
    assert _ticked(r.text) == [False, True] and text_of(r.text, "cart-subtotal") == "¥49.00"


def test_remove_and_undo_puts_the_line_back_in_its_place(client: TestClient, shop: dict) -> None:
    cup, mug = shop["cup"]["skus"]
    tee = shop["tee"]["skus"][0]
    for sku, qty in ((cup, 2), (mug, 3), (tee, 1)):
        _add(client, sku, qty)
    csrf = csrf_of(client.get("/cart").text)
    r = client.post(f"/cart/lines/{mug}/remove", data={"csrf": csrf}, headers=HX)
    assert _order(r.text) == [cup, tee]
    undo = tags_with(r.text, "cart-undo")[0]
    assert f'action="/cart/lines/{mug}/restore"' in undo
    assert text_of(r.text, "undo-text") == "已删除：陶瓷马克杯"
    fields = dict(
        (n, v)
        for n, v in (
            (part.split('name="')[1].split('"')[0], part.split('value="')[1].split('"')[0])
            for part in r.text.split("cart-undo")[1].split("</form>")[0].split("<input")[1:]
        )
    )
    assert fields["quantity"] == "3" and fields["added_at"]
    back = client.post(f"/cart/lines/{mug}/restore", data=fields, headers=HX)
    assert _order(back.text) == [cup, mug, tee] and not tags_with(back.text, "cart-undo")
    again = client.post(f"/cart/lines/{mug}/restore", data=fields, headers=HX)  # twice: once
    assert _order(again.text) == [cup, mug, tee]
    assert text_of(again.text, "cart-subtotal") == "¥324.00"  # 2x39 + 3x49 + 99


def test_remove_without_javascript_offers_undo_on_the_cart_page(
    client: TestClient, shop: dict
) -> None:
    cup, mug = shop["cup"]["skus"]
    _add(client, cup)
    _add(client, mug, 2)
    csrf = csrf_of(client.get("/cart").text)
    r = client.post(f"/cart/lines/{mug}/remove", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    query = parse_qs(urlsplit(r.headers["location"]).query)
    assert query["undo"] == [str(mug)] and query["undo_q"] == ["2"]
    page = client.get(r.headers["location"]).text
    assert text_of(page, "undo-text") == "已删除一件商品"
    restore = {"csrf": csrf, "quantity": "2", "added_at": query["undo_at"][0]}
    r = client.post(f"/cart/lines/{mug}/restore", data=restore, follow_redirects=False)
    assert r.status_code == 303 and _order(client.get("/cart").text) == [cup, mug]


def test_undo_takes_what_is_left(client: TestClient, shop: dict, db: Database) -> None:
    cup = shop["cup"]["skus"][0]
    _add(client, cup, 6)
    csrf = csrf_of(client.get("/cart").text)
    client.post(f"/cart/lines/{cup}/remove", data={"csrf": csrf}, headers=HX)
    with db.transaction() as tx:
        inventory.reserve_for_order(tx, "OTHER", {cup: 8})  # 2 left
    r = client.post(f"/cart/lines/{cup}/restore", data={"csrf": csrf, "quantity": "6"}, headers=HX)
    assert text_of(r.text, "line-total") == "¥78.00"
