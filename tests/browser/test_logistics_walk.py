"""Issue 15, proof (the logistics half) in Debian chromium, against a real server with the
demo's fake carriers mounted (they push over HTTP to the server's own push URL):

a paid order, allocated to the warehouse → the warehouse member (PC) ticks it in the
shipment queue, marks it picked, ships it with 顺丰速运 (the real SF adapter books a waybill
at the fake SF) → the courier's scans at the carrier desk (收件, 分拣) are pushed to the shop
→ the shopper on a phone sees the parcel on the order page and the tracking page (paid →
packed → out of the warehouse → in transit) → 派送, 签收 → the order reads 已签收 and the
database agrees (order signed, the parcel's four scans stored once, the stock gone).

Screenshots: artifacts/screenshots/walk-logistics-<nn>-<step>.png."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import func, select

from mercato.access import team
from mercato.inventory.adapters.tables import StockLevel
from mercato.logistics.adapters.tables import Shipment, TrackingEvent
from mercato.logistics.services import allocate
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from tests.browser.conftest import _free_port
from tests.browser.walks_admin import sign_in
from tests.browser.walks_common import DEVICES, Walk
from tests.logistics.helpers import paid_order
from tests.orders.conftest import PASSWORD

pytestmark = pytest.mark.browser
PORT = _free_port()
STAFF = {"email": "cang@shop.test", "password": "warehouse-pass-9", "name": "仓库小王"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    settings.sandbox_smtp_port = _free_port()
    settings.public_url = f"http://127.0.0.1:{PORT}"  # where the fake carriers push
    return settings


@pytest.fixture
def shop_url(app: FastAPI) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=PORT, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{PORT}"
    server.should_exit = True
    thread.join(timeout=10)


def _ship_from_queue(walk: Walk, url: str, db: Database, number: str) -> str:
    page = walk.page
    sign_in(walk, url, STAFF["email"], STAFF["password"])
    page.goto(f"{url}/admin/shipments")
    row = page.locator(f"input[name=n][value='{number}']")
    row.check()
    walk.shot("queue-chosen", full=True)
    page.locator("button[data-bulk=pick]").click()
    page.wait_for_load_state()
    page.goto(f"{url}/admin/shipments?status=picking")
    page.locator(f"input[name=n][value='{number}']").check()
    walk.testid("bulk-carrier").select_option("sf")
    page.locator("button[data-bulk=ship]").click()
    page.wait_for_load_state()
    walk.shot("shipped-report", full=True)
    with db.reading() as tx:
        waybill = str(tx.scalar(select(Shipment.waybill_no).where(Shipment.number == number)))
    assert waybill.startswith("SF") and waybill in page.content(), waybill  # the report
    page.goto(f"{url}/admin/shipments/{number}")
    assert waybill in page.content()
    walk.shot("shipment-page", full=True)
    return waybill


def _courier(walk: Walk, url: str, waybill: str, scans: int) -> None:
    page = walk.page
    page.goto(f"{url}/sandbox/carriers/")
    for _ in range(scans):
        page.locator(f"[data-waybill='{waybill}'] button.go").click()
        page.wait_for_load_state()
    walk.shot("carrier-desk")


def _shopper(walk: Walk, url: str, phone: str, order: str) -> None:
    page = walk.page
    page.goto(f"{url}/account/login?next=/account/orders/{order}")
    walk.testid("field-login").fill(phone)
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    page.wait_for_url(f"**/account/orders/{order}")
    card = walk.testid("parcels")
    assert "运输中" in card.inner_text(), card.inner_text()
    walk.fits()
    walk.shot("order-parcel")
    walk.testid("tracking-link").first.click()
    page.wait_for_url(f"**/account/orders/{order}/tracking")
    assert page.locator("ol.steps li.done").count() == 4  # paid, packed, out, in transit
    walk.fits()
    walk.shot("tracking")


def test_paid_order_to_signed_for(browser: Any, shop_url: str, db: Database, market: Any,
                                  buyer: dict[str, Any], shots: Path) -> None:
    with httpx.Client(base_url=shop_url) as client:
        order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 2})
    with db.transaction() as tx:
        (number,) = allocate.allocate_order(tx, order)
        team.add_staff(tx, STAFF["email"], STAFF["password"], STAFF["name"], "warehouse")
    staff = Walk(browser.new_context(**DEVICES["pc"], locale="zh-CN").new_page(), "logistics",
                 shots, who="pc")
    waybill = _ship_from_queue(staff, shop_url, db, number)
    _courier(staff, shop_url, waybill, 2)
    phone = Walk(browser.new_context(**DEVICES["phone"], locale="zh-CN").new_page(),
                 "logistics", shots, who="phone")
    _shopper(phone, shop_url, buyer["phone"], order)
    _courier(staff, shop_url, waybill, 2)
    phone.page.goto(f"{shop_url}/account/orders/{order}")
    assert phone.testid("parcel").first.get_attribute("data-status") == "signed"
    assert phone.testid("order-status").get_attribute("data-status") == "signed"
    # Signed by the carrier: the shopper may still confirm, which completes the order.
    assert phone.testid("confirm-receipt").count() == 1
    phone.shot("signed")
    with db.reading() as tx:
        assert tx.scalar(select(Order.status).where(Order.number == order)) == "signed"
        assert tx.scalar(select(Shipment.status).where(Shipment.number == number)) == "signed"
        assert tx.scalar(select(func.count()).select_from(TrackingEvent)) == 4
        on_hand = tx.scalar(select(StockLevel.on_hand)
                            .where(StockLevel.sku_id == market["tee"]["skus"][0]))
    assert on_hand == 8
    assert staff.errors == [] and phone.errors == []
