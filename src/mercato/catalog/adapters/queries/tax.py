"""VAT rates as categories set them, inherited down the tree like no-reason returns: a
category without its own rate takes its nearest ancestor's, 13% (the general rate on goods)
when none sets one. The label printed on invoices (*label*name) is the top category's
Chinese name. One query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from mercato.catalog.adapters.tables import Category, Product

DEFAULT_RATE_BP = 1300


def for_products(tx: Session, product_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """Product id → (VAT rate in basis points, tax label). Unknown ids: (13%, "商品")."""
    ids = list({int(i) for i in product_ids})
    if not ids:
        return {}
    own, up = aliased(Category), aliased(Category)
    q = (
        select(Product.id, up.path, up.tax_rate_bp, up.name_zh)
        .join(own, own.id == Product.category_id)
        .join(up, own.path.like(up.path.concat("%")))
        .where(Product.id.in_(ids))
    )
    found: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
    for pid, path, rate, name in tx.execute(q):
        found[int(pid)].append((str(path).count("/"), rate, str(name)))
    out: dict[int, tuple[int, str]] = {}
    for pid in ids:
        chain = sorted(found.get(pid, []))  # the top category first
        label = chain[0][2] if chain else "商品"
        rates = [rate for _depth, rate, _name in chain if rate is not None]
        out[pid] = (rates[-1] if rates else DEFAULT_RATE_BP, label)
    return out
