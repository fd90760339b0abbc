"""Where parcels leave from: a warehouse's province (admin form, inventory.public) and the
transit table by distance with the 16:00 cut-off (inventory.transit, pure)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from mercato.inventory import public as inventory
from mercato.inventory import services
from mercato.inventory.adapters.tables import Warehouse
from mercato.inventory.transit import transit_days
from mercato.kernel.errors import DomainError
from mercato.kernel.provinces import CODES, MAINLAND


@pytest.mark.parametrize(
    ("origin", "dest", "days"),
    [
        ("上海市", "上海", 1),  # same province (short names are understood)
        ("上海市", "江苏省", 2),  # same region
        ("福建省", "广东省", 2),  # bordering provinces in different regions
        ("上海市", "广东省", 3),  # adjoining regions (华东-华南)
        ("广东省", "北京市", 4),  # farther (华南-华北)
        ("上海市", "黑龙江省", 4),
        ("四川省", "西藏自治区", 5),  # remote, from the west
        ("四川省", "新疆", 5),
        ("上海市", "新疆维吾尔自治区", 6),  # remote, from anywhere else
        ("新疆维吾尔自治区", "广东省", 6),
        ("新疆维吾尔自治区", "新疆维吾尔自治区", 1),
    ],
)
def test_transit_days_by_distance(origin, dest, days):
    assert transit_days(origin, dest) == days
    assert transit_days(dest, origin) == days  # the table is symmetric


def test_every_mainland_pair_has_an_answer_and_nowhere_else_does():
    assert {name for name, _en in CODES.values()} == set(MAINLAND)
    assert {transit_days(a, b) for a in MAINLAND for b in MAINLAND} == {1, 2, 3, 4, 5, 6}
    assert transit_days("上海市", "香港特别行政区") is None
    assert transit_days("", "上海市") is None and transit_days("上海市", "Mars") is None


def test_the_cut_off_and_the_nearest_origin():
    before = datetime(2026, 12, 7, 15, 59)  # shop-local times
    est = inventory.delivery_estimate(["上海市", "四川省", ""], "新疆", before)
    assert est is not None
    assert (est.origin, est.days, est.ships_today, est.arrives) == (
        "四川省",
        5,
        True,
        date(2026, 12, 12),
    )
    late = inventory.delivery_estimate(["上海市"], "上海市", datetime(2026, 12, 7, 16, 0))
    assert late is not None and (late.ships_today, late.arrives) == (False, date(2026, 12, 9))
    assert inventory.delivery_estimate([], "上海市", before) is None
    assert inventory.delivery_estimate(["上海市"], "台湾省", before) is None


def test_sellable_units_by_province_and_the_home_province(db, shop):
    tee = shop["tee"]["skus"]
    with db.transaction() as tx:
        gz = services.create_warehouse(tx, "GZ", "广州仓", "Guangzhou", province="广东").id
        off = services.create_warehouse(tx, "OFF", "关仓", "Closed", active=False, province="北京")
        services.set_on_hand(tx, tee[0], gz, 4, "initial", "test")
        services.set_on_hand(tx, tee[0], off.id, 9, "initial", "test")
        services.set_on_hand(tx, tee[1], shop["warehouse"], 0, "count", "test")
    with db.reading() as tx:
        got = inventory.sellable_by_province(tx, [tee[0], tee[1], 999999])
        assert got == {tee[0]: {"上海市": 10, "广东省": 4}, tee[1]: {}, 999999: {}}
        assert inventory.available(tx, [tee[0]]) == {tee[0]: 14}
        assert inventory.home_province(tx) == "广东省"  # by priority, then code: GZ, SH
    with db.transaction() as tx:
        services.update_warehouse(tx, gz, "广州仓", "Guangzhou", "", "", False)
    with db.reading() as tx:
        assert inventory.home_province(tx) == "上海市"  # only active ones count


def test_a_warehouse_province_is_a_mainland_one_in_full(db, shop):
    with db.transaction() as tx:
        assert services.create_warehouse(tx, "A", "甲", "A", province=" 广西 ").province == (
            "广西壮族自治区"
        )
    for bad in ("香港", "Mars"):
        with pytest.raises(DomainError) as refused, db.transaction() as tx:
            services.create_warehouse(tx, "B", "乙", "B", province=bad)
        assert refused.value.field == "province"


def test_staff_set_the_province_in_the_warehouse_form(admin, db, shop):
    url = f"/admin/warehouses/{shop['warehouse']}"
    page = admin.get(url).text
    assert '<option value="上海市" selected>上海市</option>' in page
    form = {"csrf": admin.csrf, "name_zh": "上海仓", "name_en": "Shanghai", "active": "1"}
    r = admin.post(url, data={**form, "province": "广东省"}, follow_redirects=False)
    assert r.status_code == 303
    r = admin.post(url, data={**form, "province": "香港特别行政区"}, follow_redirects=False)
    assert r.status_code == 422 and "请选择中国大陆的省份" in r.text
    with db.reading() as tx:
        province = tx.scalars(select(Warehouse.province).where(Warehouse.code == "SH")).one()
    assert province == "广东省"
