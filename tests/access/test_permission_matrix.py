"""Every staff route declares the permission it needs (or that any signed-in staff member may
use it), and the matrix holds: without the area's permission every admin page and staff API
operation answers 403; with .view the reads go through and the writes still do not; with
.edit everything goes through (to whatever the route then answers)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mercato.access import roles, services, team
from mercato.app import create_app
from mercato.platform.db import Database

PUBLIC = {("GET", "/admin/login"), ("POST", "/admin/login")}
SAFE = {"GET", "HEAD"}


def _walk(routes: list[Any], prefix: str = "") -> list[tuple[str, APIRoute]]:
    out: list[tuple[str, APIRoute]] = []
    for r in routes:
        if isinstance(r, APIRoute):
            out.append((prefix + r.path, r))
        elif hasattr(r, "original_router"):
            context = getattr(r, "include_context", None)
            out += _walk(r.original_router.routes, prefix + (getattr(context, "prefix", "") or ""))
    return out


def _calls(dependant: Any) -> list[Any]:
    found = []
    for sub in dependant.dependencies:
        found.append(sub.call)
        found += _calls(sub)
    return found


def staff_routes(app: Any) -> list[tuple[str, str, str | None, bool]]:
    """(method, path, area or None for self-service, is API) of every staff route."""
    out = []
    for path, route in _walk(app.routes):
        calls = _calls(route.dependant)
        names = {getattr(c, "__name__", "") for c in calls}
        if not (
            {"staff_page", "staff_api"} & names or path.startswith(("/admin", "/api/v1/admin"))
        ):
            continue
        areas = {c.area for c in calls if hasattr(c, "area")}
        for method in sorted(route.methods):
            if (method, path) in PUBLIC:
                continue
            assert len(areas) <= 1, f"{method} {path} declares several areas: {areas}"
            assert areas or "_any_staff" in names, f"{method} {path} declares no permission"
            out.append((method, path, next(iter(areas), None), "staff_api" in names))
    return out


def test_every_staff_route_declares_its_permission(app: Any) -> None:
    found = staff_routes(app)
    assert len(found) > 100
    assert {area for _m, _p, area, _api in found} <= set(roles.AREAS) | {None}


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _member(db: Database, email: str, permissions: list[str]) -> tuple[str, str]:
    """A staff member whose custom role holds exactly `permissions`: (e-mail, API token)."""
    with db.transaction() as tx:
        code = f"r{abs(hash(email)) % 10**8}"
        team.save_role(tx, None, team.RoleData(code, code, permissions))
        staff = team.add_staff(tx, email, "correct-horse-9", "", code)
        tx.flush()
        tx.execute(  # exactly these: save_role adds .view to each .edit
            team.CustomRole.__table__.update()
            .where(team.CustomRole.code == code)
            .values(permissions=" ".join(permissions))
        )
        return email, services.issue_token(tx, staff.id, "matrix")


def _client(app: Any, email: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    r = client.post("/admin/login", data={"email": email, "password": "correct-horse-9"})
    assert r.status_code == 303, r.text
    return client


def _ask(client: TestClient, token: str, method: str, path: str, api: bool) -> Any:
    if api:
        return client.request(method, path, headers={"Authorization": f"Bearer {token}"}, json={})
    return client.request(method, path, data={"csrf": "x"})


def _refused(r: Any) -> bool:
    if r.status_code != 403:
        return False
    if r.headers.get("content-type", "").startswith("application/json"):
        return bool(r.json()["error"]["code"] == "access.forbidden")
    return "您没有执行此操作的权限" in r.text


@pytest.mark.parametrize("area", sorted(roles.AREAS))
def test_the_matrix(db: Database, settings: Any, area: str) -> None:
    app = create_app(settings, db)
    routes = [r for r in staff_routes(app) if r[2] == area]
    if not routes:
        pytest.skip(f"no routes in {area} yet")
    others = sorted(roles.PERMISSIONS - roles.both(area))
    cases = {
        "none": _member(db, f"none-{area}@example.com", others),
        "view": _member(db, f"view-{area}@example.com", [*others, f"{area}.view"]),
        "edit": _member(db, f"edit-{area}@example.com", [*others, f"{area}.view", f"{area}.edit"]),
    }
    for who, (email, token) in cases.items():
        client = _client(app, email)
        for method, path, _area, api in routes:
            r = _ask(client, token, method, _fill(path), api)
            expect = who == "none" or (who == "view" and method not in SAFE)
            assert _refused(r) == expect, (who, method, path, r.status_code, r.text[:200])
