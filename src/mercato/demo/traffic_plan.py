"""The demo shop's visitors, planned (pure, seeded; traffic.py writes them): how many come a
day, when, on which channel, and what each does. Buyers: the visit that ends in each demo
order (the ordered products viewed, put in the cart, checkout, signing in when needed, the
order's pages, which tie the visitor to the order). Everyone else: a landing page, searches
with the catalogue's own words, a few products looked at; a few fill a cart, fewer start
checking out and leave.

Event ids are the day and a count: the same day planned again gives the same ids, and the
lake counts an event id once."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from mercato.analytics import domain
from mercato.demo.history_plan import HOURS

FEWEST, MOST = 300, 1500  # visitors a day: a small shop
CONVERSION = 0.025  # the orders expected on a day ÷ its visitors (before the bounds)
RETURNING = 0.3  # of a day's visitors who do not buy, those seen before
CHANNELS, CHANNEL_WEIGHTS = ("web", "app", "mini"), (55, 27, 18)
BOUNCE, SEARCHES, CARTS, CHECKOUTS = 0.38, 0.35, 0.09, 0.35
SIGN_IN_AGAIN = 0.3  # a returning buyer's session has expired
_HOURS = list(itertools.accumulate(HOURS))


@dataclass(frozen=True, slots=True)
class Item:
    """A product as visitors find it."""

    product_id: int
    path: str  # /p/<slug>
    category: str  # /c/<slug> of its category
    sku_ids: tuple[int, ...]
    terms: tuple[str, ...]  # what a shopper types to find it


@dataclass(frozen=True, slots=True)
class Line:
    product_id: int
    sku_id: int
    path: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Bought:
    """A demo order, as its buyer's visit needs it."""

    number: str
    customer_id: int
    at: datetime  # placed (stored time)
    lines: tuple[Line, ...]


Row = dict[str, Any]  # an event as a segment line holds it: domain.COLUMNS, nulls left out


@dataclass
class Day:
    """One local day's events. `start`, `end`: its bounds in stored time (a buyer's visit
    may begin the evening before). Rows rather than domain.Event: less than half the time
    to make and write, for a few hundred thousand of them."""

    day: date
    start: datetime
    end: datetime
    events: list[Row] = field(default_factory=list)

    def add(self, at: datetime, name: str, visitor: str, channel: str, **fields: Any) -> None:
        day = self.day if at >= self.start else self.day - timedelta(days=1)
        day = day if at < self.end else self.day + timedelta(days=1)
        self.events.append({
            "id": f"demo-{self.day:%Y%m%d}-{len(self.events):x}", "occurred_at": at,
            "day": day, "name": name, "visitor_id": visitor, "channel": channel, **fields})

    def page(self, at: datetime, visitor: str, channel: str, path: str) -> None:
        self.add(at, domain.PAGE_VIEW, visitor, channel, path=path)

    def product(self, at: datetime, visitor: str, channel: str, line: Line | Item,
                sku_id: int) -> None:
        self.page(at, visitor, channel, line.path)
        self.add(at, domain.PRODUCT_VIEW, visitor, channel, path=line.path,
                 product_id=line.product_id, sku_id=sku_id)


def visitors(expected_orders: float, rng: random.Random) -> int:
    """A day's visitors: its expected orders at the usual conversion, within the bounds."""
    return max(FEWEST, min(MOST, round(expected_orders / CONVERSION * rng.uniform(0.9, 1.1))))


def arrivals(rng: random.Random, d: Day, count: int) -> list[datetime]:
    """When `count` visitors arrive: the hours orders come in (evening peaks), in order."""
    hours = rng.choices(range(24), cum_weights=_HOURS, k=count)
    return sorted(d.start + timedelta(hours=h, seconds=rng.randrange(3600)) for h in hours)


def _gap(rng: random.Random, at: datetime) -> datetime:
    return at + timedelta(seconds=rng.randint(15, 150))


def browse(rng: random.Random, d: Day, items: list[Item], visitor: str, channel: str,
           at: datetime) -> None:
    """A visit that buys nothing."""
    item = rng.choice(items)
    landing = "/" if rng.random() < 0.6 else item.category
    d.page(at, visitor, channel, landing)
    if rng.random() < BOUNCE:
        return
    if rng.random() < SEARCHES:
        at = _gap(rng, at)
        d.page(at, visitor, channel, "/search")
        d.add(at, domain.SEARCH, visitor, channel, path="/search", term=rng.choice(item.terms))
    for seen in [item, *rng.sample(items, min(len(items), int(rng.expovariate(0.8))))]:
        at = _gap(rng, at)
        d.product(at, visitor, channel, seen, rng.choice(seen.sku_ids))
    if rng.random() < CARTS:
        at = _gap(rng, at)
        sku_id = rng.choice(item.sku_ids)
        path = "/cart/add" if channel == "web" else "/api/v1/cart/lines"  # the apps: the API
        d.add(at, domain.ADD_TO_CART, visitor, channel, path=path, sku_id=sku_id, quantity=1)
        d.page(_gap(rng, at), visitor, channel, "/cart")
        if rng.random() < CHECKOUTS:
            at = _gap(rng, _gap(rng, at))
            d.page(at, visitor, channel, "/checkout")
            d.add(at, domain.CHECKOUT_STARTED, visitor, channel, path="/checkout")


