"""Recording what the server sees: page views with the visitor cookie, Do Not Track, forged
cookies, what is never recorded, the cart and order ties (a stand-in app answering as the
shop does), and the outbox's events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mercato import events
from mercato.analytics import domain, tasks
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.adapters.recorder import recorder_for
from mercato.analytics.services.recording import Tracker
from mercato.analytics.web.middleware import AnalyticsMiddleware
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from tests.analytics.helpers import recorded

BROWSER = {"user-agent": "Mozilla/5.0 (iPhone) Safari/604.1", "x-forwarded-for": "203.0.113.9"}


def _written(client: TestClient) -> list[dict[str, Any]]:
    tracker: Tracker = client.app.state.analytics  # type: ignore[attr-defined]
    tracker.recorder.flush()
    return recorded(tracker.lake)


def test_a_storefront_page_records_one_view_and_sets_the_cookie(client: TestClient) -> None:
    r = client.get("/", headers=BROWSER)
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    visitor = r.cookies["mv"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie
    assert "Path=/" in cookie
    (view,) = _written(client)
    assert (view["name"], view["path"], view["visitor_id"]) == ("page_view", "/", visitor)
    r = client.get("/?lang=en", headers=BROWSER)  # the cookie is sent back: kept
    assert "set-cookie" not in r.headers or "mv=" not in r.headers["set-cookie"]
    assert [e["visitor_id"] for e in _written(client)] == [visitor, visitor]


@pytest.mark.parametrize("privacy", [{"dnt": "1"}, {"sec-gpc": "1"}])
def test_do_not_track_records_nothing_and_sets_no_cookie(
    client: TestClient, privacy: dict[str, str]
) -> None:
    r = client.get("/search?q=tee", headers={**BROWSER, **privacy})
    assert r.status_code == 200 and "mv=" not in r.headers.get("set-cookie", "")
    assert _written(client) == []


def test_a_forged_cookie_is_replaced_and_never_recorded(client: TestClient) -> None:
    forged = "0" * 32 + "." + "0" * 16
    client.cookies.set("mv", forged)
    r = client.get("/", headers=BROWSER)
    fresh = r.cookies["mv"]
    assert fresh != forged
    assert [e["visitor_id"] for e in _written(client)] == [fresh]


@pytest.mark.parametrize("url", ["/admin/login", "/api/v1/products", "/static/app.css",
                                 "/p/never-existed", "/favicon.ico"])
def test_admin_api_files_and_errors_are_not_recorded(client: TestClient, url: str) -> None:
    client.get(url, headers=BROWSER)
    assert _written(client) == []


@pytest.mark.parametrize("headers", [
    {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
    {"user-agent": "Baiduspider-render/2.0"},
    {**BROWSER, "hx-request": "true"},  # a fragment, not a page
])
def test_robots_and_fragments_are_not_recorded(client: TestClient, headers: dict) -> None:
    r = client.get("/", headers=headers)
    assert r.status_code == 200 and _written(client) == []


def test_no_query_string_phone_or_address_is_written(client: TestClient) -> None:
    client.get("/search?q=13912345678&page=2", headers=BROWSER)
    written = _written(client)
    assert [e["name"] for e in written] == ["page_view", "search"]
    raw = "".join(p.read_text() for p in client.app.state.analytics.lake.segments())  # type: ignore[attr-defined]
    assert "13912345678" not in raw and "?" not in raw and "page=" not in raw
    assert "203.0.113" not in raw and "testclient" not in raw  # no address of the client


def test_a_product_page_is_also_a_product_view(client: TestClient, shop: dict) -> None:
    sku = shop["tee"]["skus"][0]
    assert client.get(f"/p/cotton-tee?sku={sku}", headers=BROWSER).status_code == 200
    assert [(e["name"], e["path"], e["sku_id"]) for e in _written(client)] == [
        ("page_view", "/p/cotton-tee", None), ("product_view", "/p/cotton-tee", sku)]


def test_a_cart_line_added_through_the_api_is_recorded(client: TestClient, shop: dict) -> None:
    sku = shop["tee"]["skus"][0]
    client.get("/", headers=BROWSER)
    r = client.post("/api/v1/cart/lines", json={"sku_id": sku, "quantity": 2}, headers=BROWSER)
    assert r.status_code == 200, r.text
    r = client.post("/api/v1/cart/lines", json={"sku_id": 999999, "quantity": 1})
    assert r.status_code == 404  # refused: not recorded
    added = [e for e in _written(client) if e["name"] == "add_to_cart"]
    assert [(e["sku_id"], e["quantity"], e["path"]) for e in added] == [
        (sku, 2, "/api/v1/cart/lines")]


# --- a stand-in shop: what the middleware makes of the answers' statuses and redirects -----

N = "2603011234567890"


def _standin(tmp_path: Path) -> tuple[TestClient, Tracker]:
    async def page(request: Request) -> Response:
        return HTMLResponse("<p>page</p>")

    async def add(request: Request) -> Response:
        form = await request.form()
        bad = form.get("sku_id") == "0"
        return RedirectResponse("/p/x?cart_error=1" if bad else "/p/x?cart_msg=ok", 303)

    async def place(request: Request) -> Response:
        return RedirectResponse(f"/account/orders/{N}/pay", 303)

    async def fragment(request: Request) -> Response:
        return JSONResponse({"n": 1})

    routes = [Route("/checkout", page), Route(f"/account/orders/{N}/pay", page),
              Route("/cart/add", add, methods=["POST"]),
              Route("/checkout", place, methods=["POST"]), Route("/cart/count", fragment)]
    lake = Lake(tmp_path / "lake")
    tracker = Tracker(domain.visitor_key("s" * 40), lake, recorder_for(lake.incoming))
    app = AnalyticsMiddleware(Starlette(routes=routes), tracker)
    return TestClient(app), tracker  # type: ignore[arg-type]


def test_cart_checkout_and_order_ties(tmp_path: Path) -> None:
    client, tracker = _standin(tmp_path)
    client.post("/cart/add", data={"sku_id": "5", "quantity": "3"}, follow_redirects=False)
    assert client.get("/checkout", headers=BROWSER).status_code == 200
    visitor = client.cookies["mv"]
    client.get("/cart/count", headers=BROWSER)  # JSON: not a page
    client.post("/cart/add", data={"sku_id": "5", "quantity": "3"}, follow_redirects=False)
    client.post("/cart/add", data={"sku_id": "0"}, follow_redirects=False)  # refused
    client.post("/checkout", data={}, follow_redirects=False)
    client.get(f"/account/orders/{N}/pay", headers=BROWSER)
    tracker.recorder.flush()
    rows = recorded(tracker.lake)
    seen = [(e["name"], e["sku_id"], e["quantity"], e["order_number"]) for e in rows]
    assert seen == [
        ("page_view", None, None, None), ("checkout_started", None, None, None),
        ("add_to_cart", 5, 3, None), ("linked", None, None, N),
        ("page_view", None, None, None), ("linked", None, None, N),
    ]
    assert {e["visitor_id"] for e in rows} == {visitor}


def test_outbox_events_are_recorded_once_per_event(db: Database, settings: Settings) -> None:
    bus = Bus()
    tasks.wire(bus, settings)
    assert "analytics.compact" in bus.jobs
    at = datetime(2026, 3, 1, 2, 0)
    paid = Event("e-1", events.ORDER_PAID, {"number": "N1", "customer_id": 7, "total_fen": 500,
                                            "phone": "13912345678"}, at)
    bus.handle(db, paid)
    bus.handle(db, paid)  # delivered twice: the inbox runs the subscriber once
    tracker = Tracker.of(settings)
    tracker.recorder.flush()
    (row,) = recorded(tracker.lake)
    assert (row["id"], row["name"], row["customer_id"], row["value_fen"], row["day"]) == (
        "e-1", "order_paid", 7, 500, "2026-03-01")
    assert "13912345678" not in str(row)


def test_what_waits_is_written_at_shutdown(app) -> None:  # type: ignore[no-untyped-def]
    tracker: Tracker = app.state.analytics
    tracker.recorder.background = False  # no flushing thread: only the shutdown writes
    with TestClient(app) as client:
        client.get("/", headers=BROWSER)
        assert recorded(tracker.lake) == []
    assert [e["name"] for e in recorded(tracker.lake)] == ["page_view"]
