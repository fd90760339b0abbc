"""The fulfilment page (/admin/analytics/fulfilment) and its CSVs over the fixed data set of
test_fulfilment.py: charts' JSON and tables show the service's figures, named by inventory
(warehouses) and logistics (carriers); each CSV holds the same figures; an empty range says
so; a reversed range is 422; staff without the reports permission get 403."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.access import team
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services.fulfilment import Row, fulfilment
from mercato.inventory.services import stock
from mercato.platform.db import Database
from tests.analytics.test_fulfilment import FIRST, LAST, build

PAGE = "/admin/analytics/fulfilment"
RANGE = f"from={FIRST}&to={LAST}"


@pytest.fixture
def houses(db: Database) -> tuple[int, int]:
    with db.transaction() as tx:
        a = stock.create_warehouse(tx, "SH", "上海仓", "Shanghai", "East", province="上海市")
        b = stock.create_warehouse(tx, "GZ", "广州仓", "Guangzhou", "South", province="广东省")
        return a.id, b.id


@pytest.fixture
def lake(admin: TestClient, houses: tuple[int, int]) -> Lake:
    lake = Lake.of(admin.app.state.settings)  # type: ignore[attr-defined]
    build(lake, *houses)
    return lake


def _chart(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="fulfilment-data">(.*?)</script>',
                      html, re.S)
    assert found
    chart: dict[str, Any] = json.loads(found.group(1))
    return chart


def _cells(row: Row) -> list[Any]:
    a, b = row.to_ship, row.to_sign
    return [a.count, a.median_h, a.p90_h, b.count, b.median_h, b.p90_h]


def test_the_page_draws_the_figures(admin: TestClient, lake: Lake,
                                    houses: tuple[int, int]) -> None:
    r = admin.get(f"{PAGE}?{RANGE}&grain=week&channel=app")  # no grain, no channel here
    assert r.status_code == 200, r.text
    chart = _chart(r.text)
    assert chart["warehouses"] == [
        {"name": "上海仓", "to_ship": [10.0, 22.8], "to_sign": [30.0, 34.8]},
        {"name": "广州仓", "to_ship": [15.0, 22.2], "to_sign": [33.0, 40.2]}]
    assert chart["carriers"] == [
        {"name": "顺丰速运", "to_ship": [6.0, 22.0], "to_sign": [24.0, 38.4]},
        {"name": "中通快递", "to_ship": [17.0, 22.6], "to_sign": [36.0, 36.0]}]
    assert [d["day"] for d in chart["days"]] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert [d["to_ship"] for d in chart["days"]] == [6.0, 25.0, None]
    assert 'name="grain"' not in r.text and 'name="channel"' not in r.text
    row = re.search(rf'<tr data-key="{houses[0]}"><td>上海仓</td>(.*?)</tr>', r.text, re.S)
    assert row and re.findall(r'data-col="\w+">([^<]*)<', row.group(1)) == [
        "3", "10.0", "22.8", "2", "30.0", "34.8"]
    assert "10.0 小时" in r.text and "5 个包裹" in r.text  # overall: median to ship
    for kind in ("warehouses", "carriers", "days"):
        assert f'href="{PAGE}/{kind}.csv?{RANGE.replace("&", "&amp;")}"' in r.text


def _csv(admin: TestClient, kind: str) -> list[list[str]]:
    r = admin.get(f"{PAGE}/{kind}.csv?{RANGE}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_the_csvs_hold_the_figures(admin: TestClient, lake: Lake,
                                   houses: tuple[int, int]) -> None:
    found = fulfilment(lake, FIRST, LAST)
    times = ["shipped", "to_ship_median_h", "to_ship_p90_h", "signed", "to_sign_median_h",
             "to_sign_p90_h"]

    def text(cells: list[Any]) -> list[str]:
        return ["" if c is None else str(c) for c in cells]

    names = dict(zip(houses, ("上海仓", "广州仓"), strict=True))
    assert _csv(admin, "warehouses") == [["warehouse_id", "warehouse", *times]] + [
        text([r.key, names[r.key], *_cells(r)]) for r in found.warehouses]  # type: ignore[index]
    carriers = {"sf": "顺丰速运", "zto": "中通快递"}
    assert _csv(admin, "carriers") == [["carrier", "carrier_name", *times]] + [
        text([r.key, carriers[str(r.key)], *_cells(r)]) for r in found.carriers]
    days = _csv(admin, "days")
    assert days == [["day", *times]] + [text([r.key, *_cells(r)]) for r in found.days]
    assert days[3] == ["2026-03-03", "0", "", "", "2", "39.0", "41.4"]


def test_an_empty_range_says_so(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"{PAGE}?from=2026-01-01&to=2026-01-31")
    assert r.status_code == 200
    assert 'data-testid="fulfilment-empty"' in r.text and "没有包裹发货或签收" in r.text
    assert 'data-testid="table-warehouses"' not in r.text
    assert _chart(r.text)["warehouses"] == []


def test_a_reversed_range_is_422(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"{PAGE}?from={LAST}&to={FIRST}")
    assert r.status_code == 422
    assert 'data-error-for="to"' in r.text and 'data-testid="analytics-fulfilment"' in r.text
    r = admin.get(f"{PAGE}/carriers.csv?from={LAST}&to={FIRST}")
    assert r.status_code == 422


def _signed_in(client: TestClient, db: Database, role: str) -> TestClient:
    with db.transaction() as tx:
        team.add_staff(tx, f"{role}@example.com", "correct-horse-9", "", role)
    r = client.post("/admin/login", data={"email": f"{role}@example.com",
                                          "password": "correct-horse-9"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return client


@pytest.mark.parametrize("url", [PAGE, f"{PAGE}/warehouses.csv", f"{PAGE}/carriers.csv",
                                 f"{PAGE}/days.csv"])
def test_reports_permission_is_needed(client: TestClient, db: Database, url: str) -> None:
    service = _signed_in(client, db, "service")  # no reports
    assert service.get(url).status_code == 403


def test_a_role_with_reports_sees_the_page(client: TestClient, db: Database) -> None:
    assert _signed_in(client, db, "operations").get(PAGE).status_code == 200
