"""A description written with the admin's rich-text editor shows as formatted, cleaned HTML
on the product page; a plain-text one as paragraphs; nothing a merchant types runs as script."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from mercato.catalog.adapters.repository import bump_version
from mercato.catalog.adapters.tables import Product


def _describe(db: Any, product_id: int, text: str) -> None:
    with db.transaction() as tx:  # as stored by hand or an old import: cleaned when shown too
        tx.execute(update(Product).where(Product.id == product_id).values(description_zh=text))
        bump_version(tx)  # the product page is cached per catalogue version


def test_rich_and_plain_descriptions(client: Any, db: Any, shop: Any) -> None:
    tee = shop["tee"]
    _describe(
        db,
        tee["id"],
        "<h3>面料</h3><p><b>纯棉</b></p><script>alert(1)</script><img src=x onerror=alert(2)>",
    )
    page = client.get(f"/p/{tee['slug']}").text
    assert "<h3>面料</h3>" in page and "<b>纯棉</b>" in page
    assert "alert(1)" not in page and "onerror" not in page
    _describe(db, tee["id"], "第一段 <不是标签>\n\n第二段")
    page = client.get(f"/p/{tee['slug']}").text
    assert "<p>第一段 &lt;不是标签&gt;</p>" in page and "<p>第二段</p>" in page
