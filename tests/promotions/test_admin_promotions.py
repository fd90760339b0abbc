"""The marketing centre's promotions: create with every save checked and audited, who may do
what, the status tabs and the scheduling windows, and the preview on a sample cart."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from mercato.platform.audit import AuditEntry
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.promotions import public as promotions
from mercato.promotions.adapters.tables import Promotion
from mercato.promotions.web.form_values import local
from tests.logistics.test_admin import _member
from tests.promotions.helpers import promotion

LADDER = {"name": "满200减20", "kind": "spend_save", "tier_at_0": "200", "tier_off_0": "20",
          "tier_at_1": "400", "tier_off_1": "50", "stacking": "stack", "priority": "0",
          "enabled": "1"}


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _window(hours_from: float = -1, hours_to: float = 48) -> dict[str, str]:
    now = utcnow()
    return {"starts_at": local(now + timedelta(hours=hours_from)),
            "ends_at": local(now + timedelta(hours=hours_to))}


def _count(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Promotion)) or 0)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_create_checks_every_field_and_is_audited(admin: Any, db: Database) -> None:
    bad = {**LADDER, "tier_at_1": "100", "tier_off_1": "150", "priority": "x",
           **_window(5, 1)}
    r = _post(admin, "/admin/promotions", **bad)
    assert r.status_code == 422
    for field in ("tiers", "priority", "ends_at"):
        assert f'data-field="{field}"' in r.text, field
    assert 'value="满200减20"' in r.text and _count(db) == 0  # kept as typed, nothing saved
    r = _post(admin, "/admin/promotions", **LADDER, **_window())
    assert r.status_code == 303, _text(r.text)[-800:]
    pid = int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    with db.reading() as tx:
        p = tx.get(Promotion, pid)
        assert p is not None and p.tiers == "[[20000, 2000], [40000, 5000]]" and p.enabled
        entries = list(tx.scalars(select(AuditEntry)
                                  .where(AuditEntry.target.like(f"promotions_promotion#{pid}%"))))
        assert [e.actor for e in entries] == ["admin@example.com"]
    page = admin.get(f"/admin/promotions/{pid}")
    assert page.status_code == 200 and 'data-status="running"' in page.text
    listed = admin.get("/admin/promotions?tab=running").text
    assert f'data-promotion="{pid}"' in listed and "满¥200.00减¥20.00" in _text(listed)
    r = _post(admin, f"/admin/promotions/{pid}/switch", on="")
    assert r.status_code == 303
    assert 'data-status="draft"' in admin.get(f"/admin/promotions/{pid}").text


def test_every_kind_is_checked_on_the_form(admin: Any, db: Database) -> None:
    cases = [({"kind": "time_discount", "percent_off": "100"}, "percent_off_bp"),
             ({"kind": "time_discount", "percent_off": "abc"}, "percent_off"),
             ({"kind": "x_for_y", "buy": "3", "pay": "3"}, "pay"),
             ({"kind": "nth_discount", "nth": "1", "percent_off": "50"}, "nth"),
             ({"kind": "free_shipping", "over": "-5"}, "over"),
             ({"kind": "spend_save", "products": "12, x"}, "products"),
             ({"kind": "spend_save", "brands": "north_hill!"}, "brands"),
             ({"kind": "spend_save", "starts_at": "yesterday"}, "starts_at")]
    for given, field in cases:
        r = _post(admin, "/admin/promotions", **{**LADDER, **_window(), **given})
        assert r.status_code == 422 and f'data-field="{field}"' in r.text, (given, field)
    assert _count(db) == 0


def test_who_may_see_and_change_promotions(admin: Any, db: Database) -> None:
    service = _member(admin.app, db, "cs@example.com", "service")  # marketing.view
    assert service.get("/admin/promotions").status_code == 200
    assert _post(service, "/admin/promotions", **LADDER, **_window()).status_code == 403
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")  # nothing of it
    assert clerk.get("/admin/promotions").status_code == 403
    assert clerk.get("/admin/coupons").status_code == 403
    ops = _member(admin.app, db, "ops@example.com", "operations")  # marketing.edit
    assert _post(ops, "/admin/promotions", **LADDER, **_window()).status_code == 303
    assert _count(db) == 1


def test_scheduling_windows_and_tabs(admin: Any, db: Database) -> None:
    now = utcnow()
    running = promotion(db, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    later = promotion(db, starts_at=now + timedelta(hours=2), ends_at=now + timedelta(days=1))
    promotion(db, starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1))
    promotion(db, enabled=False)
    open_ended = promotion(db, starts_at=now - timedelta(days=1), ends_at=None)
    with db.reading() as tx:
        assert {p.id for p in promotions.active_promotions(tx, now)} == {running, open_ended}
        at_later = promotions.active_promotions(tx, now + timedelta(hours=3))
        assert {p.id for p in at_later} == {later, open_ended}
    page = admin.get("/admin/promotions").text
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    assert counts == {"running": "2", "scheduled": "1", "ended": "1", "draft": "1"}
    assert f'data-promotion="{later}"' in admin.get("/admin/promotions?tab=scheduled").text


def test_preview_prices_the_form_on_a_sample_cart(admin: Any, db: Database,
                                                  shop: dict[str, Any]) -> None:
    white_m = shop["tee"]["skus"][0]  # ¥99.00
    mug = shop["cup"]["skus"][0]  # ¥39.00
    form = {**LADDER, **_window(), "kind": "time_discount", "name": "限时85折",
            "percent_off": "15", "sample": f"{white_m} x 2\n{mug}", "sample_tier": "regular",
            "sample_channel": "web", "sample_shipping": "10"}
    r = _post(admin, "/admin/promotions/preview", **form)
    assert r.status_code == 200, _text(r.text)[-600:]
    assert 'data-testid="preview-lines"' in r.text
    # 2 × 99 + 39 = 237; 15% off each line rounded down: 29.70 + 5.85
    assert "−¥35.55" in r.text and 'data-source="promotion:0"' in r.text
    assert "¥211.45" in r.text  # 237 − 35.55 + 10 shipping
    assert _count(db) == 0  # a preview saves nothing
    r = _post(admin, "/admin/promotions/preview", **{**form, "sample": "nonsense"})
    assert r.status_code == 200 and 'data-field="sample"' in r.text


def test_a_parent_category_covers_its_children(admin: Any, db: Database,
                                               shop: dict[str, Any]) -> None:
    form = {**LADDER, **_window(), "kind": "time_discount", "percent_off": "10",
            "categories": str(shop["root"]), "brands": "north-hill"}
    r = _post(admin, "/admin/promotions", **form)
    assert r.status_code == 303
    with db.reading() as tx:
        (p,) = promotions.active_promotions(tx, utcnow())
    assert p.scope.categories == {shop["root"], shop["tees"]}
    assert p.scope.brands == {"north-hill"}
    tee, polo = shop["tee"]["skus"][0], shop["polo"]["skus"][0]  # polo: the other brand
    r = _post(admin, "/admin/promotions/preview",
              **{**form, "sample": f"{tee}\n{polo}", "sample_shipping": "0"})
    # The saved one runs beside the form's (id 0 while unsaved): the tee only, both times.
    lines = r.text.split('data-testid="preview-lines"')[1]
    saved = f'data-source="promotion:{p.id}"'
    assert lines.count('data-source="promotion:0"') == lines.count(saved) == 1
    assert "−¥9.90" in lines and "−¥8.91" in lines and "−¥19.90" not in lines
