"""A customer asks for a return, an exchange or a refund of an unshipped order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from mercato import events
from mercato.aftersales import domain
from mercato.aftersales.adapters import repository
from mercato.aftersales.adapters.tables import Photo, Request, RequestLine
from mercato.catalog import public as catalog
from mercato.kernel.errors import DomainError
from mercato.orders import public as orders
from mercato.platform import outbox


def bought_lines(tx: Session, sold: orders.SoldOrder) -> list[domain.BoughtLine]:
    """The order's lines with what each really cost and its no-reason days."""
    shares = [x.paid_fen for x in sold.lines]
    days = catalog.returns_days_for_products(tx, {x.product_id for x in sold.lines})
    return [
        domain.BoughtLine(x.line_id, x.sku_id, x.product_id, x.name, x.quantity, share,
                          days.get(x.product_id, 7))
        for x, share in zip(sold.lines, shares, strict=True)
    ]


def estimate(lines: Sequence[domain.BoughtLine], quantities: Mapping[int, int],
             refunded: Mapping[int, int]) -> dict[int, int]:
    """Line id → the money those units give back, after the units refunded before."""
    by_id = {x.line_id: x for x in lines}
    return {i: domain.refund_for(by_id[i], refunded.get(i, 0), q)
            for i, q in quantities.items() if q}


def open_request(
    tx: Session, customer_id: int, order_number: str, ask: domain.Ask, photo_ids: Sequence[int]
) -> Request:
    """Check and record the request (status requested); NotFound for another's order."""
    sold = orders.sold_order(tx, order_number, customer_id)
    lines = bought_lines(tx, sold)
    taken = repository.taken(tx, order_number)
    if ask.kind == domain.REFUND:
        ask = replace(ask, quantities=domain.whole_order(lines))
    ask = replace(ask, photos=len(set(photo_ids)))
    domain.check_ask(ask, sold.status, sold.signed_at, repository.now(), lines, taken)
    r = _insert(tx, customer_id, sold, ask)
    if repository.claim_photos(tx, customer_id, set(photo_ids), r.id) != ask.photos:
        raise DomainError("aftersales.unknown_photo", "A photo was not found", "photos")
    _add_lines(tx, r, ask, lines, sold)
    outbox.record(tx, events.AFTERSALES_REQUESTED, _payload(r))
    return r


def _insert(tx: Session, customer_id: int, sold: orders.SoldOrder, ask: domain.Ask) -> Request:
    at = repository.now()
    r = Request(number=repository.next_number(tx, sold.number), order_number=sold.number,
                customer_id=customer_id, kind=ask.kind, reason=ask.reason,
                description=ask.description.strip(), status=domain.REQUESTED,
                created_at=at, updated_at=at)
    tx.add(r)
    tx.flush()
    repository.add_step(tx, r, domain.REQUESTED, f"customer:{customer_id}", ask.reason)
    return r


def _add_lines(tx: Session, r: Request, ask: domain.Ask, lines: Sequence[domain.BoughtLine],
               sold: orders.SoldOrder) -> None:
    refunded = repository.units_by_line(tx, sold.number, (domain.REFUNDED, domain.REFUNDING))
    money = estimate(lines, ask.quantities, refunded)
    by_id = {x.line_id: x for x in lines}
    for line_id, qty in ask.quantities.items():
        if not qty:
            continue
        x = by_id[line_id]
        tx.add(RequestLine(request_id=r.id, order_line_id=line_id, sku_id=x.sku_id,
                           product_id=x.product_id, name=x.name[:300], quantity=qty,
                           refund_fen=money[line_id]))
    # A refund before shipping gives back everything paid, delivery included.
    r.shipping_fen = sold.shipping_fen if ask.kind == domain.REFUND else 0
    r.refund_fen = sum(money.values()) + r.shipping_fen if ask.kind != domain.EXCHANGE else 0
    tx.flush()


def _payload(r: Request, **extra: object) -> dict[str, object]:
    return {"number": r.number, "order_number": r.order_number, "customer_id": r.customer_id,
            "kind": r.kind, "status": r.status, **extra}


def cancel(tx: Session, number: str, customer_id: int) -> Request:
    """The customer withdraws their request before the goods are on their way back."""
    r = repository.lock(tx, number, customer_id)
    domain.check_transition(r.status, domain.CANCELLED)
    repository.add_step(tx, r, domain.CANCELLED, f"customer:{customer_id}")
    return r


def send_back(tx: Session, number: str, customer_id: int, carrier: str, waybill: str) -> Request:
    """The customer posted the goods back: the carrier and waybill they were given."""
    carrier, waybill = carrier.strip(), waybill.strip().upper()
    if not carrier or len(carrier) > 40:
        raise DomainError("aftersales.invalid_carrier", "Name the carrier", "carrier")
    if not (6 <= len(waybill) <= 40) or not waybill.replace("-", "").isalnum():
        raise DomainError("aftersales.invalid_waybill", "Waybill: 6-40 letters and digits",
                          "waybill")
    r = repository.lock(tx, number, customer_id)
    if r.kind == domain.REFUND:
        raise domain.InvalidTransition(r.status, domain.RETURNING)
    domain.check_transition(r.status, domain.RETURNING)
    r.return_carrier, r.return_waybill = carrier, waybill
    repository.add_step(tx, r, domain.RETURNING, f"customer:{customer_id}", f"{carrier} {waybill}")
    return r


def add_photo(tx: Session, customer_id: int, path: str) -> int:
    """Keep an uploaded photo for the customer's next request; its id."""
    p = Photo(customer_id=customer_id, path=path, created_at=repository.now())
    tx.add(p)
    tx.flush()
    return p.id
