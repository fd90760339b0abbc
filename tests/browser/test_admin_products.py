"""The product centre in Debian chromium on a PC (1366 px) and a tablet (820 px): the product
list (thumbnails, stock, badges), uploading two pictures and reordering them (dragging on the
PC, the arrow buttons on the tablet), the description editor, a bulk price and stock edit (a
bad cell first, refused whole, then saved), and the stock page. Screenshots in
artifacts/admin-products/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mercato.catalog.adapters.tables import Product, ProductImage, Sku
from mercato.catalog.services import knowledge
from mercato.demo import images
from mercato.inventory import services as stock
from mercato.inventory.adapters.tables import StockLevel
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from tests.factories import base_taxonomy, make_product

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "admin-products"
VIEWPORTS = {
    "pc": {"viewport": {"width": 1366, "height": 900}},
    "tablet": {"viewport": {"width": 820, "height": 1180}, "has_touch": True},
}
GOODS = [  # name, English, category for the picture, SKUs (code, price, options)
    ("多效修护精华液 30ml", "Repair serum 30 ml", "beauty-skincare", [("SERUM-30", 29900, [])]),
    (
        "婴儿纯棉连体衣 三件装",
        "Baby bodysuits, 3 pack",
        "baby-maternity",
        [("BABY-66", 12900, [("size", "66", "66")]), ("BABY-73", 12900, [("size", "73", "73")])],
    ),
    ("不粘煎锅 28cm 电磁炉通用", "Non-stick pan 28 cm", "home-kitchen", [("PAN-28", 15900, [])]),
    (
        "快充移动电源 20000mAh",
        "Power bank 20000 mAh",
        "digital-accessories",
        [
            ("PB-WH", 19900, [("color", "白色", "White")]),
            ("PB-BK", 19900, [("color", "黑色", "Black")]),
        ],
    ),
    ("轻量防泼水双肩包", "Light backpack", "apparel-bags", [("BAG-1", 25900, [])]),
    ("冻干草莓脆 100g×2", "Freeze-dried strawberries", "food-drinks", [("BERRY-2", 3990, [])]),
]


def _seed(db: Database, settings: Settings) -> dict[str, Any]:
    media = Path(settings.media_dir)
    (media / "demo").mkdir(parents=True, exist_ok=True)
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        t["bj"] = stock.create_warehouse(tx, "BJ", "北京仓", "Beijing", "North China").id
        ids = []
        for i, (zh, en, hue, skus) in enumerate(GOODS):
            p = make_product(
                tx,
                t,
                f"item-{i}",
                zh,
                en,
                skus,
                stock_qty=8 * i,
                activate=i not in (2, 5),
                category="cups" if i % 2 else "tees",
            )
            if i != 2:  # one without pictures: its first letter stands in
                (media / "demo" / f"item-{i}.svg").write_text(images.product_svg(i * 5 + 1, hue))
                knowledge.set_images(tx, p["id"], [f"/media/demo/item-{i}.svg"])
            for sku in p["skus"]:
                stock.set_on_hand(tx, sku, t["bj"], 3 * i)
            ids.append(p["id"])
        stock.reserve(tx, _sku_ids(tx, ids[1])[0], t["warehouse"], 5, "260301000001")
    return {**t, "ids": ids}


def _sku_ids(tx: Any, product_id: int) -> list[int]:
    return list(tx.scalars(select(Sku.id).where(Sku.product_id == product_id).order_by(Sku.id)))


def _png(page: Any, seed: int, hue: str) -> bytes:
    """A product picture as a real PNG: a demo illustration drawn by the browser itself."""
    page.set_viewport_size({"width": 900, "height": 900})
    page.set_content(f"<body style='margin:0'>{images.product_svg(seed, hue)}</body>")
    page.locator("svg").evaluate(
        "s => { s.setAttribute('width', 900); s.setAttribute('height', 900); }"
    )
    return page.screenshot(clip={"x": 0, "y": 0, "width": 900, "height": 900})


def _sign_in(page: Any, live_url: str, staff: dict[str, Any]) -> None:
    page.goto(f"{live_url}/admin/login")
    page.fill("#email", str(staff["email"]))
    page.fill("#password", str(staff["password"]))
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_url}/admin")


def _order(db: Database, pid: int) -> list[str]:
    with db.reading() as s:
        q = select(ProductImage.original_url).where(ProductImage.product_id == pid)
        return list(s.scalars(q.order_by(ProductImage.position)))


def _pictures(page: Any, db: Database, live_url: str, pid: int, device: str, shot: Any) -> None:
    page.goto(f"{live_url}/admin/products/{pid}")
    page.locator("[data-testid=picture-input]").set_input_files(
        [
            {"name": "front.png", "mimeType": "image/png", "buffer": PICTURES[0]},
            {"name": "side.png", "mimeType": "image/png", "buffer": PICTURES[1]},
        ]
    )
    page.locator("[data-testid=upload-pictures]").click()
    page.wait_for_url(f"**/admin/products/{pid}?flash=*")
    tiles = page.locator("[data-testid=picture]")
    assert tiles.count() == 3  # the product's own picture, then the two uploads
    before = _order(db, pid)
    shot("pictures-uploaded", "#pictures")
    if device == "pc":  # drag the last picture onto the first: the order is posted
        old = page.locator("#pictures [data-gallery]").element_handle()
        tiles.nth(2).drag_to(tiles.nth(0), target_position={"x": 10, "y": 60})
        old.wait_for_element_state("hidden")  # the card was replaced by the answer's
    else:  # no dragging on a touch screen: the arrows
        tiles.nth(2).locator("button[title='前移']").click()
        page.wait_for_url(f"**/admin/products/{pid}?flash=*")
    after = _order(db, pid)
    assert after != before and sorted(after) == sorted(before)
    shot("pictures-reordered", "#pictures")
    shot("product-edit")


def _editor(page: Any, db: Database, pid: int, shot: Any) -> None:
    editor = page.locator("[data-testid=editor-description_zh]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("亲肤面料，")
    page.keyboard.press("Control+b")
    page.keyboard.type("机洗不变形")
    editor.scroll_into_view_if_needed()
    assert "<b>机洗不变形</b>" in page.locator("#f-description_zh").input_value()
    shot("description-editor", "#details")
    page.locator("#details button[type=submit]").click()
    page.wait_for_url("**?flash=*")
    with db.reading() as s:
        stored = s.get(Product, pid).description_zh
    assert stored == "<p>纯棉面料，舒适透气。亲肤面料，<b>机洗不变形</b></p>", stored


def _bulk(page: Any, db: Database, live_url: str, seed: dict[str, Any], shot: Any) -> None:
    page.goto(f"{live_url}/admin/products")
    shot("product-list")
    for pid in (seed["ids"][3], seed["ids"][1]):
        page.locator(f'input[name=ids][value="{pid}"]').check()
    assert page.locator("#bulk [data-chosen]").inner_text() == "2"
    page.locator("[data-testid=bulk-edit]").click()
    page.wait_for_url("**/admin/products/bulk-edit?ids=*")
    sheet = page.locator("[data-testid=bulk-sheet]")
    first = sheet.locator("tr[data-sku=PB-WH] input[name^=price]")
    first.fill("abc")
    sheet.locator("tr[data-sku=PB-BK] input[name^=price]").fill("188.8")
    sheet.locator("tr[data-sku=BABY-66] input[name^='stock.']").first.fill("60")
    page.locator("[data-testid=save-sheet]").click()
    page.locator("[data-testid=sheet-errors]").wait_for()
    shot("bulk-edit-refused")
    with db.reading() as s:
        assert s.scalars(select(Sku.price).where(Sku.code == "PB-BK")).one() == 19900  # nothing
    page.locator("tr[data-sku=PB-WH] input[name^=price]").fill("179.00")
    page.locator("[data-testid=save-sheet]").click()
    page.wait_for_url("**/bulk-edit?ids=*flash=*")
    shot("bulk-edit-saved")
    with db.reading() as s:
        prices = dict(s.execute(select(Sku.code, Sku.price).where(Sku.code.like("PB-%"))).all())
        assert prices == {"PB-WH": 17900, "PB-BK": 18880}
        baby = s.scalars(select(Sku.id).where(Sku.code == "BABY-66")).one()
        levels = (
            s.execute(select(StockLevel.on_hand).where(StockLevel.sku_id == baby)).scalars().all()
        )
        assert 60 in levels
        assert s.get(Product, seed["ids"][3]).min_price == 17900


def _stock(page: Any, live_url: str, shot: Any) -> None:
    page.goto(f"{live_url}/admin/stock")
    assert page.locator("[data-testid=stock-table] tbody[data-product]").count() == len(GOODS)
    cell = page.locator("[data-cell='SERUM-30:BJ'] input")
    cell.fill("12")
    assert "changed" in (cell.locator("xpath=..").get_attribute("class") or "")
    shot("stock-editing")
    page.locator("[data-testid=save-counts]").click()
    page.wait_for_url("**/admin/stock?flash=*")
    assert page.locator("[data-cell='SERUM-30:BJ'] input").input_value() == "12"
    shot("stock-saved")


PICTURES: list[bytes] = []


@pytest.mark.parametrize("device", ["pc", "tablet"])
def test_product_centre(browser, live_url: str, db, settings, staff, device: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    seed = _seed(db, settings)
    context = browser.new_context(locale="zh-CN", **VIEWPORTS[device])
    page = context.new_page()
    try:
        if not PICTURES:
            PICTURES.extend([_png(page, 11, "home-kitchen"), _png(page, 12, "digital-accessories")])
        page.set_viewport_size(VIEWPORTS[device]["viewport"])

        def shot(name: str, part: str = "") -> None:
            path = str(SHOTS / f"{device}-{name}.png")
            if part:  # one card of a long page, as it looks on the screen
                page.locator(part).evaluate("e => e.scrollIntoView({block: 'start'})")
                page.screenshot(path=path)
            else:
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=path, full_page=True)

        _sign_in(page, live_url, staff)
        _bulk(page, db, live_url, seed, shot)
        _pictures(page, db, live_url, seed["ids"][0], device, shot)
        _editor(page, db, seed["ids"][0], shot)
        _stock(page, live_url, shot)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow
    finally:
        context.close()
