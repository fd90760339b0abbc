"""Demo campaigns, written through their contexts' services: a flash sale running for a week
on a few popular items (100 units each at about half price, 1 per customer), and 3-person
group deals on three more (a day to fill a group; a filled group takes up to 5 people, with
cashback as points on a ladder: ¥5 each at 3, ¥12 each at 5). Once: a shop that has flash
sales or group deals is left alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product, Sku
from mercato.flashsale import public as flashsale
from mercato.flashsale.adapters.tables import Event
from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.adapters.tables import Deal
from mercato.platform.clock import utcnow
from mercato.platform.db import Database

STAFF = "demo"


def _skus(tx: Session, count: int) -> list[tuple[int, int, int]]:
    """(sku id, product id, price fen) of the first SKU of the best-selling active products
    priced ¥30 and up (a flash price of half is still a real price)."""
    first = (select(Sku.product_id, func.min(Sku.id).label("sku")).where(Sku.active.is_(True))
             .group_by(Sku.product_id).subquery())
    rows = tx.execute(
        select(Sku.id, Sku.product_id, Sku.price).join(first, first.c.sku == Sku.id)
        .join(Product, Product.id == Sku.product_id)
        .where(Product.status == "active", Sku.price >= 3000)
        .order_by(Product.sales_count.desc(), Product.id).limit(count)).all()
    return [(int(s), int(p), int(price)) for s, p, price in rows]


def seed(db: Database) -> bool:
    """True when the campaigns were written now."""
    with db.transaction() as tx:
        if tx.scalar(select(func.count()).select_from(Event)) or tx.scalar(
                select(func.count()).select_from(Deal)):
            return False
        picked = _skus(tx, 7)
        if len(picked) < 7:
            return False
        now = utcnow().replace(second=0, microsecond=0)
        event = flashsale.create_event(tx, flashsale.EventData(
            "限时秒杀 · 每人限购1件", now - timedelta(hours=1), now + timedelta(days=7),
            per_customer_limit=1, admit_per_second=200,
            items=tuple(flashsale.ItemData(s, max(price // 200 * 100, 100), 100)
                        for s, _p, price in picked[:4])))
        flashsale.publish_event(tx, event.id)
        for sku, product, price in picked[4:]:
            groupbuy.save_deal(tx, None, groupbuy.DealData(
                sku_id=sku, product_id=product, group_size=3, max_size=5,
                price_fen=max(price * 7 // 1000 * 100, 100), time_limit_minutes=24 * 60,
                starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=30),
                ladder=((3, 500), (5, 1200)), cashback_how="points", enabled=True), STAFF, now)
    flashsale.load_event(db, event.id)
    return True
