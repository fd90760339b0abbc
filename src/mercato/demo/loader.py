"""Writes the generated demo catalogue through the real services, so every domain rule holds
for demo data too, then (in demo mode) the last 90 days of orders (history.py). Runs once: a
catalogue that already has data is left alone, and so is a shop with customers or orders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from mercato.access import services as access
from mercato.catalog.adapters import repository as catalog_repo
from mercato.catalog.services import knowledge, products, taxonomy
from mercato.catalog.services.products import ProductData, SkuData
from mercato.demo import images
from mercato.demo import loyalty as demo_loyalty
from mercato.demo.campaigns import seed as seed_campaigns
from mercato.demo.catalogue import Catalogue, ProductSpec, build_catalogue
from mercato.demo.content import load_content
from mercato.demo.history import load_history
from mercato.demo.history_plan import DAYS
from mercato.demo.presales import seed as seed_presales
from mercato.demo.promotions import seed as seed_promotions
from mercato.demo.shipping import load_shipping
from mercato.demo.traffic import load_traffic
from mercato.inventory import bulk
from mercato.inventory import services as stock
from mercato.platform.db import Database
from mercato.platform.settings import Settings

DEMO_STAFF = ("admin@mercato.local", "mercato-demo-2026")
Progress = Callable[[int, int], None]


def _write(media: Path, name: str, svg: str) -> str:
    (media / "demo").mkdir(parents=True, exist_ok=True)
    (media / "demo" / name).write_text(svg, encoding="utf-8")
    return f"/media/demo/{name}"


def _taxonomy(tx: Session, cat: Catalogue, media: Path) -> dict[str, dict[str, int]]:
    for a in cat.axes:
        taxonomy.save_axis(tx, a.code, a.name_zh, a.name_en, a.position)
    for at in cat.attributes:
        taxonomy.save_attribute(tx, at.code, at.name_zh, at.name_en)
    ids: dict[str, dict[str, int]] = {"category": {}, "brand": {}, "warehouse": {}}
    for c in cat.categories:
        parent = ids["category"].get(c.parent_slug) if c.parent_slug else None
        ids["category"][c.slug] = taxonomy.save_category(
            tx, None, c.slug, c.name_zh, c.name_en, parent, c.position, c.returns_days
        ).id
    for b in cat.brands:
        ids["brand"][b.slug] = taxonomy.save_brand(
            tx, None, b.slug, b.name_zh, b.name_en, b.story_zh, b.story_en
        ).id
    for w in cat.warehouses:
        ids["warehouse"][w.code] = stock.create_warehouse(
            tx, w.code, w.name_zh, w.name_en, w.region, province=w.province
        ).id
    return ids


def _sku_and_stock(tx: Session, product_id: int, p: ProductSpec, wh: dict[str, int]) -> None:
    skus = products.add_skus(
        tx,
        product_id,
        [
            SkuData(
                code=s.code,
                price=s.price,
                cost=s.cost,
                barcode=s.barcode,
                weight_g=s.weight_g,
                options=list(s.options),
            )
            for s in p.skus
        ],
    )
    opening = [
        (sku.id, wh[code], qty)
        for sku, spec in zip(skus, p.skus, strict=True)
        for code, qty in spec.stock
    ]
    bulk.open_stock(tx, opening, "demo", "demo")


def _product(tx: Session, p: ProductSpec, ids: dict[str, dict[str, int]], media: Path) -> int:
    views = images.product_views(p.image_seed, p.category_slug, p.image_kind)
    names = (f"p-{p.slug}.svg", f"p-{p.slug}-detail.svg", f"p-{p.slug}-use.svg")
    gallery = [_write(media, name, svg) for name, svg in zip(names, views, strict=True)]
    image = gallery[0]
    product = products.create_product(
        tx,
        ProductData(
            slug=p.slug,
            name_zh=p.name_zh,
            name_en=p.name_en,
            category_id=ids["category"][p.category_slug],
            brand_id=ids["brand"].get(p.brand_slug),
            subtitle_zh=p.subtitle_zh,
            subtitle_en=p.subtitle_en,
            description_zh=p.description_zh,
            description_en=p.description_en,
            featured=p.featured,
            image=image,
            attributes=list(p.attributes),
        ),
    )
    knowledge.set_images(tx, product.id, gallery)
    _sku_and_stock(tx, product.id, p, ids["warehouse"])
    for i, b in enumerate(p.blocks):
        knowledge.add_block(
            tx, product.id, b.kind, b.title_zh, b.title_en, b.body_zh, b.body_en, position=i
        )
    products.set_status(tx, product.id, "active")
    return product.id


def _catalogue(
    db: Database, media: Path, progress: Progress | None, staff: bool, extra: int
) -> int:
    """The catalogue, content, shipping and the demo staff account; returns the progress
    steps it took (0: the catalogue already holds data). `extra` steps follow."""
    with db.transaction() as tx:
        if catalog_repo.version(tx) > 0:
            return 0
        cat = build_catalogue()
        total = len(cat.products) + 2 + extra
        ids = _taxonomy(tx, cat, media)
        product_ids: dict[str, int] = {}
        for n, p in enumerate(cat.products, 1):
            product_ids[p.slug] = _product(tx, p, ids, media)
            if progress and n % 25 == 0:
                progress(n, total)
        for a in cat.articles:
            knowledge.save_article(
                tx,
                None,
                a.slug,
                a.kind,
                a.title_zh,
                a.title_en,
                a.body_zh,
                a.body_en,
                [product_ids[s] for s in a.product_slugs],
            )
        load_content(tx, cat, product_ids, lambda name, svg: _write(media, name, svg))
        load_shipping(tx)
        if staff:
            access.create_staff(tx, DEMO_STAFF[0], DEMO_STAFF[1], "Demo admin", superuser=True)
        if progress:
            progress(total - extra, total)
    return total - extra


def load_demo(
    db: Database,
    media: Path,
    progress: Progress | None = None,
    staff: bool = True,
    history: bool | None = None,
    settings: Settings | None = None,
) -> bool:
    """Load the demo shop; False when it is all there already. With `history` (by default
    in demo mode, i.e. with the demo staff account) the last 90 days of orders follow, once
    (history.py): also into a shop whose demo catalogue was loaded before, if it has no
    customers or orders yet; then those days' visitors in the analytics lake (traffic.py)."""
    history = staff if history is None else history
    days = DAYS if history else 0
    done = _catalogue(db, media, progress, staff, days)
    placed = 0
    if history:
        # Unless given, the shop's own settings beside `media`: its lake and its key.
        settings = settings or Settings(media_dir=media, demo=True, jobs=False)

        def step(day: int, of: int) -> None:
            if progress:
                progress(done + day, done + of)

        placed = load_history(db, settings, progress=step).placed
        demo_loyalty.seed(db, settings)
        if placed:  # the visitors of those 90 days, buyers first (traffic.py)
            load_traffic(db, settings, build_catalogue())
    # After the history: the running promotions and the coupons start now.
    promoted = seed_promotions(db)
    promoted = seed_campaigns(db) or promoted
    promoted = seed_presales(db) or promoted
    if progress:
        progress(done + days, done + days)
    return done > 0 or placed > 0 or promoted
