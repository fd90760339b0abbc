"""The merchant's walk, step by step (tests/browser/test_walks.py): the owner reads the
dashboard, uploads a picture and edits two prices at once; a warehouse member meets a 403
where their role does not reach. Each step checks the database, not only the page."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from sqlalchemy import distinct, func, select

from mercato.access import team
from mercato.catalog.adapters.tables import ProductImage, Sku
from mercato.logistics.adapters.tables import Shipment
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.browser.walks_common import Walk

WAREHOUSE = {"email": "cang@example.com", "password": "correct-horse-9", "name": "仓管小周"}


def png(side: int = 480) -> bytes:
    """A product picture drawn with Pillow: a mug on a warm background."""
    picture = Image.new("RGB", (side, side), (246, 236, 224))
    pen = ImageDraw.Draw(picture)
    s = side // 8
    pen.rounded_rectangle((2 * s, 2 * s, 5 * s, 6 * s), radius=s // 2, fill=(60, 110, 160))
    pen.arc((4 * s, 3 * s, 7 * s, 5 * s), 270, 90, fill=(60, 110, 160), width=s // 3)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def sign_in(walk: Walk, live_url: str, email: str, password: str, lands: str = "/admin") -> None:
    page = walk.page
    page.goto(f"{live_url}/admin/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(live_url + lands)


def dashboard(walk: Walk, db: Database) -> None:
    """Today's figures are the paid orders in the database, counted again here."""
    with db.reading() as s:
        paid = Order.paid_at.is_not(None)
        gmv, count, people = s.execute(
            select(
                func.coalesce(func.sum(Order.total_fen), 0),
                func.count(),
                func.count(distinct(Order.customer_id)),
            ).where(paid)
        ).one()
        # To ship: the warehouse's queue (parcels allocated or being picked), not orders.
        to_ship = s.scalar(
            select(func.count()).where(Shipment.status.in_(("allocated", "picking")))
        )
        assert to_ship == s.scalar(
            select(func.count()).where(Order.status.in_(("paid", "picking")))
        ), "one parcel per order here: one warehouse"
        to_pay = s.scalar(select(func.count()).where(Order.status == "pending_payment"))
    assert count >= 5, "the seed paid fewer orders than expected"
    figures = walk.page.locator("[data-testid=figures] [data-metric]")
    shown = {
        figures.nth(i).get_attribute("data-metric"): int(
            figures.nth(i).locator("[data-value]").get_attribute("data-value") or -1
        )
        for i in range(figures.count())
    }
    average = (2 * gmv + count) // (2 * count)
    assert shown == {"gmv": gmv, "orders": count, "customers": people, "average": average}
    gmv_text = walk.page.locator("[data-metric=gmv] [data-value]").inner_text()
    assert gmv_text.replace(",", "") == f"¥{gmv / 100:.2f}", gmv_text
    todo = walk.testid("todo")
    assert todo.locator("[data-todo=to_ship] [data-count]").inner_text() == str(to_ship)
    assert todo.locator("[data-todo=to_pay] [data-count]").inner_text() == str(to_pay)
    walk.page.locator(
        "[data-testid=sales-chart] canvas, [data-testid=sales-chart] svg"
    ).first.wait_for()
    walk.fits()
    walk.shot("dashboard", full=True)


def upload_picture(walk: Walk, db: Database, live_url: str, product_id: int) -> None:
    page = walk.page
    page.goto(f"{live_url}/admin/products/{product_id}")
    assert walk.testid("picture").count() == 0
    walk.testid("picture-input").set_input_files(
        [{"name": "mug.png", "mimeType": "image/png", "buffer": png()}]
    )
    walk.testid("upload-pictures").click()
    page.wait_for_url(f"**/admin/products/{product_id}?flash=*")
    tile = walk.testid("picture")
    assert tile.count() == 1
    page.wait_for_function(
        "(i => i && i.complete && i.naturalWidth > 0)"
        "(document.querySelector('[data-testid=picture] img'))"
    )
    with db.reading() as s:
        stored = s.execute(
            select(ProductImage.width, ProductImage.height).where(
                ProductImage.product_id == product_id
            )
        ).all()
    assert [tuple(x) for x in stored] == [(480, 480)]
    page.locator("#pictures").evaluate("e => e.scrollIntoView({block: 'start'})")
    walk.fits()
    walk.shot("picture-uploaded")


def bulk_prices(
    walk: Walk, db: Database, live_url: str, ids: list[int], prices: dict[str, str]
) -> None:
    """Choose two products in the list, 批量编辑, change one price of each, save."""
    page = walk.page
    page.goto(f"{live_url}/admin/products")
    for pid in ids:
        page.locator(f'input[name=ids][value="{pid}"]').check()
    assert page.locator("#bulk [data-chosen]").inner_text() == str(len(ids))
    walk.fits()
    walk.shot("products-chosen")
    walk.testid("bulk-edit").click()
    page.wait_for_url("**/admin/products/bulk-edit?ids=*")
    sheet = walk.testid("bulk-sheet")
    for code, yuan in prices.items():
        sheet.locator(f"tr[data-sku='{code}'] input[name^=price]").fill(yuan)
    walk.shot("bulk-edit-typed")
    walk.testid("save-sheet").click()
    page.wait_for_url("**/bulk-edit?ids=*flash=*")
    with db.reading() as s:
        stored = dict(s.execute(select(Sku.code, Sku.price).where(Sku.code.in_(prices))).all())
    assert stored == {code: round(float(y) * 100) for code, y in prices.items()}, stored
    for code, yuan in prices.items():
        assert sheet.locator(f"tr[data-sku='{code}'] input[name^=price]").input_value() == yuan
    walk.fits()
    walk.shot("bulk-edit-saved")


def add_warehouse_member(db: Database) -> None:
    with db.transaction() as tx:
        team.add_staff(
            tx, WAREHOUSE["email"], WAREHOUSE["password"], WAREHOUSE["name"], "warehouse"
        )


def restricted_member(walk: Walk, live_url: str) -> None:
    """Signed out, then in as the warehouse: payments are refused in the admin's own layout
    (403, navigation still there, no payments entry), stock opens."""
    page = walk.page
    page.locator("form.logout button").click()
    page.wait_for_url("**/admin/login**")
    sign_in(walk, live_url, WAREHOUSE["email"], WAREHOUSE["password"])
    nav = walk.testid("admin-nav")
    assert nav.locator("a[href='/admin/payments']").count() == 0
    assert nav.locator("a[href='/admin/stock']").count() == 1
    answer = page.goto(f"{live_url}/admin/payments")
    assert answer is not None and answer.status == 403
    assert walk.testid("admin-error").is_visible()
    assert "403" in walk.testid("admin-error").inner_text()
    assert nav.is_visible()  # the admin's own layout, not a bare error page
    assert WAREHOUSE["name"] in page.locator("header.top .me").inner_text()
    assert page.locator("form.logout button").is_visible()  # they can still sign out here
    walk.fits()
    walk.shot("warehouse-403")
    answer = page.goto(f"{live_url}/admin/stock")
    assert answer is not None and answer.status == 200
    assert walk.testid("stock-table").is_visible()
    assert walk.testid("save-counts").is_visible()  # stock.edit: the counts can be saved
    walk.fits()
    walk.shot("warehouse-stock")
