"""Write one product group through the catalogue services, so every domain rule applies.
Each group runs in a savepoint and each SKU row in a nested one: a bad row is rolled back on
its own. Unchanged products and SKUs are not touched (a re-import of an export is a no-op)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product, Sku
from mercato.catalog.services import products
from mercato.catalog.services.csv_io.columns import COLUMNS, Lookups
from mercato.catalog.services.csv_io.lookups import attributes, sku_options
from mercato.catalog.services.csv_io.rows import Group, ProductRow, SkuRow
from mercato.catalog.services.products import ProductData, SkuData
from mercato.kernel.csvreport import ImportReport
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import gettext_ as _

FIELD_COLUMNS = {
    "slug": "product_slug",
    "category_id": "category_slug",
    "brand_id": "brand_slug",
    "product_id": "product_slug",
    "attributes": "product_slug",
    "code": "sku_code",
    "sku_id": "sku_code",
}
PRODUCT_KEYS = (
    "name_zh",
    "name_en",
    "category_id",
    "brand_id",
    "subtitle_zh",
    "subtitle_en",
    "description_zh",
    "description_en",
    "featured",
    "image",
)
SKU_KEYS = ("code", "barcode", "price", "cost", "weight_g", "image", "active")


def column_of(exc: DomainError) -> str:
    name = exc.field or ""
    return FIELD_COLUMNS.get(name, name if name in COLUMNS else "row")


def _product_data(row: ProductRow, product: Product | None, attrs: list[Any]) -> ProductData:
    v = row.values

    def pick(column: str, current: Any, default: Any = "") -> Any:
        if column in v:
            return v[column]
        return current if product is not None else default

    def cur(name: str) -> Any:
        return getattr(product, name) if product is not None else None

    sku = row.sku
    first_image = sku.values.get("image", "") if sku is not None else ""
    return ProductData(
        slug=row.slug,
        name_zh=v["name_zh"],
        name_en=v["name_en"],
        category_id=v["category_slug"],
        brand_id=pick("brand_slug", cur("brand_id"), None),
        subtitle_zh=pick("subtitle_zh", cur("subtitle_zh")),
        subtitle_en=pick("subtitle_en", cur("subtitle_en")),
        description_zh=pick("description_zh", cur("description_zh")),
        description_en=pick("description_en", cur("description_en")),
        featured=pick("featured", cur("featured"), False),
        image=product.image if product is not None else first_image,
        attributes=attrs,
    )


def _upsert_product(tx: Session, row: ProductRow, lk: Lookups) -> tuple[int, bool]:
    product_id = lk.products.get(row.slug)
    if product_id is None:
        return products.create_product(tx, _product_data(row, None, [])).id, True
    product = tx.get(Product, product_id)
    assert product is not None
    data = _product_data(row, product, attributes(tx, product_id))
    if all(getattr(data, k) == getattr(product, k) for k in PRODUCT_KEYS):
        return product_id, False
    products.update_product(tx, product_id, data)
    return product_id, True


def _upsert_sku(tx: Session, product_id: int, row: SkuRow, lk: Lookups) -> bool:
    v = row.values
    known = lk.skus.get(row.code)
    if known is None:
        data = SkuData(
            code=row.code,
            price=v["price"],
            cost=v.get("cost", 0),
            barcode=v.get("barcode", ""),
            weight_g=v.get("weight_g", 0),
            image=v.get("image", ""),
            options=v.get("options", []),
        )
        products.add_sku(tx, product_id, data)
        return True
    sku = tx.get(Sku, known[0])
    assert sku is not None
    current = sku_options(tx, sku.id)
    data = SkuData(
        code=row.code,
        price=v["price"],
        cost=v.get("cost", sku.cost),
        barcode=v.get("barcode", sku.barcode),
        weight_g=v.get("weight_g", sku.weight_g),
        image=v.get("image", sku.image),
        active=sku.active,
        options=v.get("options", current),
    )
    same = all(getattr(data, k) == getattr(sku, k) for k in SKU_KEYS)
    if same and sorted(data.options) == current:
        return False
    products.update_sku(tx, sku.id, data)
    return True


def _set_status(tx: Session, product_id: int, row: ProductRow) -> bool:
    wanted = row.values.get("status")
    product = tx.get(Product, product_id)
    if wanted is None or product is None or product.status == wanted:
        return False
    products.set_status(tx, product_id, wanted)
    return True


def _fail_group(group: Group, exc: DomainError, report: ImportReport) -> None:
    report.add(group.first.line, column_of(exc), _(exc.message))
    for row in group.rows:
        if row is not group.first and row.ok:
            reason = _("Not imported: the product on line %(line)s was refused")
            report.add(row.line, "product_slug", reason % {"line": group.first.line})


def _skus(tx: Session, product_id: int, group: Group, lk: Lookups, report: ImportReport) -> int:
    """Returns how many SKU rows changed; a refused row is rolled back and reported."""
    changed = 0
    for row in group.rows:
        if row.sku is None:
            continue
        savepoint = tx.begin_nested()
        try:
            changed += _upsert_sku(tx, product_id, row.sku, lk)
        except DomainError as exc:
            savepoint.rollback()
            report.add(row.line, column_of(exc), _(exc.message))
            row.ok = False
            continue
        savepoint.commit()
    return changed


def apply_group(tx: Session, group: Group, lk: Lookups, report: ImportReport) -> None:
    savepoint = tx.begin_nested()
    try:
        product_id, product_changed = _upsert_product(tx, group.first, lk)
        sku_changes = _skus(tx, product_id, group, lk, report)
        product_changed = _set_status(tx, product_id, group.first) or product_changed
    except DomainError as exc:
        savepoint.rollback()
        _fail_group(group, exc, report)
        return
    savepoint.commit()
    done = [r for r in group.rows if r.ok]
    written = len(done) if product_changed else sku_changes
    report.written += written
    report.unchanged += len(done) - written
