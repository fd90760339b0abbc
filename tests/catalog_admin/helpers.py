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


def picture(fmt: str = "PNG", size: tuple[int, int] = (1200, 900), color: str = "#c0392b") -> bytes:
    """A real picture made by Pillow (JPEG, PNG, WEBP, GIF...)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def upload(client: TestClient, product_id: int, *files: tuple[str, bytes, str]) -> Response:
    """POST pictures (name, content, content type) to a product, as the edit page's form does."""
    parts = [("pictures", f) for f in files]
    return client.post(
        f"/admin/products/{product_id}/pictures",
        data={"csrf": client.csrf},  # type: ignore[attr-defined]
        files=parts,
        follow_redirects=False,
    )
