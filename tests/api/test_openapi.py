"""The OpenAPI document, and schemathesis over the public reads: no 5xx, and every answer
(including errors) matches its documented status, media type and schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

WRITES = {
    ("post", "/api/v1/auth/token"),
    ("post", "/api/v1/admin/products"),
    ("patch", "/api/v1/admin/products/{product_id}"),
    ("delete", "/api/v1/admin/products/{product_id}"),
    ("post", "/api/v1/admin/products/{product_id}/status"),
    ("post", "/api/v1/admin/products/{product_id}/skus"),
    ("patch", "/api/v1/admin/products/{product_id}/skus/{sku_id}"),
    ("delete", "/api/v1/admin/products/{product_id}/skus/{sku_id}"),
    ("post", "/api/v1/admin/categories"),
    ("patch", "/api/v1/admin/categories/{category_id}"),
    ("post", "/api/v1/admin/brands"),
    ("patch", "/api/v1/admin/brands/{brand_id}"),
    ("put", "/api/v1/admin/stock"),
}


@pytest.fixture
def spec(client):  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    return r.json()


def test_every_endpoint_is_documented(spec):
    ops = {(m, p) for p, item in spec["paths"].items() for m in item if p.startswith("/api/")}
    reads = {
        ("get", p)
        for p in (
            "/api/v1/products",
            "/api/v1/search",
            "/api/v1/search/suggestions",
            "/api/v1/categories",
            "/api/v1/products/{slug_or_id}",
            "/api/v1/skus/{code}",
            "/api/v1/availability",
        )
    }
    assert reads | WRITES <= ops


def test_errors_share_one_schema(spec):
    schemas = spec["components"]["schemas"]
    assert set(schemas["ErrorOut"]["properties"]) == {"error"}
    assert "HTTPValidationError" not in schemas  # 422 is documented as ErrorOut too
    for path, item in spec["paths"].items():
        if not path.startswith("/api/v1/") or path == "/api/v1/openapi.json":
            continue
        for method, op in item.items():
            for status, resp in op["responses"].items():
                if status.startswith(("4", "5")):
                    ref = resp["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/ErrorOut", (method, path, status)


def test_writes_declare_bearer_auth_and_strict_bodies(spec):
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/api/v1/admin/products"]["post"]["security"] == [{"HTTPBearer": []}]
    sku = spec["components"]["schemas"]["SkuIn"]
    assert sku["properties"]["price"]["type"] == "integer"
    assert sku["additionalProperties"] is False


def test_listing_parameters_are_documented(spec):
    params = {p["name"]: p for p in spec["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert {
        "category",
        "brand",
        "price_min",
        "price_max",
        "option",
        "attr",
        "q",
        "sort",
        "page",
        "per_page",
        "lang",
    } <= set(params)
    assert params["per_page"]["schema"]["maximum"] == 100
    assert params["lang"]["schema"]["anyOf"][0]["enum"] == ["zh_CN", "en"]
    assert "opt.<axis>" in spec["paths"]["/api/v1/products"]["get"]["description"]


PUBLIC_READS = [
    "/api/v1/products",
    "/api/v1/search",
            "/api/v1/search/suggestions",
    "/api/v1/categories",
    "/api/v1/products/{slug_or_id}",
    "/api/v1/skus/{code}",
    "/api/v1/availability",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Not schemathesis.pytest.from_fixture: its lazy loader reads a pytest-internal attribute
# that pytest 9 dropped, so the operations are driven with Hypothesis here instead.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path", PUBLIC_READS)
def test_public_reads_conform(app, shop, path, mode):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operation = schema["/api/v1" + path.removeprefix("/api/v1")]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def run(case):  # type: ignore[no-untyped-def]
        case.call_and_validate(checks=CHECKS)

    run()
