"""Cart rules, pure: quantities 1..99 a line, at most 100 lines, merging guest carts, and
totals from CURRENT prices handed in by the caller (never from anything a client sent), also
of the lines a shopper chose to check out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from mercato.kernel.errors import DomainError

MAX_QUANTITY = 99
MAX_LINES = 100


class PricedSku(Protocol):
    """What pricing needs of a SKU (the catalogue's SkuSnapshot has it)."""

    @property
    def sku_id(self) -> int: ...
    @property
    def product_id(self) -> int: ...
    @property
    def product_slug(self) -> str: ...
    @property
    def product_name(self) -> str: ...
    @property
    def option_labels(self) -> tuple[str, ...]: ...
    @property
    def price_fen(self) -> int: ...
    @property
    def currency(self) -> str: ...
    @property
    def image(self) -> str: ...
    @property
    def weight_g(self) -> int: ...
    @property
    def sellable(self) -> bool: ...
    @property
    def category_id(self) -> int | None: ...
    @property
    def brand(self) -> str: ...


@dataclass(frozen=True, slots=True)
class CartOwner:
    """Who the cart belongs to: a signed-in customer, else the holder of a guest token."""

    customer_id: int | None
    guest_token: str | None


@dataclass(frozen=True, slots=True)
class CartLineView:
    sku_id: int
    product_id: int
    product_slug: str
    product_name: str
    option_labels: tuple[str, ...]
    image: str
    unit_price_fen: int
    quantity: int
    line_total_fen: int
    available: int
    sellable: bool  # False: product withdrawn or out of stock; not counted in the subtotal
    category_id: int | None = None  # what promotions are scoped by
    brand: str = ""


@dataclass(frozen=True, slots=True)
class CartView:
    currency: str
    lines: tuple[CartLineView, ...]
    item_count: int
    subtotal_fen: int
    weight_g: int = 0  # of the counted lines, for shipping fees
    units: int = 0  # every unit in the cart, sellable or not (the header's cart badge)


@dataclass(frozen=True, slots=True)
class Chosen:
    """The lines a shopper ticked for checkout (only sellable lines can be), and their totals."""

    sku_ids: frozenset[int]
    item_count: int
    subtotal_fen: int

    def __contains__(self, sku_id: object) -> bool:
        return sku_id in self.sku_ids


def chosen(cart: CartView, ticked: frozenset[int] | None) -> Chosen:
    """The cart's sellable lines that are ticked (`None`: all of them) and their totals."""
    lines = [
        line
        for line in cart.lines
        if line.sellable and (ticked is None or line.sku_id in ticked)
    ]
    return Chosen(
        frozenset(line.sku_id for line in lines),
        sum(line.quantity for line in lines),
        sum(line.line_total_fen for line in lines),
    )


class ShortOfStock(DomainError):
    """Fewer units are available than asked for; `left` says how many are (0: none) and
    `in_cart` how many of them the cart holds already (an add counts both)."""

    def __init__(self, left: int, in_cart: int = 0) -> None:
        super().__init__("checkout.insufficient_stock", "Not enough stock", "quantity")
        self.left, self.in_cart = max(left, 0), in_cart


def check_quantity(quantity: int) -> int:
    """A line quantity must be a whole number from 1 to 99."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise DomainError("checkout.invalid_quantity", "Quantity must be a number", "quantity")
    if not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError("checkout.invalid_quantity", "Quantity must be from 1 to 99", "quantity")
    return quantity


def check_stock(quantity: int, available: int) -> None:
    if quantity > available:
        raise ShortOfStock(available)


def quantity_limit(available: int) -> int:
    """The most of one item a line may hold now: 99, or fewer when fewer are in stock."""
    return max(min(MAX_QUANTITY, available), 0)


def clamped_quantity(wanted: int, available: int) -> tuple[int, str]:
    """What a typed or stepped quantity becomes on the cart page, and why it changed: the
    line is kept within 1..99 and stock ("" unchanged, "min", "max" or "stock"). Raises
    ShortOfStock(0) when none are left at all."""
    limit = quantity_limit(available)
    if limit < 1:
        raise ShortOfStock(0)
    if wanted < 1:
        return 1, "min"
    if wanted > limit:
        return limit, "max" if limit == MAX_QUANTITY else "stock"
    return wanted, ""


def added_quantity(lines: Mapping[int, int], sku_id: int, quantity: int, available: int) -> int:
    """The line's new quantity after adding `quantity` of `sku_id` to a cart of `lines`."""
    check_quantity(quantity)
    if sku_id not in lines and len(lines) >= MAX_LINES:
        raise DomainError("checkout.cart_full", "The cart holds at most 100 lines", "sku_id")
    had = lines.get(sku_id, 0)
    if had + quantity > MAX_QUANTITY:
        raise DomainError(
            "checkout.invalid_quantity", "At most 99 of one item per order", "quantity"
        )
    if had + quantity > available:
        raise ShortOfStock(available, had)
    return had + quantity


def merged_lines(
    target: Mapping[int, int], guest: Mapping[int, int], available: Mapping[int, int]
) -> dict[int, int]:
    """The customer's cart after merging a guest cart into it: quantities summed, capped at
    99 and at availability (but never below what the customer already had); guest lines for
    unavailable SKUs or beyond the 100-line limit are dropped."""
    out = dict(target)
    for sku_id, qty in guest.items():
        had = out.get(sku_id, 0)
        if not had and len(out) >= MAX_LINES:
            continue
        merged = max(had, min(had + qty, MAX_QUANTITY, available.get(sku_id, 0)))
        if merged > 0:
            out[sku_id] = merged
    return out


def price_cart(
    currency: str,
    lines: Mapping[int, int],
    skus: Mapping[int, PricedSku],
    available: Mapping[int, int],
) -> CartView:
    """The cart priced from current SKU data, lines in the order given. Lines whose SKU is
    gone, unsellable, in another currency or short of stock are shown but not totalled."""
    views = []
    weight = 0
    for sku_id, qty in lines.items():
        sku = skus.get(sku_id)
        if sku is None:
            continue  # deleted from the catalogue: nothing left to show
        units = available.get(sku_id, 0)
        ok = sku.sellable and sku.currency == currency and qty <= units
        weight += sku.weight_g * qty if ok else 0
        views.append(
            CartLineView(
                sku_id,
                sku.product_id,
                sku.product_slug,
                sku.product_name,
                sku.option_labels,
                sku.image,
                sku.price_fen,
                qty,
                sku.price_fen * qty,
                units,
                ok,
                sku.category_id,
                sku.brand,
            )
        )
    counted = [v for v in views if v.sellable]
    count, subtotal = sum(v.quantity for v in counted), sum(v.line_total_fen for v in counted)
    return CartView(currency, tuple(views), count, subtotal, weight, sum(lines.values()))
