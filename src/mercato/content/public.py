"""What other contexts and the storefront may ask of content: home banners and published
scenario pages, localised and frozen. Each call is one SQL query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mercato.content.adapters import queries
from mercato.content.domain import paragraphs, pick


@dataclass(frozen=True, slots=True)
class BannerView:
    id: int
    title: str
    subtitle: str
    image: str
    link: str


@dataclass(frozen=True, slots=True)
class ScenarioLink:
    slug: str
    title: str
    summary: str
    hero_image: str


@dataclass(frozen=True, slots=True)
class ScenarioBlock:
    """type 'text' uses paragraphs; 'image' uses url and alt; 'products' uses title and
    product_ids (turn them into cards with catalog.public.product_cards)."""

    type: str
    paragraphs: tuple[tuple[str, ...], ...] = ()
    url: str = ""
    alt: str = ""
    title: str = ""
    product_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ScenarioView:
    id: int
    slug: str
    title: str
    summary: str
    hero_image: str
    blocks: tuple[ScenarioBlock, ...]

    @property
    def product_ids(self) -> list[int]:
        """Every product id on the page, in order, to load all cards in one query."""
        return [i for b in self.blocks for i in b.product_ids]


def home_banners(tx: Session, locale: str, limit: int = 8) -> list[BannerView]:
    """Active banners by position, in the shopper's language."""
    return [
        BannerView(
            b.id,
            pick(b.title_zh, b.title_en, locale),
            pick(b.subtitle_zh, b.subtitle_en, locale),
            b.image,
            b.link,
        )
        for b in queries.active_banners(tx, limit)
    ]


def scenario_links(tx: Session, locale: str, limit: int = 6) -> list[ScenarioLink]:
    """Published scenario pages, oldest first, for links from the home page."""
    return [
        ScenarioLink(slug, pick(tzh, ten, locale), pick(szh, sen, locale), hero)
        for slug, tzh, ten, szh, sen, hero in queries.published_links(tx, limit)
    ]


def _block(raw: dict[str, object], locale: str) -> ScenarioBlock | None:
    def text(key: str) -> str:
        return pick(str(raw.get(f"{key}_zh") or ""), str(raw.get(f"{key}_en") or ""), locale)

    kind = raw.get("type")
    if kind == "text":
        return ScenarioBlock("text", paragraphs=paragraphs(text("body")))
    if kind == "image":
        return ScenarioBlock("image", url=str(raw.get("url") or ""), alt=text("alt"))
    if kind == "products":
        ids = raw.get("product_ids")
        clean = tuple(i for i in ids if isinstance(i, int)) if isinstance(ids, list) else ()
        return ScenarioBlock("products", title=text("title"), product_ids=clean)
    return None  # a block type this version does not know is skipped, not an error


def scenario(tx: Session, slug: str, locale: str) -> ScenarioView | None:
    """A PUBLISHED scenario page by slug (None when absent or unpublished)."""
    page = queries.page_by_slug(tx, slug, published_only=True)
    if page is None:
        return None
    blocks = [_block(b, locale) for b in page.blocks or [] if isinstance(b, dict)]
    return ScenarioView(
        page.id,
        page.slug,
        pick(page.title_zh, page.title_en, locale),
        pick(page.summary_zh, page.summary_en, locale),
        page.hero_image,
        tuple(b for b in blocks if b is not None),
    )
