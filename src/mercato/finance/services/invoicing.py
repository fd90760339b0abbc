"""Issuing invoices: the blue one when an order completes (if the customer asked for one at
checkout), a red-letter one for each refund of an invoiced order. Both are recorded with
their structured data and announced (finance.invoice_issued.v1), which books them."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato import events
from mercato.aftersales import public as aftersales
from mercato.catalog import public as catalog
from mercato.finance import fapiao
from mercato.finance.adapters.invoice_table import IssuedInvoice
from mercato.kernel.errors import DomainError
from mercato.orders import public as orders
from mercato.platform import outbox

log = logging.getLogger(__name__)
SHIPPING_LINE = 0  # the order_line_id kept on a shipping line


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _buyer(asked: orders.InvoiceAsked) -> fapiao.Party:
    party = fapiao.Party(asked.title, asked.tax_id, asked.address, asked.phone, asked.bank,
                         asked.account)
    return fapiao.check_buyer(asked.kind, asked.vat_type or "ordinary", party)


def _billed(tx: Session, sold: orders.SoldOrder) -> tuple[list[fapiao.Goods], list[int], int,
                                                          list[str]]:
    """What the blue invoice bills: each line at what it cost (the pricing pipeline's
    adjustments of the line taken off) less what returns already gave back, and the
    delivery fee less any refunded; with each goods line's order line id, and the refunds so
    left out (a later red-letter invoice must not reverse them again)."""
    rates = catalog.tax_rates_for_products(tx, {x.product_id for x in sold.lines})
    totals = [x.line_total_fen for x in sold.lines]
    cuts = [x.discount_fen for x in sold.lines]
    back: dict[int, tuple[int, int]] = {}
    shipping, settled = sold.shipping_fen, []
    for done in aftersales.refunded(tx, sold.number):
        settled.append(done.refund_no)
        shipping -= done.shipping_fen
        for line_id, units, fen in done.lines:
            q, a = back.get(line_id, (0, 0))
            back[line_id] = (q + units, a + fen)
    goods, ids = [], []
    for x, total, cut in zip(sold.lines, totals, cuts, strict=True):
        units, fen = back.get(x.line_id, (0, 0))
        if x.quantity - units > 0 and total - cut - fen > 0:
            rate, label = rates[x.product_id]
            goods.append((x.name, label, x.quantity - units, total - cut - fen, rate))
            ids.append(x.line_id)
    return goods, ids, max(shipping, 0), settled


def issue_blue(tx: Session, order_number: str, seller: fapiao.Party, issuer: str) -> str | None:
    """The order's invoice, once; None when none was asked for, or the request cannot be
    honoured (logged: staff see the order without an invoice)."""
    sold = orders.sold_order(tx, order_number)
    if sold.invoice.kind == "none" or _find(tx, f"blue:{order_number}") is not None:
        return None
    goods, ids, shipping, settled = _billed(tx, sold)
    try:
        buyer = _buyer(sold.invoice)
        lines = fapiao.blue_lines(goods, 0, shipping)
    except DomainError as exc:
        log.warning("no invoice for order %s: %s", order_number, exc.code)
        return None
    if not lines:
        return None  # everything was given back before the order completed
    ids += [SHIPPING_LINE] * (len(lines) - len(ids))
    return _record(tx, f"blue:{order_number}", "blue", sold, buyer, seller, issuer,
                   list(zip(lines, ids, strict=True)), "", settled=settled)


def issue_red(tx: Session, payload: dict[str, Any], seller: fapiao.Party,
              issuer: str) -> str | None:
    """aftersales.refunded.v1 of an invoiced order: reverse the lines given back."""
    order_number, refund_no = str(payload["order_number"]), str(payload.get("refund_no", ""))
    blue = _find(tx, f"blue:{order_number}")
    if blue is None or _find(tx, f"red:{refund_no}") is not None:
        return None
    if refund_no in json.loads(blue.settled_refunds or "[]"):
        return None  # given back before the blue invoice, which already left it out
    blue_inv, ids = to_invoice(blue)
    returned: dict[int, tuple[int, int]] = {}
    for x in payload.get("lines", []):
        i = ids.index(int(x["order_line_id"]))
        q, a = returned.get(i, (0, 0))
        returned[i] = (q + int(x["quantity"]), a + int(x["amount_fen"]))
    if int(payload.get("shipping_fen", 0)) and SHIPPING_LINE in ids:
        returned[ids.index(SHIPPING_LINE)] = (1, int(payload["shipping_fen"]))
    lines = fapiao.red_lines(blue_inv, returned, _credited(tx, order_number, ids))
    sold = orders.sold_order(tx, order_number)
    red_ids = [ids[i] for i in sorted(returned)]
    return _record(tx, f"red:{refund_no}", "red", sold, blue_inv.buyer, seller, issuer,
                   list(zip(lines, red_ids, strict=True)), blue.number, blue.vat_type)


def _credited(tx: Session, order_number: str, ids: list[int]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for red in tx.scalars(select(IssuedInvoice).where(IssuedInvoice.order_number == order_number,
                                                      IssuedInvoice.kind == "red")):
        for x in json.loads(red.lines):
            i = ids.index(int(x["order_line_id"]))
            q, a = out.get(i, (0, 0))
            out[i] = (q - int(x["quantity"]), a - int(x["amount_fen"]))
    return out


def _find(tx: Session, key: str) -> IssuedInvoice | None:
    return tx.scalars(select(IssuedInvoice).where(IssuedInvoice.key == key)).first()


def _record(tx: Session, key: str, kind: str, sold: orders.SoldOrder, buyer: fapiao.Party,
            seller: fapiao.Party, issuer: str, lines: list[tuple[fapiao.Line, int]],
            original: str, vat_type: str | None = None,
            settled: list[str] | None = None) -> str | None:
    at = now()
    inv = fapiao.Invoice("0" * 20, kind, vat_type or sold.invoice.vat_type or "ordinary",
                         at.replace(tzinfo=UTC), seller, buyer, sold.number,
                         tuple(x for x, _ in lines), original, "", issuer)
    row = IssuedInvoice(
        number=f"tmp-{key}"[:20], key=key, kind=kind, vat_type=inv.vat_type,
        order_number=sold.number, customer_id=sold.customer_id, original_number=original,
        buyer=json.dumps(asdict(buyer), ensure_ascii=False),
        seller=json.dumps(asdict(seller), ensure_ascii=False),
        lines=json.dumps([{**asdict(x), "order_line_id": i} for x, i in lines],
                         ensure_ascii=False),
        total_fen=inv.total_fen, net_fen=inv.net_fen, tax_fen=inv.tax_fen,
        email=sold.invoice.email, issuer=issuer, issued_at=at,
        settled_refunds=json.dumps(settled or []))
    try:
        with tx.begin_nested():
            tx.add(row)
            tx.flush()
    except IntegrityError:  # issued meanwhile by a concurrent delivery of the same event
        return None
    row.number = f"{at:%y}31{row.id:016d}"  # 全电发票: 20 digits, year first
    outbox.record(tx, events.INVOICE_ISSUED, {
        "number": row.number, "order_number": row.order_number, "kind": kind,
        "net_fen": row.net_fen, "tax_fen": row.tax_fen, "total_fen": row.total_fen,
        "issued_at": at.replace(tzinfo=UTC).isoformat(), "original_number": original})
    return row.number


def to_invoice(row: IssuedInvoice) -> tuple[fapiao.Invoice, list[int]]:
    """The stored invoice as the domain value (for the PDF, for reversals), and each line's
    order line id (0 for shipping)."""
    raw = json.loads(row.lines)
    lines = tuple(fapiao.Line(x["name"], x["tax_label"], x["quantity"], x["amount_fen"],
                              x["rate_bp"], x.get("unit", "件")) for x in raw)
    inv = fapiao.Invoice(row.number, row.kind, row.vat_type,
                         row.issued_at.replace(tzinfo=UTC),
                         fapiao.Party(**json.loads(row.seller)),
                         fapiao.Party(**json.loads(row.buyer)), row.order_number, lines,
                         row.original_number, "", row.issuer)
    return inv, [int(x["order_line_id"]) for x in raw]


def of_order(tx: Session, order_number: str) -> list[IssuedInvoice]:
    return list(tx.scalars(select(IssuedInvoice).where(IssuedInvoice.order_number == order_number)
                           .order_by(IssuedInvoice.id)))
