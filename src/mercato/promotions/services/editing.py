"""Staff's writes: promotions, coupon templates and gift bundles, checked whole before
anything is written. Through the ORM, so each change lands in the audit log."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError, NotFound
from mercato.platform.clock import utcnow
from mercato.promotions import domain
from mercato.promotions.adapters.rows import ids_text, scope_text, tiers_text
from mercato.promotions.adapters.tables import Bundle, Coupon, CouponTemplate, Promotion


class Invalid(DomainError):
    """Some fields are wrong: `problems` names each (field → message msgid)."""

    def __init__(self, problems: domain.Problems) -> None:
        field, message = next(iter(problems.items()))
        super().__init__("promotions.invalid", message, field)
        self.problems = problems


def get_promotion(tx: Session, promotion_id: int) -> Promotion:
    found = tx.get(Promotion, promotion_id)
    if found is None:
        raise NotFound("promotions.not_found", "No such promotion", "id")
    return found


def save_promotion(tx: Session, promotion_id: int | None, d: domain.PromotionData,
                   staff: str) -> Promotion:
    problems = domain.check_promotion(d)
    if problems:
        raise Invalid(problems)
    now = utcnow()
    if promotion_id is None:
        p = Promotion(created_by=staff[:254], created_at=now)
        tx.add(p)
    else:
        p = get_promotion(tx, promotion_id)
    p.name, p.kind, p.enabled, p.priority = d.name.strip(), d.kind, d.enabled, d.priority
    p.stacking, p.percent_off_bp, p.buy, p.pay = d.stacking, d.percent_off_bp, d.buy, d.pay
    p.nth, p.tiers, p.over_fen = d.nth, tiers_text(d.tiers), d.over_fen
    p.scope, p.starts_at, p.ends_at = scope_text(d.scope), d.starts_at, d.ends_at
    p.updated_at = now
    tx.flush()
    return p


def set_enabled(tx: Session, promotion_id: int, enabled: bool) -> Promotion:
    p = get_promotion(tx, promotion_id)
    p.enabled, p.updated_at = enabled, utcnow()
    return p


def get_template(tx: Session, template_id: int) -> CouponTemplate:
    found = tx.get(CouponTemplate, template_id)
    if found is None:
        raise NotFound("promotions.template_not_found", "No such coupon", "template_id")
    return found


def _code_taken(tx: Session, code: str | None, template_id: int | None) -> bool:
    if code is None:
        return False
    q = select(CouponTemplate.id).where(CouponTemplate.code == code)
    found = tx.scalar(q)
    return found is not None and found != template_id


def save_template(tx: Session, template_id: int | None, d: domain.TemplateData,
                  staff: str) -> CouponTemplate:
    problems = domain.check_template(d)
    if not problems and _code_taken(tx, d.code, template_id):
        problems["code"] = domain.N_("Another coupon has this code")
    if problems:
        raise Invalid(problems)
    now = utcnow()
    if template_id is None:
        t = CouponTemplate(created_by=staff[:254], created_at=now, issued_count=0,
                           used_count=0)
        tx.add(t)
    else:
        t = get_template(tx, template_id)
    t.name, t.kind, t.off_fen, t.percent_off_bp = d.name.strip(), d.kind, d.off_fen, \
        d.percent_off_bp
    t.cap_fen, t.min_spend_fen, t.scope = d.cap_fen, d.min_spend_fen, scope_text(d.scope)
    t.with_promotions, t.valid_days = d.with_promotions, d.valid_days
    t.starts_at, t.ends_at = (None, None) if d.valid_days else (d.starts_at, d.ends_at)
    t.total_limit, t.per_customer_limit = d.total_limit, d.per_customer_limit
    t.code, t.enabled, t.updated_at = d.code, d.enabled, now
    if t.total_limit and t.issued_count > t.total_limit:
        raise Invalid({"total_limit": domain.N_("More coupons were issued than this limit")})
    tx.flush()
    return t


def void_coupon(tx: Session, coupon_id: int, template_id: int) -> Coupon:
    """Withdraw an issued coupon of the template that was not used (it can no longer be
    used)."""
    c = tx.get(Coupon, coupon_id)
    if c is None or c.template_id != template_id:
        raise NotFound("promotions.coupon_not_found", "No such coupon", "coupon_id")
    if c.status != domain.AVAILABLE:
        raise DomainError("promotions.not_voidable", "Only an unused coupon can be withdrawn",
                          "coupon_id")
    c.status = domain.VOID
    return c


def save_bundle(tx: Session, bundle_id: int | None, name: str, trigger: str, tier: str,
                template_ids: tuple[int, ...], enabled: bool) -> Bundle:
    problems = domain.check_bundle(trigger, tier, template_ids)
    if not 1 <= len(name.strip()) <= 60:
        problems["name"] = domain.N_("A name of 1 to 60 characters")
    known = set(tx.scalars(select(CouponTemplate.id)
                           .where(CouponTemplate.id.in_(template_ids)))) if template_ids else set()
    if not problems and known != set(template_ids):
        problems["template_ids"] = domain.N_("Choose one to ten coupons")
    if problems:
        raise Invalid(problems)
    now = utcnow()
    b = tx.get(Bundle, bundle_id) if bundle_id is not None else Bundle(created_at=now)
    if b is None:
        raise NotFound("promotions.bundle_not_found", "No such gift bundle", "id")
    tx.add(b)
    b.name, b.trigger, b.tier = name.strip(), trigger, tier
    b.template_ids, b.enabled, b.updated_at = ids_text(template_ids), enabled, now
    tx.flush()
    return b
