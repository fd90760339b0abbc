"""The shopper's walk, step by step (tests/browser/test_walks.py): each step acts as a person
would on the device (a tap and a swipe on the phone, a click on the PC) and checks what the
server now holds, not only what the page says."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mercato.catalog.adapters.tables import Sku
from mercato.orders.adapters.tables import Order, OrderLine
from mercato.platform.db import Database
from tests.browser.test_storefront_shell import _swipe_left
from tests.browser.walks_common import Walk
from tests.members.conftest import PASSWORD
from tests.orders.admin_factory import available

PASTED = "张三 13812345678 广东省深圳市南山区科技园路1号"


def _press(walk: Walk, target: Any) -> None:
    """A finger's tap on the phone, the mouse elsewhere."""
    if walk.device == "phone":
        target.tap()
    else:
        target.click()


def title_bar(walk: Walk, title: str) -> None:
    """On the way to an order: a phone shows a plain title bar with ‹ in place of the shop
    header (no search box, no category bar); a PC keeps the header and shows no bar."""
    bar, search = walk.testid("title-bar"), walk.testid("search-input")
    if walk.device == "phone":
        assert bar.is_visible() and walk.text("title-bar") == title, walk.text("title-bar")
        assert not search.is_visible() and not walk.testid("logo").is_visible()
        assert (
            walk.testid("category-nav").count() == 0 or not walk.testid("category-nav").is_visible()
        )
        box = bar.bounding_box()
        assert box["height"] <= 48 and box["width"] == walk.page.viewport_size["width"], box
    else:
        assert not bar.is_visible() and search.is_visible()


def home_and_search(walk: Walk, live_url: str) -> None:
    page = walk.page
    page.goto(live_url + "/")
    assert walk.testid("tab-bar").is_visible() == (walk.device == "phone")
    walk.fits()
    walk.shot("home")
    box = walk.testid("search-input")
    _press(walk, box)
    box.press_sequentially("纯棉", delay=40)
    product = page.locator("[data-testid=search-suggestion][data-kind=product]").first
    product.wait_for()
    assert "纯棉圆领T恤" in product.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    walk.shot("suggestions")
    _press(walk, product)
    page.wait_for_url("**/p/cotton-tee")
    assert walk.text("product-title") == "纯棉圆领T恤"
    walk.fits()
    walk.shot("product")


def gallery_second_picture(walk: Walk, context: Any) -> None:
    page = walk.page
    assert walk.testid("gallery-image").count() == 3
    if walk.device == "phone":
        _swipe_left(page, context, walk.testid("gallery-slides").bounding_box())
        page.wait_for_function(
            "document.querySelector('[data-testid=gallery-count]').textContent === '2/3'"
        )
    else:
        walk.testid("gallery-thumb").nth(1).click()
        page.wait_for_function(
            "(s => Math.abs(s.scrollLeft - s.clientWidth) < 2)"
            "(document.querySelector('[data-testid=gallery-slides]'))"
        )
        assert walk.testid("gallery-thumb").nth(1).get_attribute("aria-current") == "true"
    # The picture shown is really drawn, not a broken image.
    page.wait_for_function(
        "(i => i.complete && i.naturalWidth > 0)"
        "(document.querySelectorAll('[data-testid=gallery-image]')[1])"
    )
    walk.shot("gallery-2nd")


def add_to_cart(walk: Walk, live_url: str) -> None:
    """Black, L, 加入购物车: a toast on the same page and the badges count 1."""
    page = walk.page
    page.evaluate("window.__sameDocument = true")
    for axis, value in (("color", "Black"), ("size", "L")):
        _press(
            walk,
            page.locator(f"[data-testid=variant-button][data-axis={axis}][data-value={value}]"),
        )
        page.locator(
            f"[data-testid=variant-button][data-axis={axis}][data-value={value}][aria-pressed=true]"
        ).wait_for()
    assert walk.text("sku-code") == "TEE-BL-L"
    _press(walk, walk.testid("add-to-cart"))
    toast = page.locator("[data-testid=toast].show")
    toast.wait_for()
    assert "已加入购物车" in toast.inner_text()
    page.wait_for_function(
        "[...document.querySelectorAll('[data-cart-count]')].every(b => b.textContent === '1')"
    )
    badge = "buybar-cart-count" if walk.device == "phone" else "header-cart-count"
    assert walk.testid(badge).is_visible()
    assert page.evaluate("window.__sameDocument === true"), "adding to the cart left the page"
    counted = page.request.get(live_url + "/cart/count").json()
    assert counted == {"count": 1}, counted  # the server's cart, not only the badge
    page.wait_for_function(  # faded in, for the picture
        "getComputedStyle(document.querySelector('[data-testid=toast]')).opacity === '1'"
    )
    walk.shot("added-toast")


def buy_now_and_sign_in(walk: Walk, phone: str) -> None:
    """Two of them, 立即购买: checkout wants a signed-in shopper, then takes just this line."""
    page = walk.page
    _press(walk, walk.testid("quantity-more"))
    assert walk.testid("add-quantity").input_value() == "2"
    _press(walk, walk.testid("buy-now"))
    page.wait_for_url("**/account/login?next=**")
    walk.testid("field-login").fill(phone)
    walk.testid("field-password").fill(PASSWORD)
    walk.shot("login")
    _press(walk, walk.testid("login-submit"))
    page.wait_for_url("**/checkout?sku=*")
    assert walk.testid("checkout-line").count() == 1
    assert walk.testid("no-address").is_visible()
    assert walk.testid("new-address").get_attribute("open") is not None
    walk.fits()
    walk.shot("checkout-no-address")


