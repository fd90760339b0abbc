"""The admin's preview: a sample cart priced by the real pipeline with the promotions running
when this one starts, plus this one as it stands on the form (saved or not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.promotions.services.checkout import active_promotions

MAX_LINES = 20


@dataclass(frozen=True, slots=True)
class Sample:
    """What staff typed: SKUs and units, and who buys."""

    lines: tuple[tuple[int, int], ...]  # (sku id, units)
    tier: str = ""
    channel: str = "web"
    shipping_fen: int = 1000


@dataclass(frozen=True, slots=True)
class Preview:
    at: datetime  # when it was priced: now, or the promotion's start if later
    names: dict[int, str]  # sku id → product name and options
    priced: pricing.Priced | None  # None when no sample SKU exists
    unknown: tuple[int, ...]  # sample SKU ids the catalogue does not have


def _lines(tx: Session, sample: Sample, locale: str) -> tuple[list[pricing.Line],
                                                             dict[int, str], list[int]]:
    units: dict[int, int] = {}
    for sku, qty in sample.lines[:MAX_LINES]:
        units[sku] = units.get(sku, 0) + qty
    snaps = catalog.sku_snapshots(tx, units, locale)
    lines, names = [], {}
    for sku, qty in units.items():
        s = snaps.get(sku)
        if s is None:
            continue
        lines.append(pricing.Line(sku, s.product_id, s.category_id, s.brand, s.price_fen, qty))
        names[sku] = " ".join((s.product_name, *s.option_labels))
    return lines, names, [sku for sku in units if sku not in snaps]


def preview(tx: Session, d: domain.PromotionData, promotion_id: int | None, sample: Sample,
            locale: str, now: datetime) -> Preview:
    at = d.starts_at if d.starts_at is not None and d.starts_at > now else now
    lines, names, unknown = _lines(tx, sample, locale)
    if not lines:
        return Preview(at, names, None, tuple(unknown))
    me = d.to_pricing(promotion_id or 0)  # ids start at 1: 0 is no stored promotion
    others = tuple(p for p in active_promotions(tx, at) if p.id != me.id)
    buyer = pricing.Buyer(customer_id=0, tier=sample.tier, channel=sample.channel)
    request = pricing.Request(lines=tuple(lines), buyer=buyer, now=at,
                              promotions=(*others, me), shipping_fen=sample.shipping_fen)
    return Preview(at, names, pricing.price(request), tuple(unknown))
