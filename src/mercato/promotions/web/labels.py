"""Words for promotion codes, marked for translation where they are written down, and what the
marketing pages show of a promotion or coupon (its offer, its scope)."""

from __future__ import annotations

from typing import Any

from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.web.templating import money

KINDS = {
    pricing.SPEND_SAVE: N_("Spend and save"),
    pricing.TIME_DISCOUNT: N_("Limited-time discount"),
    pricing.X_FOR_Y: N_("Buy X, pay for Y"),
    pricing.NTH_DISCOUNT: N_("Discount on the n-th item"),
    pricing.FREE_SHIPPING: N_("Free shipping"),
}
COUPON_KINDS = {pricing.AMOUNT_OFF: N_("Amount off"), pricing.PERCENT_OFF: N_("Percent off")}
STATUSES = {
    domain.RUNNING: N_("Running"),
    domain.SCHEDULED: N_("Scheduled"),
    domain.ENDED: N_("Ended"),
    domain.DRAFT: N_("Drafts"),
}
COUPON_STATUSES = {
    domain.AVAILABLE: N_("Usable"),
    domain.USED: N_("Used"),
    domain.EXPIRED: N_("Expired"),
    domain.VOID: N_("Voided"),
}
SOURCES = {
    "manual": N_("Issued by staff"),
    "segment": N_("Issued to a segment"),
    "code": N_("Claimed with a code"),
    "birthday": N_("Birthday gift"),
    "referral": N_("Referral reward"),
    "cashback": N_("Cashback"),
    "tier": N_("Tier reward"),
}
TRIGGERS = {
    domain.BIRTHDAY: N_("On the member's birthday"),
    domain.REFERRER: N_("To the referrer, when a referral qualifies"),
    domain.INVITEE: N_("To the invited friend, when a referral qualifies"),
    domain.TIER_UPGRADE: N_("On reaching a tier"),
}
TIERS = {"": N_("Ordinary members"), "silver": N_("Silver"), "gold": N_("Gold"),
         "diamond": N_("Diamond")}
CHANNELS = {"web": N_("Website"), "app": N_("App"), "mini": N_("Mini-program")}
TAGS = {"prospect": N_("Prospects"), "new": N_("New customers"), "active": N_("Active buyers"),
        "repeat": N_("Repeat buyers"), "dormant": N_("Dormant"), "churned": N_("Churned")}
STACKING = {pricing.STACK: N_("Combines with other promotions"),
            pricing.EXCLUSIVE: N_("Exclusive: its items take no other promotion")}


def _pct(bp: int) -> str:
    return f"{bp / 100:g}%"


def offer(p: Any) -> str:
    """What a promotion gives, in a few words: "满¥200减¥20", "15% off"."""
    if p.kind == pricing.SPEND_SAVE:
        return " / ".join(_("Spend %(at)s, save %(off)s") % {"at": money(a), "off": money(o)}
                          for a, o in p.tiers)
    if p.kind in (pricing.TIME_DISCOUNT,):
        return _("%(pct)s off") % {"pct": _pct(p.percent_off_bp)}
    if p.kind == pricing.NTH_DISCOUNT:
        return _("Item %(n)s at %(pct)s off") % {"n": p.nth, "pct": _pct(p.percent_off_bp)}
    if p.kind == pricing.X_FOR_Y:
        return _("Buy %(x)s, pay for %(y)s") % {"x": p.buy, "y": p.pay}
    if p.kind == pricing.FREE_SHIPPING:
        return _("Free shipping over %(at)s") % {"at": money(p.over_fen)}
    return p.kind


def coupon_offer(kind: str, off_fen: int, percent_off_bp: int, cap_fen: int,
                 min_spend_fen: int) -> str:
    if kind == pricing.PERCENT_OFF:
        text = _("%(pct)s off") % {"pct": _pct(percent_off_bp)}
        if cap_fen:
            text += " " + _("(at most %(cap)s)") % {"cap": money(cap_fen)}
    else:
        text = _("%(off)s off") % {"off": money(off_fen)}
    if min_spend_fen:
        text = _("Spend %(at)s: %(offer)s") % {"at": money(min_spend_fen), "offer": text}
    return text


def scope_summary(scope: pricing.Scope) -> str:
    """Which goods and buyers: "whole shop" or what the lists name."""
    parts = []
    for values, word in ((scope.products, N_("%(n)s products")),
                         (scope.categories, N_("%(n)s categories")),
                         (scope.brands, N_("%(n)s brands")),
                         (scope.exclude_products, N_("%(n)s products excluded"))):
        if values:
            parts.append(_(word) % {"n": len(values)})
    if scope.tiers:
        parts.append(" ".join(_(TIERS.get(t, t)) for t in sorted(scope.tiers)))
    if scope.channels:
        parts.append(" ".join(_(CHANNELS.get(c, c)) for c in sorted(scope.channels)))
    return ", ".join(parts) or _("Whole shop")


def label(table: dict[str, str], code: str) -> str:
    return _(table.get(code, code))


HELPERS = {"kinds": KINDS, "coupon_kinds": COUPON_KINDS, "status_names": STATUSES,
           "coupon_statuses": COUPON_STATUSES, "sources": SOURCES, "triggers": TRIGGERS,
           "tier_names": TIERS, "channel_names": CHANNELS, "tag_names": TAGS,
           "stacking_names": STACKING, "offer": offer, "coupon_offer": coupon_offer,
           "scope_summary": scope_summary, "label": label}
