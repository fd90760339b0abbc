"""What the checkout page shows before the order is placed: the cart priced now, shipping
options to the chosen address, and the total. Computed here, never taken from the client."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mercato.checkout import public as checkout
from mercato.kernel.errors import NotFound
from mercato.members import public as members
from mercato.orders import domain


@dataclass(frozen=True, slots=True)
class Preview:
    cart: checkout.CartView
    address: members.AddressView | None
    quotes: tuple[checkout.ShippingQuote, ...]
    chosen: checkout.ShippingQuote | None
    totals: domain.Totals | None


def preview(
    tx: Session,
    customer_id: int,
    address_id: int | None,
    method: str | None,
    locale: str,
    sku_ids: frozenset[int] | None = None,
) -> Preview:
    """address_id None: the customer's default address (or none yet). sku_ids: the cart
    lines chosen for the order (None: the whole cart); chosen SKUs not in the cart are left
    out."""
    cart = checkout.view_cart(tx, checkout.CartOwner(customer_id, None), locale, sku_ids)
    if address_id is None:
        address = members.default_address(tx, customer_id)
    else:
        address = members.address_for(tx, customer_id, address_id)
        if address is None:
            raise NotFound("orders.address_not_found", "No such address", "address_id")
    if address is None:
        return Preview(cart, None, (), None, None)
    quotes = tuple(
        checkout.shipping_quotes(tx, address.province, cart.weight_g, cart.subtotal_fen, locale)
    )
    chosen = next((q for q in quotes if q.code == method), quotes[0] if quotes else None)
    totals = domain.totals(cart.subtotal_fen, chosen.fee_fen) if chosen else None
    return Preview(cart, address, quotes, chosen, totals)
