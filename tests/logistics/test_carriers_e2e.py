"""Through the real adapters and the demo's fake carriers (mounted by the app in demo mode):
a waybill booked with SF Express and one with ZTO through Kuaidi100, then the fakes push
scans to the shop's push URLs; forged, repeated and unknown pushes are refused or ignored
without a write; the shopper's pages show the parcel and take 确认收货."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mercato.logistics.adapters import registry
from mercato.logistics.adapters.tables import TrackingEvent
from mercato.logistics.services import allocate, outbound
from mercato.platform.db import Database
from tests.logistics.helpers import paid_order, shipments
from tests.members.conftest import csrf_of, page_login


@pytest.fixture
def shop_client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url=app.state.settings.public_url) as c:
        app.state.carrier_desk.use_client(c)
        app.state.carriers = registry.build(app.state.settings, c)
        yield c


def _ship(db: Database, client: TestClient, order: str, carrier: str) -> str:
    book = client.app.state.carriers  # type: ignore[attr-defined]
    (s,) = shipments(db, order)
    with db.transaction() as tx:
        waybill = outbound.ship(tx, s.number, carrier, book.by_carrier, "ops", "4008000000")
        number = str(waybill.waybill_no)
    outbound.subscribe(book.by_carrier, carrier, number, "13912345678")
    return number


def _events(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(TrackingEvent)) or 0)


def _order(client: TestClient, db: Database, market: dict[str, Any],
           buyer: dict[str, Any]) -> str:
    order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
    return order


def test_sf_waybill_pushes_to_signed_and_pages(shop_client: TestClient, db: Database,
                                               market: dict[str, Any],
                                               buyer: dict[str, Any]) -> None:
    order = _order(shop_client, db, market, buyer)
    waybill = _ship(db, shop_client, order, "sf")
    assert waybill.startswith("SF")
    desk = shop_client.app.state.carrier_desk  # type: ignore[attr-defined]
    desk.advance("sf", waybill, False)  # 50 收件
    desk.advance("sf", waybill, False)  # 30 分拣
    assert shipments(db, order)[0].stage == "in_transit"
    page_login(shop_client, buyer["phone"])
    page = shop_client.get(f"/account/orders/{order}")
    assert 'data-testid="parcels"' in page.text and waybill in page.text
    assert 'data-testid="confirm-receipt"' in page.text
    tracking = shop_client.get(f"/account/orders/{order}/tracking")
    assert tracking.text.count('data-stage="') >= 3
    desk.advance("sf", waybill, False)  # 44 派送
    desk.advance("sf", waybill, False)  # 80 签收
    assert shipments(db, order)[0].status == "signed"
    page = shop_client.get(f"/account/orders/{order}")
    assert 'data-status="signed"' in page.text
    assert 'data-testid="confirm-receipt"' in page.text  # confirming now completes it
    csrf = csrf_of(page.text)
    r = shop_client.post(f"/account/orders/{order}/receipt", data={"csrf": csrf},
                         follow_redirects=False)
    assert r.status_code == 303
    page = shop_client.get(f"/account/orders/{order}")
    assert 'data-status="completed"' in page.text
    assert 'data-testid="confirm-receipt"' not in page.text


def test_zto_through_kuaidi100_and_repeats(shop_client: TestClient, db: Database,
                                           market: dict[str, Any],
                                           buyer: dict[str, Any]) -> None:
    order = _order(shop_client, db, market, buyer)
    waybill = _ship(db, shop_client, order, "zto")
    desk = shop_client.app.state.carrier_desk  # type: ignore[attr-defined]
    for _ in range(3):
        desk.advance("kuaidi100", waybill, False)  # each push resends the whole history
    assert _events(db) == 3
    assert shipments(db, order)[0].stage == "in_transit"
    desk.advance("kuaidi100", waybill, True)  # 拒签
    (s,) = shipments(db, order)
    assert (s.stage, s.status) == ("failed", "shipped")


def test_forged_and_unknown_pushes_write_nothing(shop_client: TestClient, db: Database,
                                                 market: dict[str, Any],
                                                 buyer: dict[str, Any]) -> None:
    order = _order(shop_client, db, market, buyer)
    waybill = _ship(db, shop_client, order, "sf")
    route = {"mailno": waybill, "orderid": "x", "acceptTime": "2026-12-01 10:00:00",
             "acceptAddress": "深圳", "remark": "签收", "opCode": "80", "id": "1",
             "reasonCode": "", "reasonName": ""}
    body = json.dumps({"Body": {"WaybillRoute": [route]}}, ensure_ascii=False).encode()
    forged = shop_client.post("/api/v1/logistics/push/sf?token=guess", content=body)
    assert forged.status_code == 401
    assert forged.json()["error"]["code"] == "logistics.push_forged"
    token = registry.sandbox_account(shop_client.app.state.settings)["sf_push_token"]  # type: ignore[attr-defined]
    unknown = shop_client.post(f"/api/v1/logistics/push/sf?token={token}",
                               content=body.replace(waybill.encode(), b"SF0000000000001"))
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "logistics.unknown_waybill"
    bad = shop_client.post(f"/api/v1/logistics/push/sf?token={token}", content=b"{not json")
    assert bad.status_code == 401
    nobody = shop_client.post("/api/v1/logistics/push/dhl", content=body)
    assert nobody.status_code == 404
    kd = shop_client.post("/api/v1/logistics/push/kuaidi100",
                          data={"param": '{"lastResult":{}}', "sign": "00"})
    assert kd.status_code == 401
    assert _events(db) == 0
    ok = shop_client.post(f"/api/v1/logistics/push/sf?token={token}", content=body)
    assert ok.status_code == 200 and ok.json()["return_code"] == "0000"
    again = shop_client.post(f"/api/v1/logistics/push/sf?token={token}", content=body)
    assert again.status_code == 200
    assert _events(db) == 1
    assert shipments(db, order)[0].status == "signed"


def test_customer_confirms_receipt_on_the_page(shop_client: TestClient, db: Database,
                                               market: dict[str, Any],
                                               buyer: dict[str, Any]) -> None:
    order = _order(shop_client, db, market, buyer)
    _ship(db, shop_client, order, "sf")
    page_login(shop_client, buyer["phone"])
    page = shop_client.get(f"/account/orders/{order}")
    csrf = page.text.split('name="csrf" value="', 2)[1].split('"', 1)[0]
    r = shop_client.post(f"/account/orders/{order}/receipt", data={"csrf": csrf},
                         follow_redirects=False)
    assert r.status_code == 303
    assert shipments(db, order)[0].status == "signed"
    other = shop_client.get(f"/account/orders/{order}1/tracking")
    assert other.status_code == 404
