"""The pick list as a PDF: the warehouse gets it with every SKU to pick and the shipments each
goes into; staff without the shipping permission do not; the printable page links to it."""

from __future__ import annotations

import hashlib
import hmac
import io
from typing import Any

from fastapi.testclient import TestClient
from pypdf import PdfReader

from mercato.access import team
from mercato.access.public import SESSION_COOKIE
from mercato.inventory import public as inventory
from mercato.logistics.adapters.registry import Book
from mercato.logistics.services import allocate
from mercato.platform.db import Database
from tests.logistics.helpers import Recorder, paid_order


def _shipments(
    client: Any, db: Database, buyer: dict[str, Any], *carts: dict[int, int]
) -> list[str]:
    book = Book(default="sf")
    book.add(Recorder())
    client.app.state.carriers = book
    out: list[str] = []
    for cart in carts:
        order = paid_order(client, db, buyer, cart)
        with db.transaction() as tx:
            out += allocate.allocate_order(tx, order)
    return out


def _member(app: Any, db: Database, email: str, role: str) -> TestClient:
    with db.transaction() as tx:
        team.add_staff(tx, email, "correct-horse-9", "", role)
    c = TestClient(app, follow_redirects=False)
    signed_in = c.post("/admin/login", data={"email": email, "password": "correct-horse-9"})
    assert signed_in.status_code == 303
    raw = c.cookies.get(SESSION_COOKIE) or ""
    key = app.state.settings.secret_key.encode()
    c.csrf = hmac.new(key, b"csrf:" + raw.encode(), hashlib.sha256).hexdigest()[:32]  # type: ignore[attr-defined]
    return c


def test_the_warehouse_gets_the_pick_list_as_pdf(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    numbers = _shipments(admin, db, buyer, {tee: 2}, {tee: 1, cup: 1})
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")
    r = clerk.get("/admin/shipments/picklist.pdf", params=[("n", n) for n in numbers])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('inline; filename="picklist-') and disposition.endswith('.pdf"')
    assert r.headers["cache-control"] == "no-store"
    reader = PdfReader(io.BytesIO(r.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    with db.reading() as tx:
        codes = inventory.sku_codes(tx, [tee, cup])
    assert codes[tee] in text and codes[cup] in text
    assert "拣货单" in text and "按包裹打包" in text
    for number in numbers:
        assert number in text
    assert "第 1 页，共" in text


def test_the_page_links_to_the_pdf_and_unknown_numbers_are_listed(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    (number,) = _shipments(admin, db, buyer, {market["tee"]["skus"][0]: 1})
    page = admin.get("/admin/shipments/picklist", params={"n": number})
    assert f'href="/admin/shipments/picklist.pdf?n={number}"' in page.text
    unknown = number.rsplit("-", 1)[0] + "-9"  # well formed, never allocated
    r = admin.get("/admin/shipments/picklist.pdf", params=[("n", number), ("n", unknown)])
    assert r.status_code == 200, r.text
    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "没有这个包裹" in text and unknown in text
    # A form sent without script carries its csrf along: dropped by a redirect, as for the page.
    sent = admin.get("/admin/shipments/picklist.pdf", params={"n": number, "csrf": "abc"},
                     follow_redirects=False)
    assert sent.status_code == 303 and "csrf" not in sent.headers["location"]


def test_staff_without_shipping_may_not(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    (number,) = _shipments(admin, db, buyer, {market["tee"]["skus"][0]: 1})
    finance = _member(admin.app, db, "money@example.com", "finance")
    r = finance.get("/admin/shipments/picklist.pdf", params={"n": number})
    assert r.status_code == 403
    assert not r.content.startswith(b"%PDF")
