"""Bulk work on chosen products: status changes and deletes product by product (each one that
is allowed is done, the others are reported), and SKU prices set all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog import domain
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.tables import Product, Sku
from mercato.catalog.services import pictures, products
from mercato.kernel.errors import Conflict, DomainError

MAX_CHOSEN = 200


@dataclass
class Outcome:
    done: list[int] = field(default_factory=list)
    refused: list[tuple[int, str, DomainError]] = field(default_factory=list)  # id, name, why
    files: list[str] = field(default_factory=list)  # picture files to delete after commit


def _each(tx: Session, ids: Sequence[int], work: Callable[[int], object]) -> Outcome:
    """`work` for every chosen product in its own savepoint: a refusal undoes that product's
    part only."""
    out = Outcome()
    names = dict(tx.execute(select(Product.id, Product.name_zh).where(Product.id.in_(ids))).all())
    for pid in ids:
        if pid not in names:
            continue  # deleted meanwhile: nothing to do
        savepoint = tx.begin_nested()
        try:
            work(pid)
        except DomainError as exc:
            savepoint.rollback()
            out.refused.append((pid, names[pid], exc))
            continue
        savepoint.commit()
        out.done.append(pid)
    return out


def check_chosen(ids: Sequence[int]) -> list[int]:
    unique = list(dict.fromkeys(ids))
    if not unique:
        raise DomainError("catalog.none_chosen", "Choose at least one product", "ids")
    if len(unique) > MAX_CHOSEN:
        raise DomainError("catalog.too_many_chosen", "Choose at most 200 products", "ids")
    return unique


def set_status(tx: Session, ids: Sequence[int], status: str) -> Outcome:
    """Put on sale (active), take off sale (draft) or archive each chosen product that may be."""
    domain.check_choice(status, domain.STATUSES, "status")
    return _each(tx, check_chosen(ids), lambda pid: products.set_status(tx, pid, status))


def delete(tx: Session, ids: Sequence[int]) -> Outcome:
    """Delete each chosen product that is not on sale and holds no reserved stock."""
    chosen = check_chosen(ids)
    files = pictures.files_of(tx, chosen)
    out = _each(tx, chosen, lambda pid: products.delete_product(tx, pid))
    gone = set(out.done)
    out.files = [f for f in files if _owner(f) in gone]
    return out


def _owner(url: str) -> int | None:
    """The product id in /media/products/<id>/…, None for another address."""
    parts = url.split("/")
    return int(parts[3]) if len(parts) > 4 and parts[3].isdigit() else None


def price_problems(tx: Session, prices: Mapping[int, int]) -> dict[int, str]:
    """SKU id → message for each price that cannot be set (unknown SKU, zero, too large)."""
    known = set(tx.scalars(select(Sku.id).where(Sku.id.in_(list(prices))))) if prices else set()
    out: dict[int, str] = {}
    for sku_id, fen in prices.items():
        if sku_id not in known:
            out[sku_id] = "No such SKU"
            continue
        try:
            domain.check_amount(fen, "price", allow_zero=False)
        except DomainError as exc:
            out[sku_id] = exc.message
    return out


def set_prices(tx: Session, prices: Mapping[int, int]) -> int:
    """Set SKU prices (fen), all or nothing; each product's price range is kept right and the
    catalogue version bumped once. Returns how many prices changed."""
    if price_problems(tx, prices):
        raise Conflict("catalog.prices_refused", "Some prices were refused", "prices")
    if not prices:
        return 0
    skus = list(tx.scalars(select(Sku).where(Sku.id.in_(list(prices)))))
    changed = [s for s in skus if s.price != prices[s.id]]
    for sku in changed:
        sku.price = prices[sku.id]
    tx.flush()
    for pid in sorted({s.product_id for s in changed}):
        repo.refresh_price_range(tx, repo.get_product(tx, pid))
    if changed:
        repo.bump_version(tx)
    return len(changed)
