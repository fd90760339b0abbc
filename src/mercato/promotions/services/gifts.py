"""Gift bundles: coupons given on a member's birthday (by tier), to both sides of a qualified
referral, and on reaching a tier. Each occasion issues once (its source_ref: the year, the
invitee, the tier), so a job or event handled twice gives nothing twice."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.promotions import domain
from mercato.promotions.adapters import repository
from mercato.promotions.adapters.rows import ids_of
from mercato.promotions.adapters.tables import Bundle
from mercato.promotions.services.issuing import issue

log = logging.getLogger(__name__)


def give(tx: Session, bundle: Bundle, customer_ids: list[int], source: str, ref: str) -> int:
    """Every coupon of the bundle to these customers; a template that cannot be issued now
    (switched off, ended, deleted) is skipped and logged. Returns coupons issued."""
    given = 0
    for template_id in ids_of(bundle.template_ids):
        try:
            given += issue(tx, template_id, customer_ids, source, ref)
        except DomainError as exc:
            log.warning("bundle %s: template %s skipped (%s)", bundle.id, template_id, exc.code)
    return given


def _by_tier(found: list[Bundle]) -> dict[str, Bundle]:
    """Tier → its bundle; "" the bundle for tiers without their own (the first of each)."""
    out: dict[str, Bundle] = {}
    for b in found:
        out.setdefault(b.tier, b)
    return out


def birthdays(tx: Session, today: date) -> int:
    """The birthday bundle of each member whose birthday is today (a 29 February birthday
    on the 28th in other years), per tier; once per member per year."""
    found = _by_tier(repository.bundles(tx, domain.BIRTHDAY))
    if not found:
        return 0
    people = members.birthdays_on(tx, today.month, today.day, today.year)
    groups: dict[int, list[int]] = defaultdict(list)
    for customer_id, tier in people:
        bundle = found.get(tier) or found.get("")
        if bundle is not None:
            groups[bundle.id].append(customer_id)
    by_id = {b.id: b for b in found.values()}
    ref = f"birthday:{today.year}"
    return sum(give(tx, by_id[bid], ids, "birthday", ref) for bid, ids in groups.items())


def referral(tx: Session, payload: Mapping[str, Any]) -> int:
    """members.referral_qualified: the referrer's and the invitee's bundles."""
    referrer, invitee = int(payload["referrer_id"]), int(payload["invitee_id"])
    ref = f"referral:{invitee}"
    given = 0
    for trigger, who in ((domain.REFERRER, referrer), (domain.INVITEE, invitee)):
        for bundle in repository.bundles(tx, trigger):
            given += give(tx, bundle, [who], "referral", ref)
    return given


def tier_reached(tx: Session, payload: Mapping[str, Any]) -> int:
    """members.tier_changed: the bundle of the tier reached, the first time it is reached
    (a member who drops and climbs back is not given it again)."""
    customer_id, new = int(payload["customer_id"]), str(payload.get("new") or "")
    if not new:
        return 0
    found = [b for b in repository.bundles(tx, domain.TIER_UPGRADE) if b.tier == new]
    return sum(give(tx, b, [customer_id], "tier", f"tier:{new}") for b in found)
