"""What a marketing form shows: the fields as typed (after a refused save), or a stored row
written back in yuan, percent and shop time."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from starlette.datastructures import FormData

from mercato.platform import clock
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.promotions.adapters.rows import scope_of, tiers_of
from mercato.promotions.adapters.tables import CouponTemplate, Promotion
from mercato.promotions.web.forms import LISTS, REGULAR

Values = dict[str, Any]


def typed(form: FormData) -> Values:
    out: Values = {k: str(v)[:6000] for k, v in form.items() if k != "csrf"}
    for name in LISTS:
        out[name] = [str(v) for v in form.getlist(name)]
    return out


def _plain(value: Decimal) -> str:
    """200 → "200", 12.50 → "12.5": trailing zeros of the fraction only."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def yuan(fen: int) -> str:
    return "" if not fen else _plain(Decimal(fen) / 100)


def pct(bp: int) -> str:
    return "" if not bp else _plain(Decimal(bp) / 100)


def local(at: datetime | None) -> str:
    return clock.local(at).strftime("%Y-%m-%dT%H:%M") if at is not None else ""


def _scope(text: str) -> Values:
    s = scope_of(text)
    return {
        "products": ", ".join(str(i) for i in sorted(s.products)),
        "exclude_products": ", ".join(str(i) for i in sorted(s.exclude_products)),
        "brands": ", ".join(sorted(s.brands)),
        "categories": [str(i) for i in sorted(s.categories)],
        "tiers_scope": [t or REGULAR for t in sorted(s.tiers)],
        "channels": sorted(s.channels),
    }


def promotion(p: Promotion | None, now: datetime) -> Values:
    if p is None:  # a new one: from the next hour, a week long, as a draft
        start = now.replace(minute=0, second=0, microsecond=0)
        return {"kind": pricing.SPEND_SAVE, "stacking": pricing.STACK, "priority": "0",
                "starts_at": local(start), "ends_at": "", **_scope("{}")}
    out: Values = {
        "name": p.name, "kind": p.kind, "priority": str(p.priority), "stacking": p.stacking,
        "percent_off": pct(p.percent_off_bp), "buy": str(p.buy or ""),
        "pay": str(p.pay or ""), "nth": str(p.nth or ""), "over": yuan(p.over_fen),
        "starts_at": local(p.starts_at), "ends_at": local(p.ends_at),
        "enabled": "1" if p.enabled else "", **_scope(p.scope)}
    for i, (at, off) in enumerate(tiers_of(p.tiers)):
        out[f"tier_at_{i}"], out[f"tier_off_{i}"] = yuan(at), yuan(off)
    return out


def template(t: CouponTemplate | None) -> Values:
    if t is None:
        return {"kind": pricing.AMOUNT_OFF, "validity": "days", "valid_days": "30",
                "per_customer_limit": "1", "total_limit": "0", "with_promotions": "1",
                "enabled": "1", **_scope("{}")}
    return {
        "name": t.name, "kind": t.kind, "off": yuan(t.off_fen),
        "percent_off": pct(t.percent_off_bp), "cap": yuan(t.cap_fen),
        "min_spend": yuan(t.min_spend_fen), "with_promotions": "1" if t.with_promotions else "",
        "validity": "days" if t.valid_days else "window",
        "valid_days": str(t.valid_days or ""), "starts_at": local(t.starts_at),
        "ends_at": local(t.ends_at), "total_limit": str(t.total_limit),
        "per_customer_limit": str(t.per_customer_limit), "code": t.code or "",
        "enabled": "1" if t.enabled else "", **_scope(t.scope)}


def statuses_of(p: Promotion, now: datetime) -> str:
    return domain.status(p.enabled, p.starts_at, p.ends_at, now)
