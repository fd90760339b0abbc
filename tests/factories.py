"""Test factories built on the real services, so tests exercise the same rules as the admin."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mercato.catalog.services import products, taxonomy
from mercato.catalog.services.products import ProductData, SkuData
from mercato.inventory import services as stock


def base_taxonomy(tx: Session) -> dict[str, Any]:
    for i, (code, zh, en) in enumerate(
        [("color", "颜色", "Colour"), ("size", "尺码", "Size"), ("capacity", "容量", "Capacity")]
    ):
        taxonomy.save_axis(tx, code, zh, en, i)
    taxonomy.save_attribute(tx, "origin", "产地", "Origin")
    root = taxonomy.save_category(tx, None, "apparel", "服饰", "Apparel")
    tees = taxonomy.save_category(tx, None, "t-shirts", "T恤", "T-shirts", root.id)
    cups = taxonomy.save_category(tx, None, "cups", "杯具", "Cups")
    brand = taxonomy.save_brand(tx, None, "north-hill", "北山", "North Hill")
    other = taxonomy.save_brand(tx, None, "blue-lake", "蓝湖", "Blue Lake")
    wh = stock.create_warehouse(tx, "SH", "上海仓", "Shanghai", "East China", province="上海市")
    return {
        "root": root.id,
        "tees": tees.id,
        "cups": cups.id,
        "brand": brand.id,
        "other_brand": other.id,
        "warehouse": wh.id,
    }


def make_product(
    tx: Session,
    t: dict[str, Any],
    slug: str,
    name_zh: str,
    name_en: str,
    skus: list[tuple[str, int, list[tuple[str, str, str]]]],
    *,
    category: str = "tees",
    brand: str = "brand",
    stock_qty: int = 10,
    activate: bool = True,
) -> dict[str, Any]:
    p = products.create_product(
        tx,
        ProductData(
            slug=slug,
            name_zh=name_zh,
            name_en=name_en,
            category_id=t[category],
            brand_id=t[brand],
            description_zh="纯棉面料，舒适透气。",
            description_en="Pure cotton, soft and breathable.",
            attributes=[("origin", "中国", "China")],
        ),
    )
    ids = []
    for code, price, options in skus:
        sku = products.add_sku(
            tx,
            p.id,
            SkuData(code=code, price=price, cost=price // 2, weight_g=200, options=options),
        )
        if stock_qty:
            stock.set_on_hand(tx, sku.id, t["warehouse"], stock_qty, "initial", "test")
        ids.append(sku.id)
    if activate:
        products.set_status(tx, p.id, "active")
    return {"id": p.id, "slug": slug, "skus": ids}


def tee_skus(prefix: str, price: int = 9900) -> list[tuple[str, int, list[tuple[str, str, str]]]]:
    out = []
    for color_zh, color_en in (("白色", "White"), ("黑色", "Black")):
        for size in ("M", "L"):
            out.append(
                (
                    f"{prefix}-{color_en[:2].upper()}-{size}",
                    price + (500 if size == "L" else 0),
                    [("color", color_zh, color_en), ("size", size, size)],
                )
            )
    return out


def small_shop(tx: Session) -> dict[str, Any]:
    t = base_taxonomy(tx)
    tee = make_product(
        tx, t, "cotton-tee", "纯棉圆领T恤", "Cotton crew-neck T-shirt", tee_skus("TEE")
    )
    polo = make_product(
        tx,
        t,
        "linen-polo",
        "亚麻Polo衫",
        "Linen polo shirt",
        tee_skus("POLO", 19900),
        brand="other_brand",
    )
    cup = make_product(
        tx,
        t,
        "ceramic-mug",
        "陶瓷马克杯",
        "Ceramic mug",
        [
            ("MUG-350", 3900, [("capacity", "350毫升", "350 ml")]),
            ("MUG-500", 4900, [("capacity", "500毫升", "500 ml")]),
        ],
        category="cups",
    )
    draft = make_product(
        tx,
        t,
        "secret-draft",
        "未上架商品",
        "Unreleased item",
        [("DRAFT-1", 1000, [])],
        category="cups",
        activate=False,
    )
    return {**t, "tee": tee, "polo": polo, "cup": cup, "draft": draft}