def paste_address(walk: Walk) -> None:
    page = walk.page
    walk.testid("paste-box").fill(PASTED)
    _press(walk, walk.testid("paste-recognise"))
    page.wait_for_function("document.querySelector('[data-testid=field-recipient]').value")
    assert walk.testid("field-recipient").input_value() == "张三"
    assert walk.testid("field-phone").input_value() == "13812345678"
    assert walk.testid("field-street").input_value() == "科技园路1号"
    assert walk.text("region-button") == "广东省 深圳市 南山区"
    walk.testid("region-button").scroll_into_view_if_needed()
    walk.shot("pasted")
    # The picker opens on what the paste chose: the three tabs, 南山区 marked.
    _press(walk, walk.testid("region-button"))
    sheet = walk.testid("region-picker")
    current = sheet.locator("[data-testid=region-option][aria-current=true]")
    current.wait_for()
    tabs = sheet.locator("[data-testid=region-tab]").all_inner_texts()
    assert [t.strip() for t in tabs] == ["广东省", "深圳市", "南山区"], tabs
    assert current.get_attribute("data-name") == "南山区"
    walk.shot("region-picker")
    _press(walk, current)  # choosing the same district again closes it
    sheet.wait_for(state="hidden")
    assert walk.text("region-button") == "广东省 深圳市 南山区"
    _press(walk, walk.testid("address-submit"))
    page.wait_for_url("**/checkout?**address_id=**")


def place_order(walk: Walk, db: Database, sku_code: str) -> str:
    """Submit: the server prices the order itself and reserves the stock. The number."""
    page = walk.page
    with db.reading() as s:
        sku_id, price = s.execute(select(Sku.id, Sku.price).where(Sku.code == sku_code)).one()
    before = available(db, sku_id)
    assert walk.testid("checkout-line").count() == 1
    assert walk.testid("address-choice").first.is_checked()
    assert "广东省深圳市南山区科技园路1号" in walk.text("checkout-address")
    assert walk.text("checkout-total") == f"¥{2 * price / 100:.2f}"  # free shipping over ¥99
    title_bar(walk, "确认订单")
    walk.fits()
    walk.shot("checkout", full=True)
    _press(walk, walk.testid("place-order"))
    page.wait_for_url("**/account/orders/*/pay")
    number = page.url.split("/account/orders/")[1].split("/")[0]
    with db.reading() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        lines = s.execute(
            select(OrderLine.sku_id, OrderLine.quantity, OrderLine.unit_price_fen).where(
                OrderLine.order_id == order.id
            )
        ).all()
        assert order.status == "pending_payment"
        assert (order.subtotal_fen, order.shipping_fen, order.total_fen) == (
            2 * price,
            0,
            2 * price,
        )
        assert (order.recipient, order.phone) == ("张三", "13812345678")
        assert (order.province, order.city, order.district) == ("广东省", "深圳市", "南山区")
        assert [tuple(x) for x in lines] == [(sku_id, 2, price)]  # buy now: exactly two
        total = order.total_fen
    assert available(db, sku_id) == before - 2, "the two are not reserved"
    assert walk.text("pay-amount") == f"¥{total / 100:.2f}"
    title_bar(walk, "支付订单")
    walk.shot("pay")
    return number


def pay_in_sandbox(walk: Walk, db: Database, number: str) -> None:
    page = walk.page
    _press(walk, walk.testid("pay-submit"))
    page.wait_for_url("**/pay/sandbox/**")
    walk.shot("sandbox-cashier")
    _press(walk, walk.testid("sandbox-pay"))
    page.wait_for_url(f"**/account/orders/{number}")
    assert walk.testid("order-status").get_attribute("data-status") == "paid"
    assert walk.text("order-status") == "待发货"  # the shopper's word for paid
    with db.reading() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        assert order.status == "paid" and order.paid_fen == order.total_fen
    title_bar(walk, "订单详情")
    walk.fits()
    walk.shot("paid", full=True)


def my_account(walk: Walk, number: str) -> None:
    """我的: the shortcut counts say one to ship; its shortcut lists that order."""
    page = walk.page
    link = walk.testid("tab-account" if walk.device == "phone" else "account-link")
    _press(walk, link)
    page.wait_for_url("**/account")
    assert walk.text("count-to-ship") == "1"
    for other in ("to-pay", "to-receive", "after-sales"):
        assert walk.testid(f"count-{other}").count() == 0, other
    assert page.locator(f"[data-testid=recent-order][data-number='{number}']").count() == 1
    title_bar(walk, "我的")
    walk.fits()
    walk.shot("account", full=True)
    _press(walk, walk.testid("shortcut-to-ship"))
    page.wait_for_url("**/account/orders?status=to_ship")
    cards = walk.testid("order-card")
    assert cards.count() == 1 and cards.first.get_attribute("data-number") == number
    assert walk.text("order-status") == "待发货"
    current = page.locator("[data-testid=order-tabs] a[aria-current=page]")
    assert current.inner_text().strip() == "待发货"
    title_bar(walk, "我的订单")
    walk.fits()
    walk.shot("to-ship")
