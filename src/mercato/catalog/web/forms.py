"""Admin form parsing: raw form fields into service inputs (ProductData, SkuData, fen amounts),
and DomainErrors into per-field messages the form shows next to the user's own input."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from starlette.datastructures import FormData

from mercato.catalog import domain
from mercato.catalog.services.products import ProductData, SkuData
from mercato.kernel.errors import DomainError
from mercato.kernel.money import Money
from mercato.platform.i18n import gettext_ as _

T = TypeVar("T")
Values = dict[str, Any]

# Codes whose service message is built with f-strings: show a fixed, translatable text instead.
_FIXED_MESSAGES: dict[str, str] = {
    "catalog.too_long": "This text is too long",
    "catalog.invalid_choice": "Choose one of the listed values",
    "catalog.required": "This field is required",
    "catalog.unknown_attribute": "Unknown attribute",
    "catalog.unknown_axis": "Unknown option axis",
    "catalog.axes_mismatch": "All SKUs of a product must use the same option axes",
    "money.invalid": "Enter an amount in yuan, e.g. 59.90",
}


def message_for(exc: DomainError) -> str:
    """The translated text to show for a domain error."""
    return _(_FIXED_MESSAGES.get(exc.code, exc.message))


class FieldErrors(dict[str, str]):
    """Field name -> message; the first error for a field wins."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, message)

    def add_error(self, exc: DomainError, default_field: str = "form") -> None:
        self.add(exc.field or default_field, message_for(exc))

    def check(self, fn: Callable[[], T], default_field: str = "form") -> T | None:
        try:
            return fn()
        except DomainError as exc:
            self.add_error(exc, default_field)
            return None


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def texts(form: FormData, name: str) -> list[str]:
    return [v.strip() if isinstance(v, str) else "" for v in form.getlist(name)]


def checkbox(form: FormData, name: str) -> bool:
    return text(form, name) not in ("", "0", "off", "false")


def fen_to_yuan(fen: int | None) -> str:
    return "" if fen is None else Money(int(fen)).format()


def yuan_to_fen(raw: str, field: str, errors: FieldErrors, required: bool = True) -> int | None:
    """'59', '59.9' or '59.90' yuan -> 5990 fen, exactly; a field error otherwise."""
    raw = raw.strip().replace("¥", "").replace(",", "")
    if not raw:
        if required:
            errors.add(field, _("This field is required"))
            return None
        return 0
    try:
        fen = Money.parse(raw).minor
    except DomainError:
        errors.add(field, _("Enter an amount in yuan, e.g. 59.90"))
        return None
    if fen < 0:
        errors.add(field, _("The amount cannot be negative"))
        return None
    return fen


def whole_number(
    raw: str, field: str, errors: FieldErrors, default: int = 0, upper: int = 1_000_000
) -> int | None:
    raw = raw.strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 15 or int(raw) > upper:
        errors.add(field, _("Enter a whole number from 0 to %(max)s") % {"max": upper})
        return None
    return int(raw)


def record_id(raw: str, field: str, errors: FieldErrors, required: bool) -> int | None:
    raw = raw.strip()
    if not raw:
        if required:
            errors.add(field, _("Choose a value"))
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 15:
        errors.add(field, _("Choose one of the listed values"))
        return None
    return int(raw)


def split_refs(raw: str) -> list[str]:
    """Comma, Chinese comma, semicolon or newline separated references, in order, no repeats."""
    out: list[str] = []
    for part in re.split(r"[,，;；\s]+", raw):
        if part and part not in out:
            out.append(part)
    return out


PRODUCT_TEXT_FIELDS = (
    "slug",
    "name_zh",
    "name_en",
    "subtitle_zh",
    "subtitle_en",
    "description_zh",
    "description_en",
    "category_id",
    "brand_id",
    "images",
)


def product_values(form: FormData) -> Values:
    """The product form as typed, for parsing and for re-rendering."""
    values: Values = {name: text(form, name) for name in PRODUCT_TEXT_FIELDS}
    values["featured"] = checkbox(form, "featured")
    rows = zip(
        texts(form, "attr_code"), texts(form, "attr_zh"), texts(form, "attr_en"), strict=False
    )
    values["attributes"] = [r for r in rows if any(r)]
    return values


