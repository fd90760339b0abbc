"""The products CSV columns and how one cell becomes a typed value (or a reason it cannot)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mercato.catalog import domain
from mercato.kernel.errors import DomainError
from mercato.kernel.money import Money
from mercato.platform.i18n import gettext_ as _

PRODUCT_COLUMNS = (
    "product_slug",
    "name_zh",
    "name_en",
    "category_slug",
    "brand_slug",
    "status",
    "featured",
    "subtitle_zh",
    "subtitle_en",
    "description_zh",
    "description_en",
)
SKU_COLUMNS = ("sku_code", "barcode", "price", "cost", "weight_g", "options", "image")
COLUMNS = PRODUCT_COLUMNS + SKU_COLUMNS
REQUIRED = ("product_slug", "name_zh", "name_en", "category_slug", "sku_code", "price")
TRUE = ("1", "true", "yes", "y")
FALSE = ("0", "false", "no", "n", "")


@dataclass
class Lookups:
    """Everything rows are checked against, loaded once per import."""

    categories: dict[str, int]
    brands: dict[str, int]
    axes: set[str]
    products: dict[str, int]
    # SKU code -> (SKU id, slug of the product it belongs to)
    skus: dict[str, tuple[int, str]] = field(default_factory=dict)


def _invalid(message: str, column: str) -> DomainError:
    return DomainError("catalog.csv_invalid", message, column)


def _category(raw: str, lk: Lookups) -> int:
    if not raw:
        raise _invalid("This field is required", "category_slug")
    if raw not in lk.categories:
        raise _invalid(_("Unknown category: %(slug)s") % {"slug": raw}, "category_slug")
    return lk.categories[raw]


def _brand(raw: str, lk: Lookups) -> int | None:
    if not raw:
        return None
    if raw not in lk.brands:
        raise _invalid(_("Unknown brand: %(slug)s") % {"slug": raw}, "brand_slug")
    return lk.brands[raw]


def _status(raw: str, _lk: Lookups) -> str | None:
    return domain.check_choice(raw, domain.STATUSES, "status") if raw else None


def _flag(raw: str, _lk: Lookups) -> bool:
    value = raw.lower()
    if value not in TRUE + FALSE:
        raise _invalid(_("Use 1 or 0 (true or false)"), "featured")
    return value in TRUE


def _text(column: str, max_len: int | None) -> Callable[[str, Lookups], str]:
    def parse(raw: str, _lk: Lookups) -> str:
        if max_len is not None and len(raw) > max_len:
            raise _invalid(_("At most %(n)s characters") % {"n": max_len}, column)
        return raw

    return parse


def _name(column: str) -> Callable[[str, Lookups], str]:
    return lambda raw, _lk: domain.check_name(raw, column)


def amount(raw: str, column: str, allow_zero: bool) -> int:
    """Yuan as written in the file ('59', '59.5', '59.00') to fen, exactly."""
    if not raw:
        if allow_zero:
            return 0
        raise _invalid("This field is required", column)
    try:
        minor = Money.parse(raw).minor
    except DomainError:
        raise _invalid(_("Not an amount in yuan, e.g. 59.00: %(v)s") % {"v": raw}, column)
    return domain.check_amount(minor, column, allow_zero=allow_zero)


def _weight(raw: str, _lk: Lookups) -> int:
    if not raw:
        return 0
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise _invalid(_("Weight in whole grams, e.g. 250"), "weight_g")
    return domain.check_weight(int(raw))


def _option(part: str, lk: Lookups) -> tuple[str, str, str]:
    axis, eq, value = part.partition("=")
    axis = axis.strip()
    zh, _bar, en = value.partition("|")
    zh, en = zh.strip(), (en.strip() if _bar else zh.strip())
    if not eq or not axis or not zh or not en or "|" in en:
        raise _invalid(_("Options look like color=白色|White;size=M|M"), "options")
    if axis not in lk.axes:
        raise _invalid(_("Unknown option axis: %(axis)s") % {"axis": axis}, "options")
    domain.check_name(zh, "options", 80)
    domain.check_name(en, "options", 80)
    return (axis, zh, en)


def options(raw: str, lk: Lookups) -> list[tuple[str, str, str]]:
    """'color=白色|White;size=M|M' -> [(axis, zh, en)]; 'size=M' means the same in both."""
    parsed = [_option(p, lk) for p in raw.split(";") if p.strip()]
    axes = [a for a, _zh, _en in parsed]
    if len(set(axes)) != len(axes):
        raise _invalid(_("Each option axis at most once"), "options")
    return parsed


PRODUCT_PARSERS: dict[str, Callable[[str, Lookups], Any]] = {
    "name_zh": _name("name_zh"),
    "name_en": _name("name_en"),
    "category_slug": _category,
    "brand_slug": _brand,
    "status": _status,
    "featured": _flag,
    "subtitle_zh": _text("subtitle_zh", 300),
    "subtitle_en": _text("subtitle_en", 300),
    "description_zh": _text("description_zh", 20000),
    "description_en": _text("description_en", 20000),
}
SKU_PARSERS: dict[str, Callable[[str, Lookups], Any]] = {
    "barcode": lambda raw, _lk: domain.check_barcode(raw),
    "price": lambda raw, _lk: amount(raw, "price", allow_zero=False),
    "cost": lambda raw, _lk: amount(raw, "cost", allow_zero=True),
    "weight_g": _weight,
    "options": options,
    "image": _text("image", 300),
}