Request = list[tuple[str, dict[str, Any]]]  # the events one page or form post records


def _buyer_requests(rng: random.Random, items: list[Item], order: Bought,
                    signs_in: bool) -> list[Request]:
    first = order.lines[0]
    landing = "/" if rng.random() < 0.5 else rng.choice(items).category
    out: list[Request] = [[(domain.PAGE_VIEW, {"path": landing})]]
    if rng.random() < SEARCHES:
        near = [i for i in items if i.product_id == first.product_id] or items
        term = rng.choice(near[0].terms)
        out.append([(domain.PAGE_VIEW, {"path": "/search"}),
                    (domain.SEARCH, {"path": "/search", "term": term})])
    for line in order.lines:
        view = {"path": line.path, "product_id": line.product_id, "sku_id": line.sku_id}
        out.append([(domain.PAGE_VIEW, {"path": line.path}), (domain.PRODUCT_VIEW, view)])
        out.append([(domain.ADD_TO_CART, {"path": "/cart/add", "sku_id": line.sku_id,
                                          "quantity": line.quantity})])
    out.append([(domain.PAGE_VIEW, {"path": "/cart"})])
    if signs_in:  # the checkout asks to sign in first: the login ties visitor and customer
        out.append([(domain.PAGE_VIEW, {"path": "/account/login"})])
        out.append([(domain.LINKED, {"path": "/account/login", "customer_id": order.customer_id})])
    out.append([(domain.PAGE_VIEW, {"path": "/checkout"}),
                (domain.CHECKOUT_STARTED, {"path": "/checkout"})])
    return out


def buy(rng: random.Random, d: Day, items: list[Item], visitor: str, order: Bought,
        signs_in: bool) -> None:
    """The buyer's visit up to the order, then the order's own pages (on the web: orders'
    events carry no channel, so they count as the web's)."""
    requests = _buyer_requests(rng, items, order, signs_in)
    gaps = [rng.randint(15, 150) for _ in requests]
    at = order.at - timedelta(seconds=sum(gaps))
    for gap, request in zip(gaps, requests, strict=True):
        for name, fields in request:
            d.add(at, name, visitor, "web", **fields)
        at += timedelta(seconds=gap)
    number, pay = order.number, f"/account/orders/{order.number}/pay"
    d.add(order.at + timedelta(seconds=1), domain.LINKED, visitor, "web", path="/checkout",
          order_number=number)  # the checkout's redirect to the payment page
    d.page(order.at + timedelta(seconds=2), visitor, "web", pay)
    d.add(order.at + timedelta(seconds=2), domain.LINKED, visitor, "web", path=pay,
          order_number=number)


@dataclass
class Crowd:
    """Who visits: one visitor id per buyer (their browser), and everyone seen so far who
    bought nothing, with their channel (a cookie belongs to one browser or app)."""

    new_visitor: Callable[[], str]
    buyers: dict[int, str] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)

    def buyer(self, customer_id: int) -> tuple[str, bool]:
        """The customer's visitor id, and whether they must sign in."""
        known = self.buyers.get(customer_id)
        if known is None:
            known = self.buyers[customer_id] = self.new_visitor()
            return known, True
        return known, False

    def others(self, rng: random.Random, count: int) -> list[tuple[str, str]]:
        back = min(round(count * RETURNING), len(self.seen) // 3)
        fresh = [(self.new_visitor(), rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0])
                 for _ in range(count - back)]
        out = rng.sample(self.seen, back) + fresh
        self.seen += fresh
        return out


def plan_day(rng: random.Random, d: Day, items: list[Item], orders: list[Bought],
             crowd: Crowd, expected_orders: float, now: datetime) -> list[Row]:
    """Every event of the day `d` up to `now`, in no particular order."""
    for order in orders:
        visitor, first = crowd.buyer(order.customer_id)
        buy(rng, d, items, visitor, order, first or rng.random() < SIGN_IN_AGAIN)
    count = max(visitors(expected_orders, rng) - len({o.customer_id for o in orders}), 0)
    for (visitor, channel), at in zip(crowd.others(rng, count), arrivals(rng, d, count),
                                      strict=True):
        if at < now:
            browse(rng, d, items, visitor, channel, at)
    return [e for e in d.events if e["occurred_at"] <= now]
