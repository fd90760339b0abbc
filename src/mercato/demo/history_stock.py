"""What the demo's shoppers pick: every SKU on sale, weighted by a long-tailed popularity
(a shuffled ranking of products, featured ones thrice as likely; a product's SKUs unequal),
and a running count of sellable units (inventory's figures at the start, then what the
history's own orders hold and give back), so a planned order only asks for what is there:
popular SKUs sell out, as they do."""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product, Sku
from mercato.inventory import public as inventory

TRIES = 30  # draws for one line before the order does without it


@dataclass
class Shelf:
    rng: random.Random
    skus: list[int]
    cumulative: list[float]
    available: dict[int, int]
    products: int  # on sale

    @classmethod
    def load(cls, tx: Session, rng: random.Random) -> Shelf:
        rows = tx.execute(
            select(Sku.id, Sku.product_id, Product.featured)
            .join(Product, Product.id == Sku.product_id)
            .where(Product.status == "active", Sku.active.is_(True))
            .order_by(Sku.id)
        ).all()
        products = sorted({r.product_id for r in rows})
        rng.shuffle(products)
        rank = {p: i for i, p in enumerate(products)}
        cumulative, total = [], 0.0
        for r in rows:
            total += (
                (3.0 if r.featured else 1.0)
                * rng.uniform(0.25, 1.0)
                / (rank[r.product_id] + 8) ** 1.1
            )
            cumulative.append(total)
        skus = [r.id for r in rows]
        return cls(rng, skus, cumulative, inventory.available(tx, skus), len(products))

    def _draw(self) -> int:
        return self.skus[bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def pick(self, quantities: tuple[int, ...]) -> dict[int, int]:
        """SKU → units for the order's lines, each a different SKU with the units free."""
        out: dict[int, int] = {}
        if not self.skus:
            return out
        for qty in quantities:
            for _ in range(TRIES):
                sku = self._draw()
                if sku not in out and self.available.get(sku, 0) >= qty:
                    out[sku] = qty
                    break
        return out

    def take(self, lines: dict[int, int]) -> None:
        for sku, qty in lines.items():
            self.available[sku] -= qty

    def give_back(self, lines: dict[int, int]) -> None:
        for sku, qty in lines.items():
            self.available[sku] += qty
