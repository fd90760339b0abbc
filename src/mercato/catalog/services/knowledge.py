"""Knowledge-base articles linked to many products, content blocks and product images."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from mercato.catalog import domain
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.tables import (
    Article,
    ArticleProduct,
    ContentBlock,
    Product,
    ProductImage,
)
from mercato.kernel.errors import Conflict, DomainError, NotFound


def get_article(tx: Session, article_id: int) -> Article:
    a = tx.get(Article, article_id)
    if a is None:
        raise NotFound("catalog.article_not_found", "No such article", "article_id")
    return a


def save_article(
    tx: Session,
    article_id: int | None,
    slug: str,
    kind: str,
    title_zh: str,
    title_en: str,
    body_zh: str,
    body_en: str,
    product_ids: Iterable[int] | None = None,
) -> Article:
    slug = domain.check_slug(slug)
    domain.check_choice(kind, domain.ARTICLE_KINDS, "kind")
    domain.check_name(title_zh, "title_zh")
    domain.check_name(title_en, "title_en")
    domain.check_name(body_zh, "body_zh", 20000)
    domain.check_name(body_en, "body_en", 20000)
    if repo.slug_taken(tx, Article, slug, article_id):
        raise Conflict("catalog.slug_taken", "Another article uses this slug", "slug")
    art = get_article(tx, article_id) if article_id else Article()
    art.slug, art.kind = slug, kind
    art.title_zh, art.title_en = title_zh.strip(), title_en.strip()
    art.body_zh, art.body_en = body_zh.strip(), body_en.strip()
    if not article_id:
        tx.add(art)
    tx.flush()
    if product_ids is not None:
        link_products(tx, art.id, product_ids)
    repo.bump_version(tx)
    return art


def link_products(tx: Session, article_id: int, product_ids: Iterable[int]) -> None:
    ids = sorted(set(product_ids))
    if ids:
        found = tx.execute(select(func.count(Product.id)).where(Product.id.in_(ids))).scalar()
        if found != len(ids):
            raise DomainError(
                "catalog.unknown_product", "Some linked products do not exist", "product_ids"
            )
    tx.execute(delete(ArticleProduct).where(ArticleProduct.article_id == article_id))
    if ids:
        tx.execute(
            insert(ArticleProduct), [{"article_id": article_id, "product_id": i} for i in ids]
        )


def delete_article(tx: Session, article_id: int) -> None:
    tx.delete(get_article(tx, article_id))
    repo.bump_version(tx)


def add_block(
    tx: Session,
    product_id: int,
    kind: str,
    title_zh: str,
    title_en: str,
    body_zh: str = "",
    body_en: str = "",
    media_url: str = "",
    poster_url: str = "",
    position: int = 0,
) -> ContentBlock:
    repo.get_product(tx, product_id)
    domain.check_choice(kind, domain.BLOCK_KINDS, "kind")
    block = ContentBlock(
        product_id=product_id,
        kind=kind,
        title_zh=domain.check_name(title_zh, "title_zh"),
        title_en=domain.check_name(title_en, "title_en"),
        body_zh=body_zh.strip(),
        body_en=body_en.strip(),
        media_url=_url(media_url, "media_url"),
        poster_url=_url(poster_url, "poster_url"),
        position=position,
    )
    tx.add(block)
    tx.flush()
    repo.bump_version(tx)
    return block


def delete_block(tx: Session, block_id: int) -> None:
    block = tx.get(ContentBlock, block_id)
    if block is None:
        raise NotFound("catalog.block_not_found", "No such content block", "block_id")
    tx.delete(block)
    repo.bump_version(tx)


_url = domain.check_url
_BY_ADDRESS = {"thumb_url": "", "original_url": "", "width": 0, "height": 0}


def set_images(tx: Session, product_id: int, urls: list[str]) -> None:
    """The gallery as this list of addresses, the first the main one. An uploaded picture
    whose address stays keeps its thumbnail, original and size."""
    product = repo.get_product(tx, product_id)
    clean = [_url(u, "images") for u in urls if u.strip()]
    kept = {
        url: {"thumb_url": thumb, "original_url": original, "width": w, "height": h}
        for url, thumb, original, w, h in tx.execute(
            select(
                ProductImage.url,
                ProductImage.thumb_url,
                ProductImage.original_url,
                ProductImage.width,
                ProductImage.height,
            ).where(ProductImage.product_id == product_id)
        )
    }
    tx.execute(delete(ProductImage).where(ProductImage.product_id == product_id))
    if clean:
        rows = [
            {"product_id": product_id, "url": u, "position": i, **kept.get(u, _BY_ADDRESS)}
            for i, u in enumerate(clean)
        ]
        tx.execute(insert(ProductImage), rows)
    product.image = clean[0] if clean else ""
    repo.bump_version(tx)
