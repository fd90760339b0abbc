"""The pricing walk's steps (tests/browser/test_pricing_walk.py): a gold member with a coupon
and points, their cart, the checkout's offers, the paid order's discounts, and what the
database holds. Amounts are read off the pages and compared with what the server computes."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from mercato.members import public as members
from mercato.members.adapters.loyalty_tables import Tier
from mercato.orders.adapters.tables import Adjustment, Order, OrderLine
from mercato.platform.db import Database
from mercato.promotions import public as promotions
from tests.browser.walks_common import Walk
from tests.members.loyalty_helpers import hold_tier
from tests.orders.conftest import PASSWORD, fill_cart, make_buyer
from tests.payments.order_helpers import token
from tests.promotions import helpers as promo

POINTS = 5000
STEPS = ["tier", "promotion", "coupon", "points"]  # the pipeline's order, as listed
PROMOTION, COUPON = "满200减20", "满100减10"  # the merchant's names, shown as they are


def fen(shown: str) -> int:
    """"¥1,234.56" / "−¥20.00" / "已优惠 ¥27.94" → fen (unsigned)."""
    found = re.search(r"¥([\d,]+)\.(\d\d)", shown)
    assert found, f"no amount in {shown!r}"
    return int(found.group(1).replace(",", "")) * 100 + int(found.group(2))


def gold_member(db: Database, market: dict[str, Any], phone: str) -> dict[str, Any]:
    """A gold member (2% off, tier row inserted: the tests' database starts empty) holding
    5,000 points and a ¥10-off-¥100 coupon, with 满200减20 / 满400减50 running store-wide
    (made once); their cart: 2 white M tees (¥99) and a polo (¥199) = ¥397."""
    buyer = make_buyer(db, phone)
    with db.reading() as tx:
        first = tx.get(Tier, "gold") is None
    if first:
        promo.promotion(db, tiers=((20000, 2000), (40000, 5000)))
    with db.transaction() as tx:
        hold_tier(tx, buyer["id"], "gold")
        members.earn_points(tx, buyer["id"], POINTS, "earn", f"walk-{phone}", "test")
    template = promo.template(db)
    with db.transaction() as tx:
        promotions.issue(tx, template, [buyer["id"]], "manual", f"walk-{phone}")
    coupon = promo.coupons_of(db, buyer["id"])[-1].id
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 2, market["polo"]["skus"][0]: 1})
    return {**buyer, "coupon": coupon}


def sign_in(walk: Walk, url: str, phone: str) -> None:
    page = walk.page
    page.goto(f"{url}/account/login?next=/cart")
    walk.testid("field-login").fill(phone)
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    page.wait_for_url("**/cart")


def cart(walk: Walk) -> dict[str, int]:
    """The cart: each line tagged with the member discount and 满200减20, the total after
    them and what was saved. Returns the amounts shown."""
    lines = walk.testid("cart-line")
    assert lines.count() == 2
    for i in range(lines.count()):
        tags = [t.strip() for t in lines.nth(i).locator("[data-testid=line-promo]")
                .all_inner_texts()]
        assert PROMOTION in tags, tags
        assert any("金卡" in t for t in tags), tags  # the member's tier discount, translated
    tags_hug_their_text(walk)
    walk.fits()
    walk.shot("cart")  # the settle bar (total, saved) is fixed to the bottom: in the picture
    return {"due": fen(walk.text("cart-subtotal")), "saved": fen(walk.text("cart-saved"))}


def tags_hug_their_text(walk: Walk) -> None:
    """A tag is a small pill, not a box across the line (the body stretches its children)."""
    body = walk.testid("cart-line").first.locator(".body").bounding_box()
    for box in (t.bounding_box() for t in walk.testid("line-promo").all()):
        assert box["width"] < body["width"] / 2, (box, body)


def to_checkout(walk: Walk) -> None:
    walk.testid("checkout-link").click()
    walk.page.wait_for_url("**/checkout?**")
    walk.testid("checkout-offers").wait_for()


def discounts(walk: Walk, testid: str = "discount") -> list[tuple[str, str, int]]:
    """(step, label, fen) of each discount row listed, in order."""
    rows = walk.testid(testid)
    return [(str(rows.nth(i).get_attribute("data-step")),
             str(rows.nth(i).locator("span").first.inner_text()).strip(),
             fen(rows.nth(i).inner_text())) for i in range(rows.count())]


def use_points(walk: Walk) -> None:
    """Ticks 使用积分: the offers and the totals come back (htmx), with the points row."""
    page = walk.page
    page.evaluate("window.__sameDocument = true")
    before = walk.text("checkout-total")
    walk.testid("use-points").check()
    page.locator("[data-testid=discount][data-step=points]").wait_for()
    page.wait_for_function(
        "t => document.querySelector('[data-testid=checkout-total]').textContent.trim() !== t",
        arg=before)
    assert walk.testid("use-points").is_checked()  # the swapped-in box keeps the choice
    assert page.evaluate("window.__sameDocument === true"), "ticking points reloaded the page"


def checkout_totals(walk: Walk) -> dict[str, int]:
    shipping = walk.text("checkout-shipping")
    return {"subtotal": fen(walk.text("checkout-subtotal")),
            "shipping": 0 if "¥" not in shipping else fen(shipping),
            "total": fen(walk.text("checkout-total")),
            "saved": fen(walk.text("checkout-saved"))}


def server_preview(client: Any, b: dict[str, Any], points: int) -> dict[str, Any]:
    """What the API computes for the same cart: the best coupon, `points` redeemed."""
    r = client.post("/api/v1/checkout/preview", headers=token(client, b["phone"]),
                    json={"address_id": b["address_id"], "shipping_method": "std",
                          "points": points})
    assert r.status_code == 200, r.text
    return dict(r.json())


def place_and_pay(walk: Walk, total_fen: int) -> str:
    """提交订单 → the pay page (the same amount) → the sandbox cashier → the order, paid."""
    page = walk.page
    walk.testid("place-order").click()
    page.wait_for_url("**/account/orders/*/pay")
    assert fen(walk.text("pay-amount")) == total_fen
    number = page.url.rsplit("/", 2)[1]
    walk.testid("provider-sandbox").check()
    walk.testid("pay-submit").click()
    page.wait_for_url("**/pay/sandbox/**")
    assert fen(walk.text("sandbox-amount")) == total_fen
    walk.shot("sandbox-cashier")
    walk.testid("sandbox-pay").click()
    page.wait_for_url(f"**/account/orders/{number}")
    assert walk.testid("order-status").get_attribute("data-status") == "paid"
    return number


def order_page(walk: Walk, url: str, number: str) -> list[tuple[str, str, int]]:
    """The order page, opened afresh: its four discount rows, and its total."""
    walk.page.goto(f"{url}/account/orders/{number}")
    walk.page.locator(".totals").scroll_into_view_if_needed()
    walk.fits()
    walk.shot("order-discounts")
    return discounts(walk, "order-discount")


def database_agrees(db: Database, b: dict[str, Any], number: str,
                    shown: list[tuple[str, str, int]], total_fen: int) -> None:
    """The order's adjustments are the rows shown; its lines' shares add up to its
    discount; the coupon is used by it; the points balance is down by what it used."""
    with db.reading() as tx:
        o = tx.scalars(select(Order).where(Order.number == number)).one()
        rows = tx.execute(select(Adjustment.step, Adjustment.source, Adjustment.label,
                                 Adjustment.amount_fen)
                          .where(Adjustment.order_id == o.id).order_by(Adjustment.id)).all()
        by_source: dict[str, list[Any]] = {}
        for step, source, label, amount in rows:
            by_source.setdefault(source, [step, label, 0])[2] += amount
        assert [tuple(v) for v in by_source.values()] == [tuple(s) for s in shown], rows
        assert sum(r.amount_fen for r in rows) == o.discount_fen
        lines = list(tx.scalars(select(OrderLine).where(OrderLine.order_id == o.id)))
        assert sum(ln.discount_fen for ln in lines) == o.discount_fen
        assert o.total_fen == o.subtotal_fen - o.discount_fen + o.shipping_fen == total_fen
        assert o.paid_fen == total_fen and o.coupon_id == b["coupon"]
        used, left = o.points_used, members.loyalty(tx, b["id"]).points
    assert used > 0 and left == POINTS - used, (left, used)
    coupon = promo.coupon_row(db, b["coupon"])
    assert (coupon.status, coupon.used_order_number) == ("used", number)
