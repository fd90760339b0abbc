"""The after-sales proof in Debian chromium, against a real server with the demo's fake SF
and sandbox payments: the logistics walk's story (tests/browser/test_logistics_walk.py)
carried on to a return and its money.

An order asking for a company invoice, paid by the shopper (phone) at the sandbox cashier →
allocated → the warehouse member (PC) ships it with 顺丰速运 (the real SF adapter, the fake
SF) → the courier's scans pushed to the shop (收件, 分拣, 派送) → the shopper taps 确认收货:
the parcel is signed for, the order completes and its blue invoice is issued → 售后 card →
退货退款 of one of the two units → 等待商家审核 → customer service (PC) approves from the
queue → the shopper reads the return address and types the waybill → the warehouse receives
it (back in stock) → the sandbox refunds at once → the request reads 已退款 with the amount,
the order page lists the blue and the red-letter invoice (its PDF opens), and the database
agrees (request, order, provider refund, stock and its ledger, invoices).

The test app runs no jobs (settings.jobs is False): the events the running shop's relay would
deliver are delivered from here (walks_aftersales.relay).

Screenshots: artifacts/screenshots/walk-aftersales-<who>-<nn>-<step>.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mercato.access import team
from mercato.logistics.adapters.tables import Shipment
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from tests.browser import test_logistics_walk as logistics
from tests.browser import walks_aftersales as walk_as
from tests.browser.test_logistics_walk import STAFF, _courier, _ship_from_queue
from tests.browser.walks_common import DEVICES, Walk

pytestmark = pytest.mark.browser
# The logistics walk's server: the demo app on a known port, its fake carriers pushing to it.
settings, shop_url = logistics.settings, logistics.shop_url
UNITS_BOUGHT, UNITS_RETURNED = 2, 1


def _walk(browser: Any, device: str, who: str, shots: Path) -> Walk:
    context = browser.new_context(**DEVICES[device], locale="zh-CN")
    return Walk(context.new_page(), "aftersales", shots, who=who)


def _shipment_of(db: Database, order: str) -> str:
    with db.reading() as tx:
        (number,) = tx.scalars(select(Shipment.number).where(Shipment.order_number == order))
    return str(number)


def test_signed_order_returned_and_refunded(
        browser: Any, shop_url: str, db: Database, market: Any,
        buyer: dict[str, Any], settings: Settings, shots: Path) -> None:
    sku = market["tee"]["skus"][0]
    with httpx.Client(base_url=shop_url) as client:
        order = walk_as.order_with_invoice(client, db, buyer, {sku: UNITS_BOUGHT})
    with db.transaction() as tx:
        team.add_staff(tx, STAFF["email"], STAFF["password"], STAFF["name"], "warehouse")
        team.add_staff(tx, walk_as.SERVICE["email"], walk_as.SERVICE["password"],
                       walk_as.SERVICE["name"], "service")
    phone = _walk(browser, "phone", "phone", shots)
    walk_as.sign_in_and_pay(phone, shop_url, db, buyer["phone"], order)
    walk_as.relay(db, settings)  # order paid → allocated to the warehouse
    warehouse = _walk(browser, "pc", "pc-warehouse", shots)
    waybill = _ship_from_queue(warehouse, shop_url, db, _shipment_of(db, order))
    _courier(warehouse, shop_url, waybill, 3)  # 收件, 分拣, 派送
    walk_as.confirm_receipt(phone, shop_url, order)
    walk_as.relay(db, settings)  # order completed → the blue invoice
    walk_as.after_sales_card(phone, shop_url, order)
    rn = walk_as.ask_return(phone, order, UNITS_RETURNED)
    service = _walk(browser, "pc", "pc-service", shots)
    walk_as.approve(service, shop_url, rn)
    walk_as.send_back(phone, shop_url, rn)
    on_hand = walk_as.stock_of(db, sku)
    walk_as.receive(warehouse, shop_url, rn)
    walk_as.relay(db, settings)  # refund succeeded → request refunded → red-letter invoice
    assert walk_as.stock_of(db, sku) == on_hand + UNITS_RETURNED
    walk_as.refund_shown(phone, shop_url, rn, walk_as.refund_of(db, rn))
    walk_as.invoices_shown(phone, shop_url, order)
    walk_as.database_agrees(db, order, rn, UNITS_RETURNED)
    assert phone.errors == [] and warehouse.errors == [] and service.errors == []
    for walk in (phone, warehouse, service):
        walk.took()  # the step times beside the pictures
