"""Storefront order pages: checkout (htmx totals, invoice, double submit), pay with the
sandbox, my orders, order detail, cancel."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import func, select

from mercato.orders.adapters.tables import Order
from tests.members.conftest import page_login
from tests.orders.conftest import fill_cart, make_buyer
from tests.payments.order_helpers import csrf_of, order_state


def _checkout_form(html: str) -> dict[str, str]:
    return {
        "csrf": csrf_of(html),
        "idem": re.search(r'name="idem" value="([^"]+)"', html).group(1),
        "address_id": re.search(r'name="address_id" value="(\d+)" checked', html).group(1),
        "shipping_method": re.search(r'name="shipping_method" value="(\w+)" checked', html).group(
            1
        ),
    }


def test_checkout_pay_and_see_the_order(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1, market["cup"]["skus"][0]: 2})
    page_login(client, buyer["phone"])
    page = client.get("/checkout")
    assert page.status_code == 200 and page.text.count('data-testid="checkout-line"') == 2
    form = _checkout_form(page.text)
    assert form["shipping_method"] == "std"  # cheapest first: free over ¥99
    summary = client.get(
        "/checkout/summary",
        params={"address_id": form["address_id"], "shipping_method": "express"},
        headers={"HX-Request": "true"},
    )
    assert "¥20.00" in summary.text and "¥197.00" in summary.text
    form.update(
        invoice_kind="company",
        invoice_title="上海某某有限公司",
        invoice_tax_id="91310000ABCDEFGH1X",
    )
    r = client.post("/checkout", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/pay")
    again = client.post("/checkout", data=form, follow_redirects=False)  # double click
    assert again.headers["location"] == r.headers["location"]
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 1
    pay = client.get(r.headers["location"])
    assert 'data-testid="provider-sandbox"' in pay.text and "¥177.00" in pay.text
    go = client.post(
        r.headers["location"],
        data={"csrf": csrf_of(pay.text), "provider": "sandbox"},
        follow_redirects=False,
    )
    cashier = client.get(go.headers["location"])
    token = re.search(r'name="t" value="([^"]+)"', cashier.text).group(1)
    done = client.post(
        urlsplit(go.headers["location"]).path,
        follow_redirects=False,
        data={"csrf": csrf_of(cashier.text), "t": token, "outcome": "pay"},
    )
    number = done.headers["location"].rsplit("/", 1)[1]
    assert order_state(db, number)[0] == "paid"
    detail = client.get(done.headers["location"])
    assert 'data-status="paid"' in detail.text and "91310000ABCDEFGH1X" in detail.text
    listed = client.get("/account/orders")
    assert f'data-number="{number}"' in listed.text


def test_checkout_errors_are_shown_not_500(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    page_login(client, buyer["phone"])
    form = _checkout_form(client.get("/checkout").text)
    bad = {**form, "invoice_kind": "company", "invoice_title": "X", "invoice_tax_id": "12"}
    r = client.post("/checkout", data=bad)
    assert r.status_code == 422 and 'data-testid="invoice-error"' in r.text
    r = client.post("/checkout", data={**form, "shipping_method": "nope"})
    assert r.status_code == 404
    r = client.post("/checkout", data={**form, "csrf": "forged"})
    assert r.status_code == 403
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 0


def test_login_required_and_empty_cart(client, db, market, buyer):
    r = client.get("/checkout", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/account/login")
    assert client.get("/account/orders", follow_redirects=False).status_code == 303
    page_login(client, buyer["phone"])
    assert client.get("/checkout", follow_redirects=False).headers["location"] == "/cart"


def test_no_address_yet_links_to_the_address_form(client, db, market):
    from mercato.members.services import accounts

    with db.transaction() as tx:
        c = accounts.sign_up(tx, "13800000005", "", "secret-pass-1", "")
    fill_cart(db, c.id, {market["tee"]["skus"][0]: 1})
    csrf = page_login(client, "13800000005")
    page = client.get("/checkout")
    assert 'data-testid="no-address"' in page.text and "next=/checkout" in page.text
    r = client.post(
        "/account/addresses?next=/checkout",
        follow_redirects=False,
        data={
            "csrf": csrf,
            "recipient": "张三",
            "phone": "13912345678",
            "province": "广东省",
            "city": "广州市",
            "district": "天河区",
            "street": "体育西路1号",
        },
    )
    # Back to checkout with the new address chosen.
    assert r.status_code == 303 and r.headers["location"].startswith("/checkout?address_id=")


def test_cancel_from_the_detail_page_and_owner_scoping(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    page_login(client, buyer["phone"])
    form = _checkout_form(client.get("/checkout").text)
    number = (
        client.post("/checkout", data=form, follow_redirects=False)
        .headers["location"]
        .split("/")[3]
    )
    detail = client.get(f"/account/orders/{number}")
    r = client.post(
        f"/account/orders/{number}/cancel",
        data={"csrf": csrf_of(detail.text)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and order_state(db, number)[0] == "cancelled"
    assert client.get(f"/account/orders/{number}/pay", follow_redirects=False).status_code == 303
    make_buyer(db, "13800000002")
    client.cookies.clear()
    page_login(client, "13800000002")
    assert client.get(f"/account/orders/{number}").status_code == 404
