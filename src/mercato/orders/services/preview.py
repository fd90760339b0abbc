"""What the checkout page shows before the order is placed: the cart priced now, shipping
options to the chosen address, and the total. Computed here, never taken from the client."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mercato.checkout import public as checkout
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.orders import domain


@dataclass(frozen=True, slots=True)
class Preview:
    cart: checkout.CartView
    address: members.AddressView | None
    quotes: tuple[checkout.ShippingQuote, ...]
    chosen: checkout.ShippingQuote | None
    totals: domain.Totals | None
    offer: checkout.Offer | None = None  # the pricing pipeline's result (None: empty cart)
    coupon_error: str = ""  # why the coupon asked for is not applied (a message id)


def preview(
    tx: Session,
    customer_id: int,
    address_id: int | None,
    method: str | None,
    locale: str,
    sku_ids: frozenset[int] | None = None,
    coupon: int = checkout.BEST_COUPON,
    points: int = 0,
) -> Preview:
    """address_id None: the customer's default address (or none yet). sku_ids: the cart
    lines chosen for the order (None: the whole cart); chosen SKUs not in the cart are left
    out. coupon: an issued coupon's id, BEST_COUPON or NO_COUPON; one that cannot be used
    is left out and `coupon_error` says why."""
    cart = checkout.view_cart(tx, checkout.CartOwner(customer_id, None), locale, sku_ids)
    if address_id is None:
        address = members.default_address(tx, customer_id)
    else:
        address = members.address_for(tx, customer_id, address_id)
        if address is None:
            raise NotFound("orders.address_not_found", "No such address", "address_id")
    if address is None:
        return Preview(cart, None, (), None, None, _offer(tx, cart, customer_id, coupon, 0, 0)[0])
    quotes = tuple(
        checkout.shipping_quotes(tx, address.province, cart.weight_g, cart.subtotal_fen, locale)
    )
    chosen = next((q for q in quotes if q.code == method), quotes[0] if quotes else None)
    offer, error = _offer(tx, cart, customer_id, coupon, points, chosen.fee_fen if chosen else 0)
    p = offer.priced
    totals = (domain.totals(p.goods_fen, p.shipping_fen - p.shipping_discount_fen,
                            p.discount_fen) if chosen else None)
    return Preview(cart, address, quotes, chosen, totals, offer, error)


def _offer(tx: Session, cart: checkout.CartView, customer_id: int, coupon: int, points: int,
           shipping_fen: int) -> tuple[checkout.Offer, str]:
    try:
        offer = checkout.offer(tx, cart.lines, customer_id, coupon=coupon, points=points,
                               shipping_fen=shipping_fen, list_coupons=True)
    except DomainError as exc:  # not theirs, used, out of its window
        offer = checkout.offer(tx, cart.lines, customer_id, coupon=checkout.NO_COUPON,
                               points=points, shipping_fen=shipping_fen, list_coupons=True)
        return offer, exc.message
    if coupon == checkout.BEST_COUPON:
        return offer, ""
    return offer, checkout.coupon_message(offer.priced.coupon_error)
