"""Small helpers shared by the catalogue admin tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select

from mercato.platform.db import Database


def post(client: TestClient, url: str, data: dict[str, Any] | None = None) -> Response:
    """A form POST carrying the signed-in client's CSRF token; redirects are not followed."""
    body = {**(data or {}), "csrf": client.csrf}  # type: ignore[attr-defined]
    return client.post(url, data=body, follow_redirects=False)


def count(db: Database, model: type, *where: Any) -> int:
    with db.reading() as s:
        return int(s.execute(select(func.count()).select_from(model).where(*where)).scalar_one())


def field_error(html: str, field: str) -> bool:
    return f'data-error-for="{field}"' in html


def assert_refused(r: Response, *fields: str) -> None:
    """The form came back with status 422 and an error next to each named field."""
    assert r.status_code == 422, r.text[:2000]
    for f in fields:
        assert field_error(r.text, f), f"no error shown for {f}"


def assert_done(r: Response, location_start: str) -> None:
    assert r.status_code == 303, r.text[:2000]
    assert r.headers["location"].startswith(location_start), r.headers["location"]
    assert "flash=" in r.headers["location"]
