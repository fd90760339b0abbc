"""The promotions bench's shop (bench/promotions.py): a fresh copy of the demo shop (4,210
SKUs; SQLite file or scratch PostgreSQL database, bench/shop.py), customers made before any
timing, the tiers, 200 running promotions of every kind scoped every way over the catalogue
(rows in bulk, not the services; mostly a category, a brand or a few products: see _scope),
four coupon templates (through the services) and 10,000 issued coupons in bulk.
Customers: order buyers (their own two SKUs, plenty of stock, an API token, 100 coupons any
2-line order takes, points), page customers (a signed session cookie and a cart of
PAGE_LINES lines) and two for the in-process pricing with the same 50-line cart, one holding
100 coupons of all four templates, the other none. Everyone is a gold member (2% off).
`switch(url, on)` turns the bench's promotions on or off: the "without" runs have none."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from bench import shop
from bench.dashboard_data import analyze
from mercato.platform.db import Database

SECRET = "bench-promotions-secret-key-2026-0123456789"  # the server's MERCATO_SECRET_KEY
STAFF = "bench"
OWN_COUPONS = 100  # each order buyer's, and the in-process buyer's
POINTS = 1_000_000  # each customer's balance (100 = ¥1)
OTHERS = 10_000_000  # customer ids of the coupons nobody here holds (no such customers)


@dataclass
class OrderBuyer:
    customer_id: int
    address_id: int
    token: str
    skus: tuple[int, int]
    coupons: list[int]  # unused, the next one last
    placed: int = 0  # orders this buyer placed (every other one takes a coupon and points)


@dataclass(frozen=True)
class PageCustomer:
    customer_id: int
    cookie: str  # the signed mercato_customer session cookie


@dataclass(frozen=True)
class Data:
    backend: str
    url: str
    skus: int  # sellable SKUs in the catalogue
    promotions: int  # the bench's, running in the "with" runs
    coupons: int  # issued (available) coupons
    buyers: list[OrderBuyer]
    pages: list[PageCustomer]
    priced: tuple[int, int]  # in-process pricing: (customer with coupons, customer without)

    @property
    def env(self) -> dict[str, str]:
        return {"MERCATO_DATABASE_URL": self.url, "MERCATO_MEDIA_DIR": str(shop.DATA / "media"),
                "MERCATO_SECRET_KEY": SECRET}


@contextmanager
def database(backend: str) -> Iterator[str]:
    """A fresh demo shop of its own (SQLite: var/bench/promotions.db)."""
    if backend == "SQLite":
        yield shop._sqlite_copy("promotions.db")
        return
    with shop.database(backend) as url:
        yield url


def _tiers(tx: Session) -> None:
    """The default tiers written, as the shop writes them when it has none."""
    from mercato.members.services import standing

    standing.tier_rules(tx)


def _gold(tx: Session, customer_ids: list[int]) -> None:
    from mercato.members import public as members
    from mercato.members.adapters.loyalty_tables import Loyalty

    tx.execute(insert(Loyalty), [{"customer_id": c, "tier": "gold"} for c in customer_ids])
    for c in customer_ids:
        members.earn_points(tx, c, POINTS, "earn", f"bench-{c}", "bench")


def _catalogue(tx: Session) -> tuple[list[int], list[str], list[int]]:
    """(category ids, brand slugs, product ids) of the active products."""
    from mercato.catalog.adapters.tables import Brand, Product

    active = Product.status == "active"
    cats = sorted({int(c) for c in tx.scalars(select(Product.category_id).where(active)) if c})
    brands = sorted(set(tx.scalars(select(Brand.slug).join(Product, Product.brand_id == Brand.id)
                                   .where(active))))
    products = list(tx.scalars(select(Product.id).where(active).order_by(Product.id)))
    return cats, brands, products


def _scope(i: int, rng: random.Random, cats: list[int], brands: list[str],
           products: list[int]) -> Any:
    """Promotion i's scope, as a big shop's running promotions are spread: of every 40
    (one of each kind per slot, i // 5), one store-wide, one for tiers, one for a channel,
    one for all but some products, ten for a category, ten for a brand, twelve for a few
    products, four on several axes at once (categories, brands and a tier)."""
    from mercato.pricing import public as pricing

    slot = i // len(pricing.KINDS) % 40
    if slot == 0:
        return pricing.Scope()
    if slot == 1:
        return pricing.Scope(tiers=frozenset(rng.sample(["silver", "gold", "diamond"], 2)))
    if slot == 2:
        return pricing.Scope(channels=frozenset({("web", "app", "mini")[i % 3]}))
    if slot == 3:
        return pricing.Scope(exclude_products=frozenset(rng.sample(products, 20)))
    if slot < 14:
        return pricing.Scope(categories=frozenset(rng.sample(cats, 1)))
    if slot < 24:
        return pricing.Scope(brands=frozenset(rng.sample(brands, 1)))
    if slot < 36:
        return pricing.Scope(products=frozenset(rng.sample(products, 20)))
    return pricing.Scope(categories=frozenset(rng.sample(cats, 5)),
                         brands=frozenset(rng.sample(brands, 5)), tiers=frozenset({"gold"}))


def _promotions(tx: Session, n: int) -> None:
    """n running promotions (kinds in turn, small rates), written disabled."""
    from mercato.platform.clock import utcnow
    from mercato.pricing import public as pricing
    from mercato.promotions.adapters.rows import scope_text
    from mercato.promotions.adapters.tables import Promotion

    rng, now = random.Random(16), utcnow()
    cats, brands, products = _catalogue(tx)
    rows = [{"name": f"促销{i}", "kind": pricing.KINDS[i % len(pricing.KINDS)], "enabled": False,
             "priority": i % 11, "stacking": pricing.EXCLUSIVE if i % 7 == 6 else pricing.STACK,
             "percent_off_bp": 100 + i % 4 * 50, "buy": 3, "pay": 2, "nth": 2,
             "tiers": "[[10000, 500], [30000, 2000], [60000, 5000]]", "over_fen": 9900,
             "scope": scope_text(_scope(i, rng, cats, brands, products)),
             "starts_at": now - timedelta(hours=1),
             "ends_at": now + timedelta(days=1 + i % 9) if i % 3 else None,
             "created_by": STAFF, "created_at": now, "updated_at": now}
            for i in range(n)]
    if rows:
        tx.execute(insert(Promotion), rows)


def _templates(tx: Session, cats: list[int]) -> list[int]:
    """Coupon templates: the first fits any cart (¥5 off, no minimum, no scope)."""
    from mercato.pricing import public as pricing
    from mercato.promotions import domain
    from mercato.promotions.services import editing

    base = domain.TemplateData("立减5元", pricing.AMOUNT_OFF, off_fen=500, valid_days=30,
                               per_customer_limit=0)
    made = [base,
            replace(base, name="满100减10", off_fen=1000, min_spend_fen=10_000),
            replace(base, name="9折券", kind=pricing.PERCENT_OFF, off_fen=0,
                    percent_off_bp=1000, cap_fen=5000),
            replace(base, name="品类券", off_fen=800, with_promotions=False,
                    scope=pricing.Scope(categories=frozenset(cats[:5])))]
    return [editing.save_template(tx, None, d, STAFF).id for d in made]


def _coupons(tx: Session, templates: list[int], owned: list[tuple[int, int, bool]],
             total: int) -> dict[int, list[int]]:
    """`total` coupons: (customer, how many, of every template or the first only) first,
    the rest to customers not here. Returns each named customer's coupon ids."""
    from mercato.platform.clock import utcnow
    from mercato.promotions import domain
    from mercato.promotions.adapters.tables import Coupon

    now = utcnow()
    deal = [(c, templates if mixed else templates[:1]) for c, n, mixed in owned
            for _ in range(n)][:total]
    deal += [(OTHERS + i % 997, templates) for i in range(total - len(deal))]
    rows = [{"template_id": ts[i % len(ts)], "customer_id": c, "code": f"BP{i:010d}",
             "off_fen": 0, "status": domain.AVAILABLE, "starts_at": now - timedelta(days=1),
             "ends_at": now + timedelta(days=10 + i % 20), "source": "manual",
             "source_ref": f"bench-{i}", "issued_at": now}
            for i, (c, ts) in enumerate(deal)]
    mine: dict[int, list[int]] = {}
    for start in range(0, len(rows), 2000):
        chunk = rows[start : start + 2000]
        for cid, customer in tx.execute(
                insert(Coupon).returning(Coupon.id, Coupon.customer_id), chunk):
            if customer < OTHERS:
                mine.setdefault(int(customer), []).append(int(cid))
    return mine


def _carts(tx: Session, carts: dict[int, list[int]]) -> None:
    from mercato.checkout.domain import CartOwner
    from mercato.checkout.services.cart import add_item

    for customer_id, skus in carts.items():
        for i, sku in enumerate(skus):
            add_item(tx, CartOwner(customer_id, None), sku, 1 + i % 3, "zh_CN")


def _cookies(tx: Session, customer_ids: list[int]) -> list[str]:
    from mercato.members.services import sessions

    signer = URLSafeTimedSerializer(SECRET, salt="customer-session")
    return [str(signer.dumps({"s": sessions.start_session(tx, c)})) for c in customer_ids]


def build(backend: str, url: str, *, buyers: int, pages: int, page_lines: int,
          priced_lines: int, promotions: int, coupons: int) -> Data:
    """Everything above, then fresh statistics."""
    from mercato.catalog.adapters.tables import Product, Sku
    from mercato.inventory import public as inventory

    s = shop.populate(backend, url, buyers + pages + 2, buyers)
    db = Database(url)
    pool_size = max(page_lines, priced_lines) * 4
    with db.transaction() as tx:
        # The demo's own promotions stop: "with" means the bench's, "without" none at all.
        tx.execute(text("UPDATE promotions_promotion SET enabled = false"))
        pool = shop._pick_skus(tx, pool_size)
        first = next(w for w in inventory.warehouses(tx) if w.active)
        for sku in pool:
            inventory.set_stock(tx, sku, first.id, shop.PLENTY, reference="bench")
        skus = tx.scalar(select(func.count()).select_from(Sku).join(
            Product, Product.id == Sku.product_id).where(Product.status == "active",
                                                          Sku.active.is_(True))) or 0
        _tiers(tx)
        everyone = [b.customer_id for b in s.buyers]
        _gold(tx, everyone)
        order_ids, page_ids = everyone[:buyers], everyone[buyers : buyers + pages]
        rich, poor = everyone[-2:]
        carts = {c: [pool[(7 * k + j) % len(pool)] for j in range(page_lines)]
                 for k, c in enumerate(page_ids)}
        carts |= {c: pool[:priced_lines] for c in (rich, poor)}
        _carts(tx, carts)
        cookies = _cookies(tx, page_ids)
        _promotions(tx, promotions)
        templates = _templates(tx, _catalogue(tx)[0])
        owned = [(c, OWN_COUPONS, False) for c in order_ids] + [(rich, OWN_COUPONS, True)]
        mine = _coupons(tx, templates, owned, coupons)
    analyze(db)
    db.engine.dispose()
    made = [OrderBuyer(b.customer_id, b.address_id, b.token, b.skus, mine.get(b.customer_id, []))
            for b in s.buyers[:buyers]]
    return Data(backend, url, skus, promotions, coupons, made,
                [PageCustomer(c, k) for c, k in zip(page_ids, cookies, strict=True)],
                (rich, poor))


def switch(url: str, on: bool) -> int:
    """The bench's promotions running (on) or none at all (off); how many run now."""
    from mercato.promotions.adapters.tables import Promotion

    db = Database(url)
    with db.transaction() as tx:
        running_now = Promotion.created_by == STAFF if on else False
        tx.execute(update(Promotion).values(enabled=running_now))
        running = tx.scalar(select(func.count()).select_from(Promotion)
                            .where(Promotion.enabled.is_(True))) or 0
    db.engine.dispose()
    return int(running)


def used(url: str, since_order_id: int) -> tuple[int, int, int]:
    """(orders, of them with a coupon, with points) placed after `since_order_id`."""
    from mercato.orders.adapters.tables import Order

    db = Database(url)
    with db.reading() as tx:
        row = tx.execute(select(func.count(), func.count(Order.coupon_id),
                                func.count().filter(Order.points_used > 0))
                         .where(Order.id > since_order_id)).one()
    db.engine.dispose()
    return int(row[0]), int(row[1]), int(row[2])


def last_order(url: str) -> int:
    from mercato.orders.adapters.tables import Order

    db = Database(url)
    with db.reading() as tx:
        found = tx.scalar(select(func.max(Order.id))) or 0
    db.engine.dispose()
    return int(found)
