"""Asking for after-sales through the API: what may be asked, photos, and every bad input
answered with a clear error and nothing written."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from sqlalchemy import func, select

from mercato.aftersales.adapters.tables import Request
from mercato.platform.db import Database
from tests.aftersales.helpers import headers, signed_order
from tests.logistics.helpers import paid_order
from tests.orders.conftest import make_buyer


def _count(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Request)) or 0)


def _options(client: Any, buyer: dict[str, Any], order: str) -> dict[str, Any]:
    r = client.get(f"/api/v1/orders/{order}/aftersales/options", headers=headers(client, buyer))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_return_of_some_units_prices_them_from_what_was_paid(
        client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]) -> None:
    sku = market["tee"]["skus"][0]
    order = signed_order(client, db, buyer, {sku: 3})
    opts = _options(client, buyer, order)
    assert opts["kinds"] == ["return", "exchange"]
    (line,) = opts["lines"]
    assert (line["quantity"], line["left"], line["no_reason_days"]) == (3, 3, 7)
    body = {"kind": "return", "reason": "no_reason",
            "lines": [{"line_id": line["line_id"], "quantity": 2}]}
    r = client.post(f"/api/v1/orders/{order}/aftersales", json=body,
                    headers=headers(client, buyer))
    assert r.status_code == 201, r.text
    got = r.json()
    assert got["status"] == "requested" and got["number"] == f"{order}-A1"
    assert got["refund_fen"] == line["paid_fen"] * 2 // 3
    assert _options(client, buyer, order)["lines"][0]["left"] == 1
    # The third unit alone, then nothing more.
    body["lines"] = [{"line_id": line["line_id"], "quantity": 2}]
    r = client.post(f"/api/v1/orders/{order}/aftersales", json=body,
                    headers=headers(client, buyer))
    assert (r.status_code, r.json()["error"]["code"]) == (409, "aftersales.more_than_bought")
    assert _count(db) == 1


def test_late_return_refused(client: Any, db: Database, market: dict[str, Any],
                             buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 1}, days_ago=8)
    line = _options(client, buyer, order)["lines"][0]
    r = client.post(f"/api/v1/orders/{order}/aftersales", headers=headers(client, buyer),
                    json={"kind": "return", "reason": "no_reason",
                          "lines": [{"line_id": line["line_id"], "quantity": 1}]})
    assert r.status_code == 409
    assert r.json()["error"] == {"code": "aftersales.window_closed", "field": "order_number",
                                 "message": r.json()["error"]["message"]}
    assert _count(db) == 0


def test_another_customers_order_is_not_found(client: Any, db: Database,
                                              market: dict[str, Any],
                                              buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    other = make_buyer(db, "13800000002")
    r = client.post(f"/api/v1/orders/{order}/aftersales", headers=headers(client, other),
                    json={"kind": "return", "reason": "no_reason",
                          "lines": [{"line_id": 1, "quantity": 1}]})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "orders.not_found")
    r = client.get(f"/api/v1/aftersales/{order}-A1", headers=headers(client, other))
    assert r.status_code == 404
    assert _count(db) == 0


def test_exchange_needs_own_photos(client: Any, db: Database, market: dict[str, Any],
                                   buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    line = _options(client, buyer, order)["lines"][0]
    body: dict[str, Any] = {"kind": "exchange", "reason": "quality",
                            "lines": [{"line_id": line["line_id"], "quantity": 1}]}
    r = client.post(f"/api/v1/orders/{order}/aftersales", json=body,
                    headers=headers(client, buyer))
    assert (r.status_code, r.json()["error"]["code"]) == (422, "aftersales.photos_required")
    bad = client.post("/api/v1/aftersales-photos", headers=headers(client, buyer),
                      files={"file": ("x.jpg", b"<script>alert(1)</script>", "image/jpeg")})
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "aftersales.photo_type")
    other = make_buyer(db, "13800000003")
    theirs = client.post("/api/v1/aftersales-photos", headers=headers(client, other),
                         files={"file": ("a.jpg", _jpeg(), "image/jpeg")}).json()["id"]
    body["photo_ids"] = [theirs]
    r = client.post(f"/api/v1/orders/{order}/aftersales", json=body,
                    headers=headers(client, buyer))
    assert (r.status_code, r.json()["error"]["code"]) == (422, "aftersales.unknown_photo")
    mine = client.post("/api/v1/aftersales-photos", headers=headers(client, buyer),
                       files={"file": ("a.jpg", _jpeg(), "image/jpeg")})
    assert mine.status_code == 201, mine.text
    body["photo_ids"] = [mine.json()["id"]]
    r = client.post(f"/api/v1/orders/{order}/aftersales", json=body,
                    headers=headers(client, buyer))
    assert r.status_code == 201, r.text
    assert (r.json()["kind"], r.json()["refund_fen"]) == ("exchange", 0)
    assert _count(db) == 1


def test_refund_only_before_shipping_and_not_after(client: Any, db: Database,
                                                   market: dict[str, Any],
                                                   buyer: dict[str, Any]) -> None:
    order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 2})
    assert _options(client, buyer, order)["kinds"] == ["refund"]
    r = client.post(f"/api/v1/orders/{order}/aftersales", headers=headers(client, buyer),
                    json={"kind": "return", "reason": "no_reason",
                          "lines": [{"line_id": 1, "quantity": 1}]})
    assert (r.status_code, r.json()["error"]["code"]) == (409, "aftersales.not_delivered")
    r = client.post(f"/api/v1/orders/{order}/aftersales", headers=headers(client, buyer),
                    json={"kind": "refund", "reason": "not_needed"})
    assert r.status_code == 201, r.text
    total = client.get(f"/api/v1/orders/{order}", headers=headers(client, buyer)).json()
    assert r.json()["refund_fen"] == total["total_fen"]  # delivery included
    again = client.post(f"/api/v1/orders/{order}/aftersales", headers=headers(client, buyer),
                        json={"kind": "refund", "reason": "not_needed"})
    assert (again.status_code, again.json()["error"]["code"]) == (
        409, "aftersales.already_requested")


def test_bad_bodies_are_422(client: Any, db: Database, market: dict[str, Any],
                            buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    h = headers(client, buyer)
    for body in ({"kind": "steal", "reason": "x"},
                 {"kind": "return", "reason": "no_reason", "lines": [{"line_id": 1,
                                                                      "quantity": -1}]},
                 {"kind": "return", "reason": "no_reason", "refund_fen": 1},
                 {"kind": "return", "reason": "whatever",
                  "lines": [{"line_id": 1, "quantity": 1}]}):
        r = client.post(f"/api/v1/orders/{order}/aftersales", json=body, headers=h)
        assert r.status_code == 422, (body, r.text)
        assert "code" in r.json()["error"]
    assert _count(db) == 0


def test_withdraw_then_waybill_refused(client: Any, db: Database, market: dict[str, Any],
                                       buyer: dict[str, Any]) -> None:
    order = signed_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    line = _options(client, buyer, order)["lines"][0]
    h = headers(client, buyer)
    number = client.post(f"/api/v1/orders/{order}/aftersales", headers=h, json={
        "kind": "return", "reason": "no_reason",
        "lines": [{"line_id": line["line_id"], "quantity": 1}]}).json()["number"]
    r = client.post(f"/api/v1/aftersales/{number}/return-waybill", headers=h,
                    json={"carrier": "顺丰", "waybill": "SF1234567890"})
    assert (r.status_code, r.json()["error"]["code"]) == (409, "aftersales.invalid_transition")
    assert client.post(f"/api/v1/aftersales/{number}/cancel", headers=h).json()["status"] == (
        "cancelled")
    assert _options(client, buyer, order)["lines"][0]["left"] == 1  # free to ask again
