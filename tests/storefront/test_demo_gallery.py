"""The demo draws three pictures per product (front, close-up, in use), none with text, and the
loader gives every product all three, the front first."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlalchemy import select

import mercato.demo.loader as loader
from mercato.catalog.adapters.tables import Product, ProductImage
from mercato.demo.catalogue import build_catalogue
from mercato.demo.images import product_svg, product_views
from mercato.demo.shapes import GARMENTS, SHAPES


def test_three_different_pictures_without_text() -> None:
    for kind in ("tee", "bottle", "pot", "puffer-hood"):
        views = product_views(11, "t-shirts", kind)
        assert len(set(views)) == 3
        assert views[0] == product_svg(11, "t-shirts", kind)
        for svg in views:
            assert svg.startswith("<svg") and "<text" not in svg
            assert all(part in svg for part in SHAPES[kind])  # the product is in every one
    assert "M40 96H560" in product_views(3, "t-shirts", "tee")[2]  # garments hang on a rail
    assert "M40 96H560" not in product_views(3, "t-shirts", "bottle")[2]
    assert "tee" in GARMENTS


def _few() -> Any:
    cat = build_catalogue()
    return dataclasses.replace(cat, products=cat.products[:6], articles=(), scenario_pages=(),
                               banners=())


def test_loader_gives_each_product_three_pictures(db: Any, tmp_path: Path,
                                                  monkeypatch: Any) -> None:
    monkeypatch.setattr(loader, "build_catalogue", _few)
    assert loader.load_demo(db, tmp_path, staff=False)
    with db.reading() as tx:
        rows = tx.execute(
            select(Product.slug, Product.image, ProductImage.url)
            .join(ProductImage, ProductImage.product_id == Product.id)
            .order_by(Product.id, ProductImage.position)).all()
    by_slug: dict[str, list[str]] = {}
    for slug, image, url in rows:
        by_slug.setdefault(slug, []).append(url)
        assert image == f"/media/demo/p-{slug}.svg"
    assert len(by_slug) == 6
    for slug, urls in by_slug.items():
        assert urls == [f"/media/demo/p-{slug}.svg", f"/media/demo/p-{slug}-detail.svg",
                        f"/media/demo/p-{slug}-use.svg"]
        for url in urls:
            assert (tmp_path / url.removeprefix("/media/")).is_file()
