"""The member centre for staff: the customer list (search, tier and tag filters, pages), one
customer's record with a points adjustment (ledger row + audit log), birthday and group, and
the tiers' thresholds and benefits; who may read and who may write."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from mercato.members.adapters.loyalty_tables import Tier
from mercato.members.adapters.tables import Customer
from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from tests.logistics.test_admin import _member
from tests.members.loyalty_helpers import NOW, balance, bus, buy, customers, days, ledger


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _audit(db: Database) -> list[tuple[str, str, str]]:
    with db.reading() as tx:
        rows = tx.execute(select(AuditEntry.actor, AuditEntry.target, AuditEntry.changes)
                          .order_by(AuditEntry.id)).all()
    return [(str(a), str(t), str(c)) for a, t, c in rows]


def test_the_customer_list_searches_and_filters(admin: Any, db: Database) -> None:
    a, b, c = customers(db, 3, first_phone=13500000000)
    with db.transaction() as tx:
        tx.get(Customer, b).email = "Wang.Fang@Example.com"  # type: ignore[union-attr]
    buy(db, bus(), a, "L1", 80_000, NOW, NOW + days(7))
    page = admin.get("/admin/customers").text
    assert page.count("data-customer=") == 3 and 'data-testid="customer-total"' in page
    assert f'data-customer="{a}" data-tier="silver"' in page
    assert 'href="/admin/customers"' in page  # the nav entry
    found = admin.get("/admin/customers?q=wang.fang").text
    assert found.count("data-customer=") == 1 and f'data-customer="{b}"' in found
    assert admin.get("/admin/customers?q=1350000000").text.count("data-customer=") == 3
    assert admin.get("/admin/customers?q=%25").text.count("data-customer=") == 0  # literal %
    silver = admin.get("/admin/customers?tier=silver").text
    assert silver.count("data-customer=") == 1
    assert admin.get("/admin/customers?tier=none").text.count("data-customer=") == 2
    prospects = admin.get("/admin/customers?tag=prospect").text
    assert prospects.count("data-customer=") == 2 and f'data-customer="{c}"' in prospects
    assert admin.get("/admin/customers?tag=bogus").text.count("data-customer=") == 3
    assert admin.get("/admin/customers?page=0").status_code == 422


def test_the_customer_record_and_a_points_adjustment(admin: Any, db: Database) -> None:
    (cid,) = customers(db, 1)
    buy(db, bus(), cid, "L2", 12_345, NOW, NOW + days(7))
    page = admin.get(f"/admin/customers/{cid}").text
    assert 'data-testid="points-balance">123<' in page and 'data-testid="adjust-form"' in page
    r = _post(admin, f"/admin/customers/{cid}/points", delta="+77", reason="parcel was late")
    assert r.status_code == 303, r.text
    assert balance(db, cid) == 200 and ledger(db, cid)[-1] == ("adjust", 77, 200, 77)
    audit = [x for x in _audit(db) if "members_points_ledger" in x[1]]
    assert audit and audit[-1][0] == "admin@example.com" and "parcel was late" in audit[-1][2]
    after = admin.get(r.headers["location"]).text
    assert "parcel was late" in after and "admin@example.com" in after


def test_bad_adjustments_are_refused_and_change_nothing(admin: Any, db: Database) -> None:
    (cid,) = customers(db, 1)
    buy(db, bus(), cid, "L3", 10_000, NOW, NOW + days(7))
    cases = [("-101", "too many", 422, "points"), ("0", "zero", 422, "points"),
             ("1.5", "half", 422, "points"), ("abc", "x", 422, "points"),
             ("5", "   ", 422, "reason"), ("99999999999999", "huge", 422, "points")]
    for delta, reason, status, field in cases:
        r = _post(admin, f"/admin/customers/{cid}/points", delta=delta, reason=reason)
        assert r.status_code == status, (delta, r.status_code)
        assert f'data-field="{field}"' in r.text, delta
    assert balance(db, cid) == 100
    assert _post(admin, "/admin/customers/999999/points", delta="5",
                 reason="x").status_code == 404
    assert admin.get("/admin/customers/999999").status_code == 404


def test_birthday_and_group_are_set_by_customer_service(admin: Any, db: Database) -> None:
    (cid,) = customers(db, 1)
    r = _post(admin, f"/admin/customers/{cid}/profile", birthday="1990-07-01", group="vip")
    assert r.status_code == 303
    again = _post(admin, f"/admin/customers/{cid}/profile", birthday="1991-07-01", group="vip")
    assert again.status_code == 303  # staff may correct it
    with db.reading() as tx:
        c = tx.get(Customer, cid)
        assert c is not None and (c.birthday.isoformat(), c.group) == ("1991-07-01", "vip")  # type: ignore[union-attr]
    bad = _post(admin, f"/admin/customers/{cid}/profile", birthday="2999-01-01", group="vip")
    assert bad.status_code == 422 and 'data-field="birthday"' in bad.text
    assert _post(admin, f"/admin/customers/{cid}/profile", group="g" * 41).status_code == 422
    assert any("members_customer" in t and "1991-07-01" in ch for _a, t, ch in _audit(db))


def test_tiers_are_edited_together_and_audited(admin: Any, db: Database) -> None:
    page = admin.get("/admin/tiers").text
    assert page.count("<tr data-tier=") == 3 and 'data-testid="tiers-save"' in page
    form = {"silver.name": "Silver", "silver.min_spend": "300", "silver.min_orders": "1",
            "silver.discount": "1", "silver.gift": "on",
            "gold.name": "黄金会员", "gold.min_spend": "2000", "gold.min_orders": "3",
            "gold.discount": "2.5", "gold.gift": "on",
            "diamond.name": "Diamond", "diamond.min_spend": "8000", "diamond.min_orders": "6",
            "diamond.discount": "6", "diamond.priority": "on", "diamond.gift": "on"}
    r = _post(admin, "/admin/tiers", **form)
    assert r.status_code == 303, r.text
    with db.reading() as tx:
        got = {t.code: (t.name, t.min_spend_fen, t.min_orders, t.discount_bp,
                        t.priority_shipping) for t in tx.scalars(select(Tier))}
    assert got == {"silver": ("Silver", 30_000, 1, 100, False),
                   "gold": ("黄金会员", 200_000, 3, 250, False),
                   "diamond": ("Diamond", 800_000, 6, 600, True)}
    renamed = [json.loads(ch).get("name") for _a, t, ch in _audit(db)
               if t.startswith("members_tier#gold")]
    assert ["Gold", "黄金会员"] in renamed
    for field, value, code in (("gold.min_spend", "100", "gold.min_spend"),
                               ("gold.discount", "60", "gold.discount"),
                               ("gold.min_orders", "x", "gold.min_orders"),
                               ("gold.name", " ", "gold.name")):
        bad = _post(admin, "/admin/tiers", **{**form, field: value})
        assert bad.status_code == 422, field
        assert f'data-field="{code}"' in bad.text
        assert f'value="{value}"' in bad.text or value.strip() == ""  # what was typed stays
    with db.reading() as tx:
        assert tx.get(Tier, "gold").min_spend_fen == 200_000  # type: ignore[union-attr]


def test_finance_reads_the_member_centre_but_may_not_write(admin: Any, db: Database) -> None:
    (cid,) = customers(db, 1)
    finance = _member(admin.app, db, "money@example.com", "finance")
    assert finance.get("/admin/customers").status_code == 200
    page = finance.get(f"/admin/customers/{cid}").text
    assert 'data-testid="adjust-form"' not in page
    assert _post(finance, f"/admin/customers/{cid}/points", delta="5",
                 reason="x").status_code == 403
    assert _post(finance, "/admin/tiers", **{"gold.name": "x"}).status_code == 403
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")
    assert clerk.get("/admin/customers").status_code == 403
    service = _member(admin.app, db, "cs@example.com", "service")
    assert _post(service, f"/admin/customers/{cid}/points", delta="5",
                 reason="goodwill").status_code == 303
    assert balance(db, cid) == 5
