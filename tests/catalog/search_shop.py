"""A small catalogue for the search tests: products with chosen names, descriptions and sales
(tests/factories.py's products all share one description)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product
from mercato.catalog.services import products
from mercato.catalog.services.products import ProductData, SkuData
from tests.factories import base_taxonomy

# slug, name zh, name en, description zh, description en, sales
ITEMS = (
    ("teapot", "玻璃茶壶", "Glass teapot", "耐热玻璃。", "Heat-proof glass.", 5),
    ("green-tea", "明前绿茶", "Green tea", "清香回甘。", "Fresh and sweet.", 3),
    (
        "wide-bottle",
        "宽口径奶瓶",
        "Wide-neck baby bottle",
        "冲奶时先加水再加奶粉，摇匀后试温。",
        "Add water before the formula.",
        40,
    ),
    ("hand-warmer", "充电暖手宝", "Rechargeable hand warmer", "冬天必备。", "For winter.", 7),
    ("power-bank", "迷你充电宝", "Mini power bank", "小巧便携。", "Small and light.", 30),
    ("steel-flask", "不锈钢保温杯", "Steel vacuum flask", "长效保温。", "Keeps warm.", 20),
    ("lunch-box", "保温饭盒", "Insulated lunch box", "分格设计。", "Split design.", 2),
)


def add_product(
    tx: Session,
    t: dict[str, Any],
    slug: str,
    names: tuple[str, str],
    texts: tuple[str, str],
    sales: int = 0,
    category: str = "cups",
) -> int:
    p = products.create_product(
        tx,
        ProductData(
            slug=slug,
            name_zh=names[0],
            name_en=names[1],
            category_id=t[category],
            brand_id=t["brand"],
            description_zh=texts[0],
            description_en=texts[1],
        ),
    )
    products.add_sku(tx, p.id, SkuData(code=slug.upper(), price=2900))
    products.set_status(tx, p.id, "active")
    # Sales are counted by orders; a test sets them directly.
    tx.execute(update(Product).where(Product.id == p.id).values(sales_count=sales))
    return p.id


def search_shop(tx: Session) -> dict[str, Any]:
    t = base_taxonomy(tx)
    ids = {s: add_product(tx, t, s, (zh, en), (dz, de), n) for s, zh, en, dz, de, n in ITEMS}
    return {**t, "ids": ids}
