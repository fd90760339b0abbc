"""Demo banners and scenario pages, written through the content services."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from mercato.content import services as content
from mercato.content.domain import BannerData, ScenarioData
from mercato.demo import images
from mercato.demo.catalogue import Catalogue

Write = Callable[[str, str], str]


def _blocks(slug: str, blocks: tuple[Mapping[str, Any], ...], write: Write) -> list[dict]:
    out: list[dict] = []
    for i, b in enumerate(blocks):
        if b["type"] == "image":
            url = write(
                f"s-{slug}-{i}.svg",
                images.banner_svg(int(b["seed"]), str(b["alt_zh"]), str(b["alt_en"])),
            )
            out.append({"type": "image", "url": url, "alt_zh": b["alt_zh"], "alt_en": b["alt_en"]})
        else:
            out.append(dict(b))
    return out


def load_content(tx: Session, cat: Catalogue, product_ids: Mapping[str, int], write: Write) -> None:
    """Banners first, then the two scenario pages, published."""
    for i, b in enumerate(cat.banners):
        image = write(f"banner-{i}.svg", images.banner_svg(i + 1, b.title_zh, b.subtitle_zh))
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
        hero = write(f"s-{s.slug}-hero.svg", images.banner_svg(100 + n, s.title_zh, s.summary_zh))
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
                blocks=_blocks(s.slug, s.blocks, write),
            ),
        )
        content.publish_scenario(tx, page.id, True)
