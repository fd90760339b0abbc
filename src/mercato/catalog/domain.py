"""Catalogue rules, free of web and database code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from mercato.kernel.errors import DomainError

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SKU_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
STATUSES = ("draft", "active", "archived")
ARTICLE_KINDS = ("ingredients", "care", "usage", "faq")
BLOCK_KINDS = ("video", "case")
MAX_PRICE = 100_000_000_00  # one hundred million yuan: anything above is a typo
# No-reason returns: the law's 7 days unless a category says otherwise (0 = none, for goods
# the law exempts: fresh food, custom-made, opened digital content, underwear...).
RETURNS_DAYS_DEFAULT = 7
RETURNS_DAYS_MAX = 90
# VAT rates a category may set, in basis points: the rates and levy rates China's VAT has on
# goods and services (13% most goods, 9% farm produce and books, 6% services, 5% / 3% / 1%
# simplified levies, 0% exempt or exported). A category without one takes its parent's, 13%
# at the top (adapters/queries/tax.py).
TAX_RATES_BP = (0, 100, 300, 500, 600, 900, 1300)


def check_slug(value: str, field: str = "slug", max_len: int = 120) -> str:
    v = (value or "").strip()
    if not v or len(v) > max_len or not SLUG_RE.match(v):
        raise DomainError(
            "catalog.invalid_slug", "Use lowercase letters, digits and single hyphens", field
        )
    return v


def check_name(value: str, field: str, max_len: int = 200) -> str:
    v = (value or "").strip()
    if not v:
        raise DomainError("catalog.required", "This field is required", field)
    if len(v) > max_len:
        raise DomainError("catalog.too_long", f"At most {max_len} characters", field)
    return v


def check_sku_code(value: str, field: str = "code") -> str:
    v = (value or "").strip()
    if not SKU_CODE_RE.match(v):
        raise DomainError(
            "catalog.invalid_sku_code",
            "SKU code: 1-64 letters, digits, dot, dash or underscore",
            field,
        )
    return v


def check_barcode(value: str, field: str = "barcode") -> str:
    """Empty, or a GTIN-8/12/13/14 whose check digit is right (ASCII digits: "²" is a digit
    to str.isdigit, not to int)."""
    v = (value or "").strip()
    if not v:
        return ""
    digits = v.isascii() and v.isdigit()
    if not digits or len(v) not in (8, 12, 13, 14) or gtin_check_digit(v[:-1]) != int(v[-1]):
        raise DomainError("catalog.invalid_barcode", "Not a valid GTIN/EAN barcode", field)
    return v


def gtin_check_digit(body: str) -> int:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def check_amount(value: int, field: str, allow_zero: bool = True) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("catalog.invalid_amount", "Amount must be an integer of fen", field)
    if value < 0 or (value == 0 and not allow_zero):
        raise DomainError("catalog.invalid_amount", "Amount must be positive", field)
    if value > MAX_PRICE:
        raise DomainError("catalog.invalid_amount", "Amount is too large", field)
    return value


def check_weight(value: int, field: str = "weight_g") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
        raise DomainError("catalog.invalid_weight", "Weight in grams, 0 to 1,000,000", field)
    return value


def check_choice(value: str, choices: Sequence[str], field: str) -> str:
    if value not in choices:
        raise DomainError("catalog.invalid_choice", f"Choose one of: {', '.join(choices)}", field)
    return value


def check_options(options: dict[str, str], axes: Iterable[str]) -> dict[str, str]:
    """A SKU names one value for each axis it uses, and only known axes."""
    known = set(axes)
    for axis, value in options.items():
        if axis not in known:
            raise DomainError("catalog.unknown_axis", f"Unknown option axis {axis}", "options")
        if not (value or "").strip():
            raise DomainError("catalog.required", f"Value for {axis} is required", "options")
    return options


def check_combination_free(
    combination: dict[str, str], existing: Iterable[dict[str, str]], field: str = "options"
) -> None:
    key = tuple(sorted(combination.items()))
    for other in existing:
        if tuple(sorted(other.items())) == key:
            raise DomainError(
                "catalog.duplicate_variant", "Another SKU already has these option values", field
            )


def check_same_axes(combination: dict[str, str], siblings: Sequence[dict[str, str]]) -> None:
    """All SKUs of a product vary along the same axes, or the variant picker cannot work."""
    if siblings and set(siblings[0]) != set(combination):
        raise DomainError(
            "catalog.axes_mismatch",
            f"SKUs of this product use axes: {', '.join(sorted(siblings[0])) or 'none'}",
            "options",
        )


def check_can_activate(active_sku_prices: Sequence[int]) -> None:
    if not active_sku_prices:
        raise DomainError(
            "catalog.no_sellable_sku",
            "A product needs an active SKU before it can go on sale",
            "status",
        )


def price_range(active_sku_prices: Sequence[int]) -> tuple[int, int]:
    if not active_sku_prices:
        return (0, 0)
    return (min(active_sku_prices), max(active_sku_prices))


def check_url(value: str, field: str) -> str:
    """Empty, a /path on this site, or an absolute http(s) URL (never javascript: and co.)."""
    v = (value or "").strip()
    if v and not (v.startswith(("/", "https://", "http://")) and not v.startswith("//")):
        raise DomainError("catalog.invalid_url", "Use an absolute http(s) URL or a /path", field)
    if len(v) > 300:
        raise DomainError("catalog.too_long", "URL too long", field)
    return v


def check_parent(category_id: int | None, parent_path: str | None) -> None:
    """A category cannot move under itself or one of its descendants."""
    if category_id is not None and parent_path and f"/{category_id}/" in parent_path:
        raise DomainError(
            "catalog.category_cycle", "A category cannot be its own ancestor", "parent_id"
        )


def check_returns_days(value: int | None, field: str = "returns_days") -> int | None:
    """A category's no-reason returns: None (as its parent), 0 (none) or 7 to 90 days (never
    fewer than the law's 7)."""
    if value is None:
        return None
    ok = isinstance(value, int) and not isinstance(value, bool)
    if not ok or not (value == 0 or RETURNS_DAYS_DEFAULT <= value <= RETURNS_DAYS_MAX):
        raise DomainError(
            "catalog.invalid_returns_days", "No-reason returns: 0 (none) or 7 to 90 days", field
        )
    return value


