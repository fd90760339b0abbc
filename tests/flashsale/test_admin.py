"""The marketing centre's flash sales: staff create an event with items by SKU code (prices in
yuan, times in shop time), see it by phase, publish, end and call off; every write audited;
bad input refused field by field with nothing written; who may do what."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from mercato.flashsale import public as flashsale
from mercato.flashsale.adapters.tables import Event, Item
from mercato.platform import clock
from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools
from tests.flashsale.helpers import redis_left
from tests.logistics.test_admin import _member

BASE = "/admin/flash-sales"


def _local(hours: float) -> str:
    at = clock.utcnow() + timedelta(hours=hours)
    return clock.local(at).strftime("%Y-%m-%dT%H:%M")


def _form(**given: str) -> dict[str, str]:
    return {"name": "双十一零点秒杀", "starts_at": _local(-1), "ends_at": _local(2),
            "per_customer_limit": "2", "admit_per_second": "500",
            "item_sku_0": "TEE-WH-M", "item_price_0": "9.90", "item_qty_0": "100",
            "item_sku_1": " MUG-350 ", "item_price_1": "19", "item_qty_1": "30",
            "item_sku_2": "", "item_price_2": "", "item_qty_2": "", **given}


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _counts(db: Database) -> tuple[int, int]:
    with db.reading() as tx:
        return (int(tx.scalar(select(func.count()).select_from(Event)) or 0),
                int(tx.scalar(select(func.count()).select_from(Item)) or 0))


def _audited(db: Database, event_id: int) -> list[tuple[str, str, str]]:
    with db.reading() as tx:
        rows = tx.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.changes)
                          .where(AuditEntry.target.in_([f"flashsale_event#{event_id}",
                                                        f"flashsale_event#{event_id} (new)"]))
                          .order_by(AuditEntry.id))
        return [(str(a), str(b), str(c)) for a, b, c in rows]


def test_create_list_show_publish_end_audited(admin: Any, db: Database,
                                              shop: dict[str, Any]) -> None:
    r = _post(admin, BASE, **_form())
    assert r.status_code == 303, _text(r.text)[-800:]
    event_id = int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    tee, mug = shop["tee"]["skus"][0], shop["cup"]["skus"][0]
    with db.reading() as tx:
        e = flashsale.get_event(tx, event_id)
    assert (e.name, e.status, e.per_customer_limit, e.admit_per_second) == (
        "双十一零点秒杀", "draft", 2, 500)
    assert sorted((i.sku_id, i.price_fen, i.quantity) for i in e.items) == sorted(
        [(tee, 990, 100), (mug, 1900, 30)])  # yuan → fen exactly
    assert clock.local(e.starts_at).strftime("%Y-%m-%dT%H:%M") == _local(-1)  # shop time
    created = _audited(db, event_id)
    assert [(a, b) for a, b, _c in created] == [("admin@example.com", f"POST {BASE}")]

    listed = admin.get(f"{BASE}?tab=draft")
    assert listed.status_code == 200 and f'data-event="{event_id}"' in listed.text
    assert 'data-count="draft">1<' in listed.text and 'data-count="running">0<' in listed.text
    assert "0 / 130" in _text(listed.text) and "双十一零点秒杀" in listed.text
    page = admin.get(f"{BASE}/{event_id}")
    shown = _text(page.text)
    assert page.status_code == 200 and 'data-status="draft"' in page.text
    assert "纯棉圆领T恤" in shown and "陶瓷马克杯" in shown  # product names
    assert "¥99.00" in shown and "¥9.90" in shown and "¥39.00" in shown  # list and flash
    assert 'data-testid="publish"' in page.text and 'data-testid="end"' not in page.text

    r = _post(admin, f"{BASE}/{event_id}/publish")
    assert r.status_code == 303 and "flash=" in r.headers["location"]
    page = admin.get(r.headers["location"])
    assert 'data-status="running"' in page.text and 'data-testid="end"' in page.text
    assert f'data-event="{event_id}"' in admin.get(f"{BASE}?tab=running").text

    seat = flashsale.take_seat(db, event_id, tee, 7, 2)  # a buyer takes two units
    with db.transaction() as tx:
        flashsale.confirm_seat(tx, seat.seat_id, "FS-TEST-1")
    page = admin.get(f"{BASE}/{event_id}")
    assert 'data-testid="orders">1<' in page.text and "2 / 130" in _text(page.text)
    assert 'aria-valuenow="2"' in page.text

    assert _post(admin, f"{BASE}/{event_id}/end").status_code == 303
    assert 'data-status="ended"' in admin.get(f"{BASE}/{event_id}").text
    r = _post(admin, f"{BASE}/{event_id}/publish")  # not from here: said, nothing changed
    assert r.status_code == 303
    assert 'data-count="ended">1<' in admin.get(BASE).text
    moves = [c for _a, _b, c in _audited(db, event_id)[1:]]
    assert len(moves) == 2 and '"scheduled"' in moves[0] and '"ended"' in moves[1]
    assert all(a == "admin@example.com" for a, _b, _c in _audited(db, event_id))


def test_cancel_a_draft_is_audited(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    r = _post(admin, BASE, **_form(starts_at=_local(24), ends_at=_local(26)))
    event_id = int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    r = _post(admin, f"{BASE}/{event_id}/cancel")
    assert r.status_code == 303
    assert 'data-status="cancelled"' in admin.get(f"{BASE}/{event_id}").text
    assert 'data-count="cancelled">1<' in admin.get(f"{BASE}?tab=cancelled").text
    actions = [b for _a, b, _c in _audited(db, event_id)]
    assert actions == [f"POST {BASE}", f"POST {BASE}/{event_id}/cancel"]


def test_publishing_loads_redis_after_the_commit(admin: Any, db: Database,
                                                 shop: dict[str, Any],
                                                 redis_path: SeatPools) -> None:
    """redis_path comes after the app is made (its start-up picks the database path)."""
    r = _post(admin, BASE, **_form())
    event_id = int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert redis_left(redis_path, event_id, shop["tee"]["skus"][0]) is None
    assert _post(admin, f"{BASE}/{event_id}/publish").status_code == 303
    assert redis_left(redis_path, event_id, shop["tee"]["skus"][0]) == 100
    assert redis_left(redis_path, event_id, shop["cup"]["skus"][0]) == 30


def test_bad_input_is_refused_by_field_and_nothing_written(admin: Any, db: Database,
                                                           shop: dict[str, Any]) -> None:
    cases = [
        ({"starts_at": _local(5), "ends_at": _local(1)}, "ends_at"),
        ({"item_price_0": "0"}, "item_price_0"),
        ({"item_price_0": "9.999"}, "item_price_0"),
        ({"item_price_0": ""}, "item_price_0"),
        ({"item_sku_1": "NO-SUCH-SKU"}, "item_sku_1"),
        ({"item_sku_1": "TEE-WH-M"}, "item_sku_1"),  # the same SKU twice
        ({"item_qty_0": "0"}, "item_qty_0"),
        ({"item_qty_0": "ten"}, "item_qty_0"),
        ({"item_sku_0": "", "item_price_0": "", "item_qty_0": "",
          "item_sku_1": "", "item_price_1": "", "item_qty_1": ""}, "items"),
        ({"name": ""}, "name"),
        ({"per_customer_limit": "0"}, "per_customer_limit"),
        ({"admit_per_second": "-1"}, "admit_per_second"),
        ({"starts_at": "yesterday"}, "starts_at"),
    ]
    for given, field in cases:
        r = _post(admin, BASE, **_form(**given))
        assert r.status_code == 422, (given, r.status_code)
        assert f'data-field="{field}"' in r.text, (given, _text(r.text)[-600:])
        assert 'data-testid="form-errors"' in r.text
    r = _post(admin, BASE, **_form(item_sku_1="NO-SUCH-SKU", item_qty_0="0"))
    assert "No SKU has this code" in r.text or "没有这个编码的 SKU" in r.text
    assert 'value="双十一零点秒杀"' in r.text and 'value="NO-SUCH-SKU"' in r.text  # as typed
    assert _counts(db) == (0, 0)
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.target.like("flashsale_%"))) == 0


def test_who_may_do_what(admin: Any, db: Database, shop: dict[str, Any]) -> None:
    r = _post(admin, BASE, **_form())
    event_id = int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")  # no marketing at all
    for url in (BASE, f"{BASE}/new", f"{BASE}/{event_id}"):
        assert clerk.get(url).status_code == 403, url
    assert _post(clerk, BASE, **_form()).status_code == 403
    assert _post(clerk, f"{BASE}/{event_id}/publish").status_code == 403
    service = _member(admin.app, db, "cs@example.com", "service")  # marketing.view only
    page = service.get(f"{BASE}/{event_id}")
    assert page.status_code == 200 and 'data-testid="publish"' not in page.text
    assert 'data-testid="new-flash-sale"' not in service.get(BASE).text
    assert _post(service, f"{BASE}/{event_id}/publish").status_code == 403
    assert _post(service, BASE, **_form()).status_code == 403
    assert _counts(db) == (1, 2)
    with db.reading() as tx:
        assert flashsale.get_event(tx, event_id).status == "draft"


def test_the_form_and_nav_read_chinese(admin: Any, shop: dict[str, Any]) -> None:
    page = admin.get(f"{BASE}/new?lang=zh_CN")
    assert page.status_code == 200 and "秒杀" in page.text
    assert 'href="/admin/flash-sales"' in admin.get("/admin/promotions").text
    assert admin.get(f"{BASE}/999").status_code == 404
