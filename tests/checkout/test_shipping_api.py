"""Shipping API: public methods and quotes, staff management with a bearer token, and
hostile input answered 422 with the field named."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.platform.db import Database
from tests.checkout.shipping_factory import shipping_methods

QUOTE = "/api/v1/shipping/quote"
ADMIN = "/api/v1/admin/shipping-methods"
NEW = {
    "code": "sf",
    "name_zh": "顺丰标快",
    "name_en": "SF Express",
    "carrier": "sf",
    "rules": [
        {
            "provinces": ["*"],
            "first_weight_g": 1000,
            "first_fee_fen": 1200,
            "step_g": 500,
            "step_fee_fen": 200,
            "free_over_fen": 19900,
        },
        {
            "provinces": ["新疆", "西藏自治区"],
            "first_weight_g": 1000,
            "first_fee_fen": 2500,
            "step_g": 500,
            "step_fee_fen": 800,
        },
    ],
}


@pytest.fixture
def methods(db: Database) -> dict[str, int]:
    with db.transaction() as tx:
        return shipping_methods(tx)


def _quote(client: TestClient, **body: Any) -> Any:
    return client.post(QUOTE, json={"province": "广东省", "weight_g": 2500, **body})


def test_public_methods_list_active_ones_in_the_shop_language(client, methods, api_headers):
    assert client.delete(f"{ADMIN}/{methods['express']}", headers=api_headers).status_code == 204
    body = client.get("/api/v1/shipping-methods?lang=en").json()
    assert [(m["code"], m["name"], m["carrier"]) for m in body["methods"]] == [
        ("std", "Standard", "zto")
    ]
    assert body["methods"][0]["rules"] == [
        {
            "provinces": ["*"],
            "first_weight_g": 1000,
            "first_fee_fen": 1000,
            "step_g": 1000,
            "step_fee_fen": 200,
            "free_over_fen": 9900,
        }
    ]
    zh = client.get("/api/v1/shipping-methods", headers={"Accept-Language": "zh-CN"}).json()
    assert zh["methods"][0]["name"] == "标准快递"


def test_quote_lists_methods_cheapest_first(client, methods):
    r = _quote(client, subtotal_fen=5000)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "quotes": [
            {"code": "std", "name": "标准快递", "fee_fen": 1400, "carrier": "zto"},
            {"code": "express", "name": "特快专递", "fee_fen": 3500, "carrier": "sf"},
        ]
    }
    r = client.post(
        QUOTE + "?lang=en", json={"province": "西藏", "weight_g": 100, "subtotal_fen": 9900}
    )
    assert r.json()["quotes"] == [
        {"code": "std", "name": "Standard", "fee_fen": 0, "carrier": "zto"}
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"weight_g": -1}, "weight_g"),
        ({"weight_g": 10**7}, "weight_g"),
        ({"weight_g": 10**30}, "weight_g"),
        ({"weight_g": True}, "weight_g"),
        ({"weight_g": 1.5}, "weight_g"),
        ({"weight_g": 2.5}, "weight_g"),
        ({"weight_g": "500"}, "weight_g"),
        ({"weight_g": None}, "weight_g"),
        ({"subtotal_fen": -1}, "subtotal_fen"),
        ({"subtotal_fen": False}, "subtotal_fen"),
        ({"subtotal_fen": 10**13}, "subtotal_fen"),
        ({"province": ""}, "province"),
        ({"province": "省" * 41}, "province"),
        ({"province": "广东\x00"}, "province"),
        ({"province": ["广东省"]}, "province"),
        ({"fee_fen": 0}, "fee_fen"),
    ],
)
def test_hostile_quote_input_is_422_with_field(client, methods, body, field):
    r = _quote(client, **{"subtotal_fen": 100, **body})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "request.invalid"
    assert r.json()["error"]["field"] == field


def test_quote_body_must_be_json_object(client, methods):
    assert client.post(QUOTE, content=b"[1]").status_code == 422
    assert client.post(QUOTE, json={"province": "广东省"}).status_code == 422


def test_staff_crud(client, api_headers, db):
    r = client.post(ADMIN, json=NEW, headers=api_headers)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["active"] and made["rules"][1]["provinces"] == ["西藏自治区", "新疆维吾尔自治区"]
    assert client.post(ADMIN, json=NEW, headers=api_headers).status_code == 409
    changed = {**NEW, "name_en": "SF", "position": 5, "rules": NEW["rules"][:1]}
    r = client.put(f"{ADMIN}/{made['id']}", json=changed, headers=api_headers)
    assert r.status_code == 200, r.text
    assert (r.json()["name_en"], r.json()["position"], len(r.json()["rules"])) == ("SF", 5, 1)
    listed = client.get(ADMIN, headers=api_headers).json()["methods"]
    assert [(m["id"], m["name_en"]) for m in listed] == [(made["id"], "SF")]
    assert client.delete(f"{ADMIN}/{made['id']}", headers=api_headers).status_code == 204
    assert client.get(ADMIN, headers=api_headers).json()["methods"][0]["active"] is False
    assert client.get("/api/v1/shipping-methods").json() == {"methods": []}
    assert _quote(client, subtotal_fen=0).json() == {"quotes": []}
    for method, url in (("put", f"{ADMIN}/999999"), ("delete", f"{ADMIN}/999999")):
        r = client.request(method, url, json=NEW, headers=api_headers)
        assert r.status_code == 404 and r.json()["error"]["field"] == "shipping_method"


def _rule(**over: Any) -> dict[str, Any]:
    return {**NEW, "rules": [{**NEW["rules"][0], **over}]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_rule(step_g=0), "rules.0.step_g"),
        (_rule(first_fee_fen=-1), "rules.0.first_fee_fen"),
        (_rule(first_fee_fen=12.5), "rules.0.first_fee_fen"),
        (_rule(step_fee_fen="200"), "rules.0.step_fee_fen"),
        (_rule(first_weight_g=True), "rules.0.first_weight_g"),
        (_rule(provinces=[]), "rules.0.provinces"),
        (_rule(provinces=["火星"]), "rules.0.provinces"),
        (_rule(provinces=["*", "广东省"]), "rules.0.provinces"),
        (_rule(price=1), "rules.0.price"),
        ({**NEW, "rules": []}, "rules"),
        ({**NEW, "code": "SF Express"}, "code"),
        ({**NEW, "name_zh": ""}, "name_zh"),
        ({**NEW, "name_en": "a\x00"}, "name_en"),
        ({**NEW, "position": -1}, "position"),
        ({**NEW, "id": 1}, "id"),
    ],
)
def test_invalid_methods_are_422_with_field(client, api_headers, db, body, field):
    r = client.post(ADMIN, json=body, headers=api_headers)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["field"] == field
    assert client.get(ADMIN, headers=api_headers).json() == {"methods": []}


def test_staff_routes_need_a_token(client, methods):
    bad = {"Authorization": "Bearer nope"}
    for headers in ({}, bad):
        calls = [
            client.get(ADMIN, headers=headers),
            client.post(ADMIN, json=NEW, headers=headers),
            client.put(f"{ADMIN}/{methods['std']}", json=NEW, headers=headers),
            client.delete(f"{ADMIN}/{methods['std']}", headers=headers),
        ]
        assert [r.status_code for r in calls] == [401] * 4
        assert all(r.json()["error"]["code"].startswith("auth.") for r in calls)
    assert len(client.get("/api/v1/shipping-methods").json()["methods"]) == 2


def test_openapi_documents_the_routes(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["paths"][ADMIN]["post"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"][QUOTE]["post"]
    quote_in = spec["components"]["schemas"]["QuoteIn"]
    assert quote_in["additionalProperties"] is False
    assert quote_in["properties"]["weight_g"]["maximum"] == 1_000_000
    for path in (QUOTE, ADMIN, f"{ADMIN}/{{method_id}}"):
        for op in spec["paths"][path].values():
            for status, resp in op["responses"].items():
                if status.startswith("4"):
                    ref = resp["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/ErrorOut", (path, status)
