"""Special VAT invoices (增值税专用发票) asked for at checkout: companies only, with their
registered address, phone, bank and account; through the service, the API and the checkout
page; shown on the shopper's and the staff's order page; nothing written when refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError
from mercato.orders import domain
from mercato.orders.adapters import queries
from mercato.orders.adapters.tables import Order
from mercato.orders.services.place_order import PlaceOrder, place_order
from mercato.orders.web.api import _hashed
from mercato.orders.web.schemas import InvoiceIn, OrderIn
from mercato.platform.db import Database
from tests.members.conftest import page_login
from tests.orders.conftest import fill_cart
from tests.orders.test_api import token
from tests.payments.order_helpers import csrf_of

COMPANY = ("company", "上海某某科技有限公司", "91310000MA1FL8XQ3X")
DETAILS = {
    "address": "上海市浦东新区世纪大道100号",
    "phone": "021-68880000",
    "bank": "招商银行上海分行",
    "account": "121909876510801",
}
SPECIAL = {"vat_type": "special", **DETAILS}


def _columns(db: Database, number: str) -> tuple[str, ...]:
    with db.reading() as tx:
        o = tx.scalars(select(Order).where(Order.number == number)).one()
        return (
            o.invoice_type,
            o.invoice_address,
            o.invoice_phone,
            o.invoice_bank,
            o.invoice_account,
        )


def _order_count(db: Database) -> int:
    with db.reading() as tx:
        return tx.scalar(select(func.count()).select_from(Order)) or 0


def test_special_accepted_with_all_details(db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    padded = {k: f" {v} " for k, v in DETAILS.items()}  # stripped, as the title is
    invoice = domain.InvoiceRequest(*COMPANY, vat_type="special", **padded)
    with db.transaction() as tx:
        cmd = PlaceOrder(buyer["id"], buyer["address_id"], "std", invoice)
        placed = place_order(tx, cmd, "zh_CN")
    assert _columns(db, placed.number) == ("special", *DETAILS.values())
    with db.reading() as tx:
        d = queries.detail(tx, placed.number, buyer["id"])
    assert d.special_invoice == domain.SpecialInvoice(**DETAILS)
    assert placed.detail.special_invoice == d.special_invoice  # what checkout answers with


def test_special_for_a_personal_invoice_is_refused():
    with pytest.raises(DomainError) as err:
        domain.InvoiceRequest("personal", "李雷", vat_type="special", **DETAILS)
    assert err.value.code == "orders.special_needs_company"
    assert err.value.field == "invoice.vat_type"


@pytest.mark.parametrize("missing", ["address", "phone", "bank", "account"])
def test_special_missing_a_detail_is_refused_naming_it(missing):
    with pytest.raises(DomainError) as err:
        domain.InvoiceRequest(*COMPANY, **{**SPECIAL, missing: "  "})
    assert err.value.code == "orders.special_needs_details"
    assert err.value.field == f"invoice.{missing}"


def test_unknown_vat_type_and_overlong_detail_are_refused():
    with pytest.raises(DomainError) as err:
        domain.InvoiceRequest(*COMPANY, vat_type="red")
    assert err.value.field == "invoice.vat_type"
    with pytest.raises(DomainError) as err:
        domain.InvoiceRequest(*COMPANY, **{**SPECIAL, "account": "1" * 41})
    assert err.value.field == "invoice.account"


def test_ordinary_clears_the_details(db, market, buyer):
    ordinary = domain.InvoiceRequest(*COMPANY, vat_type="ordinary", **DETAILS)
    assert ordinary.normalised() == domain.InvoiceRequest(*COMPANY)
    assert domain.InvoiceRequest("none", vat_type="special").normalised() == (
        domain.InvoiceRequest()
    )
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        cmd = PlaceOrder(buyer["id"], buyer["address_id"], "std", ordinary)
        number = place_order(tx, cmd, "zh_CN").number
    assert _columns(db, number) == ("ordinary", "", "", "", "")
    with db.reading() as tx:
        assert queries.detail(tx, number, buyer["id"]).special_invoice is None


def _body(buyer: dict[str, Any], invoice: dict[str, Any]) -> dict[str, Any]:
    return {"address_id": buyer["address_id"], "shipping_method": "std", "invoice": invoice}


def test_api_special_invoice(client, db, market, buyer):
    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1})
    h = token(client, buyer["phone"])
    company = dict(zip(("kind", "title", "tax_id"), COMPANY, strict=True))
    refusals = [
        ({"kind": "personal", "title": "李雷", **SPECIAL}, "invoice.vat_type"),
        ({**company, **SPECIAL, "bank": ""}, "invoice.bank"),
        ({**company, "vat_type": "special"}, "invoice.address"),
    ]
    for invoice, field in refusals:
        r = client.post("/api/v1/orders", json=_body(buyer, invoice), headers=h)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["field"] == field
    assert _order_count(db) == 0  # nothing written on refusal, the stock still free
    with db.reading() as tx:
        assert inventory.available(tx, [tee]) == {tee: 10}
    r = client.post("/api/v1/orders", json=_body(buyer, {**company, **SPECIAL}), headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["invoice_vat_type"] == "special"
    assert r.json()["special_invoice"] == DETAILS
    again = client.get(f"/api/v1/orders/{r.json()['number']}", headers=h).json()
    assert again["special_invoice"] == DETAILS and again["invoice_vat_type"] == "special"


def test_api_schema_states_the_special_rules(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["InvoiceIn"]
    special = [
        b for b in schema["anyOf"] if b["properties"].get("vat_type") == {"const": "special"}
    ]
    assert len(special) == 1 and special[0]["properties"]["kind"] == {"const": "company"}
    assert {"address", "phone", "bank", "account"} <= set(special[0]["required"])
    others = [b for b in schema["anyOf"] if b["properties"]["kind"]["const"] != "none"]
    assert all("vat_type" in b["properties"] for b in others)


def test_an_idempotency_key_hashes_an_ordinary_body_as_before():
    """Keys stored before special invoices existed still match their replays."""
    plain = OrderIn(address_id=1, shipping_method="std", invoice=InvoiceIn(kind="personal"))
    assert set(_hashed(plain)["invoice"]) == {"kind", "title", "tax_id", "email"}
    special = OrderIn(address_id=1, shipping_method="std", invoice=InvoiceIn(**SPECIAL))
    assert _hashed(special)["invoice"]["bank"] == DETAILS["bank"]


def _checkout_form(client: TestClient) -> dict[str, str]:
    html = client.get("/checkout").text
    return {
        "csrf": csrf_of(html),
        "idem": re.search(r'name="idem" value="([^"]+)"', html).group(1),
        "address_id": re.search(r'name="address_id" value="(\d+)" checked', html).group(1),
        "shipping_method": "std",
        "invoice_kind": COMPANY[0],
        "invoice_title": COMPANY[1],
        "invoice_tax_id": COMPANY[2],
        "invoice_vat_type": "special",
        **{f"invoice_{k}": v for k, v in DETAILS.items()},
    }


def test_page_form_special_invoice(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    page_login(client, buyer["phone"])
    form = _checkout_form(client)
    page = client.get("/checkout").text
    assert 'data-testid="invoice-vat-special"' in page and 'name="invoice_bank"' in page
    r = client.post("/checkout", data={**form, "invoice_bank": ""})
    assert r.status_code == 422 and 'data-testid="invoice-error"' in r.text
    assert "开户银行" in r.text and DETAILS["account"] in r.text  # what was typed is kept
    r = client.post("/checkout", data={**form, "invoice_kind": "personal"})
    assert r.status_code == 422 and "增值税专用发票仅向企业开具" in r.text
    assert 'class="vat shown"' in r.text  # the hidden choice shown again, to be changed
    assert _order_count(db) == 0
    r = client.post("/checkout", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    number = r.headers["location"].split("/")[3]
    assert _columns(db, number) == ("special", *DETAILS.values())
    detail = client.get(f"/account/orders/{number}").text
    assert 'data-testid="order-special-invoice"' in detail
    assert all(v in detail for v in DETAILS.values())


def test_page_form_without_the_new_fields_is_ordinary(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    page_login(client, buyer["phone"])
    form = {
        k: v for k, v in _checkout_form(client).items() if k.removeprefix("invoice_") not in SPECIAL
    }
    r = client.post("/checkout", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    number = r.headers["location"].split("/")[3]
    assert _columns(db, number) == ("ordinary", "", "", "", "")
    assert 'data-testid="order-special-invoice"' not in client.get(f"/account/orders/{number}").text


def test_admin_order_page_shows_the_special_invoice(admin, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    invoice = domain.InvoiceRequest(*COMPANY, **SPECIAL)
    with db.transaction() as tx:
        cmd = PlaceOrder(buyer["id"], buyer["address_id"], "std", invoice)
        number = place_order(tx, cmd, "zh_CN").number
    page = admin.get(f"/admin/orders/{number}").text
    assert 'data-testid="special-invoice"' in page and "增值税专用发票" in page
    for text in (*DETAILS.values(), "注册地址", "注册电话", "开户银行", "银行账号"):
        assert text in page, text
