"""Promotion and coupon rules: what a promotion, a coupon template and a gift bundle may say,
a promotion's status, and coupon codes. Pure: no I/O.

The kinds, scopes and stacking are pricing's (mercato.pricing.public): a promotion stored
here becomes a pricing.Promotion and an issued coupon a pricing.Coupon."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from mercato.pricing import public as pricing

# A promotion's status, from its `enabled` flag and its window (see `status`).
DRAFT, SCHEDULED, RUNNING, ENDED = "draft", "scheduled", "running", "ended"
STATUSES = (RUNNING, SCHEDULED, ENDED, DRAFT)

# Issued coupons.
AVAILABLE, USED, EXPIRED, VOID = "available", "used", "expired", "void"
COUPON_STATUSES = (AVAILABLE, USED, EXPIRED, VOID)
# Where an issued coupon came from; with source_ref it makes issuing idempotent.
SOURCES = ("manual", "segment", "code", "birthday", "referral", "cashback", "tier")
# Sources a template's per-customer limit counts: what a customer claims or staff hand out.
# Automatic gifts are once per occasion (their source_ref: a year, an invitee, a tier).
LIMITED_SOURCES = ("manual", "segment", "code")

# Redemptions (a promotion or coupon used by an order) follow the order.
PLACED, PAID, CANCELLED = "placed", "paid", "cancelled"

# Gift bundles: which templates are given on which occasion.
BIRTHDAY, REFERRER, INVITEE, TIER_UPGRADE = (
    "birthday", "referral_referrer", "referral_invitee", "tier_upgrade")
TRIGGERS = (BIRTHDAY, REFERRER, INVITEE, TIER_UPGRADE)

TIERS = ("", "silver", "gold", "diamond")  # "" ordinary members (pricing.Buyer.tier)
CHANNELS = ("web", "app", "mini")
MAX_IDS = 500  # ids in one scope list
MAX_TIERS = 5  # rows of a spend-save ladder
CODE_RE = re.compile(r"^[A-Z0-9]{4,20}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
# Generated coupon codes: no 0/O, 1/I; 12 characters ≈ 60 bits, not guessable.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def N_(message: str) -> str:
    """Marks a message for translation (shown by the web layer through gettext)."""
    return message


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def status(enabled: bool, starts_at: datetime | None, ends_at: datetime | None,
           now: datetime) -> str:
    """Ended once its end has passed (enabled or not); otherwise a draft until enabled, then
    scheduled before its start and running inside its window."""
    if ends_at is not None and ends_at <= now:
        return ENDED
    if not enabled:
        return DRAFT
    if starts_at is not None and now < starts_at:
        return SCHEDULED
    return RUNNING


@dataclass(frozen=True, slots=True)
class PromotionData:
    """A promotion as staff typed it (already parsed to numbers and UTC times)."""

    name: str
    kind: str
    scope: pricing.Scope = field(default_factory=pricing.Scope)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    priority: int = 0
    stacking: str = pricing.STACK
    percent_off_bp: int = 0
    buy: int = 0
    pay: int = 0
    nth: int = 0
    tiers: tuple[tuple[int, int], ...] = ()
    over_fen: int = 0
    enabled: bool = False

    def to_pricing(self, promotion_id: int) -> pricing.Promotion:
        return pricing.Promotion(
            id=promotion_id, name=self.name, kind=self.kind, scope=self.scope,
            starts_at=self.starts_at, ends_at=self.ends_at, priority=self.priority,
            stacking=self.stacking, percent_off_bp=self.percent_off_bp, buy=self.buy,
            pay=self.pay, nth=self.nth, tiers=self.tiers, over_fen=self.over_fen)


@dataclass(frozen=True, slots=True)
class TemplateData:
    """A coupon template: what each coupon takes off, when it is valid, how many exist."""

    name: str
    kind: str
    off_fen: int = 0
    percent_off_bp: int = 0
    cap_fen: int = 0
    min_spend_fen: int = 0
    scope: pricing.Scope = field(default_factory=pricing.Scope)
    with_promotions: bool = True
    starts_at: datetime | None = None  # a fixed window ...
    ends_at: datetime | None = None
    valid_days: int = 0  # ... or this many days from issue (> 0)
    total_limit: int = 0  # 0: unlimited
    per_customer_limit: int = 1  # 0: unlimited
    code: str | None = None  # a public code customers claim it with
    enabled: bool = True


Problems = dict[str, str]  # field → message (an English msgid)


def _window(p: Problems, starts_at: datetime | None, ends_at: datetime | None,
            need_end: bool) -> None:
    if starts_at is None:
        p["starts_at"] = N_("Enter a start time")
    if ends_at is None and need_end:
        p["ends_at"] = N_("Enter an end time")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        p["ends_at"] = N_("The end must be after the start")


def _bp(p: Problems, name: str, value: int) -> None:
    if not 1 <= value <= 9999:
        p[name] = N_("A discount between 0.01% and 99.99%")


def _ladder(p: Problems, tiers: tuple[tuple[int, int], ...]) -> None:
    if not 1 <= len(tiers) <= MAX_TIERS:
        p["tiers"] = N_("Between one and five spend levels")
        return
    last_at, last_off = 0, 0
    for at, off in tiers:
        if not (0 < off < at):
            p["tiers"] = N_("Each level takes off less than its threshold, and more than zero")
            return
        if at <= last_at or off <= last_off:
            p["tiers"] = N_("Levels go up: each threshold and amount above the one before")
            return
        last_at, last_off = at, off


def _kind_rules(p: Problems, d: PromotionData) -> None:
    if d.kind == pricing.SPEND_SAVE:
        _ladder(p, d.tiers)
    elif d.kind == pricing.TIME_DISCOUNT:
        _bp(p, "percent_off_bp", d.percent_off_bp)
    elif d.kind == pricing.NTH_DISCOUNT:
        _bp(p, "percent_off_bp", d.percent_off_bp)
        if not 2 <= d.nth <= 10:
            p["nth"] = N_("The discounted item is the 2nd to the 10th")
    elif d.kind == pricing.X_FOR_Y:
        if not 2 <= d.buy <= 99:
            p["buy"] = N_("Buy between 2 and 99")
        elif not 1 <= d.pay < d.buy:
            p["pay"] = N_("Pay for at least one and fewer than bought")
    elif d.kind == pricing.FREE_SHIPPING:
        if not 0 <= d.over_fen <= 100_000_000:
            p["over_fen"] = N_("Enter an amount from 0 to 1,000,000")
    else:
        p["kind"] = N_("Choose a kind of promotion")


def check_scope(p: Problems, scope: pricing.Scope) -> None:
    ids = (scope.products, scope.categories, scope.exclude_products)
    if any(len(s) > MAX_IDS or any(i < 1 for i in s) for s in ids):
        p["scope"] = N_("At most 500 ids per list, each a positive whole number")
    elif any(not SLUG_RE.match(b) for b in scope.brands) or len(scope.brands) > MAX_IDS:
        p["brands"] = N_("Brands are named by their slugs (lower-case letters, digits, dashes)")
    elif not scope.tiers <= set(TIERS):
        p["tiers_scope"] = N_("Unknown member tier")
    elif not scope.channels <= set(CHANNELS):
        p["channels"] = N_("Unknown channel")


def _name(p: Problems, name: str) -> None:
    if not 1 <= len(name.strip()) <= 60:
        p["name"] = N_("A name of 1 to 60 characters")


def check_promotion(d: PromotionData) -> Problems:
    """Every problem of the promotion, by field; empty when it may be saved."""
    p: Problems = {}
    _name(p, d.name)
    _kind_rules(p, d)
    _window(p, d.starts_at, d.ends_at, need_end=d.kind == pricing.TIME_DISCOUNT)
    if not -1000 <= d.priority <= 1000:
        p["priority"] = N_("Priority from -1000 to 1000")
    if d.stacking not in (pricing.STACK, pricing.EXCLUSIVE):
        p["stacking"] = N_("Choose how it combines with other promotions")
    check_scope(p, d.scope)
    return p


def _money_rules(p: Problems, d: TemplateData) -> None:
    if d.kind == pricing.AMOUNT_OFF:
        if not 1 <= d.off_fen <= 100_000_000:
            p["off_fen"] = N_("Enter an amount from 0.01 to 1,000,000")
        elif d.min_spend_fen and d.off_fen >= d.min_spend_fen:
            p["min_spend_fen"] = N_("The minimum spend must be more than the amount off")
    elif d.kind == pricing.PERCENT_OFF:
        _bp(p, "percent_off_bp", d.percent_off_bp)
        if not 0 <= d.cap_fen <= 100_000_000:
            p["cap_fen"] = N_("Enter an amount from 0 to 1,000,000")
    else:
        p["kind"] = N_("Choose a kind of coupon")
    if not 0 <= d.min_spend_fen <= 100_000_000:
        p["min_spend_fen"] = N_("Enter an amount from 0 to 1,000,000")


def check_template(d: TemplateData) -> Problems:
    p: Problems = {}
    _name(p, d.name)
    _money_rules(p, d)
    if d.valid_days:
        if not 1 <= d.valid_days <= 366:
            p["valid_days"] = N_("Valid for 1 to 366 days")
    else:
        _window(p, d.starts_at, d.ends_at, need_end=True)
    if not 0 <= d.total_limit <= 10_000_000:
        p["total_limit"] = N_("At most 10,000,000 (0: no limit)")
    if not 0 <= d.per_customer_limit <= 100:
        p["per_customer_limit"] = N_("From 0 (no limit) to 100")
    if d.code is not None and not CODE_RE.match(d.code):
        p["code"] = N_("4 to 20 letters and digits")
    check_scope(p, d.scope)
    return p


def check_bundle(trigger: str, tier: str, template_ids: tuple[int, ...]) -> Problems:
    p: Problems = {}
    if trigger not in TRIGGERS:
        p["trigger"] = N_("Choose when the bundle is given")
    if tier not in TIERS:
        p["tier"] = N_("Unknown member tier")
    if not 1 <= len(template_ids) <= 10:
        p["template_ids"] = N_("Choose one to ten coupons")
    return p
