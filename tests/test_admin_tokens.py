"""Staff API tokens: created once, listed, revoked by their owner only."""

from __future__ import annotations

import re

from mercato.access import services


def test_create_list_and_revoke(admin, db, staff):
    page = admin.post("/admin/tokens", data={"csrf": admin.csrf, "name": "erp"})
    token = re.search(r"<code>(mst_[^<]+)</code>", page.text).group(1)  # type: ignore[union-attr]
    headers = {"Authorization": f"Bearer {token}"}
    assert admin.get("/api/v1/admin/brands", headers=headers).status_code != 401
    listing = admin.get("/admin/tokens").text
    assert "erp" in listing and token not in listing  # the value is shown once only
    with db.reading() as s:
        erp_id = next(t.id for t in services.list_tokens(s, int(staff["id"])) if t.name == "erp")
    r = admin.post(
        f"/admin/tokens/{erp_id}/revoke", data={"csrf": admin.csrf}, follow_redirects=False
    )
    assert r.status_code == 303
    body = {"slug": "x-brand", "name_zh": "甲", "name_en": "X"}
    assert admin.post("/api/v1/admin/brands", json=body, headers=headers).status_code == 401


def test_cannot_revoke_without_csrf_or_someone_elses(admin, db, staff):
    with db.transaction() as tx:
        other = services.create_staff(tx, "other@example.com", "another-pass-1")
        services.issue_token(tx, other.id, "theirs")
    with db.reading() as s:
        theirs = services.list_tokens(s, other.id)[0].id
    assert admin.post(f"/admin/tokens/{theirs}/revoke").status_code == 403
    r = admin.post(f"/admin/tokens/{theirs}/revoke", data={"csrf": admin.csrf})
    assert r.status_code == 404
    assert (
        admin.post(
            "/admin/tokens/99999999999999999999/revoke", data={"csrf": admin.csrf}
        ).status_code
        == 422
    )
    with db.reading() as s:
        assert services.list_tokens(s, other.id)[0].revoked is False
