"""Create and edit products and their SKUs."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from mercato.catalog import domain
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters import rich_text
from mercato.catalog.adapters.tables import (
    Attribute,
    OptionAxis,
    Product,
    ProductAttribute,
    Sku,
)
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict, DomainError


@dataclass
class ProductData:
    slug: str
    name_zh: str
    name_en: str
    category_id: int
    brand_id: int | None = None
    subtitle_zh: str = ""
    subtitle_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    featured: bool = False
    image: str | None = None  # the main picture's address; None keeps the product's own
    attributes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class SkuData:
    code: str
    price: int
    cost: int = 0
    barcode: str = ""
    weight_g: int = 0
    image: str = ""
    active: bool = True
    # (axis code, value zh, value en)
    options: list[tuple[str, str, str]] = field(default_factory=list)


def _check_product(tx: Session, data: ProductData, product_id: int | None) -> None:
    slug = domain.check_slug(data.slug)  # stripped, as _apply stores it
    domain.check_url(data.image or "", "image")
    domain.check_name(data.name_zh, "name_zh")
    domain.check_name(data.name_en, "name_en")
    domain.check_name(data.subtitle_zh or "-", "subtitle_zh", 300)
    domain.check_name(data.subtitle_en or "-", "subtitle_en", 300)
    repo.get_category(tx, data.category_id)
    if data.brand_id is not None:
        repo.get_brand(tx, data.brand_id)
    if repo.slug_taken(tx, Product, slug, product_id):
        raise Conflict("catalog.slug_taken", "Another product uses this slug", "slug")
    known = {c for (c,) in tx.query(Attribute.code)}
    for code, zh, en in data.attributes:
        if code not in known:
            raise DomainError(
                "catalog.unknown_attribute", f"Unknown attribute {code}", "attributes"
            )
        domain.check_name(zh, "attributes", 120)
        domain.check_name(en, "attributes", 120)
    for name in ("description_zh", "description_en"):
        if len(rich_text.clean(getattr(data, name))) > rich_text.MAX_LENGTH:
            raise DomainError("catalog.too_long", "This text is too long", name)


def _apply(product: Product, data: ProductData) -> None:
    for name in (
        "slug",
        "name_zh",
        "name_en",
        "category_id",
        "brand_id",
        "subtitle_zh",
        "subtitle_en",
        "featured",
    ):
        value = getattr(data, name)
        setattr(product, name, value.strip() if isinstance(value, str) else value)
    # Descriptions are stored cleaned: a merchant's HTML keeps only the safe subset.
    product.description_zh = rich_text.clean(data.description_zh)
    product.description_en = rich_text.clean(data.description_en)
    if data.image is not None:
        product.image = data.image.strip()


def _save_attributes(tx: Session, product_id: int, attrs: list[tuple[str, str, str]]) -> None:
    tx.execute(delete(ProductAttribute).where(ProductAttribute.product_id == product_id))
    if attrs:
        tx.execute(
            insert(ProductAttribute),
            [
                {
                    "product_id": product_id,
                    "attribute_code": c,
                    "value_zh": zh.strip(),
                    "value_en": en.strip(),
                }
                for c, zh, en in attrs
            ],
        )


def create_product(tx: Session, data: ProductData) -> Product:
    _check_product(tx, data, None)
    product = Product(status="draft", image="")
    _apply(product, data)
    tx.add(product)
    tx.flush()
    _save_attributes(tx, product.id, data.attributes)
    repo.reindex(tx, product)
    repo.bump_version(tx)
    return product


def update_product(tx: Session, product_id: int, data: ProductData) -> Product:
    product = repo.get_product(tx, product_id)
    _check_product(tx, data, product_id)
    _apply(product, data)
    tx.flush()
    _save_attributes(tx, product.id, data.attributes)
    repo.reindex(tx, product)
    repo.bump_version(tx)
    return product


def set_status(tx: Session, product_id: int, status: str) -> Product:
    product = repo.get_product(tx, product_id)
    domain.check_choice(status, domain.STATUSES, "status")
    if status == "active":
        domain.check_can_activate(repo.active_prices(tx, product_id))
    product.status = status
    repo.bump_version(tx)
    return product


def delete_product(tx: Session, product_id: int) -> None:
    product = repo.get_product(tx, product_id)
    if product.status == "active":
        raise Conflict(
            "catalog.product_on_sale", "Archive the product before deleting it", "status"
        )
    for sku_id in repo.sku_options(tx, product_id):
        inventory.forget_sku(tx, sku_id)
    tx.delete(product)
    repo.bump_version(tx)


def _check_sku(tx: Session, product_id: int, data: SkuData, sku_id: int | None) -> dict[str, str]:
    domain.check_sku_code(data.code)
    domain.check_barcode(data.barcode)
    domain.check_amount(data.price, "price", allow_zero=False)
    domain.check_amount(data.cost, "cost")
    domain.check_weight(data.weight_g)
    domain.check_url(data.image, "image")
    if repo.sku_code_taken(tx, data.code.strip(), sku_id):
        raise Conflict("catalog.sku_code_taken", "Another SKU uses this code", "code")
    combination = {a: en.strip() for a, _zh, en in data.options}
    if len(combination) != len(data.options):
        raise DomainError("catalog.duplicate_axis", "Each axis at most once", "options")
    for _a, zh, en in data.options:
        domain.check_name(zh, "options", 80)
        domain.check_name(en, "options", 80)
    domain.check_options(combination, (c for (c,) in tx.query(OptionAxis.code)))
    siblings = {k: v for k, v in repo.sku_options(tx, product_id).items() if k != sku_id}
    domain.check_same_axes(combination, list(siblings.values()))
    domain.check_combination_free(combination, siblings.values())
    return combination


def add_skus(tx: Session, product_id: int, items: list[SkuData]) -> list[Sku]:
    """Add several SKUs; the search index and price range are rebuilt once at the end."""
    product = repo.get_product(tx, product_id)
    created = []
    for data in items:
        _check_sku(tx, product_id, data, None)
        sku = Sku(
            product_id=product_id,
            code=data.code.strip(),
            barcode=data.barcode.strip(),
            price=data.price,
            cost=data.cost,
            weight_g=data.weight_g,
            image=data.image,
            active=data.active,
            currency=product.currency,
        )
        tx.add(sku)
        tx.flush()
        repo.replace_sku_options(tx, sku, data.options)
        inventory.register_sku(tx, sku.id, sku.code)
        created.append(sku)
    repo.refresh_price_range(tx, product)
    repo.reindex(tx, product)
    repo.bump_version(tx)
    return created


def add_sku(tx: Session, product_id: int, data: SkuData) -> Sku:
    return add_skus(tx, product_id, [data])[0]


def update_sku(tx: Session, sku_id: int, data: SkuData) -> Sku:
    sku = repo.get_sku(tx, sku_id)
    product = repo.get_product(tx, sku.product_id)
    _check_sku(tx, sku.product_id, data, sku_id)
    old_code = sku.code
    sku.code, sku.barcode = data.code.strip(), data.barcode.strip()
    sku.price, sku.cost, sku.weight_g = data.price, data.cost, data.weight_g
    sku.image, sku.active = data.image, data.active
    tx.flush()
    repo.replace_sku_options(tx, sku, data.options)
    if old_code != sku.code:
        inventory.rename_sku(tx, sku.id, sku.code)
    repo.refresh_price_range(tx, product)
    if product.status == "active":
        domain.check_can_activate(repo.active_prices(tx, product.id))
    repo.reindex(tx, product)
    repo.bump_version(tx)
    return sku


def delete_sku(tx: Session, sku_id: int) -> None:
    sku = repo.get_sku(tx, sku_id)
    product = repo.get_product(tx, sku.product_id)
    inventory.forget_sku(tx, sku.id)
    tx.delete(sku)
    tx.flush()
    repo.refresh_price_range(tx, product)
    if product.status == "active":
        domain.check_can_activate(repo.active_prices(tx, product.id))
    repo.reindex(tx, product)
    repo.bump_version(tx)
