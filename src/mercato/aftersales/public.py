"""What other parts of the shop may ask of after-sales."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.aftersales import domain
from mercato.aftersales.adapters import repository
from mercato.aftersales.web import pages


def order_card(request: Request, tx: Session, number: str, customer_id: int) -> Markup:
    """The after-sales card of the shopper's order page (requests made, what may be asked)."""
    return pages.order_card(request, tx, number, customer_id)


@dataclass(frozen=True, slots=True)
class Refunded:
    """One request whose money went back: its refund number, the units and money per order
    line, and the delivery fee given back with it."""

    refund_no: str
    lines: tuple[tuple[int, int, int], ...]  # (order line id, units, fen)
    shipping_fen: int


def refunded(tx: Session, order_number: str) -> list[Refunded]:
    """The order's requests refunded so far, oldest first (finance leaves them out of an
    invoice issued after them)."""
    done = [r for r in repository.of_order(tx, order_number) if r.status == domain.REFUNDED]
    lines = repository.lines_of(tx, [r.id for r in done])
    return [Refunded(r.refund_no, tuple((x.order_line_id, x.quantity, x.refund_fen)
                                        for x in lines[r.id]), r.shipping_fen) for r in done]
