"""LeanRoute answers exactly as FastAPI's own handler does: the same app is served with and
without it and every request, good or bad, must get the same answer; dependencies run once
per request; endpoints the plan does not cover keep FastAPI's handler."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

from mercato.kernel.errors import Unauthorized
from mercato.web import errors
from mercato.web.lean import LeanRoute, Unplannable, lean_handler


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    sku_id: Annotated[int, Field(ge=1)]
    quantity: Annotated[int, Field(ge=1, le=99)] = 1


CALLS: list[str] = []


async def who(request: Request) -> str:
    CALLS.append("who")
    token = request.headers.get("authorization", "")
    if token != "Bearer good":
        raise Unauthorized("members.invalid_token", "Invalid token")
    return "ann"


async def greeting(name: Annotated[str, Depends(who)]) -> str:
    return f"hi {name}"


def _app(route_class: type) -> FastAPI:
    app = FastAPI()
    errors.install(app)
    router = APIRouter(route_class=route_class)

    @router.post("/api/items", status_code=201)
    async def add(
        body: ItemIn,
        name: Annotated[str, Depends(who)],
        hello: Annotated[str, Depends(greeting)],
        request: Request,
        idempotency_key: Annotated[str | None, Header(max_length=8)] = None,
    ) -> Response:
        text = f"{hello}|{name}|{body.sku_id}x{body.quantity}|{idempotency_key}|{request.method}"
        return Response(text, 201)

    @router.get("/api/plain")
    def plain() -> dict[str, str]:
        return {"ok": "yes"}

    app.include_router(router)
    app.state.router = router
    return app


REQUESTS = [
    ({"json": {"sku_id": 5, "quantity": 2}}, {"Authorization": "Bearer good"}),
    ({"json": {"sku_id": 5}}, {"Authorization": "Bearer good", "Idempotency-Key": "k1"}),
    ({"json": {"sku_id": 5}}, {"Authorization": "Bearer good", "Idempotency-Key": "x" * 9}),
    ({"json": {"sku_id": 5}}, {"Authorization": "Bearer bad"}),
    ({"json": {"sku_id": 0}}, {"Authorization": "Bearer good"}),
    ({"json": {"sku_id": "5"}}, {"Authorization": "Bearer good"}),
    ({"json": {"sku_id": 5, "price_fen": 1}}, {"Authorization": "Bearer good"}),
    ({"json": [1, 2]}, {"Authorization": "Bearer good"}),
    ({"content": b"{not json"}, {"Authorization": "Bearer good"}),
    ({"content": b""}, {"Authorization": "Bearer good"}),
    ({"content": b"sku_id=5"}, {"Authorization": "Bearer good", "Content-Type": "text/plain"}),
    ({"content": b'{"sku_id": NaN}'}, {"Authorization": "Bearer good"}),
    ({"json": {"sku_id": 2**70}}, {"Authorization": "Bearer good"}),
]


@pytest.mark.parametrize(("kw", "headers"), REQUESTS)
def test_answers_are_fastapis(kw: dict[str, object], headers: dict[str, str]) -> None:
    answers = []
    for route_class in (LeanRoute, _plain_route()):
        with TestClient(_app(route_class)) as client:
            r = client.post("/api/items", headers=headers, **kw)  # type: ignore[arg-type]
            answers.append((r.status_code, r.content))
    assert answers[0] == answers[1]


def _plain_route() -> type:
    from fastapi.routing import APIRoute

    return APIRoute


def test_each_dependency_runs_once_per_request() -> None:
    CALLS.clear()
    with TestClient(_app(LeanRoute)) as client:
        r = client.post("/api/items", json={"sku_id": 1}, headers={"Authorization": "Bearer good"})
    assert r.status_code == 201 and r.text == "hi ann|ann|1x1|None|POST"
    assert CALLS == ["who"]


def test_unplannable_endpoints_keep_fastapis_handler() -> None:
    app = _app(LeanRoute)
    plain = next(r for r in app.state.router.routes if r.path == "/api/plain")
    with pytest.raises(Unplannable):
        lean_handler(plain, plain.get_route_handler())  # type: ignore[arg-type]
    with TestClient(app) as client:
        assert client.get("/api/plain").json() == {"ok": "yes"}


def test_the_money_path_endpoints_are_lean() -> None:
    from mercato.checkout.web.api import router as cart
    from mercato.orders.web.api import router as orders

    hot = {("POST", "/api/v1/cart/lines"), ("POST", "/api/v1/orders")}
    planned = set()
    for route in [*cart.routes, *orders.routes]:
        try:
            lean_handler(route, route.get_route_handler())  # type: ignore[arg-type]
        except Unplannable:
            continue
        planned |= {(m, route.path) for m in route.methods}  # type: ignore[attr-defined]
    assert hot <= planned
