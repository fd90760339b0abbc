"""The product page's delivery estimate ("预计X月X日送达"): from the provinces of the
warehouses holding the goods to the shopper's province (chosen on the page and kept in a
cookie, else the signed-in customer's default address, else the shop's first warehouse), by
the transit table, with orders paid before 16:00 shop time leaving the same day."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from mercato.inventory import services as stock
from mercato.platform import clock
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer
from tests.storefront.helpers import count_queries, sku_json, tags_with, text_of

# The shop's zone is Asia/Shanghai (UTC+8): the clock gives naive UTC.
MORNING = datetime(2026, 12, 7, 2, 0)  # 10:00 in the shop, a Monday
EVENING = datetime(2026, 12, 7, 9, 30)  # 17:30 in the shop


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_time(when: datetime) -> None:
        monkeypatch.setattr(clock, "utcnow", lambda: when)

    set_time(MORNING)
    return set_time


def _eta(client: Any, slug: str, query: str = "") -> str:
    return text_of(client.get(f"/p/{slug}{query}").text, "delivery-estimate")


def _selected(page: str) -> str:
    """The province code selected in the deliver-to select."""
    select = page.split('data-testid="province-select"')[1].split("</select>")[0]
    return select.split(" selected>")[0].rsplit('value="', 1)[1].split('"')[0]


def test_same_province_next_day_far_later_remote_latest(client, shop, at):
    tee = shop["tee"]["slug"]  # all its units are in the Shanghai warehouse
    page = client.get(f"/p/{tee}").text
    assert text_of(page, "delivery-estimate") == "今天16:00前付款，预计明天(12月8日)送达"
    assert text_of(page, "ships-from") == "上海发货"
    assert _eta(client, tee, "?province=32") == "今天16:00前付款，预计12月9日送达"
    assert _eta(client, tee, "?province=44") == "今天16:00前付款，预计12月10日送达"
    assert _eta(client, tee, "?province=23") == "今天16:00前付款，预计12月11日送达"
    assert _eta(client, tee, "?province=65") == "今天16:00前付款，预计12月13日送达"
    page = client.get(f"/p/{tee}?province=44&lang=en").text
    assert text_of(page, "delivery-estimate") == "Pay by 16:00 today, arrives Dec 10"
    assert text_of(page, "ships-from") == "Ships from Shanghai"


def test_paid_after_the_cut_off_it_leaves_the_next_day(client, shop, at):
    tee = shop["tee"]["slug"]
    at(datetime(2026, 12, 7, 7, 59))  # 15:59 in the shop
    assert _eta(client, tee) == "今天16:00前付款，预计明天(12月8日)送达"
    at(datetime(2026, 12, 7, 8, 0))  # 16:00
    assert _eta(client, tee) == "现在付款，预计12月9日送达"
    at(EVENING)
    assert _eta(client, tee, "?province=65") == "现在付款，预计12月14日送达"
    at(datetime(2026, 12, 7, 16, 30))  # 00:30 on the 8th in the shop: a new day
    assert _eta(client, tee, "?province=31") == "今天16:00前付款，预计明天(12月9日)送达"


def test_the_nearest_warehouse_holding_the_variant_ships_it(client, db, shop, at):
    white_m, black_m = shop["tee"]["skus"][0], shop["tee"]["skus"][2]
    with db.transaction() as tx:
        cd = stock.create_warehouse(tx, "CD", "成都仓", "Chengdu", province="四川省").id
        stock.set_on_hand(tx, black_m, cd, 5, "initial", "test")
        stock.set_on_hand(tx, black_m, shop["warehouse"], 0, "count", "test")
    tee = shop["tee"]["slug"]
    page = client.get(f"/p/{tee}?province=65").text  # Xinjiang: 5 days from Sichuan, 6 from SH
    assert text_of(page, "delivery-estimate") == "今天16:00前付款，预计12月12日送达"
    assert text_of(page, "ships-from") == "四川发货"
    by_sku = {s["id"]: (s["delivery"], s["ships_from"]) for s in sku_json(page)["skus"]}
    assert by_sku[black_m] == ("今天16:00前付款，预计12月12日送达", "四川发货")
    assert by_sku[white_m] == ("今天16:00前付款，预计12月13日送达", "上海发货")
    assert _eta(client, tee, f"?sku={white_m}") == "今天16:00前付款，预计12月13日送达"


def test_a_province_chosen_on_the_page_is_remembered(client, shop, at):
    tee = shop["tee"]["slug"]
    assert _selected(client.get(f"/p/{tee}").text) == "31"  # the first warehouse's province
    r = client.get(f"/p/{tee}?province=44")
    assert _selected(r.text) == "44" and r.cookies.get("province") == "44"
    page = client.get(f"/p/{tee}").text
    assert _selected(page) == "44"
    assert text_of(page, "delivery-estimate").endswith("12月10日送达")
    form = tags_with(page, "province-form")[0]
    assert 'method="get"' in form and f'action="/p/{tee}"' in form  # works without JavaScript


def test_a_signed_in_shoppers_default_address_wins_over_the_cookie(client, db, market, at):
    buyer = make_buyer(db)  # default address in 上海市
    page_login(client, buyer["phone"], buyer["password"])
    client.cookies.set("province", "65")
    tee = market["tee"]["slug"]
    page = client.get(f"/p/{tee}").text
    assert _selected(page) == "31"
    assert text_of(page, "delivery-estimate").endswith("明天(12月8日)送达")
    assert _selected(client.get(f"/p/{tee}?province=44").text) == "44"  # a choice made now


@pytest.mark.parametrize(
    ("cookie", "query"),
    [("99", ""), ("abc", "?province=<script>"), ("44x", "?province=99"), ("", "?province=")],
)
def test_bad_province_values_are_ignored(client, shop, at, cookie, query):
    if cookie:
        client.cookies.set("province", cookie)
    r = client.get(f"/p/{shop['tee']['slug']}{query}")
    assert r.status_code == 200
    assert _selected(r.text) == "31"
    assert "province=" not in r.headers.get("set-cookie", "")  # nothing bad is remembered


def test_no_delivery_row_when_out_of_stock_or_nowhere_to_estimate(client, db, shop, at):
    tee = shop["tee"]
    with db.transaction() as tx:
        for sku in tee["skus"]:
            stock.set_on_hand(tx, sku, shop["warehouse"], 0, "count", "test")
    assert 'data-testid="delivery"' not in client.get(f"/p/{tee['slug']}").text
    polo = shop["polo"]["slug"]
    with db.transaction() as tx:  # a warehouse nobody told us the province of
        stock.update_warehouse(tx, shop["warehouse"], "上海仓", "Shanghai", "", "", True, "")
    client.app.state.catalog_home_province_seen = None  # the 30 s memory, for the test
    assert 'data-testid="delivery"' not in client.get(f"/p/{polo}").text
    page = client.get(f"/p/{polo}?province=44").text  # chosen, but where are the goods?
    assert text_of(page, "delivery-estimate") == "暂无该地区的预计送达时间"


def test_a_signed_in_shopper_costs_one_statement_more(client, db, market, at):
    tee = market["tee"]["slug"]
    client.get(f"/p/{tee}")
    with count_queries(db) as guest:
        client.get(f"/p/{tee}")
    buyer = make_buyer(db)
    page_login(client, buyer["phone"], buyer["password"])
    client.get(f"/p/{tee}")
    with count_queries(db) as signed_in:
        client.get(f"/p/{tee}")
    assert len(signed_in) == len(guest) + 1, (guest, signed_in)
    assert sum("members_address" in s for s in signed_in) == 1
