"""Popular searches, offered when a search finds nothing: what the best-selling products are
(the head of their names: 奶瓶, 充电宝, Power Bank), most sold first. One statement; each
offer is checked to find at least the product it came from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product
from mercato.catalog.search_terms import finds, name_head

# Enough best sellers for a handful of distinct offers, few enough to stay a small read.
BEST_SELLERS = 60


def popular_searches(tx: Session, locale: str, limit: int = 8) -> tuple[str, ...]:
    """Up to `limit` searches in the locale's language, by the sales of the products they
    name, then by how many best sellers they name (featured products first while nothing
    has sold yet)."""
    name = Product.name_zh if locale.startswith("zh") else Product.name_en
    rows = tx.execute(
        select(name, Product.sales_count)
        .where(Product.status == "active")
        .order_by(Product.sales_count.desc(), Product.featured.desc(), Product.id)
        .limit(BEST_SELLERS)
    ).all()
    tally: dict[str, list[int]] = {}  # head -> [sales, products]
    shown: dict[str, str] = {}  # one spelling per head, whatever its case
    for text, sales in rows:
        head = name_head(text)
        key = head.lower()
        if head and (key in tally or finds(head, text)):
            shown.setdefault(key, head)
            seen = tally.setdefault(key, [0, 0])
            seen[0] += sales
            seen[1] += 1
    # A stable sort: ties stay in best-seller order.
    ranked = sorted(tally, key=lambda k: (-tally[k][0], -tally[k][1]))
    return tuple(shown[k] for k in ranked[:limit])
