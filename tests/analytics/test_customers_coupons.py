"""Coupons for a segment from the customers page (POST /admin/analytics/customers/coupons):
the segment's customers each get one, once per segment and range end, through the
request's transaction (audited); marketing.edit and reports.view are both needed.
Data set: test_customers_figures (range 2026-01-01 .. 03-31, by month)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.access import team
from mercato.access.public import SESSION_COOKIE
from mercato.analytics.adapters.lake import Lake
from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from mercato.promotions.adapters.tables import Coupon
from tests.analytics.test_customers_figures import fixed_lake
from tests.promotions.helpers import template

PAGE = "/admin/analytics/customers"
URL = f"{PAGE}/coupons"
FILTER = {"from": "2026-01-01", "to": "2026-03-31", "grain": "month"}


@pytest.fixture
def lake(app: Any) -> Lake:
    return fixed_lake(Lake.of(app.state.settings).root)


def _post(c: Any, **data: Any) -> Any:
    return c.post(URL, data={"csrf": c.csrf, **FILTER, **data}, follow_redirects=False)


def _coupons(db: Database) -> list[tuple[int, str, str]]:
    with db.reading() as tx:
        return [(c.customer_id, c.source, c.source_ref) for c in
                tx.scalars(select(Coupon).order_by(Coupon.customer_id, Coupon.id))]


def test_issue_to_an_rfm_segment_once(admin: Any, db: Database, lake: Lake) -> None:
    t = template(db)
    page = admin.get(f"{PAGE}?from=2026-01-01&to=2026-03-31&grain=month").text
    assert 'data-testid="coupon-form"' in page and f'<option value="{t}">' in page
    assert '<option value="rfm:champions">' in page and "(2)</option>" in page
    r = _post(admin, target="rfm:champions", template_id=t)
    assert r.status_code == 303 and r.headers["location"].startswith(
        f"{PAGE}?from=2026-01-01&to=2026-03-31&grain=month&flash=")
    assert "已发放 2 张优惠券" in unquote(r.headers["location"])
    ref = "analytics:rfm:champions:2026-03-31"
    assert _coupons(db) == [(201, "segment", ref), (203, "segment", ref)]
    again = _post(admin, target="rfm:champions", template_id=t)
    said = unquote(again.headers["location"])
    assert again.status_code == 303 and "已发放 0 张" in said and "2 位顾客未发放" in said
    assert len(_coupons(db)) == 2
    with db.reading() as tx:
        audited = tx.execute(select(AuditEntry.actor, AuditEntry.target)
                             .where(AuditEntry.action == f"POST {URL}")).all()
    assert audited and {actor for actor, _t in audited} == {"admin@example.com"}
    assert any(target.startswith("promotions_coupon") for _a, target in audited)


def test_issue_to_a_life_cycle_state(admin: Any, db: Database, lake: Lake) -> None:
    t = template(db)
    assert _post(admin, target="state:churned", template_id=t).status_code == 303
    assert _post(admin, target="state:active", template_id=t).status_code == 303  # nobody
    ref = "analytics:state:churned:2026-03-31"
    assert _coupons(db) == [(202, "segment", ref), (206, "segment", ref)]


def test_bad_choices(admin: Any, db: Database, lake: Lake) -> None:
    t = template(db)
    assert _post(admin, target="rfm:vip", template_id=t).status_code == 422
    assert _post(admin, target="rfm:champions", template_id="x").status_code == 422
    gone = _post(admin, target="rfm:champions", template_id=999999)
    assert gone.status_code == 303 and "flash=" in gone.headers["location"]
    bad_range = _post(admin, target="rfm:champions", template_id=t,
                      **{"from": "2026-03-31", "to": "2026-01-01"})
    assert bad_range.status_code == 422
    assert admin.post(URL, data={**FILTER, "target": "rfm:champions", "template_id": t},
                      follow_redirects=False).status_code == 403  # no CSRF token
    assert _coupons(db) == []


def _member(app: Any, db: Database, email: str, role: str,
            permissions: list[str] | None = None) -> Any:
    with db.transaction() as tx:
        if permissions is not None:
            team.save_role(tx, None, team.RoleData(role, role, permissions))
        team.add_staff(tx, email, "correct-horse-9", "", role)
    client = TestClient(app)
    r = client.post("/admin/login", data={"email": email, "password": "correct-horse-9"},
                    follow_redirects=False)
    assert r.status_code == 303
    key = app.state.settings.secret_key.encode()  # the CSRF token, as conftest's `admin`
    raw = (client.cookies.get(SESSION_COOKIE) or "").encode()
    client.csrf = hmac.new(key, b"csrf:" + raw, hashlib.sha256).hexdigest()[:32]
    return client


def test_who_may_issue(app: Any, db: Database, lake: Lake) -> None:
    t = template(db)
    finance = _member(app, db, "f@example.com", "finance")  # reports.edit, marketing.view
    assert 'data-testid="coupon-form"' not in finance.get(PAGE).text
    assert _post(finance, target="rfm:champions", template_id=t).status_code == 403
    marketer = _member(app, db, "m@example.com", "marketer", ["marketing.edit"])  # no reports
    assert _post(marketer, target="rfm:champions", template_id=t).status_code == 403
    assert _coupons(db) == []
    operations = _member(app, db, "o@example.com", "operations")  # reports.view, marketing.edit
    assert _post(operations, target="rfm:champions", template_id=t).status_code == 303
    assert [c[0] for c in _coupons(db)] == [201, 203]
