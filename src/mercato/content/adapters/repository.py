"""Write-side loading for content: banners and scenario pages by id, slug checks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.content.adapters.tables import Banner, ScenarioPage
from mercato.kernel.errors import NotFound


def get_banner(tx: Session, banner_id: int) -> Banner:
    banner = tx.get(Banner, banner_id)
    if banner is None:
        raise NotFound("content.banner_not_found", "No such banner", "banner_id")
    return banner


def get_page(tx: Session, page_id: int) -> ScenarioPage:
    page = tx.get(ScenarioPage, page_id)
    if page is None:
        raise NotFound("content.page_not_found", "No such scenario page", "page_id")
    return page


def slug_taken(tx: Session, slug: str, except_id: int | None = None) -> bool:
    q = select(ScenarioPage.id).where(ScenarioPage.slug == slug)
    if except_id is not None:
        q = q.where(ScenarioPage.id != except_id)
    return tx.execute(q.limit(1)).first() is not None