def check_tax_rate_bp(value: int | None, field: str = "tax_rate_bp") -> int | None:
    """A category's VAT rate: None (as its parent) or one of TAX_RATES_BP."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in TAX_RATES_BP:
        raise DomainError(
            "catalog.invalid_tax_rate", "VAT rate: 0%, 1%, 3%, 5%, 6%, 9% or 13%", field
        )
    return value


def inherited_returns_days(settings: Iterable[tuple[int, int]]) -> int:
    """The no-reason returns days of a category, from (depth, days) of itself and those of its
    ancestors that set a value: the deepest one wins, and with none the default."""
    return max(settings, default=(-1, RETURNS_DAYS_DEFAULT))[1]


@dataclass(frozen=True, slots=True)
class CampaignBand:
    """A campaign running on a product's SKU, as its band on the product page shows it (the
    flash sale or group deal's own context says what; the catalogue only shows it)."""

    kind: str  # "flash", "group", "presale": the band's colour and test id
    sku_id: int
    price_fen: int
    list_fen: int  # the SKU's own price, struck through beside the campaign's
    ends_at: datetime  # naive UTC: the countdown's end
    href: str  # where the shopper acts on it
    # English msgids the page translates (the band is cached for every language): the
    # title ("Flash sale"), the button ("Buy now") and a note with %(n)s for `count`
    # ("Only %(n)s left"); `size` fills %(size)s in the title ("%(size)s-person group").
    title: str
    action: str
    note: str = ""
    count: int = 0
    size: int = 0
    # A presale's two parts of one unit (deposit, what it counts as, balance), in fen.
    parts: tuple[int, int, int] | None = None
