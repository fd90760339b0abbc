"""The customers page (/admin/analytics/customers), its CSVs and the profile JSON, on the
fixed data set of test_customers_figures (range 2026-01-01 .. 03-31): the figures shown
are the hand-computed ones, a bad range is 422, and the reports permission is needed."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.access import team
from mercato.analytics.adapters import lake as files
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.web import admin_customers
from mercato.platform.db import Database
from tests.analytics.helpers import ev, write
from tests.analytics.test_customers_figures import fixed_lake

PAGE = "/admin/analytics/customers"
RANGE = "from=2026-01-01&to=2026-03-31"


@pytest.fixture
def lake(app: Any) -> Lake:
    return fixed_lake(Lake.of(app.state.settings).root)


def _chart(text: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="customers-data">(.*?)</script>',
                      text, re.S)
    assert found is not None
    return json.loads(html.unescape(found.group(1)))


def _csv(client: TestClient, path: str) -> list[str]:
    r = client.get(f"{PAGE}/{path}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    return r.content.decode("utf-8-sig").splitlines()


def test_the_page_shows_the_figures(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"{PAGE}?{RANGE}&grain=month")
    assert r.status_code == 200, r.text[-500:]
    chart = _chart(r.text)
    assert chart["periods"] == ["2026-01-01", "2026-02-01", "2026-03-01"]
    assert {s["key"]: s["values"] for s in chart["states"]} == {
        "new": [2, 1, 2], "repeat": [1, 1, 2], "active": [0, 1, 0], "dormant": [1, 2, 2],
        "churned": [1, 1, 2]}
    assert {s["key"]: s["customers"] for s in chart["segments"] if s["customers"]} == {
        "champions": 2, "at_risk": 1, "promising": 1, "hibernating": 2}
    assert chart["cohorts"] == ["2026-01", "2026-02", "2026-03"] and chart["offsets"] == 3
    assert chart["cells"] == [[0, 0, 1.0, 2], [1, 0, 0.5, 1], [2, 0, 0.5, 1],
                              [0, 1, 1.0, 1], [1, 1, 0.0, 0], [0, 2, 1.0, 2]]
    for table in ("lifecycle-table", "segments-table", "rfm-table", "cohort-table"):
        assert f'data-testid="{table}"' in r.text
    assert r.text.count('<tr data-customer="') == 6
    assert '<tr data-period="2026-02-01">' in r.text and '<tr data-cohort="2026-01">' in r.text
    # the last period's states, as cards
    assert re.findall(r'data-state="(\w+)"><span class="kpi-label">[^<]*</span>'
                      r'<b class="kpi-value">(\d+)', r.text) == [
        ("new", "2"), ("repeat", "2"), ("active", "0"), ("dormant", "2"), ("churned", "2")]


def test_the_rfm_table_sorts_pages_and_filters(
    admin: TestClient, lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    def order(query: str) -> list[str]:
        return re.findall(r'<tr data-customer="(\d+)"', admin.get(f"{PAGE}?{RANGE}&{query}").text)

    assert order("") == ["203", "201", "207", "208", "205", "204"]  # net spend, most first
    assert order("sort=recency&dir=asc") == ["203", "205", "201", "207", "204", "208"]
    assert order("sort=customer") == ["201", "203", "204", "205", "207", "208"]
    assert order("sort=score") == ["203", "201", "207", "205", "208", "204"]  # 15 10 8 6 4 3
    assert order("segment=hibernating") == ["208", "204"]
    monkeypatch.setattr(admin_customers, "PAGE_SIZE", 2)
    assert order("page=2") == ["207", "208"]
    assert order("page=9") == ["205", "204"]  # past the end: the last page


def test_the_csvs_hold_every_row(admin: TestClient, lake: Lake) -> None:
    assert _csv(admin, f"lifecycle.csv?{RANGE}&grain=month") == [
        "period,start,end,new,repeat,active,dormant,churned,total",
        "2026-01-01,2026-01-01,2026-01-31,2,1,0,1,1,5",
        "2026-02-01,2026-02-01,2026-02-28,1,1,1,2,1,6",
        "2026-03-01,2026-03-01,2026-03-31,2,2,0,2,2,8"]
    assert _csv(admin, f"rfm.csv?{RANGE}") == [
        "customer_id,recency_days,frequency,monetary_fen,r,f,m,score,segment",
        "201,11,2,18000,3,3,4,334,champions", "203,0,4,20500,5,5,5,555,champions",
        "204,56,1,0,1,1,1,111,hibernating", "205,1,1,1500,4,1,1,411,promising",
        "207,29,2,10000,2,3,3,233,at_risk", "208,59,1,2500,1,1,2,112,hibernating"]
    assert _csv(admin, f"rfm.csv?{RANGE}&segment=at_risk")[1:] == [
        "207,29,2,10000,2,3,3,233,at_risk"]
    segments = _csv(admin, f"segments.csv?{RANGE}")
    assert segments[0] == "segment,customers,share" and len(segments) == 9
    assert "champions,2,0.3333" in segments and "loyal,0,0.0" in segments
    assert _csv(admin, f"cohorts.csv?{RANGE}") == [
        "cohort,month_offset,customers,share", "2026-01,0,2,1.0", "2026-01,1,1,0.5",
        "2026-01,2,1,0.5", "2026-02,0,1,1.0", "2026-02,1,0,0.0", "2026-03,0,2,1.0"]


def test_a_reversed_range_is_422(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"{PAGE}?from=2026-03-31&to=2026-01-01")
    assert r.status_code == 422
    assert 'data-error-for="to"' in r.text and 'data-testid="analytics-customers"' in r.text
    for path in ("lifecycle.csv", "rfm.csv", "segments.csv", "cohorts.csv", "profile.json"):
        r = admin.get(f"{PAGE}/{path}?from=2026-03-31&to=2026-01-01&customer=201")
        assert r.status_code == 422, path


def _signed_in(client: TestClient, db: Database, role: str) -> TestClient:
    with db.transaction() as tx:
        team.add_staff(tx, f"{role}@example.com", "correct-horse-9", "", role)
    r = client.post("/admin/login", data={"email": f"{role}@example.com",
                                          "password": "correct-horse-9"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return client


@pytest.mark.parametrize("path", ["", "/lifecycle.csv", "/rfm.csv", "/segments.csv",
                                  "/cohorts.csv", "/profile.json?customer=201"])
def test_reports_permission_is_needed(client: TestClient, db: Database, path: str) -> None:
    assert _signed_in(client, db, "service").get(PAGE + path).status_code == 403


def test_three_queries_a_page_and_a_fourth_for_a_profile(
    admin: TestClient, lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = files.fetch, []

    def counted(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        calls.append(sql)
        return real(sql, params)

    monkeypatch.setattr(files, "fetch", counted)
    assert admin.get(f"{PAGE}?{RANGE}").status_code == 200
    assert len(calls) == 3
    assert admin.get(f"{PAGE}?{RANGE}&customer=201").status_code == 200
    assert len(calls) == 3 + 4
    write(lake, [ev("2026-02-02", "order_paid", None, customer_id=300 + n,
                    order_number=f"M{n}", value_fen=100) for n in range(40)])
    r = admin.get(f"{PAGE}?{RANGE}&customer=201")
    assert r.text.count('<tr data-customer="') == 46  # forty more customers, same queries
    assert len(calls) == 3 + 4 + 4


def test_an_empty_lake_and_a_bad_grain(admin: TestClient) -> None:
    r = admin.get(f"{PAGE}?{RANGE}")
    assert r.status_code == 200 and 'data-testid="rfm-table"' in r.text
    assert r.text.count('<tr data-customer="') == 0
    assert _chart(r.text)["cells"] == [[0, 0, 0.0, 0], [1, 0, 0.0, 0], [2, 0, 0.0, 0],
                                       [0, 1, 0.0, 0], [1, 1, 0.0, 0], [0, 2, 0.0, 0]]
    assert admin.get(f"{PAGE}?{RANGE}&grain=year").status_code == 422
