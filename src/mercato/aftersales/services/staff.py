"""What the shop does with a request: decide, take the goods back in, send a replacement."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from mercato import events
from mercato.aftersales import domain
from mercato.aftersales.adapters import repository
from mercato.aftersales.adapters.tables import Request
from mercato.aftersales.services import refunding
from mercato.aftersales.services.requests import _payload
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict, DomainError
from mercato.logistics import public as logistics
from mercato.orders import public as orders
from mercato.platform import outbox


def approve(tx: Session, number: str, staff: str, note: str = "", contact: str = "") -> Request:
    """Approve: a refund only ends the order (its payment goes back whole); a return or an
    exchange tells the customer where to send the goods (the warehouse that sent them)."""
    r = repository.lock(tx, number)
    note = _note(note)
    if r.kind == domain.REFUND:
        domain.check_transition(r.status, domain.REFUNDING)
        orders.end_unshipped(tx, r.order_number, f"aftersales:{staff}", f"{r.number} {note}")
        r.decided_at = repository.now()
        repository.add_step(tx, r, domain.REFUNDING, f"staff:{staff}", note)
    else:
        domain.check_transition(r.status, domain.APPROVED)
        _return_address(tx, r, contact)
        r.decided_at, r.decision_note = repository.now(), note
        repository.add_step(tx, r, domain.APPROVED, f"staff:{staff}", note)
    outbox.record(tx, events.AFTERSALES_DECIDED, _payload(r, approved=True, reason=note))
    return r


def reject(tx: Session, number: str, staff: str, reason: str) -> Request:
    reason = _note(reason)
    if not reason:
        raise DomainError("aftersales.reason_required", "Say why the request is rejected",
                          "reason")
    r = repository.lock(tx, number)
    domain.check_transition(r.status, domain.REJECTED)
    r.decided_at, r.decision_note = repository.now(), reason
    repository.add_step(tx, r, domain.REJECTED, f"staff:{staff}", reason)
    outbox.record(tx, events.AFTERSALES_DECIDED, _payload(r, approved=False, reason=reason))
    return r


def _note(text: str) -> str:
    text = (text or "").strip()
    if len(text) > 500:
        raise DomainError("aftersales.note_too_long", "At most 500 characters", "reason")
    return text


def _return_address(tx: Session, r: Request, contact: str) -> None:
    origins = logistics.shipped_from(tx, r.order_number)
    lines = repository.lines_of(tx, [r.id])[r.id]
    warehouse_id = next((origins[x.sku_id] for x in lines if x.sku_id in origins), None)
    found = {w.id: w for w in inventory.warehouses(tx)}
    if warehouse_id is None or warehouse_id not in found:
        raise Conflict("aftersales.no_warehouse", "No warehouse sent this order", "number")
    w = found[warehouse_id]
    r.warehouse_id = w.id
    # Who receives it there: the after-sales desk at the shop's service number.
    who = f"{w.name_zh} 售后组 {contact}".strip()
    r.return_to = f"{who}，{w.province}{w.address or w.region}".strip("，")[:400]


def receive(
    tx: Session, number: str, staff: str, dispositions: Mapping[int, str]
) -> Request:
    """The goods came back and were inspected: each line restocked or quarantined (stock
    ledger); a return then asks for its refund (sent after commit by the caller)."""
    r = repository.lock(tx, number)
    domain.check_transition(r.status, domain.RECEIVED)
    lines = repository.lines_of(tx, [r.id])[r.id]
    for x in lines:
        choice = dispositions.get(x.id, "")
        if choice not in (domain.RESTOCK, domain.QUARANTINE):
            raise DomainError("aftersales.disposition_required",
                              "Restock or quarantine every item", f"line_{x.id}")
        x.disposition = choice
        inventory.receive_return(tx, f"{r.number}/{x.id}", x.sku_id, r.warehouse_id or 0,
                                 x.quantity, choice == domain.RESTOCK, f"staff:{staff}")
    r.received_at = repository.now()
    repository.add_step(tx, r, domain.RECEIVED, f"staff:{staff}")
    outbox.record(tx, events.AFTERSALES_RECEIVED, _payload(r))
    if r.kind == domain.RETURN:
        refunding.ask_refund(tx, r, staff)
    return r


def send_replacement(tx: Session, number: str, staff: str, carrier: str, waybill: str) -> Request:
    """An exchange's replacement left the warehouse with this waybill."""
    carrier, waybill = carrier.strip(), waybill.strip().upper()
    if not carrier or not (6 <= len(waybill) <= 40):
        raise DomainError("aftersales.invalid_waybill", "Carrier and a 6-40 character waybill",
                          "waybill")
    r = repository.lock(tx, number)
    if r.kind != domain.EXCHANGE:
        raise domain.InvalidTransition(r.status, domain.EXCHANGED)
    domain.check_transition(r.status, domain.EXCHANGED)
    for x in repository.lines_of(tx, [r.id])[r.id]:
        inventory.send_replacement(tx, f"{r.number}/{x.id}", x.sku_id, r.warehouse_id or 0,
                                   x.quantity, f"staff:{staff}")
    r.replacement_carrier, r.replacement_waybill = carrier, waybill
    repository.add_step(tx, r, domain.EXCHANGED, f"staff:{staff}", f"{carrier} {waybill}")
    return r
