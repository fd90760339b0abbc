"""Invoices for the customer: a card on their order page and the PDF of each, and the
same as JSON for apps; only for their own orders."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import Path, Request
from fastapi.responses import Response
from markupsafe import Markup
from pydantic import BaseModel
from sqlalchemy.orm import Session

from mercato.finance.adapters import fapiao_pdf
from mercato.finance.adapters.invoice_table import IssuedInvoice
from mercato.finance.services import invoicing
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.platform import clock
from mercato.web.deps import ReadDep
from mercato.web.errors import error_responses
from mercato.web.routing import Router
from mercato.web.times import ShopDateTime

router = Router(include_in_schema=False)
api = Router(prefix="/api/v1", tags=["invoices"])
OrderNumber = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
InvoiceNumber = Annotated[str, Path(min_length=20, max_length=20, pattern=r"^\d{20}$")]


def order_card(request: Request, tx: Session, number: str, customer_id: int) -> Markup:
    """The invoices card of the shopper's order page ("" while none was issued)."""
    found = invoicing.of_order(tx, number)
    if not found:
        return Markup("")
    page = request.app.state.templates.get_template("finance/_order_invoices.html")
    return Markup(page.render({"invoices": found, "number": number}))


def pdf_response(row: IssuedInvoice) -> Response:
    inv, _ids = invoicing.to_invoice(row)
    body = fapiao_pdf.render(inv, clock.zone())
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="fapiao-{row.number}.pdf"',
        "Cache-Control": "private, no-store"})


def _own(tx: Session, order_number: str, customer_id: int) -> list[IssuedInvoice]:
    orders.sold_order(tx, order_number, customer_id)  # 404 for another's order
    return invoicing.of_order(tx, order_number)


@router.get("/account/orders/{order_number}/invoices/{number}.pdf")
def pdf(order_number: OrderNumber, number: InvoiceNumber, tx: ReadDep,
        me: members.SessionCustomerDep) -> Response:
    if me is None:
        return Response(status_code=401)
    row = next((r for r in _own(tx, order_number, me.id) if r.number == number), None)
    return pdf_response(row) if row else Response(status_code=404)


class InvoiceLineOut(BaseModel):
    name: str
    tax_label: str
    quantity: int
    amount_fen: int  # tax included; negative on a red-letter invoice
    rate_bp: int


class InvoiceOut(BaseModel):
    number: str
    kind: str  # blue | red (红字, reversing original_number)
    vat_type: str  # ordinary | special
    original_number: str
    total_fen: int
    net_fen: int
    tax_fen: int
    issued_at: ShopDateTime
    pdf_url: str
    lines: list[InvoiceLineOut]


@api.get("/orders/{order_number}/invoices", response_model=list[InvoiceOut],
         responses=error_responses(401, 404, 422),
         summary="The invoices (fapiao) of one's own order, blue and red-letter")
def invoices(order_number: OrderNumber, tx: ReadDep,
             customer: members.CustomerDep) -> list[InvoiceOut]:
    return [InvoiceOut(
        number=r.number, kind=r.kind, vat_type=r.vat_type, original_number=r.original_number,
        total_fen=r.total_fen, net_fen=r.net_fen, tax_fen=r.tax_fen, issued_at=r.issued_at,
        pdf_url=f"/account/orders/{order_number}/invoices/{r.number}.pdf",
        lines=[InvoiceLineOut(**{k: x[k] for k in InvoiceLineOut.model_fields})
               for x in json.loads(r.lines)],
    ) for r in _own(tx, order_number, customer.id)]
