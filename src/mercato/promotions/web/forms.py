"""The marketing forms: what staff typed (yuan, percent, shop time) read into the domain's
values, every unreadable field named; and a stored row as the form shows it again."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from starlette.datastructures import FormData

from mercato.platform.i18n import N_
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.web.forms import FormReader

Values = dict[str, Any]
_PCT = re.compile(r"^\d{1,3}(\.\d{1,2})?$")
REGULAR = "regular"  # the form's name for tier "" (ordinary members)
SCOPE_FIELDS = ("products", "exclude_products", "brands")
LISTS = ("categories", "tiers_scope", "channels")


class Reader(FormReader):
    """Reads one form, noting each problem under its field."""

    def bp(self, name: str) -> int:
        raw = self.text(name).rstrip("%")
        if not raw:
            return 0
        if not _PCT.match(raw):
            return self.fail(name, N_("Enter a percentage, like 15 or 12.5"))
        return int(Decimal(raw) * 100)

    def ids(self, name: str) -> frozenset[int]:
        tokens = re.split(r"[\s,，、]+", self.text(name, 6000))
        found = {t for t in tokens if t}
        if any(not t.isdigit() or len(t) > 9 for t in found):
            self.fail(name, N_("Ids are whole numbers separated by commas or spaces"))
            return frozenset()
        return frozenset(int(t) for t in found)

    def checked(self, name: str) -> list[str]:
        return [str(v) for v in self.form.getlist(name)][:50]

    def scope(self) -> pricing.Scope:
        cats = [c for c in self.checked("categories") if c.isdigit() and len(c) < 10]
        brands = re.split(r"[\s,，、]+", self.text("brands", 2000).lower())
        tiers = {"" if t == REGULAR else t for t in self.checked("tiers_scope")}
        return pricing.Scope(
            products=self.ids("products"), categories=frozenset(int(c) for c in cats),
            brands=frozenset(b for b in brands if b), tiers=frozenset(tiers),
            channels=frozenset(self.checked("channels")),
            exclude_products=self.ids("exclude_products"))


def _ladder(r: Reader) -> tuple[tuple[int, int], ...]:
    rows = []
    for i in range(domain.MAX_TIERS):
        at, off = r.fen(f"tier_at_{i}"), r.fen(f"tier_off_{i}")
        if at or off:
            rows.append((at, off))
    return tuple(rows)


def promotion(form: FormData) -> tuple[domain.PromotionData, domain.Problems]:
    r = Reader(form)
    d = domain.PromotionData(
        name=r.text("name", 100), kind=r.text("kind", 20), scope=r.scope(),
        starts_at=r.time("starts_at"), ends_at=r.time("ends_at"),
        priority=r.whole("priority"), stacking=r.text("stacking", 20) or pricing.STACK,
        percent_off_bp=r.bp("percent_off"), buy=r.whole("buy"), pay=r.whole("pay"),
        nth=r.whole("nth"), tiers=_ladder(r), over_fen=r.fen("over"),
        enabled=r.text("enabled") == "1")
    return d, {**domain.check_promotion(d), **r.problems}


def template(form: FormData) -> tuple[domain.TemplateData, domain.Problems]:
    r = Reader(form)
    by_days = r.text("validity") == "days"
    d = domain.TemplateData(
        name=r.text("name", 100), kind=r.text("kind", 20), off_fen=r.fen("off"),
        percent_off_bp=r.bp("percent_off"), cap_fen=r.fen("cap"),
        min_spend_fen=r.fen("min_spend"), scope=r.scope(),
        with_promotions=r.text("with_promotions") == "1",
        starts_at=None if by_days else r.time("starts_at"),
        ends_at=None if by_days else r.time("ends_at"),
        valid_days=r.whole("valid_days") if by_days else 0,
        total_limit=r.whole("total_limit"), per_customer_limit=r.whole("per_customer_limit", 1),
        code=r.text("code", 40).upper() or None, enabled=r.text("enabled") == "1")
    problems = {**domain.check_template(d), **r.problems}
    if by_days and not d.valid_days:
        problems.setdefault("valid_days", N_("Valid for 1 to 366 days"))
    return d, problems
