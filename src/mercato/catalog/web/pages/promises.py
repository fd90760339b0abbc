"""The product page's service promises that come from settings, here or in other contexts:
- free shipping over an amount: checkout's rules (bootstrap hands the catalogue a function for
  it, since the catalogue cannot import checkout);
- no-reason returns ("7天无理由退货"): the product's category, inherited down the tree;
- a delivery estimate to the shopper's province ("预计12月12日送达"): the provinces of the
  warehouses holding the goods (read with the units available, no extra statement), the
  transit table and 16:00 cut-off of `inventory.transit`, in the shop's time zone.

The shopper's province: one chosen on the page now (?province=<code>, remembered in a cookie),
else the signed-in customer's default address (members, handed in by bootstrap: one statement,
none without a session cookie), else the cookie, else the shop's first warehouse province.
Settings read from the database (free-shipping amount, that warehouse) are asked at most
every 30 s per process: a change shows within that, and a product view costs no statement."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from mercato.inventory import public as inventory
from mercato.kernel import provinces
from mercato.kernel.money import Money
from mercato.platform import clock
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _

FreeShippingFn = Callable[[Session], int | None]
TTL = 30.0
COOKIE = "province"  # a two-digit province code (kernel.provinces.CODES)
COOKIE_AGE = 365 * 24 * 3600
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
T = TypeVar("T")


def _memo(request: Request, name: str, conn: Connection, fn: Callable[[Session], T]) -> T:
    """fn(tx), asked again only when the last answer is TTL seconds old (per process)."""
    cached = getattr(request.app.state, name, None)
    now = time.monotonic()
    if cached is not None and now - cached[0] < TTL:
        return cached[1]
    with Session(bind=conn) as tx:
        value = fn(tx)
    setattr(request.app.state, name, (now, value))
    return value


def free_shipping_over(request: Request, conn: Connection) -> int | None:
    fn: FreeShippingFn | None = getattr(request.app.state, "catalog_free_shipping", None)
    if fn is None:
        return None
    return _memo(request, "catalog_free_shipping_seen", conn, fn)


def free_shipping_text(amount: int | None) -> str:
    if amount is None:
        return ""
    if amount == 0:
        return _("Free shipping")
    return _("Free shipping over ¥%(amount)s") % {"amount": Money(amount, "CNY").format()}


def returns_text(days: int) -> str:
    """How the page (and the admin) names a no-reason returns rule."""
    if days <= 0:
        return _("No no-reason returns")
    return _("%(n)s-day no-reason returns") % {"n": days}


def _code(raw: str | None) -> str | None:
    """A valid province code, else None (anything else in a cookie or the URL is ignored)."""
    return raw if raw in provinces.CODES else None


def shopper_province(request: Request, conn: Connection) -> str | None:
    """The two-digit code of the province to estimate delivery to (see the module's doc)."""
    chosen = _code(request.query_params.get("province"))
    if chosen:
        return chosen
    fn = getattr(request.app.state, "catalog_shopper_province", None)
    typed = fn(conn, request) if fn is not None else None
    signed_in = provinces.code_of(typed) if typed else None
    if signed_in:
        return signed_in
    remembered = _code(request.cookies.get(COOKIE))
    if remembered:
        return remembered
    home = _memo(request, "catalog_home_province_seen", conn, inventory.home_province)
    return provinces.code_of(home) if home else None


def remember_province(request: Request, response: Response) -> None:
    """Keep a province chosen on the page (?province=) in the cookie for a year."""
    chosen = _code(request.query_params.get("province"))
    if chosen and request.cookies.get(COOKIE) != chosen:
        response.set_cookie(COOKIE, chosen, max_age=COOKIE_AGE, samesite="lax")


def province_choices() -> list[tuple[str, str]]:
    """(code, short name) of the 31 mainland provinces, in the page's language."""
    zh = current_locale.get().startswith("zh")
    return [(c, provinces.short_name(n) if zh else en) for c, (n, en) in provinces.CODES.items()]


def place_name(code: str) -> str:
    name, en = provinces.CODES[code]
    return provinces.short_name(name) if current_locale.get().startswith("zh") else en


def _day_text(estimate: inventory.Estimate, today: date) -> str:
    day = estimate.arrives
    shown = f"{day.month}月{day.day}日" if current_locale.get().startswith("zh") else ""
    shown = shown or f"{MONTHS[day.month - 1]} {day.day}"
    if day == today + timedelta(days=1):
        return _("tomorrow (%(date)s)") % {"date": shown}
    return shown


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the delivery row shows: the province code shopped for, the estimate for the
    product (any variant in stock) and per SKU id (the one a shopper picks)."""

    code: str
    product: inventory.Estimate | None
    skus: tuple[tuple[int, inventory.Estimate | None], ...]


def delivery(code: str | None, stock: dict[int, dict[str, int]]) -> Delivery | None:
    """Estimates to province `code` for goods held as `stock` (SKU id → province → units,
    from inventory.sellable_by_province), for an order paid now; None without a province."""
    if code is None:
        return None
    dest, now = provinces.CODES[code][0], clock.local(clock.utcnow())

    def to_dest(origins: Iterable[str]) -> inventory.Estimate | None:
        return inventory.delivery_estimate([o for o in origins if o], dest, now)

    every = {p for by in stock.values() for p in by}
    per_sku = tuple((sku_id, to_dest(by)) for sku_id, by in sorted(stock.items()))
    return Delivery(code, to_dest(every), per_sku)


def estimate_text(estimate: inventory.Estimate | None) -> str:
    """When it arrives ("今天16:00前付款，预计明天(12月11日)送达"); "" without an estimate."""
    if estimate is None:
        return ""
    day = _day_text(estimate, clock.local(clock.utcnow()).date())
    if estimate.ships_today:
        cutoff = inventory.CUTOFF.strftime("%H:%M")
        return _("Pay by %(time)s today, arrives %(day)s") % {"time": cutoff, "day": day}
    return _("Pay now, arrives %(day)s") % {"day": day}


def origin_text(estimate: inventory.Estimate | None) -> str:
    """Where it leaves from ("上海发货"); "" without an estimate."""
    code = provinces.code_of(estimate.origin) if estimate else None
    return _("Ships from %(place)s") % {"place": place_name(code)} if code else ""
