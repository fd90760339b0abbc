"""Issue 14, proof: two whole walks in Debian chromium, as people make them.

The shopper, on a phone (412 × 732, touch) and on a PC (1366 × 900): home → a search
suggestion → the product (2nd picture by swipe or thumbnail; 加入购物车 answered by a toast in
place, the badges counting 1) → 立即购买 two → sign in → checkout with one pasted line (name,
phone, the region picker on 广东省 / 深圳市 / 南山区) → the order (priced by the server, the
stock reserved) → the sandbox cashier → paid → 我的 (待发货 1, and its shortcut).

The merchant, on a PC and a tablet (1024 × 768): the owner's dashboard figures against the
orders in the database, a Pillow PNG uploaded to a product (its thumbnail), two products'
prices changed in one sheet; then a warehouse member meets 403 on payments, in the admin
layout, while stock opens.

Screenshots: artifacts/screenshots/walk-<device>[-admin]-<nn>-<step>.png (the `shots` fixture)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mercato.platform.db import Database
from mercato.platform.settings import Settings
from tests.browser import walks_admin as merchant
from tests.browser import walks_shopper as shopper
from tests.browser.admin_orders_seed import seed
from tests.browser.conftest import _free_port
from tests.browser.test_storefront_shell import gallery  # noqa: F401  (three tee pictures)
from tests.browser.walks_common import DEVICES, Walk
from tests.members.conftest import make_customer

pytestmark = pytest.mark.browser
BUYERS = {"phone": "13700000021", "pc": "13700000022"}
BUDGET_S = 40


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The demo's fake SMTP relay on a port of its own (others may run a shop on 2525)."""
    settings.sandbox_smtp_port = _free_port()
    return settings


@pytest.mark.parametrize("device", ["phone", "pc"])
def test_shopper_walk(
    browser: Any,
    live_url: str,
    market: Any,
    gallery: list[str],  # noqa: F811
    db: Database,
    shots: Path,
    device: str,
) -> None:
    make_customer(db, BUYERS[device])
    context = browser.new_context(**DEVICES[device], locale="zh-CN")
    walk = Walk(context.new_page(), device, shots)
    try:
        shopper.home_and_search(walk, live_url)
        shopper.gallery_second_picture(walk, context)
        shopper.add_to_cart(walk, live_url)
        shopper.buy_now_and_sign_in(walk, BUYERS[device])
        shopper.paste_address(walk)
        number = shopper.place_order(walk, db, "TEE-BL-L")
        shopper.pay_in_sandbox(walk, db, number)
        shopper.my_account(walk, number)
    finally:
        context.close()
    took = walk.took()
    assert walk.errors == []
    assert took < BUDGET_S, f"the walk took {took:.1f} s"


@pytest.mark.parametrize("device", ["pc", "tablet"])
def test_merchant_walk(
    browser: Any,
    live_url: str,
    db: Database,
    settings: Settings,
    shop: Any,
    staff: Any,
    shots: Path,
    device: str,
) -> None:
    seed(db, shop, Path(settings.media_dir))  # a shop day: orders in every status, paid today
    merchant.add_warehouse_member(db)
    context = browser.new_context(**DEVICES[device], locale="zh-CN")
    walk = Walk(context.new_page(), device, shots, who="admin")
    try:
        merchant.sign_in(walk, live_url, staff["email"], staff["password"])
        merchant.dashboard(walk, db)
        merchant.upload_picture(walk, db, live_url, shop["cup"]["id"])
        merchant.bulk_prices(
            walk,
            db,
            live_url,
            [shop["tee"]["id"], shop["cup"]["id"]],
            {"TEE-WH-M": "89.00", "MUG-500": "45.50"},
        )
        merchant.restricted_member(walk, live_url)
    finally:
        context.close()
    took = walk.took()
    assert walk.errors == []
    assert took < BUDGET_S, f"the walk took {took:.1f} s"
