"""The prefix guard of mercato.web.routing.Router never changes which route answers: every
route of the app (and paths of no route, with and without a trailing slash) resolves to the
same router, with the same kind of match, whether the guard is on or off; every router of
the app is a guarded one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match

from mercato import bootstrap
from mercato.web import routing
from mercato.web.routing import Router, prefixes_of


def _leaves(router: Any) -> Iterator[APIRoute]:
    for route in router.routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _leaves(route.original_router)


def _sample(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _resolve(app: FastAPI, path: str, method: str) -> tuple[int, str] | None:
    """Which top-level route FastAPI picks, as its router does: the first full match, else
    the first partial one (a path that matches with another method: 405)."""
    scope = {"type": "http", "path": path, "method": method, "root_path": ""}
    scope.update(headers=[], query_string=b"")
    partial = None
    for i, route in enumerate(app.router.routes):
        match, _ = route.matches(dict(scope))
        if match == Match.FULL:
            return i, "full"
        if match == Match.PARTIAL and partial is None:
            partial = (i, "partial")
    return partial


@pytest.fixture(scope="module")
def full_app() -> FastAPI:
    app = FastAPI()
    for router in bootstrap.routers():
        app.include_router(router)
    return app


def _cases(app: FastAPI) -> list[tuple[str, str]]:
    cases = []
    for router in bootstrap.routers():
        for leaf in _leaves(router):
            path = _sample(leaf.path)
            for method in [*sorted(leaf.methods or {"GET"}), "DELETE", "PUT"]:
                cases += [(path, method), (path + "/", method)]
    for path in ("/", "/nope", "/api/v1/nope", "/admin/nope", "/api/v1", "/admin", "/p/"):
        cases += [(path, "GET"), (path, "POST")]
    return cases


def test_every_route_resolves_as_without_the_guard(
    full_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = _cases(full_app)
    assert len(cases) > 500
    guarded = [_resolve(full_app, p, m) for p, m in cases]
    monkeypatch.setattr(routing, "GUARD", False)
    plain = [_resolve(full_app, p, m) for p, m in cases]
    assert guarded == plain
    assert sum(r is not None and r[1] == "full" for r in guarded) > 150  # it did route


def test_every_router_of_the_app_is_guarded() -> None:
    def walk(router: Any) -> Iterator[Any]:
        yield router
        for route in router.routes:
            if hasattr(route, "original_router"):
                yield from walk(route.original_router)

    for top in bootstrap.routers():
        for router in walk(top):
            assert isinstance(router, Router), router
            assert "" not in router.prefixes() or router.prefixes() == ("",)


def test_prefixes() -> None:
    router = Router(prefix="/api/v1")

    @router.get("/orders/{number}")
    def one() -> None: ...

    @router.get("/orders")
    def many() -> None: ...

    @router.get("/cart")
    def cart() -> None: ...

    assert router.prefixes() == ("/api/v1/cart", "/api/v1/orders")
    outer = Router()
    outer.include_router(router)
    assert outer.prefixes() == ("/api/v1/cart", "/api/v1/orders")
    with_prefix = Router()
    with_prefix.include_router(router, prefix="/v2")  # not read through: matches anything
    assert with_prefix.prefixes() == ("",)
    assert prefixes_of(router.routes[0]) == ("/api/v1/orders/",)
    assert Router().prefixes() == ()  # no route: no path can match
