"""Giving coupons out: in bulk (staff, segments, gifts) and by a public code a customer enters.

Limits hold under concurrency: the template's row is locked first, so two issues of one
template take turns and each reads the counts the other left; issued_count moves by a
conditional UPDATE that never passes total_limit (and a CHECK constraint backs it); the
unique (template, customer, source, source_ref) makes each occasion issue once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.platform.clock import utcnow
from mercato.promotions import domain
from mercato.promotions.adapters import repository
from mercato.promotions.adapters.tables import CouponTemplate
from mercato.promotions.services.views import CouponView, view_of


def window(t: CouponTemplate, now: datetime) -> tuple[datetime, datetime] | None:
    """The validity of a coupon issued now; None when the template's window has ended."""
    if t.valid_days > 0:
        return now, now + timedelta(days=t.valid_days)
    if t.ends_at is None or t.ends_at <= now:
        return None
    return (t.starts_at or now), t.ends_at


def _usable(t: CouponTemplate | None, now: datetime) -> tuple[CouponTemplate,
                                                              tuple[datetime, datetime]]:
    if t is None:
        raise NotFound("promotions.template_not_found", "No such coupon", "template_id")
    if not t.enabled:
        raise Conflict("promotions.template_disabled", "This coupon is switched off",
                       "template_id")
    span = window(t, now)
    if span is None:
        raise Conflict("promotions.template_ended", "This coupon's validity has ended",
                       "template_id")
    return t, span


def _source(source: str, ref: str) -> None:
    if source not in domain.SOURCES:
        raise DomainError("promotions.invalid_source", "Unknown source", "source")
    if len(ref) > 64:
        raise DomainError("promotions.invalid_ref", "At most 64 characters", "source_ref")


def issue(tx: Session, template_id: int, customer_ids: Iterable[int], source: str,
          source_ref: str) -> int:
    """Issue one coupon of the template to each customer; returns how many were issued.
    Skipped: customers who already got one for this (source, source_ref), those at the
    template's per-customer limit (staff and code sources only), and everyone past its
    total limit (in ascending customer id order)."""
    _source(source, source_ref)
    now = utcnow()
    t, span = _usable(repository.lock_template(tx, template_id), now)
    ids = sorted({int(c) for c in customer_ids if int(c) > 0})
    held = repository.holdings(tx, t.id, ids, source, source_ref)
    limit = t.per_customer_limit if source in domain.LIMITED_SOURCES else 0
    chosen = [c for c in ids if not held.get(c, (0, False))[1]
              and not (limit and held.get(c, (0, False))[0] >= limit)]
    if t.total_limit:
        chosen = chosen[:max(0, t.total_limit - t.issued_count)]
    if not chosen or not repository.count_issued(tx, t.id, len(chosen)):
        return 0
    repository.add_coupons(tx, [repository.coupon_row(t.id, c, span, source, source_ref, now)
                                for c in chosen])
    return len(chosen)


def claim_code(tx: Session, customer_id: int, code: str) -> CouponView:
    """A customer enters a public code (WELCOME10): a coupon of that template for them."""
    now = utcnow()
    code = (code or "").strip().upper()
    t = repository.template_by_code(tx, code) if domain.CODE_RE.match(code) else None
    if t is None or not t.enabled:
        raise NotFound("promotions.code_unknown", "No such coupon code", "code")
    span = window(t, now)
    if span is None:
        raise Conflict("promotions.code_expired", "This coupon code has expired", "code")
    held = repository.holdings(tx, t.id, [customer_id], "code", "")
    n = held.get(customer_id, (0, False))[0]
    if t.per_customer_limit and n >= t.per_customer_limit:
        raise Conflict("promotions.code_limit", "You have already claimed this coupon", "code")
    if not repository.count_issued(tx, t.id, 1):
        raise Conflict("promotions.code_exhausted", "All of these coupons have been claimed",
                       "code")
    # The n-th claim of this customer: a concurrent second claim meets the unique key.
    row = repository.coupon_row(t.id, customer_id, span, "code", str(n + 1), now)
    repository.add_coupons(tx, [row])
    coupon = repository.coupon_by_ref(tx, t.id, customer_id, "code", str(n + 1))
    assert coupon is not None
    return view_of(coupon, t, now)
