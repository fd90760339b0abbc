"""The data centre's overview in Debian chromium, on a PC and on a phone: a staff member
signs in and opens /admin/analytics over a lake of two weeks of events (below); the three
ECharts canvases are drawn; the date range and channel filters change the URL and the
table; then a shopper (another browser context) pays an order at the sandbox cashier, the
embedded event runtime relays the payment, and the live cards (GMV, paid orders) move
within a few seconds without a reload.

The lake: on each of the 13 days before today (k = 1..13 days ago), k web visitors with a
page view each and one web order of 10000 + 100·k fen placed and paid; one app visitor a<k>
who views a product, puts it in the cart when k is even or a multiple of 3, checks out when
k is even or 9, and on even k places an app order of 5000 fen (seen on its page: linked to
its customer), paid unless k is 2. Today holds nothing until the shopper comes.

Screenshots: artifacts/screenshots/analytics-<device>-<nn>-<step>.png."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from mercato.analytics import tasks
from mercato.analytics.adapters.lake import Lake
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import Bus
from mercato.platform.queue import Runtime
from mercato.platform.settings import Settings
from tests.analytics.helpers import ev, write
from tests.browser.walks_admin import sign_in
from tests.browser.walks_common import DEVICES, Walk, screenshot
from tests.orders.conftest import PASSWORD
from tests.payments.order_helpers import placed_order

pytestmark = pytest.mark.browser
DAYS = 13
CHARTS = ("sales", "visits", "funnel")
# Pixels drawn (alpha > 0) in a chart's canvas: an empty ECharts canvas has none.
INKED = """box => { const c = box.querySelector('canvas'); if (!c || !c.width) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"""


def _app_visitor(day: str, k: int) -> list[Any]:
    app = {"channel": "app"}
    out = [ev(day, "page_view", f"a{k}", path="/p/a", **app),
           ev(day, "product_view", f"a{k}", path="/p/a", **app)]
    if k % 2 == 0 or k % 3 == 0:
        out.append(ev(day, "add_to_cart", f"a{k}", sku_id=1, **app))
    if k % 2 == 0 or k == 9:
        out.append(ev(day, "checkout_started", f"a{k}", **app))
    if k % 2 == 0:
        order = {"customer_id": 100 + k, "order_number": f"A{k}", "value_fen": 5000, **app}
        out += [ev(day, "linked", f"a{k}", order_number=f"A{k}", **app),
                ev(day, "order_placed", None, **order)]
        if k != 2:
            out.append(ev(day, "order_paid", None, **order))
    return out


def _seed(lake: Lake, today: date) -> None:
    events = []
    for k in range(1, DAYS + 1):
        day = (today - timedelta(days=k)).isoformat()
        events += [ev(day, "page_view", f"w{k}-{i}", path="/") for i in range(k)]
        web = {"customer_id": k, "order_number": f"W{k}", "value_fen": 10000 + 100 * k}
        events += [ev(day, "order_placed", None, **web), ev(day, "order_paid", None, **web)]
        events += _app_visitor(day, k)
    write(lake, events)


def _shot(walk: Walk, step: str, full: bool = False) -> None:
    path = walk.folder / f"analytics-{walk.device}-{len(walk.taken) + 1:02d}-{step}.png"
    screenshot(walk.page, path, full_page=full)
    walk.taken.append(path)


def _charts_drawn(walk: Walk) -> None:
    for name in CHARTS:
        box = walk.page.locator(f"[data-chart={name}][data-ready='1']")
        box.wait_for()
        walk.page.wait_for_timeout(500)  # the 400 ms animation
        assert box.evaluate(INKED) > 1000, f"the {name} chart's canvas is empty"


def _rows(walk: Walk) -> list[list[str]]:
    rows = walk.page.locator("[data-testid=traffic-table] tbody tr")
    return [[c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
            for i in range(rows.count())]


def _filter(walk: Walk, live_url: str, today: date) -> None:
    """The last 7 days before today, the app only: URL, table and funnel follow."""
    page = walk.page
    first, last = today - timedelta(days=7), today - timedelta(days=1)
    page.fill("#f-from", first.isoformat())
    page.fill("#f-to", last.isoformat())
    page.select_option("[data-testid=channel-filter]", "app")
    with page.expect_navigation():
        page.locator("[data-testid=analytics-filter] button[type=submit]").click()
    assert page.url == (f"{live_url}/admin/analytics?from={first}&to={last}"
                        "&grain=day&channel=app")
    expected = []
    for k in range(1, 8):  # the latest day first: one app visitor, ¥50 paid on 4 and 6
        placed, paid = ("1", "¥50.00") if k in (4, 6) else ("1" if k == 2 else "0", "¥0.00")
        expected.append([(today - timedelta(days=k)).isoformat(), "1", placed, paid])
    assert [[r[0], r[1], r[3], r[6]] for r in _rows(walk)] == expected
    people = walk.page.locator("[data-testid=funnel-table] tbody tr td:nth-child(2)")
    # viewed: all 7; cart: 2 3 4 6; checkout: 2 4 6; placed: 2 4 6; paid: 4 6
    assert people.all_inner_texts() == ["7", "4", "3", "3", "2"]
    _charts_drawn(walk)


def _pay_as_shopper(browser: Any, live_url: str, buyer: dict[str, Any], order: str,
                    shots: Path) -> Walk:
    """The shopper signs in on a phone and pays at the sandbox cashier."""
    walk = Walk(browser.new_context(**DEVICES["phone"], locale="zh-CN").new_page(), "shopper",
                shots)
    page = walk.page
    page.goto(f"{live_url}/account/login?next=/account/orders/{order}/pay")
    walk.testid("field-login").fill(buyer["phone"])
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    page.wait_for_url(f"**/account/orders/{order}/pay")
    walk.testid("provider-sandbox").check()
    walk.testid("pay-submit").click()
    page.wait_for_url("**/pay/sandbox/**")
    walk.testid("sandbox-pay").click()
    page.wait_for_url(f"**/account/orders/{order}")
    assert walk.testid("order-status").get_attribute("data-status") == "paid"
    return walk


def _card(walk: Walk, key: str) -> int:
    return int(walk.testid(f"live-{key}").locator(".kpi-value").get_attribute("data-value"))


def _live_payment(admin: Walk, browser: Any, live_url: str, db: Database, market: Any,
                  buyer: dict[str, Any], shots: Path) -> None:
    page = admin.page
    page.goto(f"{live_url}/admin/analytics")
    page.wait_for_selector("[data-testid=live-state][data-state=on]")
    assert (_card(admin, "gmv_fen"), _card(admin, "paid_orders")) == (0, 0)
    page.evaluate("window.notReloaded = true")
    with httpx.Client(base_url=live_url) as client:
        order, total, _headers = placed_order(client, db, market, buyer)
    shopper = _pay_as_shopper(browser, live_url, buyer, order, shots)
    paid_at = clock.utcnow()
    page.wait_for_function(
        "fen => document.querySelector('[data-testid=live-gmv_fen] .kpi-value')"
        ".dataset.value === String(fen)", arg=total, timeout=5000)
    waited = (clock.utcnow() - paid_at).total_seconds()
    assert waited < 5, waited
    assert _card(admin, "paid_orders") == 1 and _card(admin, "aov_fen") == total
    assert page.evaluate("window.notReloaded") is True  # moved in place, no reload
    page.wait_for_function(  # the shopper's pages were visits: they arrive by the tick
        "() => +document.querySelector('[data-testid=live-visitors] .kpi-value')"
        ".dataset.value >= 1", timeout=5000)
    _shot(admin, "live-paid")
    _shot(shopper, "shopper-paid")
    assert not shopper.errors, shopper.errors
    shopper.page.context.close()


def test_overview_charts_filters_and_live_cards(
        browser: Any, live_url: str, db: Database, settings: Settings, staff: Any,
        market: Any, buyer: dict[str, Any], shots: Path) -> None:
    today = clock.today()
    _seed(Lake.of(settings), today)
    bus = Bus()
    tasks.wire(bus, settings)  # the analytics subscribers alone, in-process (embedded broker)
    runtime = Runtime(db, bus, "", consume=True, namespace=f"test_{uuid.uuid4().hex[:8]}")
    runtime.start()
    admin = Walk(browser.new_context(**DEVICES["pc"], locale="zh-CN").new_page(), "pc", shots)
    try:
        sign_in(admin, live_url, staff["email"], staff["password"])
        admin.page.goto(f"{live_url}/admin/analytics")
        _charts_drawn(admin)
        assert len(_rows(admin)) == 30  # the default: the last 30 days
        admin.fits()
        _shot(admin, "overview", full=True)
        _filter(admin, live_url, today)
        _shot(admin, "filtered", full=True)
        _live_payment(admin, browser, live_url, db, market, buyer, shots)
        assert not admin.errors, admin.errors
    finally:
        admin.page.context.close()
        runtime.stop()


def test_overview_on_a_phone(browser: Any, live_url: str, db: Database, settings: Settings,
                             staff: Any, shots: Path) -> None:
    _seed(Lake.of(settings), clock.today())
    walk = Walk(browser.new_context(**DEVICES["phone"], locale="zh-CN").new_page(), "phone",
                shots)
    try:
        sign_in(walk, live_url, staff["email"], staff["password"])
        walk.page.goto(f"{live_url}/admin/analytics?grain=week")
        _charts_drawn(walk)
        walk.page.wait_for_selector("[data-testid=live-state][data-state=on]")
        walk.fits()
        _shot(walk, "overview")
        for name in ("traffic", "funnel"):
            walk.testid(name).scroll_into_view_if_needed()
            walk.fits()
            _shot(walk, name)
        assert not walk.errors, walk.errors
    finally:
        walk.page.context.close()
