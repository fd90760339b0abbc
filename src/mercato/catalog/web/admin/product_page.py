"""The product edit page brings several forms together (product, SKUs, content blocks, status);
this builds its context so that any of them can re-render the page with its own errors."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mercato.catalog.adapters import picture_files, rich_text
from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.adapters.tables import Product, ProductImage
from mercato.catalog.services import pictures
from mercato.catalog.web.forms import FieldErrors, Values, fen_to_yuan
from mercato.kernel.errors import NotFound
from mercato.platform.i18n import current_locale

EDIT_TEMPLATE = "admin/catalog/product_edit.html"
NEW_TEMPLATE = "admin/catalog/product_new.html"
SKU_TEMPLATE = "admin/catalog/sku_edit.html"
MAX_FILES = 10  # pictures in one upload


def load_product(tx: Session, product_id: int) -> Product:
    product = q.get(tx, Product, product_id)
    if product is None:
        raise NotFound("catalog.product_not_found", "No such product", "product_id")
    return product


def stored_values(tx: Session, product: Product) -> Values:
    """The product form filled from the database."""
    return {
        "slug": product.slug,
        "name_zh": product.name_zh,
        "name_en": product.name_en,
        "subtitle_zh": product.subtitle_zh,
        "subtitle_en": product.subtitle_en,
        "description_zh": product.description_zh,
        "description_en": product.description_en,
        "category_id": str(product.category_id),
        "brand_id": str(product.brand_id or ""),
        "featured": product.featured,
        "attributes": q.product_attributes(tx, product.id),
    }


def cleaned(values: Values) -> Values:
    """The typed form with its descriptions as they would be stored: a refused form shows
    (and hands the editor) the cleaned HTML, never the markup as sent."""
    for name in ("description_zh", "description_en"):
        values[name] = rich_text.clean(str(values.get(name, "")))
    return values


def picture_limits() -> dict[str, int]:
    return {
        "mb": picture_files.MAX_BYTES // (1024 * 1024),
        "files": MAX_FILES,
        "min": picture_files.MIN_SIDE,
        "max": pictures.MAX_PICTURES,
    }


def editor_pictures(gallery: list[ProductImage]) -> list[dict[str, str]]:
    """The product's pictures the description may show (those under /media)."""
    return [
        {"thumb": p.thumb_url or p.url, "url": p.url}
        for p in gallery
        if p.url.startswith("/media/")
    ]


def axis_names(tx: Session) -> dict[str, str]:
    return {a.code: f"{a.name_zh} / {a.name_en}" for a in q.axes(tx)}


def choices(tx: Session) -> dict[str, Any]:
    """Select options shared by the product forms."""
    return {
        "categories": q.category_options(tx, current_locale.get()),
        "brands": [b for b, _n in q.brands(tx)],
        "attribute_list": q.attributes(tx),
        "axis_names": axis_names(tx),
    }


def sku_axes(
    tx: Session,
    product_id: int,
    except_sku: int | None = None,
    skus: list[q.SkuRow] | None = None,
) -> tuple[list[str], bool]:
    """The axes a SKU form asks for, and whether they are fixed by the product's other SKUs.
    Without other SKUs every axis is offered and the ones filled in become the product's."""
    all_axes = [a.code for a in q.axes(tx)]
    rows = skus if skus is not None else q.skus(tx, product_id)
    siblings = [s for s in rows if s.id != except_sku]
    if not siblings:
        return all_axes, False
    used = set(siblings[0].options)
    return [a for a in all_axes if a in used], True


def blank_sku(axis_codes: list[str]) -> Values:
    return {
        "code": "",
        "barcode": "",
        "price": "",
        "cost": "",
        "weight_g": "",
        "image": "",
        "active": True,
        "options": {a: ("", "") for a in axis_codes},
    }


def sku_stored_values(row: q.SkuRow, axis_codes: list[str]) -> Values:
    return {
        "code": row.code,
        "barcode": row.barcode,
        "price": fen_to_yuan(row.price),
        "cost": fen_to_yuan(row.cost),
        "weight_g": str(row.weight_g),
        "image": row.image,
        "active": row.active,
        "options": {a: row.options.get(a, ("", "")) for a in axis_codes},
    }


def edit_context(
    tx: Session,
    product_id: int,
    *,
    values: Values | None = None,
    errors: FieldErrors | None = None,
    sku_values: Values | None = None,
    sku_errors: FieldErrors | None = None,
    block_values: Values | None = None,
    block_errors: FieldErrors | None = None,
    action_errors: FieldErrors | None = None,
    picture_errors: list[str] | None = None,
) -> dict[str, Any]:
    """Everything the edit page shows; each form keeps the user's input when given."""
    product = load_product(tx, product_id)
    skus = q.skus(tx, product_id)
    axis_codes, fixed = sku_axes(tx, product_id, skus=skus)
    gallery = pictures.gallery(tx, product_id)
    return {
        "product": product,
        "values": values if values is not None else stored_values(tx, product),
        "errors": errors or FieldErrors(),
        "skus": skus,
        "sku_axis_codes": axis_codes,
        "sku_axes_fixed": fixed,
        "sku_values": sku_values if sku_values is not None else blank_sku(axis_codes),
        "sku_errors": sku_errors or FieldErrors(),
        "blocks": q.blocks(tx, product_id),
        "block_values": block_values or {"kind": "video"},
        "block_errors": block_errors or FieldErrors(),
        "action_errors": action_errors or FieldErrors(),
        "pictures": gallery,
        "editor_pictures": editor_pictures(gallery),
        "picture_errors": picture_errors or [],
        "picture_limits": picture_limits(),
        "fen_to_yuan": fen_to_yuan,
        **choices(tx),
    }
