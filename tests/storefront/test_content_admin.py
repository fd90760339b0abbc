"""Content admin pages: sign-in and CSRF guards, field errors, create/edit/publish."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.content.adapters.tables import Banner, ScenarioPage


def _count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _scenario_form(csrf: str, **extra: str) -> dict[str, str]:
    return {
        "csrf": csrf,
        "slug": "summer",
        "title_zh": "夏天",
        "title_en": "Summer",
        "blocks.0.type": "text",
        "blocks.0.body_zh": "你好",
        "blocks.0.body_en": "Hello",
        "blocks.0.pos": "20",
        "blocks.1.type": "products",
        "blocks.1.products": "cotton-tee, ceramic-mug",
        "blocks.1.pos": "10",
        "blocks.2.type": "",  # an untouched blank row
        **extra,
    }


def test_admin_requires_sign_in(client):
    r = client.get("/admin/scenarios", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


def test_post_without_csrf_is_403_and_writes_nothing(admin, db, shop):
    form = _scenario_form("")
    form.pop("csrf")
    assert admin.post("/admin/scenarios", data=form).status_code == 403
    assert admin.post("/admin/banners", data={"title_zh": "a", "title_en": "b"}).status_code == 403
    assert _count(db, ScenarioPage) == 0 and _count(db, Banner) == 0


def test_create_edit_publish_scenario(admin, db, shop):
    assert admin.get("/admin/scenarios/new").status_code == 200
    r = admin.post("/admin/scenarios", data=_scenario_form(admin.csrf), follow_redirects=False)
    assert r.status_code == 303, r.text
    page_url = r.headers["location"].split("?")[0]
    with db.reading() as s:
        page = s.scalars(select(ScenarioPage)).one()
        assert [b["type"] for b in page.blocks] == ["products", "text"]  # ordered by position
        page_id = page.id
    edit = admin.get(page_url)
    assert 'value="cotton-tee, ceramic-mug"' in edit.text
    form = _scenario_form(admin.csrf, **{"blocks.0.remove": "1", "title_en": "Summer 2"})
    assert admin.post(page_url, data=form, follow_redirects=False).status_code == 303
    with db.reading() as s:
        page = s.get(ScenarioPage, page_id)
        assert page.title_en == "Summer 2" and [b["type"] for b in page.blocks] == ["products"]
    assert admin.get("/s/summer").status_code == 404
    r = admin.post(
        f"/admin/scenarios/{page_id}/publish", data={"csrf": admin.csrf, "published": "1"}
    )
    assert r.status_code == 200 and 'href="/s/summer"' in r.text
    assert admin.get("/s/summer").status_code == 200


def test_bad_scenario_form_shows_field_errors_and_writes_nothing(admin, db, shop):
    form = _scenario_form(
        admin.csrf, slug="Not ok", title_zh="", **{"blocks.1.products": "cotton-tee, nope"}
    )
    r = admin.post("/admin/scenarios", data=form)
    assert r.status_code == 422
    fields = {"slug", "title_zh", "blocks.1.products"}
    for f in fields:
        assert f'data-field="{f}"' in r.text, f
    assert "nope" in r.text and 'value="Not ok"' in r.text  # what was typed is kept
    assert _count(db, ScenarioPage) == 0


def test_banner_admin_create_edit_delete(admin, db):
    bad = {"csrf": admin.csrf, "title_zh": "", "title_en": "x", "link": "ftp://x", "position": "a"}
    r = admin.post("/admin/banners", data=bad)
    assert r.status_code == 422
    for f in ("title_zh", "link", "position"):
        assert f'data-field="{f}"' in r.text
    assert _count(db, Banner) == 0
    good = {
        "csrf": admin.csrf,
        "title_zh": "上新",
        "title_en": "New",
        "link": "/c/x",
        "active": "1",
    }
    assert admin.post("/admin/banners", data=good, follow_redirects=False).status_code == 303
    with db.reading() as s:
        banner_id = s.scalars(select(Banner.id)).one()
    assert "上新" in admin.get("/admin/banners").text
    assert admin.get(f"/admin/banners/{banner_id}").status_code == 200
    edit = {**good, "title_en": "Newer", "active": ""}
    assert admin.post(f"/admin/banners/{banner_id}", data=edit).status_code == 200
    with db.reading() as s:
        banner = s.get(Banner, banner_id)
        assert banner.title_en == "Newer" and banner.active is False
    admin.post(f"/admin/banners/{banner_id}/delete", data={"csrf": admin.csrf})
    assert _count(db, Banner) == 0
    assert admin.get("/admin/banners/999").status_code == 404
