"""What other contexts use from checkout. Functions take the caller's transaction first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from mercato.checkout import services
from mercato.checkout.domain import CartLineView, CartOwner, CartView
from mercato.checkout.services import pricing as pricing_services
from mercato.checkout.services import shipping as shipping_services
from mercato.checkout.services.pricing import Offer
from mercato.checkout.services.shipping import ShippingQuote
from mercato.members import public as members
from mercato.platform.tx import AnyTx

__all__ = [
    "ALL_POINTS",
    "BEST_COUPON",
    "CART_COOKIE",
    "NO_COUPON",
    "CartChanged",
    "CartLineView",
    "CartOwner",
    "CartView",
    "Offer",
    "Priced",
    "ShippingQuote",
    "coupon_message",
    "merge_guest_cart",
    "offer",
    "price_lines",
    "shipping_quote",
    "shipping_quotes",
    "take_ordered",
    "view_cart",
]

BEST_COUPON, NO_COUPON = pricing_services.AUTO, pricing_services.NONE
ALL_POINTS = pricing_services.ALL_POINTS
Priced = pricing_services.pricing.Priced
offer = pricing_services.offer
coupon_message = pricing_services.coupon_message

# The HttpOnly cookie naming a web guest's cart (apps send the X-Cart-Token header instead).
CART_COOKIE = "mercato_cart"


def merge_guest_cart(tx: Session, guest_token: str | None, customer_id: int) -> None:
    """At login: fold the guest cart named by `guest_token` (the `mercato_cart` cookie or the
    app's X-Cart-Token) into the customer's cart and delete it. Quantities are summed, capped
    at 99 and at current availability, never below what the customer already had; unsellable
    SKUs are dropped. A token naming no guest cart (or None) does nothing. Clear the cookie
    after calling it."""
    services.merge_guest_cart(tx, guest_token, customer_id)


CartChanged = services.CartChanged


def take_ordered(
    tx: AnyTx, customer_id: int, expected: dict[int, int], only: bool = False
) -> None:
    """Take what an order was planned from (SKU id → quantity) out of the customer's cart:
    the whole cart, which must hold exactly that; with `only`, the lines of those SKUs alone,
    which must hold exactly those quantities (the cart's other lines stay, untouched). One
    statement. Raises CartChanged otherwise (the caller rolls back and plans again)."""
    services.take_ordered(tx, customer_id, expected, only)


def view_cart(
    tx: AnyTx, owner: CartOwner, locale: str, only: frozenset[int] | None = None
) -> CartView:
    """The owner's cart priced from current catalogue prices and stock; empty when none.
    With `only`, the lines of those SKUs alone (a SKU not in the cart is simply absent),
    totalled on their own: what an order of chosen lines would cost."""
    return services.view_cart(tx, owner, locale, only)


def price_lines(tx: AnyTx, quantities: Mapping[int, int], locale: str,
                stock: bool = True) -> CartView:
    """SKU id → quantity priced from current catalogue prices and stock as a cart's lines
    would be, without any cart (a campaign's buy-now order). A SKU that does not exist is
    absent; one not sellable in that quantity has `sellable` False. `stock` False: sold
    ahead of its stock (a presale), only a withdrawn product is not sellable."""
    return services.price_lines(tx, quantities, locale, stock)


def shipping_quotes(
    tx: Session, province: str, weight_g: int, subtotal_fen: int, locale: str
) -> list[ShippingQuote]:
    """Every active method delivering to the province, cheapest first (ties by code), with
    its fee in fen for a parcel of `weight_g` grams and a goods subtotal of `subtotal_fen`.
    The province is the address book's text: full ("广东省") or short ("广东") Chinese names
    match; other text is served only by methods delivering anywhere ("*"). `name` follows the
    locale (zh_CN → Chinese, else English). An empty list when nothing delivers there.
    DomainError (field weight_g / subtotal_fen) for a weight outside 0..1,000,000 g or a
    negative subtotal. Reads only (one statement)."""
    return shipping_services.quotes(tx, province, weight_g, subtotal_fen, locale)


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where a one-item buy-now order (flash sale, group deal, presale) would go: the
    customer's address book, the address chosen and the methods delivering there."""

    addresses: list[Any]
    chosen: Any | None
    quotes: list[ShippingQuote]


def delivery_for(tx: Session, customer_id: int | None, address_id: Any, weight_g: int,
                 goods_fen: int, locale: str) -> Delivery:
    """The address asked for (when it is the customer's), else the default one, else the
    first; with its shipping quotes. Nothing for a visitor not signed in."""
    book = members.addresses(tx, customer_id) if customer_id else []
    chosen = next((a for a in book if a.id == address_id),
                  next((a for a in book if a.is_default), book[0] if book else None))
    quotes = shipping_quotes(tx, chosen.province, weight_g, goods_fen, locale) if chosen else []
    return Delivery(book, chosen, quotes)


def shipping_quote(
    tx: AnyTx, code: str, province: str, weight_g: int, subtotal_fen: int, locale: str
) -> ShippingQuote:
    """One method's fee, computed as in `shipping_quotes` (use it when placing an order with
    the method the customer chose). NotFound('checkout.shipping_method_not_found',
    field='shipping_method') for an unknown or inactive code; DomainError
    ('checkout.no_delivery', field='province') when the method does not deliver there."""
    return shipping_services.quote(tx, code, province, weight_g, subtotal_fen, locale)


def free_shipping_over(tx: Session) -> int | None:
    """The lowest goods subtotal (fen) from which some active method ships free to every
    province (a rule for "*" with a free-over amount), or None: what a product page may
    promise ("满 ¥99 包邮") without knowing the shopper's address. One statement."""
    amounts = [
        rule.free_over
        for method in shipping_services.active_methods(tx)
        for rule in method.rules
        if "*" in rule.provinces and rule.free_over is not None
    ]
    return min(amounts) if amounts else None
