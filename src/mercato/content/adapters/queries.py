"""Read side of content: one query per call, rows handed out as ORM rows to this context's
public module and admin pages only (other contexts get frozen views from public.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.content.adapters.tables import Banner, ScenarioPage


def active_banners(tx: Session, limit: int = 8) -> Sequence[Banner]:
    q = select(Banner).where(Banner.active.is_(True)).order_by(Banner.position, Banner.id)
    return tx.scalars(q.limit(limit)).all()


def all_banners(tx: Session) -> Sequence[Banner]:
    return tx.scalars(select(Banner).order_by(Banner.position, Banner.id)).all()


def page_by_slug(tx: Session, slug: str, published_only: bool = True) -> ScenarioPage | None:
    q = select(ScenarioPage).where(ScenarioPage.slug == slug)
    if published_only:
        q = q.where(ScenarioPage.published.is_(True))
    return tx.scalars(q).first()


def published_links(tx: Session, limit: int = 6) -> Sequence[tuple[str, str, str, str, str, str]]:
    """(slug, title_zh, title_en, summary_zh, summary_en, hero_image) of published pages,
    without their (possibly large) blocks."""
    q = (
        select(
            ScenarioPage.slug,
            ScenarioPage.title_zh,
            ScenarioPage.title_en,
            ScenarioPage.summary_zh,
            ScenarioPage.summary_en,
            ScenarioPage.hero_image,
        )
        .where(ScenarioPage.published.is_(True))
        .order_by(ScenarioPage.id)
        .limit(limit)
    )
    return [tuple(r) for r in tx.execute(q)]  # type: ignore[misc]


def all_pages(tx: Session) -> Sequence[ScenarioPage]:
    return tx.scalars(select(ScenarioPage).order_by(ScenarioPage.id)).all()
