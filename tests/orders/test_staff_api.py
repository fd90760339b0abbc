"""Staff orders API: bearer token, standard JSON errors, strict bodies; the same rules as the
order centre pages (the orders services decide)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.orders import domain
from mercato.platform.db import Database
from tests.orders import admin_factory as f

API = "/api/v1/admin/orders"
UNKNOWN = "2501019999999999"


@pytest.fixture
def shop_with_shipping(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    return f.order_shop(db, shop)


@pytest.fixture
def li(db: Database, shop_with_shipping: dict[str, Any]) -> dict[str, Any]:
    return f.customer(db, "13800000001", "李雷", "13912345678")


@pytest.fixture
def han(db: Database, shop_with_shipping: dict[str, Any]) -> dict[str, Any]:
    return f.customer(db, "13800000002", "韩梅梅", "13700000002")


def _error(r: Any, status: int, code: str, field: str | None = None) -> None:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code, err
    assert set(err) <= {"code", "message", "field"} and err["message"]
    if field:
        assert err["field"] == field, err


def _numbers(r: Any) -> list[str]:
    assert r.status_code == 200, r.text
    return [o["number"] for o in r.json()["orders"]]


def test_token_required(
    client: TestClient, db: Database, shop_with_shipping: dict[str, Any]
) -> None:
    _error(client.get(API), 401, "auth.required")
    _error(client.get(f"{API}/{UNKNOWN}"), 401, "auth.required")
    bad = {"Authorization": "Bearer not-a-token"}
    assert client.get(API, headers=bad).status_code == 401
    r = client.post(f"{API}/{UNKNOWN}/status", json={"status": "cancelled", "reason": "x"})
    _error(r, 401, "auth.required")
    _error(client.post(f"{API}/{UNKNOWN}/notes", json={"note": "x"}), 401, "auth.required")


def test_list_and_filters(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
    han: dict[str, Any],
) -> None:
    tee, mug = shop_with_shipping["tee"]["skus"][0], shop_with_shipping["cup"]["skus"]
    a = f.place(db, li, {tee: 1, mug[0]: 1, mug[1]: 1})
    b = f.place(db, han, {mug[0]: 1})
    f.pay(db, a)
    f.placed_on(db, b, datetime(2025, 3, 1, 16, 0))  # 2 March 00:00 in Beijing

    def get(**params: Any) -> list[str]:
        return _numbers(client.get(API, params=params, headers=api_headers))

    body = client.get(API, headers=api_headers).json()
    assert (body["total"], body["page"], body["pages"]) == (2, 1, 1)
    first = next(o for o in body["orders"] if o["number"] == a)
    assert first["status"] == "paid" and first["recipient"] == "李雷"
    assert first["phone"] == "13912345678" and first["total_fen"] == 9900 + 3900 + 4900
    assert [ln["name"] for ln in first["lines"]] == ["纯棉圆领T恤", "陶瓷马克杯", "陶瓷马克杯"]
    assert get(status="paid") == [a] and get(status="cancelled") == []
    assert get(q=a[:12]) == [n for n in (b, a) if n.startswith(a[:12])]
    assert get(q="13700000002") == [b] and get(q="梅梅") == [b]
    assert get(date_from="2025-03-02", date_to="2025-03-02") == [b]
    assert get(date_to="2025-03-01") == []
    assert get(page=5) == [b, a]  # clamped to the last page


def test_paging(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
) -> None:
    skus = shop_with_shipping["tee"]["skus"] + shop_with_shipping["polo"]["skus"]
    numbers = [f.place(db, li, {skus[i % len(skus)]: 1}) for i in range(21)][::-1]
    one = client.get(API, headers=api_headers).json()
    two = client.get(API, params={"page": 2}, headers=api_headers).json()
    assert (one["total"], one["pages"], two["page"]) == (21, 2, 2)
    assert [o["number"] for o in one["orders"]] == numbers[:20]
    assert [o["number"] for o in two["orders"]] == numbers[20:]


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({"status": "bogus"}, "orders.invalid_status", "status"),
        ({"date_from": "2025-02-30"}, "request.invalid", "date_from"),
        ({"date_to": "tomorrow"}, "request.invalid", "date_to"),
        ({"date_to": "0"}, "request.invalid", "date_to"),  # not seconds since 1970
        ({"date_from": "1700000000"}, "request.invalid", "date_from"),
        ({"date_from": "20250301"}, "request.invalid", "date_from"),
        (
            {"date_from": "2025-03-05", "date_to": "2025-03-01"},
            "orders.invalid_date_range",
            "date_to",
        ),
        ({"date_to": "9999-12-31"}, "orders.invalid_date", "date_to"),
        ({"page": 0}, "request.invalid", "page"),
        ({"q": "x" * 101}, "request.invalid", "q"),
    ],
)
def test_list_refuses_bad_filters(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    params: dict[str, Any],
    code: str,
    field: str,
) -> None:
    _error(client.get(API, params=params, headers=api_headers), 422, code, field)


def test_detail_with_timeline(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
) -> None:
    invoice = domain.InvoiceRequest("company", "上海某某科技有限公司", "91310000MA1FL8XQ3X")
    number = f.place(
        db, li, {shop_with_shipping["cup"]["skus"][0]: 1}, note="放门口", invoice=invoice
    )
    f.pay(db, number)
    r = client.get(f"{API}/{number}", headers=api_headers)
    assert r.status_code == 200, r.text
    o = r.json()
    assert o["status"] == "paid" and o["customer_id"] == li["id"]
    assert o["next_statuses"] == ["picking", "closed"]
    assert o["payment_provider"] == "wechat" and o["paid_at"]
    assert o["address"] == "上海市上海市浦东新区世纪大道100号" and o["postcode"] == "200120"
    assert o["invoice_kind"] == "company" and o["invoice_tax_id"] == "91310000MA1FL8XQ3X"
    assert o["note"] == "放门口" and o["shipping_name"] == "标准快递"
    assert [(t["to_status"], t["actor"]) for t in o["timeline"]] == [
        ("pending_payment", f"customer:{li['id']}"),
        ("paid", "payments:wechat"),
    ]


def test_unknown_order_is_404(
    client: TestClient, api_headers: dict[str, str], db: Database
) -> None:
    _error(client.get(f"{API}/{UNKNOWN}", headers=api_headers), 404, "orders.not_found")
    r = client.post(
        f"{API}/{UNKNOWN}/status", json={"status": "picking", "reason": ""}, headers=api_headers
    )
    _error(r, 404, "orders.not_found")
    r = client.post(f"{API}/{UNKNOWN}/notes", json={"note": "x"}, headers=api_headers)
    _error(r, 404, "orders.not_found")
    _error(client.get(f"{API}/abc", headers=api_headers), 422, "request.invalid")


def test_status_changes(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    f.pay(db, number)
    url = f"{API}/{number}/status"
    for target in (domain.PICKING, domain.SHIPPED, domain.SIGNED, domain.COMPLETED):
        r = client.post(
            url, json={"status": target, "reason": f"why {target}"}, headers=api_headers
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == target
        last = r.json()["timeline"][-1]
        assert last["actor"] == "staff:admin@example.com" and last["reason"] == f"why {target}"
    assert r.json()["next_statuses"] == []
    before = len(r.json()["timeline"])
    r = client.post(url, json={"status": "cancelled", "reason": "late"}, headers=api_headers)
    _error(r, 409, "orders.invalid_transition")
    after = client.get(f"{API}/{number}", headers=api_headers).json()
    assert after["status"] == domain.COMPLETED and len(after["timeline"]) == before


def test_refusals_change_nothing(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
) -> None:
    mug = shop_with_shipping["cup"]["skus"][0]
    number = f.place(db, li, {mug: 1})
    url = f"{API}/{number}/status"
    left = f.available(db, mug)

    def post(body: Any) -> Any:
        return client.post(url, json=body, headers=api_headers)

    _error(post({"status": "shipped", "reason": ""}), 409, "orders.invalid_transition")
    _error(post({"status": "paid"}), 403, "orders.not_allowed", "status")
    _error(post({"status": "cancelled"}), 422, "orders.reason_required", "reason")
    _error(post({"status": "cancelled", "reason": "  "}), 422, "orders.reason_required")
    _error(post({"status": "cancelled", "reason": "x" * 501}), 422, "request.invalid", "reason")
    _error(post({"status": "cancelled", "reason": "x", "total": 1}), 422, "request.invalid")
    _error(post({"status": 1, "reason": "x"}), 422, "request.invalid", "status")
    _error(post({}), 422, "request.invalid", "status")
    assert f.status_of(db, number) == domain.PENDING and f.available(db, mug) == left
    timeline = client.get(f"{API}/{number}", headers=api_headers).json()["timeline"]
    assert len(timeline) == 1


def test_cancel_releases_stock(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
) -> None:
    tee = shop_with_shipping["tee"]["skus"][1]
    start = f.available(db, tee)
    number = f.place(db, li, {tee: 4})
    assert f.available(db, tee) == start - 4
    r = client.post(
        f"{API}/{number}/status",
        json={"status": "cancelled", "reason": "buyer phoned"},
        headers=api_headers,
    )
    assert r.status_code == 200, r.text
    assert (
        r.json()["status"] == "cancelled" and r.json()["timeline"][-1]["reason"] == "buyer phoned"
    )
    assert f.available(db, tee) == start


def test_notes(
    client: TestClient,
    api_headers: dict[str, str],
    db: Database,
    shop_with_shipping: dict[str, Any],
    li: dict[str, Any],
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    url = f"{API}/{number}/notes"
    r = client.post(url, json={"note": "  已电话确认  "}, headers=api_headers)
    assert r.status_code == 201, r.text
    note = r.json()["timeline"][-1]
    assert (note["kind"], note["reason"], note["actor"]) == (
        "note",
        "已电话确认",
        "staff:admin@example.com",
    )
    assert r.json()["status"] == domain.PENDING
    _error(client.post(url, json={"note": " "}, headers=api_headers), 422, "orders.note_required")
    _error(client.post(url, json={"note": "x" * 501}, headers=api_headers), 422, "request.invalid")
    _error(client.post(url, json={"text": "x"}, headers=api_headers), 422, "request.invalid")
    timeline = client.get(f"{API}/{number}", headers=api_headers).json()["timeline"]
    assert [t["kind"] for t in timeline] == ["status", "note"]


def test_admin_session_needs_csrf_header(
    admin: TestClient, db: Database, shop_with_shipping: dict[str, Any], li: dict[str, Any]
) -> None:
    number = f.place(db, li, {shop_with_shipping["cup"]["skus"][0]: 1})
    assert admin.get(API).status_code == 200  # reads need no token with a session
    r = admin.post(f"{API}/{number}/notes", json={"note": "x"})
    _error(r, 403, "auth.csrf")
    r = admin.post(
        f"{API}/{number}/notes",
        json={"note": "x"},
        headers={"X-CSRF-Token": admin.csrf},  # type: ignore[attr-defined]
    )
    assert r.status_code == 201, r.text


def test_openapi_documents_the_staff_orders_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    for path, method in (
        (API, "get"),
        (API + "/{number}", "get"),
        (API + "/{number}/status", "post"),
        (API + "/{number}/notes", "post"),
    ):
        op = paths[path][method]
        assert op["security"] == [{"HTTPBearer": []}], path
        for status, resp in op["responses"].items():
            if status.startswith("4"):
                ref = resp["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/ErrorOut", (path, status)
    assert spec["components"]["schemas"]["OrderStatusIn"]["additionalProperties"] is False
    assert "/admin/orders" not in paths  # the HTML pages stay out of the API document
