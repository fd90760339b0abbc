"""Checking a shipping method as entered (admin form, staff API) before it is stored. Each
refusal is a DomainError naming its field; a rule's fields are named `rules.<i>.<field>`,
`i` counting the rules handed in. Fee arithmetic stays in checkout/shipping.py (FeeRule)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mercato.checkout import provinces
from mercato.checkout.shipping import ANYWHERE, MAX_WEIGHT_G, FeeRule
from mercato.kernel.errors import DomainError

CODE_RE = re.compile(r"[a-z0-9_-]{1,32}")
CARRIER_RE = re.compile(r"[a-z0-9_-]{0,32}")
MAX_FEE = 100_000_000  # ¥1,000,000: beyond any parcel fee or threshold; fits 32-bit columns
MAX_POSITION = 1_000_000
MAX_RULES = 40
MAX_NAME = 80
_SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True, slots=True)
class RuleData:
    """One fee rule as entered: province names (full or short) or ("*",); amounts in fen."""

    provinces: tuple[str, ...]
    first_weight_g: int
    first_fee: int
    step_g: int
    step_fee: int
    free_over: int | None = None


@dataclass(frozen=True, slots=True)
class MethodData:
    code: str
    name_zh: str
    name_en: str
    rules: tuple[RuleData, ...]
    carrier: str = ""
    position: int = 0
    active: bool = True


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _name(value: object, field: str) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not 1 <= len(text) <= MAX_NAME or any(ord(c) < 32 for c in text):
        raise DomainError("checkout.invalid_name", "Enter 1 to 80 characters", field)
    return text


def method_fields(data: MethodData) -> dict[str, Any]:
    """The method's own columns, checked."""
    if not isinstance(data.code, str) or not CODE_RE.fullmatch(data.code):
        raise DomainError(
            "checkout.invalid_code", "Use 1 to 32 lowercase letters, digits, - or _", "code"
        )
    name_zh = _name(data.name_zh, "name_zh")
    name_en = _name(data.name_en, "name_en")
    if not isinstance(data.carrier, str) or not CARRIER_RE.fullmatch(data.carrier):
        raise DomainError(
            "checkout.invalid_carrier", "Use up to 32 lowercase letters, digits, - or _", "carrier"
        )
    if not _whole(data.position) or not 0 <= data.position <= MAX_POSITION:
        raise DomainError(
            "checkout.invalid_position", "Enter a whole number from 0 to 1000000", "position"
        )
    if not isinstance(data.active, bool):
        raise DomainError("checkout.invalid_active", "Active must be true or false", "active")
    return {
        "code": data.code,
        "name_zh": name_zh,
        "name_en": name_en,
        "carrier": data.carrier,
        "position": data.position,
        "active": data.active,
    }


def split_provinces(text: str) -> tuple[str, ...]:
    """Names typed in one field: separated by commas (also "，" and "、"), semicolons or
    spaces."""
    return tuple(n for n in _SEPARATORS.split(text) if n)


def _provinces(raw: Sequence[str] | str, field: str, seen: set[str]) -> frozenset[str]:
    parts = split_provinces(raw) if isinstance(raw, str) else raw
    names = [provinces.canonical(n) if isinstance(n, str) else "" for n in parts]
    names = [n for n in names if n]
    for name in names:
        if name != ANYWHERE and not provinces.is_known(name):
            raise DomainError("checkout.unknown_province", f"Unknown province: {name}", field)
        if name in seen:
            raise DomainError(
                "checkout.duplicate_province", f"Named by another rule: {name}", field
            )
    if ANYWHERE in names and len(set(names)) > 1:
        raise DomainError(
            "checkout.invalid_provinces", "Use * alone, or name provinces without *", field
        )
    seen.update(names)
    return frozenset(names)


def _bounded(rule: FeeRule, prefix: str) -> FeeRule:
    for name, top in (("first_weight_g", MAX_WEIGHT_G), ("step_g", MAX_WEIGHT_G)):
        if getattr(rule, name) > top:
            raise DomainError("checkout.invalid_fee_rule", "Weight out of range", prefix + name)
    for name in ("first_fee", "step_fee", "free_over"):
        if (getattr(rule, name) or 0) > MAX_FEE:
            raise DomainError("checkout.invalid_fee_rule", "Amount out of range", prefix + name)
    return rule


def fee_rules(rules: Sequence[RuleData]) -> list[FeeRule]:
    """The rules as domain FeeRules (which check their own amounts), plus what only a set of
    rules can tell: every province named once, known names, "*" alone and at most once."""
    if not rules:
        raise DomainError("checkout.no_rules", "Add at least one fee rule", "rules")
    if len(rules) > MAX_RULES:
        raise DomainError("checkout.too_many_rules", "At most 40 fee rules", "rules")
    seen: set[str] = set()
    out = []
    for i, r in enumerate(rules):
        prefix = f"rules.{i}."
        names = _provinces(r.provinces, prefix + "provinces", seen)
        if r.free_over is not None and not _whole(r.free_over):
            raise DomainError(
                "checkout.invalid_fee_rule", "free_over must be ≥ 0", prefix + "free_over"
            )
        try:
            rule = FeeRule(names, r.first_weight_g, r.first_fee, r.step_g, r.step_fee, r.free_over)
        except DomainError as exc:
            raise DomainError(exc.code, exc.message, prefix + (exc.field or "provinces"))
        out.append(_bounded(rule, prefix))
    return out
