"""The demo loader writes through the real services, and loading twice changes nothing."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

import mercato.demo.loader as loader
from mercato.catalog.adapters.tables import Article, Product, Sku
from mercato.content.adapters.tables import ScenarioPage
from mercato.demo.catalogue import build_catalogue
from mercato.demo.shapes import GARMENTS, SHAPES


def _small():  # type: ignore[no-untyped-def]
    cat = build_catalogue()
    wanted = {
        s for page in cat.scenario_pages for b in page.blocks for s in b.get("product_slugs", [])
    }
    keep = [p for p in cat.products if p.slug in wanted]
    keep += [p for p in cat.products if p.featured and p.slug not in wanted][:20]
    slugs = {p.slug for p in keep}
    articles = tuple(
        dataclasses.replace(a, product_slugs=tuple(s for s in a.product_slugs if s in slugs))
        for a in cat.articles[:10]
    )
    return dataclasses.replace(cat, products=tuple(keep), articles=articles)


def _pictures_carry_no_text_and_draw_the_right_outline(media):  # type: ignore[no-untyped-def]
    pictures = sorted(media.glob("*.svg"))
    assert any(p.name.startswith("banner-") for p in pictures)
    assert any(p.name.endswith("-hero.svg") for p in pictures)
    for picture in pictures:  # captions, titles and names are the pages' HTML
        assert "<text" not in picture.read_text(encoding="utf-8"), picture.name
    garments = [p for p in _small().products if p.image_kind in GARMENTS]
    assert garments
    for p in garments:
        svg = (media / f"p-{p.slug}.svg").read_text(encoding="utf-8")
        assert all(part in svg for part in SHAPES[p.image_kind]), p.slug


def _counts(db):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return tuple(
            s.execute(select(func.count()).select_from(t)).scalar()
            for t in (Product, Sku, Article, ScenarioPage)
        )


def test_load_twice_is_idempotent(db, tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "build_catalogue", _small)
    steps: list[tuple[int, int]] = []
    assert loader.load_demo(db, tmp_path / "media", lambda d, t: steps.append((d, t)))
    first = _counts(db)
    assert first[0] >= 10 and first[1] > first[0] and first[3] == 2
    assert steps and steps[-1][0] == steps[-1][1]
    assert any((tmp_path / "media" / "demo").glob("p-*.svg"))
    _pictures_carry_no_text_and_draw_the_right_outline(tmp_path / "media" / "demo")
    assert loader.load_demo(db, tmp_path / "media") is False
    assert _counts(db) == first
    with db.reading() as s:
        assert (
            s.execute(
                select(func.count()).select_from(Product).where(Product.status == "active")
            ).scalar()
            == first[0]
        )
