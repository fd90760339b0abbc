"""Logging out of the admin ends the session server-side: a copied cookie stops working."""

from __future__ import annotations

from mercato.access.public import SESSION_COOKIE


def test_logout_revokes_copied_cookie(admin):
    copied = admin.cookies.get(SESSION_COOKIE)
    assert admin.get("/admin/orders", follow_redirects=False).status_code == 200
    r = admin.post("/admin/logout", data={"csrf": admin.csrf}, follow_redirects=False)
    assert r.status_code == 303
    admin.cookies.set(SESSION_COOKIE, copied)
    r = admin.get("/admin/orders", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
