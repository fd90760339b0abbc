"""No-reason returns as categories set them, inherited down the tree: a category without its
own setting takes its nearest ancestor's (domain.inherited_returns_days). One query each, the
ancestors found by the materialised path ("/1/5/" is an ancestor of "/1/5/12/")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from mercato.catalog import domain
from mercato.catalog.adapters.tables import Category, Product


def _resolve(ids: list[int], rows: Iterable[Any]) -> dict[int, int]:
    """rows of (id, ancestor path, days) → days per id (the default for ids without rows)."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key, path, days in rows:
        found[key].append((path.count("/"), int(days)))
    return {i: domain.inherited_returns_days(found.get(i, ())) for i in ids}


def _settings(own: Any) -> tuple[Any, Any]:
    """(ancestor-or-self alias, join condition) of the categories that set a value."""
    setter = aliased(Category)
    on = own.path.like(setter.path.concat("%")) & setter.returns_days.is_not(None)
    return setter, on


def for_categories(tx: Session, category_ids: Iterable[int]) -> dict[int, int]:
    """No-reason returns days (0 = none) per category id asked; one query."""
    ids = list({int(i) for i in category_ids})
    if not ids:
        return {}
    own = aliased(Category)
    setter, on = _settings(own)
    q = select(own.id, setter.path, setter.returns_days).join(setter, on).where(own.id.in_(ids))
    return _resolve(ids, tx.execute(q))


def for_products(tx: Session, product_ids: Iterable[int]) -> dict[int, int]:
    """No-reason returns days (0 = none) per product id asked, by its category; one query.
    Unknown ids get the default, as a product of a category that sets nothing would."""
    ids = list({int(i) for i in product_ids})
    if not ids:
        return {}
    own = aliased(Category)
    setter, on = _settings(own)
    q = (
        select(Product.id, setter.path, setter.returns_days)
        .join(own, own.id == Product.category_id)
        .join(setter, on)
        .where(Product.id.in_(ids))
    )
    return _resolve(ids, tx.execute(q))
