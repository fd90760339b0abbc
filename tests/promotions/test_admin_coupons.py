"""The marketing centre's coupons: templates checked and audited, bulk issue to listed
customers or a segment (once per submitted form), issued coupons by status, withdrawing one,
and the gift bundles."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from mercato.promotions.adapters.tables import Bundle, CouponTemplate
from tests.promotions.helpers import counts, coupons_of, customers

TEMPLATE = {"name": "满100减10", "kind": "amount", "off": "10", "min_spend": "100",
            "validity": "days", "valid_days": "30", "total_limit": "0",
            "per_customer_limit": "1", "with_promotions": "1", "enabled": "1"}


def _post(c: Any, url: str, **data: Any) -> Any:
    return c.post(url, data={"csrf": c.csrf, **data}, follow_redirects=False)


def _template_id(r: Any) -> int:
    assert r.status_code == 303, r.text[-600:]
    return int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])


def test_templates_are_checked_and_audited(admin: Any, db: Database) -> None:
    r = _post(admin, "/admin/coupons", **{**TEMPLATE, "off": "100", "code": "bad code!"})
    assert r.status_code == 422
    assert 'data-field="code"' in r.text and 'data-field="min_spend_fen"' in r.text
    t = _template_id(_post(admin, "/admin/coupons", **{**TEMPLATE, "code": "welcome10"}))
    with db.reading() as tx:
        row = tx.get(CouponTemplate, t)
        assert row is not None and (row.code, row.off_fen, row.min_spend_fen) == (
            "WELCOME10", 1000, 10000)
        assert tx.scalar(select(AuditEntry.actor).where(
            AuditEntry.target.like(f"promotions_coupon_template#{t}%"))) == "admin@example.com"
    taken = _post(admin, "/admin/coupons", **{**TEMPLATE, "code": "WELCOME10"})
    assert taken.status_code == 422 and 'data-field="code"' in taken.text
    listed = admin.get("/admin/coupons").text
    assert f'data-template="{t}"' in listed and "WELCOME10" in listed


def test_bulk_issue_to_listed_customers_once_per_form(admin: Any, db: Database) -> None:
    ids = customers(db, 3)
    t = _template_id(_post(admin, "/admin/coupons", **TEMPLATE))
    page = admin.get(f"/admin/coupons/{t}").text
    ref = re.search(r'name="issue_ref" value="(\w+)"', page)
    assert ref is not None
    form = {"target": "list", "customers": f"{ids[0]}, {ids[1]}", "issue_ref": ref.group(1)}
    r = _post(admin, f"/admin/coupons/{t}/issue", **form)
    assert r.status_code == 303 and "2" in r.headers["location"]
    assert _post(admin, f"/admin/coupons/{t}/issue", **form).status_code == 303  # resubmitted
    assert counts(db, t) == (2, 0)
    bad = _post(admin, f"/admin/coupons/{t}/issue", **{**form, "customers": "12, abc"})
    assert bad.status_code == 422 and 'data-testid="issue-error"' in bad.text
    unknown = _post(admin, f"/admin/coupons/{t}/issue", **{**form, "customers": "999999"})
    assert unknown.status_code == 422
    issued = admin.get(f"/admin/coupons/{t}?status=available").text
    assert issued.count('data-status="available"') == 2
    coupon = coupons_of(db, ids[0])[0]
    r = _post(admin, f"/admin/coupons/{t}/void/{coupon.id}")
    assert r.status_code == 303 and coupons_of(db, ids[0])[0].status == "void"
    assert _post(admin, f"/admin/coupons/{t}/void/{coupon.id}").status_code == 422


def test_bulk_issue_to_a_segment(admin: Any, db: Database) -> None:
    ids = customers(db, 4)
    t = _template_id(_post(admin, "/admin/coupons", **TEMPLATE))
    r = _post(admin, f"/admin/coupons/{t}/issue", target="segment", tiers="regular",
              issue_ref="abc123")
    assert r.status_code == 303, r.text[-500:]
    assert counts(db, t) == (4, 0) and all(coupons_of(db, c) for c in ids)
    bad = _post(admin, f"/admin/coupons/{t}/issue", target="segment", tiers="platinum",
                issue_ref="abc124")
    assert bad.status_code == 422


def test_gift_bundles(admin: Any, db: Database) -> None:
    t = _template_id(_post(admin, "/admin/coupons", **TEMPLATE))
    assert admin.get("/admin/coupons/bundles").status_code == 200
    r = _post(admin, "/admin/coupons/bundles", name="生日礼包", trigger="birthday",
              tier="gold", template_ids=str(t), enabled="1")
    assert r.status_code == 303
    empty = _post(admin, "/admin/coupons/bundles", name="空礼包", trigger="birthday",
                  tier="regular")
    assert empty.status_code == 422 and 'data-field="template_ids"' in empty.text
    with db.reading() as tx:
        (b,) = tx.scalars(select(Bundle))
        assert (b.trigger, b.tier, b.template_ids) == ("birthday", "gold", str(t))
        bundle_id = b.id
    r = _post(admin, f"/admin/coupons/bundles/{bundle_id}", name="生日礼包", trigger="birthday",
              tier="regular", template_ids=str(t))
    assert r.status_code == 303
    with db.reading() as tx:
        b2 = tx.get(Bundle, bundle_id)
        assert b2 is not None and (b2.tier, b2.enabled) == ("", False)
