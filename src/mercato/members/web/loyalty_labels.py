"""Words for loyalty codes (tiers, tags, ledger kinds, referral states), marked for
translation where they are written down. Tier names staff type are shown as typed unless
they are one of the default names below (which are translated)."""

from __future__ import annotations

from typing import Any

from mercato.members import domain_loyalty as rules
from mercato.members import domain_referral as referral
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

TIER_NAMES = (N_("Silver"), N_("Gold"), N_("Diamond"))
TAG_LABELS = {
    rules.PROSPECT: N_("Prospect (no purchase yet)"),
    rules.NEW: N_("New customer"),
    rules.ACTIVE: N_("Active"),
    rules.REPEAT: N_("Repeat buyer"),
    rules.DORMANT: N_("Dormant"),
    rules.CHURNED: N_("Churned"),
}
KIND_LABELS = {
    rules.EARN: N_("Earned on an order"),
    rules.REDEEM: N_("Used on an order"),
    rules.RETURN: N_("Given back (order cancelled)"),
    rules.REVERSE: N_("Taken back (refund)"),
    rules.EXPIRE: N_("Expired"),
    rules.ADJUST: N_("Adjusted by customer service"),
    rules.CASHBACK: N_("Group-buy cashback"),
    rules.OFFLINE: N_("Earned in a store"),
}
REFERRAL_LABELS = {
    referral.PENDING: N_("Waiting for their first order"),
    referral.QUALIFIED: N_("Rewarded"),
    referral.REJECTED: N_("Not rewarded"),
}
REASON_LABELS = {
    referral.SAME_PHONE: N_("Same phone number as the inviter"),
    referral.SAME_ADDRESS: N_("Same address as the inviter"),
    referral.SELF: N_("Own invite code"),
    "not_first_order": N_("Not their first order"),
}


def tier_label(name: str) -> str:
    """A tier's name in the shopper's language ("" for no tier: a plain member)."""
    return _(name) if name else _("Member")


def tag_label(code: str) -> str:
    return _(TAG_LABELS.get(code, code))


def kind_label(code: str) -> str:
    return _(KIND_LABELS.get(code, code))


def referral_label(code: str) -> str:
    return _(REFERRAL_LABELS.get(code, code))


def referral_reason(code: str) -> str:
    return _(REASON_LABELS.get(code, code)) if code else ""


def percent(bp: int) -> str:
    """Basis points as a percentage for people: 500 → '5%', 250 → '2.5%'."""
    whole, rest = divmod(bp, 100)
    return f"{whole}%" if not rest else f"{whole}.{rest:02d}".rstrip("0") + "%"


HELPERS: dict[str, Any] = {
    "tier_label": tier_label,
    "tag_label": tag_label,
    "kind_label": kind_label,
    "referral_label": referral_label,
    "referral_reason": referral_reason,
    "percent": percent,
}
