"""Demo banners and scenario pages, written through the content services.

Their pictures carry no text: the storefront sets banner captions, hero titles and image
captions in HTML, in the visitor's language.  The art shows silhouettes of the products the
banner or page leads to, in the colour of their category.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from mercato.content import services as content
from mercato.content.domain import BannerData, ScenarioData
from mercato.demo import images
from mercato.demo.catalogue import Catalogue
from mercato.demo.specs import ScenarioSpec

Write = Callable[[str, str], str]
Art = tuple[str | None, tuple[str, ...]]  # (colour hint: a category slug, silhouette kinds)
Blocks = tuple[Mapping[str, Any], ...]


def _top_of(cat: Catalogue) -> dict[str, str]:
    return {c.slug: c.parent_slug or c.slug for c in cat.categories}


def _scenario_art(cat: Catalogue, page: ScenarioSpec) -> Art:
    """The page's product kinds in order of appearance, coloured by its first product."""
    by_slug = {p.slug: p for p in cat.products}
    blocks: Blocks = page.blocks
    shown = [by_slug[s] for b in blocks for s in b.get("product_slugs", ()) if s in by_slug]
    kinds = tuple(dict.fromkeys(p.image_kind for p in shown))
    return (_top_of(cat)[shown[0].category_slug] if shown else None), kinds


def _link_art(cat: Catalogue, link: str) -> Art:
    """Art for a banner from where it leads: a scenario page or a category."""
    kind, _, slug = link.strip("/").partition("/")
    if kind == "s":
        for page in cat.scenario_pages:
            if page.slug == slug:
                return _scenario_art(cat, page)
    if kind == "c" and slug in _top_of(cat):
        subs = [c.slug for c in cat.categories if c.parent_slug == slug] or [slug]
        return slug, tuple(dict.fromkeys(images.shape_for(s) for s in subs))
    return None, ()


def _blocks(page: ScenarioSpec, art: Art, write: Write) -> list[dict]:
    hue, kinds = art
    out: list[dict] = []
    blocks: Blocks = page.blocks
    for i, b in enumerate(blocks):
        if b["type"] == "image":
            # each picture starts the page's kinds at a different one, so no two look alike
            turn = kinds[i % len(kinds) :] + kinds[: i % len(kinds)] if kinds else ()
            url = write(f"s-{page.slug}-{i}.svg", images.scene_svg(int(b["seed"]), hue, turn))
            out.append({"type": "image", "url": url, "alt_zh": b["alt_zh"], "alt_en": b["alt_en"]})
        else:
            out.append(dict(b))
    return out


def load_content(tx: Session, cat: Catalogue, product_ids: Mapping[str, int], write: Write) -> None:
    """Banners first, then the two scenario pages, published."""
    for i, b in enumerate(cat.banners):
        hue, kinds = _link_art(cat, b.link)
        image = write(f"banner-{i}.svg", images.banner_svg(i + 1, hue, kinds))
        content.save_banner(
            tx,
            None,
            BannerData(
                title_zh=b.title_zh,
                title_en=b.title_en,
                subtitle_zh=b.subtitle_zh,
                subtitle_en=b.subtitle_en,
                image=image,
                link=b.link,
                position=b.position,
            ),
        )
    for n, s in enumerate(cat.scenario_pages):
        art = _scenario_art(cat, s)
        hero = write(f"s-{s.slug}-hero.svg", images.banner_svg(100 + n, *art))
        page = content.save_scenario(
            tx,
            None,
            ScenarioData(
                slug=s.slug,
                title_zh=s.title_zh,
                title_en=s.title_en,
                summary_zh=s.summary_zh,
                summary_en=s.summary_en,
                hero_image=hero,
                blocks=_blocks(s, art, write),
            ),
        )
        content.publish_scenario(tx, page.id, True)
