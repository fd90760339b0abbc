"""Build products/stock CSV files for tests and count what the database holds."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product, Sku
from mercato.catalog.services.csv_io import COLUMNS


def product_row(slug: str = "wool-scarf", sku: str = "SCARF-RED", **over: str) -> dict[str, str]:
    row = {
        "product_slug": slug,
        "name_zh": "羊毛围巾",
        "name_en": "Wool scarf",
        "category_slug": "apparel",
        "brand_slug": "north-hill",
        "status": "active",
        "featured": "1",
        "subtitle_zh": "温暖",
        "subtitle_en": "Warm",
        "description_zh": "百分百羊毛。",
        "description_en": "Pure wool.",
        "sku_code": sku,
        "barcode": "",
        "price": "59.00",
        "cost": "20.5",
        "weight_g": "150",
        "options": "color=红色|Red",
        "image": "",
    }
    row.update(over)
    return row


def to_csv(rows: list[dict[str, str]], columns: tuple[str, ...] | list[str] = COLUMNS) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buf.getvalue().encode("utf-8")


def counts(tx: Session) -> tuple[int, int]:
    """(products, SKUs) in the catalogue."""
    return (
        tx.execute(select(func.count()).select_from(Product)).scalar_one(),
        tx.execute(select(func.count()).select_from(Sku)).scalar_one(),
    )


def errors_of(report: object) -> list[tuple[int, str]]:
    return [(e.line, e.field) for e in report.errors]  # type: ignore[attr-defined]
