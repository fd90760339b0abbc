"""Staff edit the tiers (/admin/tiers): thresholds and benefits of each, checked together
(a higher tier asks for more). Through the ORM, so every changed value is in the audit log.
Members move to their new tier at the next recompute (their next order event, or the daily
job)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError
from mercato.members import domain_loyalty as rules
from mercato.members.adapters.loyalty_tables import Tier
from mercato.members.services import standing


def edited(current: list[rules.TierRule], form: Mapping[str, str]) -> list[rules.TierRule]:
    """The tiers with the form's values (fields `<code>.name`, `.min_spend` in yuan,
    `.min_orders`, `.discount` in percent, `.priority` and `.gift` checkboxes); checked."""
    out = []
    for t in current:
        f = f"{t.code}."
        orders = (form.get(f + "min_orders") or "").strip()
        if not orders.isascii() or not orders.isdigit() or len(orders) > 6:
            raise DomainError("members.invalid_threshold",
                                    "Enter a whole number of orders", f + "min_orders")
        out.append(replace(
            t, name=" ".join((form.get(f + "name") or "").split()),
            min_spend_fen=rules.parse_yuan(form.get(f + "min_spend", ""), f + "min_spend"),
            min_orders=int(orders),
            discount_bp=rules.parse_percent(form.get(f + "discount", ""), f + "discount"),
            priority_shipping=f + "priority" in form, birthday_gift=f + "gift" in form))
    rules.check_tiers(out)
    return out


def save(tx: Session, form: Mapping[str, str]) -> list[rules.TierRule]:
    new = edited(standing.tier_rules(tx), form)
    rows = {t.code: t for t in tx.scalars(select(Tier).with_for_update())}
    for t in new:
        row = rows[t.code]
        row.name, row.min_spend_fen, row.min_orders = t.name, t.min_spend_fen, t.min_orders
        row.discount_bp, row.priority_shipping = t.discount_bp, t.priority_shipping
        row.birthday_gift = t.birthday_gift
    tx.flush()
    return new
