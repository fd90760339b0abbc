"""A product's gallery: add uploaded pictures or addresses, reorder, choose the main one,
delete. The main picture is the first (lowest position) and is always copied to
Product.image, which the storefront's cards read; the product page reads the gallery in order.
Files are written before (adapters.picture_files.store) and deleted after the transaction
(the caller's job, with the addresses `remove` returns)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog import domain
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.picture_files import StoredPicture
from mercato.catalog.adapters.tables import Product, ProductImage
from mercato.kernel.errors import Conflict, DomainError, NotFound

MAX_PICTURES = 20


def gallery(tx: Session, product_id: int) -> list[ProductImage]:
    q = select(ProductImage).where(ProductImage.product_id == product_id)
    return list(tx.scalars(q.order_by(ProductImage.position, ProductImage.id)))


def _settle(tx: Session, product: Product, rows: Sequence[ProductImage]) -> None:
    """Positions 0..n-1 in the given order; the first is the product's main image."""
    for i, row in enumerate(rows):
        if row.position != i:
            row.position = i
    product.image = rows[0].url if rows else ""
    repo.bump_version(tx)


def _current(tx: Session, product: Product) -> list[ProductImage]:
    """The gallery; a product that only has a main image (imported, or from before
    galleries) gets it as its first gallery row, so adding a picture does not lose it."""
    rows = gallery(tx, product.id)
    if not rows and product.image:
        first = ProductImage(product_id=product.id, url=product.image, position=0)
        tx.add(first)
        rows = [first]
    return rows


def add_uploads(tx: Session, product_id: int, pictures: Sequence[StoredPicture]) -> int:
    """Append uploaded pictures (already stored) after the others; returns how many."""
    product = repo.get_product(tx, product_id)
    rows = _current(tx, product)
    if len(rows) + len(pictures) > MAX_PICTURES:
        raise DomainError(
            "catalog.too_many_pictures", "A product may have at most 20 pictures", "pictures"
        )
    known = {r.original_url for r in rows if r.original_url} | {r.url for r in rows}
    for pic in pictures:
        if pic.original_url in known:
            raise Conflict(
                "catalog.picture_twice", "This picture is already in the gallery", "pictures"
            )
        known.add(pic.original_url)
        row = ProductImage(
            product_id=product_id,
            url=pic.url,
            thumb_url=pic.thumb_url,
            original_url=pic.original_url,
            width=pic.width,
            height=pic.height,
            position=len(rows),
        )
        tx.add(row)
        rows.append(row)
    tx.flush()
    _settle(tx, product, rows)
    return len(pictures)


def add_address(tx: Session, product_id: int, url: str) -> None:
    """Append a picture given by its address (https://… or a /path of this shop)."""
    product = repo.get_product(tx, product_id)
    url = domain.check_url(url, "picture_url")
    if not url:
        raise DomainError("catalog.required", "This field is required", "picture_url")
    rows = _current(tx, product)
    if len(rows) >= MAX_PICTURES:
        raise DomainError(
            "catalog.too_many_pictures", "A product may have at most 20 pictures", "picture_url"
        )
    if any(r.url == url for r in rows):
        raise Conflict(
            "catalog.picture_twice", "This picture is already in the gallery", "picture_url"
        )
    row = ProductImage(product_id=product_id, url=url, position=len(rows))
    tx.add(row)
    rows.append(row)
    tx.flush()
    _settle(tx, product, rows)


def _find(rows: Sequence[ProductImage], image_id: int) -> int:
    for i, row in enumerate(rows):
        if row.id == image_id:
            return i
    raise NotFound("catalog.picture_not_found", "No such picture", "pictures")


def move(tx: Session, product_id: int, image_id: int, step: int) -> None:
    """One place earlier (step -1) or later (+1); at either end nothing moves."""
    product = repo.get_product(tx, product_id)
    rows = gallery(tx, product_id)
    i = _find(rows, image_id)
    j = i + (1 if step > 0 else -1)
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
    _settle(tx, product, rows)


def make_main(tx: Session, product_id: int, image_id: int) -> None:
    product = repo.get_product(tx, product_id)
    rows = gallery(tx, product_id)
    rows.insert(0, rows.pop(_find(rows, image_id)))
    _settle(tx, product, rows)


def reorder(tx: Session, product_id: int, image_ids: Sequence[int]) -> None:
    """The gallery in exactly this order (every picture once; the first is the main one)."""
    product = repo.get_product(tx, product_id)
    rows = gallery(tx, product_id)
    by_id = {r.id: r for r in rows}
    if sorted(image_ids) != sorted(by_id):
        raise DomainError(
            "catalog.picture_order", "The gallery changed meanwhile: reload the page", "pictures"
        )
    _settle(tx, product, [by_id[i] for i in image_ids])


def remove(tx: Session, product_id: int, image_id: int) -> list[str]:
    """Take a picture out of the gallery; returns the addresses of its files that no other
    gallery row uses (to delete once the transaction is committed)."""
    product = repo.get_product(tx, product_id)
    rows = gallery(tx, product_id)
    row = rows.pop(_find(rows, image_id))
    # Only an upload owns files; a picture given by address may point at anything.
    files = [u for u in (row.url, row.thumb_url, row.original_url) if u and row.original_url]
    tx.delete(row)
    tx.flush()
    _settle(tx, product, rows)
    if not files:
        return []
    still = set(tx.scalars(select(ProductImage.url).where(ProductImage.url.in_(files))))
    return [u for u in files if u not in still]


def files_of(tx: Session, product_ids: Sequence[int]) -> list[str]:
    """Every file address of the products' uploaded pictures (before deleting them)."""
    if not product_ids:
        return []
    q = select(ProductImage.url, ProductImage.thumb_url, ProductImage.original_url).where(
        ProductImage.product_id.in_(product_ids), ProductImage.original_url != ""
    )
    return [u for row in tx.execute(q) for u in row if u]


def unused(tx: Session, urls: Sequence[str]) -> list[str]:
    """The addresses no gallery row uses (files written for an upload that was refused)."""
    if not urls:
        return []
    used: set[str] = set()
    for column in (ProductImage.url, ProductImage.thumb_url, ProductImage.original_url):
        used |= set(tx.scalars(select(column).where(column.in_(list(urls)))))
    return [u for u in urls if u not in used]
