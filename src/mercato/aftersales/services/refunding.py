"""Giving the money back: a return's refund is asked of payments in the transaction that
received the goods, sent to the provider after commit, and settled by payments' event; a
refund only is the order's whole payment, given back when the order is closed."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mercato import events
from mercato.aftersales import domain
from mercato.aftersales.adapters import repository
from mercato.aftersales.adapters.tables import Request, Step
from mercato.aftersales.services.requests import _payload, bought_lines
from mercato.orders import public as orders
from mercato.payments import public as payments
from mercato.platform import outbox


def ask_refund(tx: Session, r: Request, staff: str) -> None:
    """Price the returned units against what was refunded before them (so all units, in any
    number of returns, give back exactly what the line cost) and ask payments for it."""
    sold = orders.sold_order(tx, r.order_number)
    by_id = {x.line_id: x for x in bought_lines(tx, sold)}
    before = repository.units_by_line(tx, r.order_number, (domain.REFUNDED, domain.REFUNDING))
    for x in repository.lines_of(tx, [r.id])[r.id]:
        x.refund_fen = domain.refund_for(by_id[x.order_line_id], before.get(x.order_line_id, 0),
                                         x.quantity)
        before[x.order_line_id] = before.get(x.order_line_id, 0) + x.quantity
    r.refund_fen = sum(x.refund_fen for x in repository.lines_of(tx, [r.id])[r.id])
    r.refund_no = r.number
    if r.refund_fen == 0:  # nothing was paid for these units (a free gift)
        repository.add_step(tx, r, domain.REFUNDING, f"staff:{staff}")
        _refunded(tx, r, "")
        return
    payments.request_refund(tx, r.order_number, r.refund_no, r.refund_fen,
                            f"aftersales {r.number}")
    repository.add_step(tx, r, domain.REFUNDING, f"staff:{staff}")


def send(db: Any, gateways: Any, number: str) -> str:
    """Ask the provider now (outside any transaction); the job retries what this leaves."""
    with db.reading() as tx:
        r = repository.get(tx, number)
        refund_no, status = r.refund_no, r.status
    if status != domain.REFUNDING or not refund_no:
        return status
    return payments.send_refund(db, gateways, refund_no).status


def on_refund_succeeded(tx: Session, payload: dict[str, Any]) -> bool:
    """payments.refund_succeeded.v1: the request with this refund number is refunded."""
    r = repository.by_refund_no(tx, str(payload.get("refund_no", "")))
    if r is None or r.status != domain.REFUNDING:
        return False
    _refunded(tx, r, str(payload.get("refund_no", "")))
    return True


def on_order_refunded(tx: Session, payload: dict[str, Any]) -> bool:
    """payments.payment_refunded.v1 (a whole payment given back): the order's refund-only
    request, if it is waiting for it, is refunded."""
    for r in repository.of_order(tx, str(payload.get("order_number", ""))):
        if r.kind == domain.REFUND and r.status == domain.REFUNDING:
            repository.lock(tx, r.number)
            r.refund_no = str(payload.get("out_trade_no", ""))[:32]
            _refunded(tx, r, "")
            return True
    return False


def on_refund_failed(tx: Session, payload: dict[str, Any]) -> bool:
    r = repository.by_refund_no(tx, str(payload.get("refund_no", "")))
    if r is None or r.status != domain.REFUNDING:
        return False
    tx.add(Step(request_id=r.id, from_status=r.status, to_status=r.status,
                actor=f"payments:{payload.get('provider', '')}"[:120],
                note="refund refused by the provider", at=repository.now()))
    return True


def _refunded(tx: Session, r: Request, refund_no: str) -> None:
    if refund_no and r.refund_fen:
        orders.record_returned(tx, r.order_number, refund_no, r.refund_fen,
                               f"aftersales:{r.number}")
    r.refunded_at = repository.now()
    repository.add_step(tx, r, domain.REFUNDED, "payments")
    lines = repository.lines_of(tx, [r.id])[r.id]
    outbox.record(tx, events.AFTERSALES_REFUNDED, _payload(
        r, refund_no=r.refund_no, amount_fen=r.refund_fen, shipping_fen=r.shipping_fen,
        lines=[{"order_line_id": x.order_line_id, "sku_id": x.sku_id,
                "product_id": x.product_id, "name": x.name, "quantity": x.quantity,
                "amount_fen": x.refund_fen} for x in lines],
    ))
