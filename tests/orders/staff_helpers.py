"""Staff members of the built-in roles, signed in to the admin with a CSRF token at hand."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi.testclient import TestClient

from mercato.access import team
from mercato.access.public import SESSION_COOKIE
from mercato.platform.db import Database

PASSWORD = "correct-horse-9"


def member(app: Any, db: Database, role: str, email: str = "") -> TestClient:
    """A new staff member of `role`, signed in; `.csrf` holds the form token."""
    email = email or f"{role}@example.com"
    with db.transaction() as tx:
        team.add_staff(tx, email, PASSWORD, role.title(), role)
    client = TestClient(app, follow_redirects=False)
    r = client.post("/admin/login", data={"email": email, "password": PASSWORD})
    assert r.status_code == 303, r.text
    raw = client.cookies.get(SESSION_COOKIE) or ""
    key = app.state.settings.secret_key.encode()
    client.csrf = hmac.new(key, b"csrf:" + raw.encode(), hashlib.sha256).hexdigest()[:32]  # type: ignore[attr-defined]
    return client


def post(client: TestClient, url: str, data: dict[str, Any] | list[tuple[str, str]]) -> Any:
    """A form post with the client's CSRF token; `data` may repeat a name (n=…&n=…)."""
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    body = [("csrf", client.csrf), *pairs]  # type: ignore[attr-defined]
    return client.post(
        url,
        content=_encode(body),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )


def _encode(pairs: list[tuple[str, Any]]) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, str(v)) for k, v in pairs])
