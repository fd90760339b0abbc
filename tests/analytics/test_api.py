"""The beacon (POST /api/v1/events) and the staff figures (/admin/analytics/*): what they
record and answer, bad input answered 4xx with nothing recorded, and the reports permission."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.access import services as access
from mercato.access import team
from mercato.analytics.services import figures
from mercato.analytics.services.recording import Tracker
from mercato.analytics.web import api
from mercato.platform import clock
from mercato.platform.db import Database
from tests.analytics.helpers import recorded

BEACON = "/api/v1/events"


def _tracker(client: TestClient) -> Tracker:
    return client.app.state.analytics  # type: ignore[attr-defined,no-any-return]


def _written(client: TestClient) -> list[dict[str, Any]]:
    _tracker(client).recorder.flush()
    return recorded(_tracker(client).lake)


@pytest.fixture
def visitor(client: TestClient) -> str:
    """A browser that has seen one page (and so holds its cookie); that view forgotten."""
    client.get("/")
    _written(client)
    for segment in _tracker(client).lake.segments():
        segment.unlink()
    return client.cookies["mv"]


def test_a_beacon_is_recorded_once_per_id(client: TestClient, visitor: str) -> None:
    body = {"name": "page_view", "path": "/p/tee?from=share", "id": "nav-1"}
    assert client.post(BEACON, json=body).status_code == 204
    assert client.post(BEACON, json=body).status_code == 204  # resent
    assert client.post(BEACON, content=b'{"name": "search", "path": "/", "term": "tee"}',
                       headers={"content-type": "text/plain"}).status_code == 204
    rows = _written(client)
    assert [(e["name"], e["path"], e["visitor_id"]) for e in rows] == [
        ("page_view", "/p/tee", visitor), ("page_view", "/p/tee", visitor),
        ("search", "/", visitor)]
    today = clock.today()
    assert figures.traffic(_tracker(client).lake, today, today)[0].pv == 1


@pytest.mark.parametrize(("body", "status", "code"), [
    (b"x" * 2049, 413, "analytics.too_large"),
    (b'{"name": "page_view", "path": "/' + b"a" * 3000 + b'"}', 413, "analytics.too_large"),
    (b"{not json", 422, "analytics.invalid_event"),
    (b"", 422, "analytics.invalid_event"),
    (b"[1]", 422, "analytics.invalid_event"),
    (b'{"name": "order_paid", "path": "/"}', 422, "analytics.unknown_event"),
    (b'{"name": "page_view", "path": "/", "visitor_id": "x"}', 422, "analytics.invalid_event"),
    (b'{"name": "page_view", "path": "nope"}', 422, "analytics.invalid_event"),
])
def test_bad_beacons_are_4xx_and_record_nothing(
    client: TestClient, visitor: str, body: bytes, status: int, code: str
) -> None:
    r = client.post(BEACON, content=body, headers={"content-type": "application/json"})
    assert (r.status_code, r.json()["error"]["code"]) == (status, code)
    assert _written(client) == []


def test_the_visitor_comes_from_the_cookie_only(client: TestClient) -> None:
    body = {"name": "page_view", "path": "/"}
    assert client.post(BEACON, json=body).status_code == 204  # no cookie: nobody to record
    client.cookies.set("mv", "f" * 32 + "." + "0" * 16)
    r = client.post(BEACON, json=body)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "analytics.forged_visitor")
    assert _written(client) == []


def test_do_not_track_and_too_many_beacons(client: TestClient, visitor: str) -> None:
    body = {"name": "page_view", "path": "/"}
    assert client.post(BEACON, json=body, headers={"dnt": "1"}).status_code == 204
    assert _written(client) == []
    codes = [client.post(BEACON, json=body).status_code for _ in range(api.PER_MINUTE + 1)]
    assert codes[:-1] == [204] * api.PER_MINUTE and codes[-1] == 429
    assert len(_written(client)) == api.PER_MINUTE


# --- staff figures ---------------------------------------------------------------------------

def _token(db: Database, role: str) -> dict[str, str]:
    with db.transaction() as tx:
        staff = team.add_staff(tx, f"{role}@example.com", "correct-horse-9", "", role)
        tx.flush()
        token = access.issue_token(tx, staff.id, "tests")
        return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


def test_staff_read_the_figures_as_json_and_csv(client: TestClient, db: Database) -> None:
    headers = _token(db, "operations")  # reports.view
    client.get("/")
    _tracker(client).recorder.flush()
    today = clock.today().isoformat()
    r = client.get(f"/admin/analytics/traffic.json?from={today}&to={today}", headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [{"period": today, "uv": 1, "pv": 1, "orders": 0,
                                 "paid_orders": 0, "buyers": 0, "gmv_fen": 0, "aov_fen": 0,
                                 "conversion": 0.0}]
    r = client.get("/admin/analytics/traffic.csv?grain=month", headers=headers)
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.decode("utf-8-sig").splitlines()[0] == (
        "period,uv,pv,orders,paid_orders,buyers,gmv_fen,aov_fen,conversion")
    r = client.get("/admin/analytics/funnel.json?channel=web", headers=headers)
    assert [s["step"] for s in r.json()["steps"]] == [
        "product_view", "add_to_cart", "checkout_started", "order_placed", "order_paid"]
    r = client.get("/admin/analytics/funnel.csv", headers=headers)
    assert r.content.decode("utf-8-sig").splitlines()[1] == "product_view,0,0.0,0.0"


@pytest.mark.parametrize(("query", "code"), [
    ("from=2026-03-02&to=2026-03-01", "analytics.invalid_range"),
    ("from=2020-01-01&to=2026-01-01", "analytics.range_too_long"),
    ("from=0001-01-01&to=2026-01-01", "analytics.invalid_date"),
    ("from=yesterday", "analytics.invalid_date"),
    ("to=2026-02-30", "analytics.invalid_date"),
    ("grain=year", "analytics.invalid_grain"),
    ("channel=tv", "analytics.invalid_channel"),
])
def test_bad_ranges_are_422(client: TestClient, db: Database, query: str, code: str) -> None:
    headers = _token(db, "operations")
    r = client.get(f"/admin/analytics/traffic.json?{query}", headers=headers)
    assert (r.status_code, r.json()["error"]["code"]) == (422, code)


@pytest.mark.parametrize("url", ["traffic.json", "traffic.csv", "funnel.json", "funnel.csv"])
def test_the_figures_need_the_reports_permission(
    client: TestClient, db: Database, url: str
) -> None:
    r = client.get(f"/admin/analytics/{url}", headers=_token(db, "service"))
    assert (r.status_code, r.json()["error"]["code"]) == (403, "access.forbidden")
    assert client.get(f"/admin/analytics/{url}").status_code == 401
