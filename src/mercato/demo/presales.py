"""A demo presale (预售), written through its context's service: two items after the flash
sale's and group deals' picks, deposits taken for ten days (¥50 counting as ¥80 off), the
balance paid in the two days after, shipped the week after; an unpaid balance keeps the
deposit. Once: a shop that has a presale is left alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from mercato.demo.campaigns import _skus
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.presale import public as presale
from mercato.presale.adapters.tables import Campaign

DEPOSIT_FEN, DEDUCT_FEN = 5000, 8000


def seed(db: Database) -> bool:
    """True when the presale was written now."""
    with db.transaction() as tx:
        if tx.scalar(select(func.count()).select_from(Campaign)):
            return False
        picked = [p for p in _skus(tx, 9)[7:] if p[2] > DEDUCT_FEN + 1000]
        if not picked:
            return False
        now = utcnow().replace(second=0, microsecond=0)
        deposit_ends = now + timedelta(days=10)
        balance_ends = deposit_ends + timedelta(days=2)
        c = presale.create_campaign(tx, presale.CampaignData(
            "新品预售 · 定金50抵80", now - timedelta(hours=1), deposit_ends, deposit_ends,
            balance_ends, (balance_ends + timedelta(days=7)).date(), rule="keep",
            per_customer_limit=2, remind_hours=24,
            items=tuple(presale.ItemData(s, price, DEPOSIT_FEN, DEDUCT_FEN, 200)
                        for s, _p, price in picked)))
        presale.move_campaign(tx, c.id, presale.domain.SCHEDULED)
    return True
