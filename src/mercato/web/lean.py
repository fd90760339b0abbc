"""`LeanRoute`: FastAPI's route (same path, OpenAPI, middleware and error handlers) with a
quicker request handler for the hot money-path endpoints.

FastAPI's generic dependency solver cost ~140 µs of CPU per request here, more than the
cart add's own SQL (docs/benchmarks.md). For an `async def` endpoint returning a Response
whose parameters are one JSON body model, headers, the Request and `Depends` on `async def`
functions of the same kinds, the handler is planned once: the body is parsed with orjson
and validated by its model, headers by FastAPI's own field validation, dependencies are
called in order (once per request each, as FastAPI caches them). Anything off that happy
path (not JSON, invalid JSON or body, a header failing validation) is handed to FastAPI's
own handler, so errors are exactly FastAPI's; the route falls back to it entirely when the
endpoint has a shape the plan does not cover."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import request_params_to_args
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class Unplannable(Exception):
    """The endpoint uses something the lean plan does not cover."""


@dataclass(frozen=True)
class _Call:
    call: Callable[..., Coroutine[Any, Any, Any]]
    request: str | None  # name of the Request parameter
    headers: Any  # the header fields (FastAPI ModelFields)
    deps: tuple[tuple[str, _Call], ...]  # parameter name → sub-dependency


class _Delegate(Exception):
    """Leave this request to FastAPI's own handler (it answers errors its usual way)."""


def _plan(dep: Dependant, top: bool) -> _Call:
    unsupported = (
        dep.path_params or dep.query_params or dep.cookie_params or dep.websocket_param_name
        or dep.http_connection_param_name or dep.response_param_name
        or dep.background_tasks_param_name or dep.security_scopes_param_name
    )
    call = dep.call
    if unsupported or call is None or not inspect.iscoroutinefunction(call):
        raise Unplannable(f"{call}: only async callables of body, headers and dependencies")
    if dep.body_params and not top:
        raise Unplannable(f"{call}: a body in a dependency")
    deps = tuple((d.name or "", _plan(d, False)) for d in dep.dependencies)
    if any(not name for name, _ in deps):
        raise Unplannable(f"{call}: a dependency without a parameter name")
    return _Call(call, dep.request_param_name, dep.header_params, deps)


async def _kwargs(plan: _Call, request: Request, cache: dict[Any, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if plan.request:
        kwargs[plan.request] = request
    if plan.headers:
        values, errors = request_params_to_args(plan.headers, request.headers)
        if errors:
            raise _Delegate
        kwargs.update(values)
    for name, sub in plan.deps:
        if sub.call not in cache:  # each dependency once per request, as FastAPI does
            cache[sub.call] = await sub.call(**await _kwargs(sub, request, cache))
        kwargs[name] = cache[sub.call]
    return kwargs


def _json_body(request: Request, raw: bytes) -> Any:
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if kind != "application/json":
        raise _Delegate
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise _Delegate from None


def _body(route: APIRoute) -> tuple[str, type[BaseModel]] | None:
    fields = route.dependant.body_params
    if not fields:
        return None
    model = fields[0].field_info.annotation
    if len(fields) != 1 or route._embed_body_fields or not (
        inspect.isclass(model) and issubclass(model, BaseModel)
    ):
        raise Unplannable(f"{route.path}: one body model, not embedded")
    return fields[0].name, model


def lean_handler(route: APIRoute, fallback: Handler) -> Handler:
    plan, body = _plan(route.dependant, True), _body(route)
    if inspect.signature(route.endpoint).return_annotation not in (Response, "Response"):
        raise Unplannable(f"{route.path}: the endpoint must return a Response")

    async def handle(request: Request) -> Response:
        try:
            kwargs: dict[str, Any] = {}
            if body is not None:
                data = _json_body(request, await request.body())
                try:
                    kwargs[body[0]] = body[1].model_validate(data)
                except ValidationError:
                    raise _Delegate from None
            kwargs.update(await _kwargs(plan, request, {}))
        except _Delegate:
            return await fallback(request)
        response: Response = await plan.call(**kwargs)
        return response

    return handle


class LeanRoute(APIRoute):
    """Use as `APIRouter(route_class=LeanRoute)` for hot endpoints (see the module doc)."""

    def get_route_handler(self) -> Handler:
        fallback = super().get_route_handler()
        try:
            return lean_handler(self, fallback)
        except Unplannable:
            return fallback
