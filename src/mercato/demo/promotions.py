"""Demo promotions and coupons, written through the promotions services: 满200减20/满400减50
store-wide, a limited-time 8.5折 on the busiest category, 第二件半价 on the busiest brand, free
shipping over ¥99 for gold and diamond members, coupon templates (WELCOME10 among them),
gift bundles, and coupons issued to the demo customers. Once: a shop that has promotions is
left alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Brand, Product
from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.promotions.adapters.tables import Promotion
from mercato.promotions.services import editing, issuing

STAFF = "demo"


def _busiest(tx: Session) -> tuple[int | None, str | None]:
    """The category and the brand (slug) with the most active products."""
    active = Product.status == "active"
    category = tx.scalar(select(Product.category_id).where(active)
                         .group_by(Product.category_id).order_by(func.count().desc()).limit(1))
    brand = tx.scalar(select(Brand.slug).join(Product, Product.brand_id == Brand.id)
                      .where(active).group_by(Brand.slug).order_by(func.count().desc()).limit(1))
    return category, brand


def _promotions(tx: Session) -> None:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    month, week = now + timedelta(days=30), now + timedelta(days=7)
    category, brand = _busiest(tx)
    start = now - timedelta(days=1)
    made = [
        domain.PromotionData("满200减20，满400减50", pricing.SPEND_SAVE, starts_at=start,
                             ends_at=month, tiers=((20000, 2000), (40000, 5000))),
        domain.PromotionData("金卡及以上满99包邮", pricing.FREE_SHIPPING, starts_at=start,
                             scope=pricing.Scope(tiers=frozenset({"gold", "diamond"})),
                             over_fen=9900),
    ]
    if category is not None:
        made.append(domain.PromotionData(
            "限时8.5折", pricing.TIME_DISCOUNT, starts_at=start, ends_at=week, priority=10,
            scope=pricing.Scope(categories=frozenset({int(category)})), percent_off_bp=1500))
    if brand:
        made.append(domain.PromotionData(
            "第二件半价", pricing.NTH_DISCOUNT, starts_at=start, ends_at=month, priority=5,
            scope=pricing.Scope(brands=frozenset({brand})), nth=2, percent_off_bp=5000))
    for d in made:
        editing.save_promotion(tx, None, replace(d, enabled=True), STAFF)


def _templates(tx: Session) -> dict[str, int]:
    amount, percent = pricing.AMOUNT_OFF, pricing.PERCENT_OFF
    specs = {
        "welcome": domain.TemplateData("新人专享 满99减10", amount, off_fen=1000,
                                       min_spend_fen=9900, valid_days=30, total_limit=10_000,
                                       code="WELCOME10"),
        "spend": domain.TemplateData("满100减15", amount, off_fen=1500, min_spend_fen=10000,
                                     valid_days=30, per_customer_limit=3),
        "percent": domain.TemplateData("9折券（最高减50）", percent, percent_off_bp=1000,
                                       cap_fen=5000, valid_days=14, with_promotions=False),
        "birthday": domain.TemplateData("生日礼券 满150减30", amount, off_fen=3000,
                                        min_spend_fen=15000, valid_days=30,
                                        per_customer_limit=0),
        "referral": domain.TemplateData("邀请有礼 满100减20", amount, off_fen=2000,
                                        min_spend_fen=10000, valid_days=30,
                                        per_customer_limit=0),
    }
    return {k: editing.save_template(tx, None, d, STAFF).id for k, d in specs.items()}


def _bundles(tx: Session, t: dict[str, int]) -> None:
    editing.save_bundle(tx, None, "生日礼包", domain.BIRTHDAY, "", (t["birthday"],), True)
    editing.save_bundle(tx, None, "金卡生日礼包", domain.BIRTHDAY, "gold",
                        (t["birthday"], t["percent"]), True)
    editing.save_bundle(tx, None, "邀请人奖励", domain.REFERRER, "", (t["referral"],), True)
    editing.save_bundle(tx, None, "新朋友礼包", domain.INVITEE, "", (t["welcome"],), True)
    editing.save_bundle(tx, None, "升级金卡礼包", domain.TIER_UPGRADE, "gold",
                        (t["percent"],), True)


def seed(db: Database) -> bool:
    """Load the demo promotions once; False when the shop already has promotions."""
    with db.transaction() as tx:
        if tx.scalar(select(func.count()).select_from(Promotion)):
            return False
        _promotions(tx)
        templates = _templates(tx)
        _bundles(tx, templates)
        customers = members.segment(tx, frozenset(), frozenset())
        issuing.issue(tx, templates["spend"], customers, "segment", "demo")
        issuing.issue(tx, templates["percent"], customers[: len(customers) // 2], "segment",
                      "demo")
    return True
