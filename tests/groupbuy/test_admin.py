"""The marketing centre's group deals: staff create a deal by SKU code (prices in yuan, times in
shop time, a cashback ladder), see it by status with its groups, change it, switch it on and
off; every write audited; bad input refused field by field with nothing written; a deal with
groups keeps its SKU, price and size; who may do what."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.adapters.tables import Deal
from mercato.platform import clock
from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from tests.logistics.test_admin import _member
from tests.promotions.helpers import customers

BASE = "/admin/group-deals"


def _local(hours: float) -> str:
    at = clock.utcnow() + timedelta(hours=hours)
    return clock.local(at).strftime("%Y-%m-%dT%H:%M")


def _form(**given: str) -> dict[str, str]:
    return {"sku_code": " TEE-WH-M ", "price": "69.90", "group_size": "3",
            "limit_hours": "1", "limit_minutes": "30", "starts_at": _local(-1),
            "ends_at": _local(48), "step_people_0": "2", "step_cashback_0": "3",
            "step_people_1": "3", "step_cashback_1": "8.50", "step_people_2": "",
            "step_cashback_2": "", "cashback_how": "coupon", "enabled": "1", **given}


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _created(admin: Any, **given: str) -> int:
    r = _post(admin, BASE, **_form(**given))
    assert r.status_code == 303, _text(r.text)[-800:]
    return int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])


def _deals(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Deal)) or 0)


def _audited(db: Database, deal_id: int) -> list[tuple[str, str, str]]:
    with db.reading() as tx:
        rows = tx.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.changes)
                          .where(AuditEntry.target.in_([f"groupbuy_deal#{deal_id}",
                                                        f"groupbuy_deal#{deal_id} (new)"]))
                          .order_by(AuditEntry.id))
        return [(str(a), str(b), str(c)) for a, b, c in rows]


def test_create_list_show_audited(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    deal_id = _created(admin)
    with db.reading() as tx:
        d = groupbuy.get_deal(tx, deal_id, clock.utcnow())
    assert (d.sku_id, d.product_id) == (shop["tee"]["skus"][0], shop["tee"]["id"])
    assert (d.price_fen, d.group_size, d.time_limit_minutes) == (6990, 3, 90)  # exact fen
    assert d.ladder == ((2, 300), (3, 850)) and d.cashback_how == "coupon"
    assert d.enabled and d.status == "running"
    assert clock.local(d.starts_at).strftime("%Y-%m-%dT%H:%M") == _local(-1)  # shop time
    assert _audited(db, deal_id)[0][:2] == ("admin@example.com", f"POST {BASE}")

    listed = admin.get(BASE)
    shown = _text(listed.text)
    assert listed.status_code == 200 and f'data-deal="{deal_id}"' in listed.text
    assert 'data-count="running">1<' in listed.text and 'data-count="draft">0<' in listed.text
    assert "纯棉圆领T恤" in shown and "TEE-WH-M" in shown
    assert "¥69.90" in shown and "¥99.00" in shown  # group price and list price
    assert "¥3.00" in shown and "¥8.50" in shown and "1 小时 30 分钟" in shown
    page = admin.get(f"{BASE}/{deal_id}")
    assert page.status_code == 200 and 'data-status="running"' in page.text
    assert 'value="TEE-WH-M"' in page.text and 'value="69.90"' in page.text
    assert 'value="8.50"' in page.text and "还没有人开团" in page.text


def test_edit_and_switch_audited(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    deal_id = _created(admin, enabled="")
    assert 'data-count="draft">1<' in admin.get(f"{BASE}?tab=draft").text
    r = _post(admin, f"{BASE}/{deal_id}", **_form(sku_code="MUG-350", price="25",
                                                 group_size="5", step_people_1="5",
                                                 enabled=""))
    assert r.status_code == 303, _text(r.text)[-800:]
    with db.reading() as tx:
        d = groupbuy.get_deal(tx, deal_id, clock.utcnow())
    assert (d.sku_id, d.price_fen, d.group_size) == (shop["cup"]["skus"][0], 2500, 5)
    assert d.ladder == ((2, 300), (5, 850)) and not d.enabled

    page = admin.get(f"{BASE}/{deal_id}")
    assert 'data-status="draft"' in page.text and 'name="on" value="1"' in page.text
    assert _post(admin, f"{BASE}/{deal_id}/switch", on="1").status_code == 303
    assert 'data-status="running"' in admin.get(f"{BASE}/{deal_id}").text
    assert _post(admin, f"{BASE}/{deal_id}/switch", on="").status_code == 303
    assert 'data-count="draft">1<' in admin.get(BASE).text
    audited = _audited(db, deal_id)
    assert [b for _a, b, _c in audited] == [
        f"POST {BASE}", f"POST {BASE}/{deal_id}", f"POST {BASE}/{deal_id}/switch",
        f"POST {BASE}/{deal_id}/switch"]
    assert '"price_fen": [6990, 2500]' in audited[1][2]
    assert '"enabled": [false, true]' in audited[2][2]


def test_a_deal_with_groups_keeps_sku_price_and_size(admin: Any, db: Database,
                                                     shop: dict[str, Any]) -> None:
    deal_id = _created(admin)
    leader, other = customers(db, 2)
    with db.transaction() as tx:
        seat = groupbuy.open_group(tx, deal_id, leader, clock.utcnow())
    with db.transaction() as tx:
        groupbuy.join_group(tx, seat.code, other, clock.utcnow())
    page = admin.get(f"{BASE}/{deal_id}")
    assert f'data-group="{seat.code}"' in page.text and "2 / 0 / 3" in _text(page.text)
    assert f"#{leader}" in page.text and 'data-testid="groups">1 / 0 / 0<' in page.text
    listed = admin.get(BASE)
    assert 'data-testid="groups">1 / 0 / 0<' in listed.text

    r = _post(admin, f"{BASE}/{deal_id}", **_form(price="59"))
    assert r.status_code == 409 and 'data-testid="in-use"' in r.text
    assert 'data-field="price"' in r.text and 'value="59"' in r.text  # as typed
    with db.reading() as tx:
        assert groupbuy.get_deal(tx, deal_id, clock.utcnow()).price_fen == 6990
    r = _post(admin, f"{BASE}/{deal_id}", **_form(step_cashback_1="9"))  # the ladder may move
    assert r.status_code == 303
    with db.reading() as tx:
        assert groupbuy.get_deal(tx, deal_id, clock.utcnow()).ladder == ((2, 300), (3, 900))
    assert len(_audited(db, deal_id)) == 2


@pytest.mark.parametrize(("given", "field"), [
    ({"group_size": "1"}, "group_size"),
    ({"group_size": "51"}, "group_size"),
    ({"group_size": "three"}, "group_size"),
    ({"price": "0"}, "price"),
    ({"price": "9.999"}, "price"),
    ({"price": ""}, "price"),
    ({"sku_code": "NO-SUCH-SKU"}, "sku_code"),
    ({"sku_code": ""}, "sku_code"),
    ({"step_people_1": "2"}, "ladder"),  # not increasing
    ({"step_cashback_1": "2"}, "ladder"),
    ({"step_cashback_1": "70"}, "ladder"),  # not below the price
    ({"step_people_1": "4"}, "ladder"),  # more than the group
    ({"step_people_1": "6", "max_size": "5"}, "ladder"),  # more than its most
    ({"max_size": "2"}, "max_size"),  # fewer than the group size
    ({"max_size": "51"}, "max_size"),
    ({"max_size": "0"}, "max_size"),
    ({"max_size": "five"}, "max_size"),
    ({"step_people_1": ""}, "step_people_1"),
    ({"step_cashback_0": "abc"}, "step_cashback_0"),
    ({"limit_hours": "0", "limit_minutes": "2"}, "time_limit"),
    ({"limit_hours": "200"}, "time_limit"),
    ({"limit_minutes": "x"}, "time_limit"),
    ({"starts_at": _local(5), "ends_at": _local(1)}, "ends_at"),
    ({"starts_at": "yesterday"}, "starts_at"),
    ({"cashback_how": "cash"}, "cashback_how"),
])
def test_bad_input_is_refused_by_field(admin: Any, db: Database, shop: dict[str, Any],
                                       given: dict[str, str], field: str) -> None:
    r = _post(admin, BASE, **_form(**given))
    assert r.status_code == 422, _text(r.text)[-600:]
    assert f'data-field="{field}"' in r.text, _text(r.text)[-600:]
    assert 'data-testid="form-errors"' in r.text
    assert _deals(db) == 0
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.target.like("groupbuy_%"))) == 0


def test_a_bad_edit_changes_nothing(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    deal_id = _created(admin)
    r = _post(admin, f"{BASE}/{deal_id}", **_form(sku_code="NO-SUCH-SKU", group_size="1"))
    assert r.status_code == 422 and 'data-field="sku_code"' in r.text
    assert 'data-field="group_size"' in r.text and 'value="NO-SUCH-SKU"' in r.text
    assert "No SKU has this code" in r.text or "没有这个编码的 SKU" in r.text
    with db.reading() as tx:
        assert groupbuy.get_deal(tx, deal_id, clock.utcnow()).group_size == 3
    assert len(_audited(db, deal_id)) == 1


def test_who_may_do_what(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    deal_id = _created(admin)
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")  # no marketing at all
    for url in (BASE, f"{BASE}/new", f"{BASE}/{deal_id}"):
        assert clerk.get(url).status_code == 403, url
    assert _post(clerk, BASE, **_form()).status_code == 403
    assert _post(clerk, f"{BASE}/{deal_id}/switch", on="").status_code == 403
    service = _member(admin.app, db, "cs@example.com", "service")  # marketing.view only
    page = service.get(f"{BASE}/{deal_id}")
    assert page.status_code == 200 and 'data-testid="switch"' not in page.text
    assert 'data-testid="save"' not in page.text
    assert 'data-testid="new-group-deal"' not in service.get(BASE).text
    assert _post(service, f"{BASE}/{deal_id}", **_form(price="1")).status_code == 403
    assert _post(service, f"{BASE}/{deal_id}/switch", on="").status_code == 403
    assert _deals(db) == 1
    with db.reading() as tx:
        assert groupbuy.get_deal(tx, deal_id, clock.utcnow()).enabled


def test_chinese_pages_nav_and_not_found(admin: Any, shop: dict[str, Any]) -> None:
    deal_id = _created(admin)
    for url in (f"{BASE}/new", BASE, f"{BASE}/{deal_id}"):
        page = admin.get(f"{url}{'&' if '?' in url else '?'}lang=zh_CN")
        assert page.status_code == 200 and "拼团" in page.text, url
    assert 'href="/admin/group-deals"' in admin.get("/admin/promotions").text
    assert admin.get(f"{BASE}/999").status_code == 404
    assert _post(admin, f"{BASE}/999", **_form()).status_code == 404
    r = admin.post(BASE, data=_form(), follow_redirects=False)  # no CSRF token: refused
    assert r.status_code == 403


def test_a_deal_that_grows_past_its_size(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    """最多人数: a group of 3 that takes up to 5, its ladder up to 5 people; shown in the list
    and on its page; kept once groups have opened."""
    deal_id = _created(admin, max_size="5", step_people_1="5")
    with db.reading() as tx:
        d = groupbuy.get_deal(tx, deal_id, clock.utcnow())
    assert (d.group_size, d.max_size, d.ladder) == (3, 5, ((2, 300), (5, 850)))
    assert 'data-testid="max-size">最多 5 人<' in admin.get(BASE).text
    page = admin.get(f"{BASE}/{deal_id}")
    assert 'name="max_size" value="5"' in page.text and "最多人数" in page.text
    same = _created(admin)  # left empty: the group size
    with db.reading() as tx:
        assert groupbuy.get_deal(tx, same, clock.utcnow()).max_size == 3
    (leader,) = customers(db, 1)
    with db.transaction() as tx:
        groupbuy.open_group(tx, deal_id, leader, clock.utcnow())
    assert "1 / 0 / 3–5" in _text(admin.get(f"{BASE}/{deal_id}").text)
    r = _post(admin, f"{BASE}/{deal_id}", **_form(max_size="6", step_people_1="5"))
    assert r.status_code == 409 and 'data-testid="in-use"' in r.text
    with db.reading() as tx:
        assert groupbuy.get_deal(tx, deal_id, clock.utcnow()).max_size == 5
