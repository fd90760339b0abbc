"""Invoicing's subscribers: an order completed → its invoice; a refund of an invoiced
order → a red-letter invoice. Registered by bootstrap.wire_bus."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.finance import fapiao
from mercato.finance.services import invoicing
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings


def seller_of(settings: Settings) -> fapiao.Party:
    address, _, phone = settings.invoice_seller_address.rpartition(" ")
    bank, _, account = settings.invoice_seller_bank.rpartition(" ")
    return fapiao.Party(settings.invoice_seller_name, settings.invoice_seller_tax_id,
                        address or phone, phone if address else "", bank or account,
                        account if bank else "")


def wire(bus: Bus, settings: Settings) -> None:
    seller, issuer = seller_of(settings), settings.invoice_drawer

    def completed(tx: Session, event: Event) -> None:
        invoicing.issue_blue(tx, str(event.payload["number"]), seller, issuer)

    def refunded(tx: Session, event: Event) -> None:
        invoicing.issue_red(tx, dict(event.payload), seller, issuer)

    bus.subscribe(events.ORDER_COMPLETED, "finance.issue_invoice", completed)
    bus.subscribe(events.AFTERSALES_REFUNDED, "finance.issue_red_invoice", refunded)
