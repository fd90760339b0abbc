"""What the whole API answers alike, whatever the operation: 405 with every method of the path
in `Allow`, and 422 (never an undocumented 400) for a body that is not JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import error_of


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/api/v1/me/addresses/7", "DELETE, GET, PATCH"),
        ("PUT", "/api/v1/orders", "GET, POST"),
        ("POST", "/api/v1/admin/brands/3", "DELETE, PATCH"),
        ("GET", "/api/v1/customers/token", "DELETE, POST"),
    ],
)
def test_405_allows_every_method_of_the_path(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    r = client.request(method, path)
    error_of(r, 405)
    assert r.headers["allow"] == allow


@pytest.mark.parametrize("body", [b"\xc3\x28\x80", b"{not json", b'{"sku_id": 1'])
def test_a_body_that_is_not_json_is_422(client: TestClient, body: bytes) -> None:
    json = {"content-type": "application/json"}
    r = client.post("/api/v1/cart/lines", content=body, headers=json)
    assert error_of(r, 422)["code"] == "request.invalid"


def test_the_schema_documents_every_body_refusal_as_422(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, item in paths.items():
        for method, op in item.items():
            if "requestBody" in op:
                assert "422" in op["responses"], (method, path)
