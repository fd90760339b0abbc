"""Content use cases: banners and scenario pages. Everything is validated before anything is
written, so a refused form leaves no trace even when the caller commits."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.content import domain
from mercato.content.adapters import repository as repo
from mercato.content.adapters.tables import Banner, ScenarioPage
from mercato.content.domain import BannerData, ScenarioData


def save_banner(tx: Session, banner_id: int | None, data: BannerData) -> Banner:
    """Create (banner_id None) or update a banner; InvalidContent lists every bad field."""
    banner = repo.get_banner(tx, banner_id) if banner_id else Banner()
    clean, check = domain.clean_banner(data)
    check.raise_if_any()
    banner.title_zh, banner.title_en = clean.title_zh, clean.title_en
    banner.subtitle_zh, banner.subtitle_en = clean.subtitle_zh, clean.subtitle_en
    banner.image, banner.link = clean.image, clean.link
    banner.position, banner.active = clean.position, clean.active
    if not banner_id:
        tx.add(banner)
    tx.flush()
    return banner


def delete_banner(tx: Session, banner_id: int) -> None:
    tx.delete(repo.get_banner(tx, banner_id))
    tx.flush()


def save_scenario(tx: Session, page_id: int | None, data: ScenarioData) -> ScenarioPage:
    """Create (page_id None, unpublished) or update a scenario page. Product blocks name
    products by slug; unknown slugs, bad URLs and missing titles are all reported at once."""
    page = repo.get_page(tx, page_id) if page_id else ScenarioPage(published=False)
    ids = catalog.product_ids_for_slugs(tx, domain.product_slugs(data.blocks))
    clean, blocks, check = domain.clean_scenario(data, ids)
    if "slug" not in check.errors and repo.slug_taken(tx, clean.slug, page_id):
        check.errors["slug"] = "Another page uses this slug"
    check.raise_if_any()
    page.slug = clean.slug
    page.title_zh, page.title_en = clean.title_zh, clean.title_en
    page.summary_zh, page.summary_en = clean.summary_zh, clean.summary_en
    page.hero_image = clean.hero_image
    page.blocks = blocks
    if not page_id:
        tx.add(page)
    tx.flush()
    return page


def publish_scenario(tx: Session, page_id: int, published: bool) -> ScenarioPage:
    page = repo.get_page(tx, page_id)
    page.published = bool(published)
    tx.flush()
    return page


def delete_scenario(tx: Session, page_id: int) -> None:
    tx.delete(repo.get_page(tx, page_id))
    tx.flush()