def product_data(values: Values, errors: FieldErrors) -> ProductData | None:
    """ProductData when the form is complete; otherwise None with the errors recorded."""
    precheck_named(values, errors)
    category_id = record_id(values["category_id"], "category_id", errors, required=True)
    brand_id = record_id(values["brand_id"], "brand_id", errors, required=False)
    for code, zh, en in values["attributes"]:
        if not code:
            errors.add("attributes", _("Choose the attribute for each value row"))
        elif not (zh and en):
            errors.add("attributes", _("Give each attribute a Chinese and an English value"))
    if errors or category_id is None:
        return None
    return ProductData(
        slug=values["slug"],
        name_zh=values["name_zh"],
        name_en=values["name_en"],
        category_id=category_id,
        brand_id=brand_id,
        subtitle_zh=values["subtitle_zh"],
        subtitle_en=values["subtitle_en"],
        description_zh=values["description_zh"],
        description_en=values["description_en"],
        featured=bool(values["featured"]),
        attributes=list(values["attributes"]),
    )


def image_urls(values: Values) -> list[str]:
    return [line.strip() for line in str(values.get("images", "")).splitlines() if line.strip()]


SKU_TEXT_FIELDS = ("code", "barcode", "price", "cost", "weight_g", "image")


def check_url(value: str, field: str, errors: FieldErrors) -> None:
    """Empty, a /path on this site or an absolute http(s) URL, within the 300-character column."""
    if value and not value.startswith(("/", "https://", "http://")):
        errors.add(field, _("Use an absolute http(s) URL or a /path"))
    elif len(value) > 300:
        errors.add(field, _("URL too long"))


def sku_values(form: FormData, axis_codes: list[str]) -> Values:
    values: Values = {name: text(form, name) for name in SKU_TEXT_FIELDS}
    values["active"] = checkbox(form, "active")
    values["options"] = {
        a: (text(form, f"opt_zh.{a}"), text(form, f"opt_en.{a}")) for a in axis_codes
    }
    return values


def _options(values: Values, fixed_axes: bool, errors: FieldErrors) -> list[tuple[str, str, str]]:
    out = []
    for axis_code, (zh, en) in values["options"].items():
        if not zh and not en and not fixed_axes:
            continue  # the first SKU picks the axes the product varies along
        if not zh or not en:
            errors.add(f"opt.{axis_code}", _("Give the value in Chinese and in English"))
            continue
        if len(zh) > 80 or len(en) > 80:
            errors.add(f"opt.{axis_code}", _("At most %(max)s characters") % {"max": 80})
            continue
        out.append((axis_code, zh, en))
    return out


def sku_data(values: Values, fixed_axes: bool, errors: FieldErrors) -> SkuData | None:
    """SkuData with prices converted from yuan, or None with the errors recorded."""
    errors.check(lambda: domain.check_sku_code(values["code"]))
    errors.check(lambda: domain.check_barcode(values["barcode"]))
    price = yuan_to_fen(values["price"], "price", errors)
    if price == 0:
        errors.add("price", _("Amount must be positive"))
    cost = yuan_to_fen(values["cost"], "cost", errors, required=False)
    weight = whole_number(values["weight_g"], "weight_g", errors)
    check_url(values["image"], "image", errors)
    options = _options(values, fixed_axes, errors)
    if errors or price is None or cost is None or weight is None:
        return None
    return SkuData(
        code=values["code"],
        price=price,
        cost=cost,
        barcode=values["barcode"],
        weight_g=weight,
        image=values["image"],
        active=bool(values["active"]),
        options=options,
    )


def named_values(form: FormData, fields: tuple[str, ...]) -> Values:
    return {name: text(form, name) for name in fields}


def precheck_named(
    values: Values, errors: FieldErrors, slug: bool = True, limits: dict[str, int] | None = None
) -> None:
    """Slug and both names checked up front, so one submit reports all of them at once;
    `limits` caps other fields at their column width."""
    if slug:
        errors.check(lambda: domain.check_slug(values["slug"]))
    for name in ("name_zh", "name_en"):
        errors.check(partial(domain.check_name, values[name], name))
    for name, limit in (limits or {}).items():
        if len(values.get(name) or "") > limit:
            errors.add(name, _("At most %(max)s characters") % {"max": limit})
