"""Small builders for pricing tests: a cart of lines, a buyer, a request at NOW."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mercato.pricing.public import Buyer, Line, Priced, Request, Rules

NOW = datetime(2026, 12, 7, 12, 0)
HOUR = timedelta(hours=1)
GOLD = Buyer(customer_id=7, tier="gold", points=100_000)
GUEST = Buyer(customer_id=None)


def line(sku: int, unit: int, qty: int = 1, *, product: int | None = None,
         category: int | None = 1, brand: str = "acme") -> Line:
    return Line(sku, product if product is not None else sku, category, brand, unit, qty)


def request(*lines: Line, buyer: Buyer = GOLD, **kw: Any) -> Request:
    kw.setdefault("rules", Rules())
    return Request(lines=tuple(lines), buyer=buyer, now=NOW, **kw)


def off(priced: Priced, step: str | None = None, sku: int | None = None,
        source: str | None = None) -> int:
    """What the adjustments matching the filters took off in all."""
    return sum(a.amount_fen for a in priced.adjustments
               if (step is None or a.step == step) and (sku is None or a.sku_id == sku)
               and (source is None or a.source == source))


def paid(priced: Priced) -> dict[int, int]:
    return {p.sku_id: p.paid_fen for p in priced.lines}
