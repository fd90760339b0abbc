"""The marketing centre's presales: staff create a campaign (windows in shop time, items by
SKU code, prices in yuan), publish and call it off, set incoming stock per warehouse; the
list and the campaign's report (deposits, balances, conversion, deposits kept or refunded,
pre-stocking per warehouse) computed from the presale orders in a fixed number of
statements; every write audited; bad input refused field by field with nothing written;
who may do what."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from mercato.inventory import services as stock
from mercato.platform import clock
from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from mercato.presale import public as presale
from mercato.presale.adapters.tables import Campaign, Incoming, Item, PresaleOrder
from mercato.presale.services import report
from tests.logistics.test_admin import _member
from tests.storefront.helpers import count_queries

BASE = "/admin/presales"


def _local(hours: float) -> str:
    return clock.local(clock.utcnow() + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def _day(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def _form(**given: str) -> dict[str, str]:
    return {"name": "春季新品预售", "deposit_starts": _local(-1), "deposit_ends": _local(48),
            "balance_starts": _local(48), "balance_ends": _local(96), "ship_on": _day(7),
            "rule": "keep", "per_customer_limit": "2", "remind_hours": "12",
            "item_sku_0": "TEE-WH-M", "item_price_0": "199", "item_deposit_0": "50",
            "item_deduct_0": "80", "item_planned_0": "100",
            "item_sku_1": " MUG-350 ", "item_price_1": "39.90", "item_deposit_1": "9.90",
            "item_deduct_1": "", "item_planned_1": "30",
            "item_sku_2": "", "item_price_2": "", "item_deposit_2": "", "item_deduct_2": "",
            "item_planned_2": "", **given}


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _id(r: Any) -> int:
    assert r.status_code == 303, _text(r.text)[-800:]
    return int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])


def _counts(db: Database) -> tuple[int, ...]:
    with db.reading() as tx:
        return tuple(int(tx.scalar(select(func.count()).select_from(t)) or 0)
                     for t in (Campaign, Item, Incoming))


def _audited(db: Database, like: str) -> list[tuple[str, str, str, str]]:
    with db.reading() as tx:
        rows = tx.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.target,
                                 AuditEntry.changes)
                          .where(AuditEntry.target.like(like)).order_by(AuditEntry.id))
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]


def _cell(html: str, testid: str, row_attr: str) -> str:
    """The text of the data-testid cell in the row carrying `row_attr` (data-item="3")."""
    row = re.search(rf"<tr {row_attr}>(.*?)</tr>", html, re.S)
    assert row, row_attr
    cell = re.search(rf'data-testid="{testid}">(.*?)</td>', row.group(1), re.S)
    assert cell, (row_attr, testid)
    return _text(cell.group(1)).strip()


def test_create_list_show_publish_cancel_audited(admin: Any, db: Database,
                                                 market: dict[str, Any]) -> None:
    page = admin.get(f"{BASE}/new?lang=zh_CN")
    assert page.status_code == 200
    assert "新建预售" in page.text and "定金（元）" in page.text and "尾款开始" in page.text
    campaign_id = _id(_post(admin, BASE, **_form()))
    tee, mug = market["tee"]["skus"][0], market["cup"]["skus"][0]
    with db.reading() as tx:
        c = presale.get_campaign(tx, campaign_id, clock.utcnow())
    assert (c.name, c.status, c.rule, c.per_customer_limit, c.remind_hours) == (
        "春季新品预售", "draft", "keep", 2, 12)
    assert sorted((i.sku_id, i.price_fen, i.deposit_fen, i.deduct_fen, i.planned)
                  for i in c.items) == sorted([(tee, 19900, 5000, 8000, 100),
                                               (mug, 3990, 990, 990, 30)])  # yuan → fen
    assert clock.local(c.windows.deposit_starts).strftime("%Y-%m-%dT%H:%M") == _local(-1)
    assert c.ship_on == date.fromisoformat(_day(7))
    created = _audited(db, "presale_%")
    assert {t.split("#")[0] for _a, _b, t, _c in created} == {"presale_campaign",
                                                               "presale_item"}
    assert all((a, b) == ("admin@example.com", f"POST {BASE}") for a, b, _t, _c in created)

    listed = admin.get(f"{BASE}?lang=zh_CN")
    assert listed.status_code == 200 and f'data-campaign="{campaign_id}"' in listed.text
    assert "预售活动" in listed.text and 'data-status="draft"' in listed.text
    assert _cell(listed.text, "conversion", f'data-campaign="{campaign_id}"') == "—"
    assert 'href="/admin/presales"' in admin.get("/admin/promotions").text  # the nav

    shown = admin.get(f"{BASE}/{campaign_id}?lang=zh_CN")
    text = _text(shown.text)
    assert shown.status_code == 200 and "纯棉圆领T恤" in text and "陶瓷马克杯" in text
    assert "¥199.00" in text and "¥80.00" in text and "备货" in text and "保留定金" in text
    assert 'data-testid="publish"' in shown.text and 'data-testid="cancel"' in shown.text

    r = _post(admin, f"{BASE}/{campaign_id}/publish")
    assert r.status_code == 303 and "flash=" in r.headers["location"]
    page = admin.get(r.headers["location"])
    assert 'data-status="deposit"' in page.text and 'data-testid="publish"' not in page.text
    assert _post(admin, f"{BASE}/{campaign_id}/publish").status_code == 303  # said, no change
    assert _post(admin, f"{BASE}/{campaign_id}/cancel").status_code == 303
    page = admin.get(f"{BASE}/{campaign_id}")
    assert 'data-status="cancelled"' in page.text and 'data-testid="cancel"' not in page.text
    moves = [(b, d) for _a, b, t, d in _audited(db, f"presale_campaign#{campaign_id}")
             if not t.endswith("(new)")]
    assert [b for b, _d in moves] == [f"POST {BASE}/{campaign_id}/publish",
                                      f"POST {BASE}/{campaign_id}/cancel"]
    assert '"scheduled"' in moves[0][1] and '"cancelled"' in moves[1][1]
    assert admin.get(f"{BASE}/999").status_code == 404


def test_bad_input_is_refused_by_field_and_nothing_written(admin: Any, db: Database,
                                                           market: dict[str, Any]) -> None:
    cases = [
        ({"name": ""}, "name"),
        ({"deposit_starts": ""}, "deposit_starts"),
        ({"deposit_ends": "tomorrow"}, "deposit_ends"),
        ({"deposit_starts": _local(50)}, "deposit_ends"),
        ({"balance_starts": _local(24)}, "balance_starts"),
        ({"balance_ends": _local(48)}, "balance_ends"),
        ({"ship_on": _day(-1)}, "ship_on"),
        ({"ship_on": "someday"}, "ship_on"),
        ({"rule": "burn"}, "rule"),
        ({"per_customer_limit": "0"}, "per_customer_limit"),
        ({"remind_hours": "500"}, "remind_hours"),
        ({"item_sku_1": "NO-SUCH-SKU"}, "item_sku_1"),
        ({"item_sku_1": "TEE-WH-M"}, "item_sku_1"),  # the same SKU twice
        ({"item_sku_0": ""}, "item_sku_0"),
        ({"item_price_0": "9.999"}, "item_price_0"),
        ({"item_price_0": "0"}, "item_price_0"),
        ({"item_deposit_1": "39.90"}, "item_deposit_1"),  # not below the price
        ({"item_deduct_0": "20"}, "item_deduct_0"),  # counts as less than itself
        ({"item_planned_1": "0"}, "item_planned_1"),
        ({"item_planned_1": "ten"}, "item_planned_1"),
        ({"item_sku_2": "MUG-500", "item_price_2": "49", "item_deposit_2": "60",
          "item_planned_2": "5"}, "item_deposit_2"),  # a third row maps to its fields
        ({"item_sku_0": "", "item_price_0": "", "item_deposit_0": "", "item_deduct_0": "",
          "item_planned_0": "", "item_sku_1": "", "item_price_1": "", "item_deposit_1": "",
          "item_planned_1": ""}, "items"),
    ]
    for given, field in cases:
        r = _post(admin, f"{BASE}?lang=zh_CN", **_form(**given))
        assert r.status_code == 422, (given, r.status_code)
        assert f'data-field="{field}"' in r.text, (given, _text(r.text)[-600:])
        assert 'data-testid="form-errors"' in r.text
    r = _post(admin, f"{BASE}?lang=zh_CN", **_form(item_sku_1="NO-SUCH-SKU",
                                                   item_deposit_0="300"))
    assert "没有这个编码的 SKU" in r.text and "定金至少 ¥0.01，且低于预售价" in r.text
    assert 'value="春季新品预售"' in r.text and 'value="NO-SUCH-SKU"' in r.text  # as typed
    assert _counts(db) == (0, 0, 0)
    assert _audited(db, "presale_%") == []


def _campaign(db: Database, market: dict[str, Any], rule: str = "keep") -> presale.CampaignView:
    now = clock.utcnow()
    items = (presale.ItemData(market["tee"]["skus"][0], 19900, 5000, 8000, 100),
             presale.ItemData(market["cup"]["skus"][0], 3990, 990, 990, 30))
    d = presale.CampaignData("预售", now - timedelta(days=3), now - timedelta(days=1),
                             now - timedelta(days=1), now + timedelta(days=1),
                             (now + timedelta(days=5)).date(), rule, 5, 24, items)
    with db.transaction() as tx:
        c = presale.create_campaign(tx, d)
        return presale.move_campaign(tx, c.id, "scheduled")


def _orders(db: Database, c: presale.CampaignView, rows: list[tuple[Any, ...]]) -> None:
    """(number, item index, state, quantity, province, deposit paid, balance paid) rows."""
    now = clock.utcnow()
    with db.transaction() as tx:
        for number, n, state, qty, province, dep, bal in rows:
            item = c.items[n]
            tx.add(PresaleOrder(
                order_number=number, campaign_id=c.id, item_id=item.id, sku_id=item.sku_id,
                customer_id=1, quantity=qty, deposit_fen=item.deposit_fen * qty,
                balance_fen=(item.price_fen - item.deduct_fen) * qty + 1000,
                province=province, phone="13800000000", state=state,
                deposit_paid_at=now if dep else None, balance_paid_at=now if bal else None,
                created_at=now, updated_at=now))


SEEDED = [  # item 0 (the tee) only: the mug has no orders
    ("P-1", 0, "deposit_due", 1, "上海市", False, False),
    ("P-2", 0, "deposit_paid", 2, "广东省", True, False),
    ("P-3", 0, "balance_paid", 1, "北京市", True, True),
    ("P-4", 0, "released", 1, "上海市", True, True),
    ("P-5", 0, "cancelled", 3, "上海市", True, False),  # the balance never came: kept
    ("P-6", 0, "cancelled", 1, "浙江省", False, False),  # the deposit never came
]


def test_the_report_from_presale_orders(admin: Any, db: Database,
                                        market: dict[str, Any]) -> None:
    with db.transaction() as tx:  # a second warehouse, first by code: GZ, then SH
        gz = stock.create_warehouse(tx, "GZ", "广州仓", "Guangzhou", province="广东省").id
    c = _campaign(db, market)
    _orders(db, c, SEEDED)
    with db.reading() as tx, count_queries(db) as seen:
        r = report.campaign_report(tx, c.id)
    few = len(seen)
    tee, mug = r.items
    f = tee.figures
    assert (f.placed, f.units) == (6, 9)
    assert (f.deposits_paid, f.deposit_fen) == (4, 5000 * 7)  # P-2 to P-5
    assert (f.balances_paid, f.balance_fen) == (2, 2 * (11900 + 1000))  # P-3, P-4
    assert (f.ended_unpaid, f.kept, f.refunded) == (2, 1, 0)
    assert f.conversion == 0.5 and mug.figures.conversion is None
    assert r.totals == f  # the mug adds nothing
    sh = market["warehouse"]
    places = {p.warehouse_id: p for p in tee.stock.places}
    assert [p.warehouse_id for p in tee.stock.places] == [gz, sh]  # by priority, then code
    # Live: P-1 上海 → SH, P-2 广东 → GZ, P-3 北京 → SH (3 days, GZ 4).
    assert (places[sh].demand, places[gz].demand) == (2, 2)
    assert (places[sh].on_hand, places[sh].available, places[gz].on_hand) == (10, 10, 0)
    assert (places[sh].to_prepare, places[gz].to_prepare, tee.stock.to_prepare) == (0, 2, 2)

    _orders(db, c, [(f"Q-{n}", n % 2, "deposit_paid", 1, p, True, False)
                    for n, p in enumerate(["四川省", "新疆维吾尔自治区", "", "火星"] * 5)])
    with db.reading() as tx, count_queries(db) as seen:
        report.campaign_report(tx, c.id)
    assert len(seen) == few <= 8  # seven queries (and a BEGIN), whatever the orders

    page = admin.get(f"{BASE}/{c.id}?lang=zh_CN")
    assert page.status_code == 200
    row = f'data-item="{c.items[0].id}"'
    assert _cell(page.text, "deposits", row) == "14 ¥850.00"  # 4 + 10 of the new
    assert _cell(page.text, "balances", row) == "2 ¥258.00"
    assert _cell(page.text, "conversion", row) == "14.3%"  # 2 / 14
    assert _cell(page.text, "conversion", f'data-item="{c.items[1].id}"') == "0.0%"
    assert "保留定金 1" in _text(page.text) or "kept 1" in _text(page.text)
    listed = admin.get(BASE)
    assert _cell(listed.text, "conversion", f'data-campaign="{c.id}"') == "8.3%"  # 2 / 24


def test_refunded_deposits_by_the_rule(db: Database, market: dict[str, Any]) -> None:
    c = _campaign(db, market, rule="refund")
    _orders(db, c, [("R-1", 1, "cancelled", 1, "上海市", True, False),
                    ("R-2", 1, "cancelled", 1, "上海市", True, True)])  # paid, then refunded
    with db.reading() as tx:
        f = report.campaign_report(tx, c.id).totals
        totals = report.campaign_totals(tx, [c])[c.id]
    assert (f.ended_unpaid, f.kept, f.refunded, f.balances_paid) == (1, 0, 1, 1)
    assert totals == f


def test_incoming_stock_is_set_shown_and_audited(admin: Any, db: Database,
                                                 market: dict[str, Any]) -> None:
    c = _campaign(db, market)
    _orders(db, c, SEEDED)
    item, sh = c.items[0], market["warehouse"]
    url = f"{BASE}/{c.id}/items/{item.id}/incoming"
    r = _post(admin, url, warehouse_id=str(sh), quantity="40", expected_on=_day(3))
    assert r.status_code == 303
    assert _post(admin, url, warehouse_id=str(sh), quantity="25",
                 expected_on=_day(4)).status_code == 303  # the same row, updated
    with db.reading() as tx:
        rows = tx.execute(select(Incoming.quantity, Incoming.expected_on)).all()
    assert [(q, on.isoformat()) for q, on in rows] == [(25, _day(4))]
    page = admin.get(f"{BASE}/{c.id}")
    block = page.text.split(f'data-testid="prestock-item" data-item="{item.id}"')[1]
    assert _cell(block, "incoming", f'data-warehouse="{sh}"') == "25"
    assert _cell(block, "demand", f'data-warehouse="{sh}"') == "4"
    assert _day(4) in block
    changes = [(b, t.endswith("(new)")) for _a, b, t, _c in _audited(db, "presale_incoming%")]
    assert changes == [(f"POST {url}", True), (f"POST {url}", False)]  # added, then changed

    for given, field in [({"quantity": "-1"}, "quantity"), ({"quantity": "2000000"}, "quantity"),
                         ({"quantity": "many"}, "quantity"), ({"quantity": ""}, "quantity"),
                         ({"expected_on": "soon"}, "expected_on"),
                         ({"warehouse_id": "9999"}, "warehouse_id")]:
        r = _post(admin, f"{url}?lang=zh_CN", **{"warehouse_id": str(sh), "quantity": "5",
                                                 "expected_on": "", **given})
        assert r.status_code == 422, given
        assert f'data-field="incoming_{item.id}_{field}"' in r.text, given
    with db.reading() as tx:
        assert tx.execute(select(Incoming.quantity)).scalars().all() == [25]
    other = _campaign(db, market)  # an item of another campaign: not here
    assert _post(admin, f"{BASE}/{c.id}/items/{other.items[0].id}/incoming",
                 warehouse_id=str(sh), quantity="1").status_code == 404


def test_who_may_do_what(admin: Any, db: Database, market: dict[str, Any]) -> None:
    campaign_id = _id(_post(admin, BASE, **_form()))
    with db.reading() as tx:
        item = presale.get_campaign(tx, campaign_id, clock.utcnow()).items[0]
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")  # no marketing at all
    for url in (BASE, f"{BASE}/new", f"{BASE}/{campaign_id}"):
        assert clerk.get(url).status_code == 403, url
    assert _post(clerk, BASE, **_form()).status_code == 403
    for move in ("publish", "cancel", f"items/{item.id}/incoming"):
        assert _post(clerk, f"{BASE}/{campaign_id}/{move}", warehouse_id="1",
                     quantity="1").status_code == 403
    service = _member(admin.app, db, "cs@example.com", "service")  # marketing.view only
    page = service.get(f"{BASE}/{campaign_id}")
    assert page.status_code == 200 and 'data-testid="publish"' not in page.text
    assert 'data-testid="incoming-form"' not in page.text
    assert 'data-testid="new-presale"' not in service.get(BASE).text
    assert _post(service, f"{BASE}/{campaign_id}/publish").status_code == 403
    assert _post(service, BASE, **_form()).status_code == 403
    r = admin.post(f"{BASE}/{campaign_id}/publish", data={"csrf": "forged"},
                   follow_redirects=False)
    assert r.status_code == 403  # no good CSRF token
    assert _counts(db) == (1, 2, 0)
    with db.reading() as tx:
        assert presale.get_campaign(tx, campaign_id, clock.utcnow()).status == "draft"
