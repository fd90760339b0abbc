"""What other parts of the shop may ask of finance."""

from __future__ import annotations

from fastapi import Request
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.finance.web import pages


def order_card(request: Request, tx: Session, number: str, customer_id: int) -> Markup:
    """The invoices card of the shopper's order page (blue and red-letter, each a PDF)."""
    return pages.order_card(request, tx, number, customer_id)
