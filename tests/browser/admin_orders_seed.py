"""A shop day for the order and payment centres' browser test: orders in every status made
through the real services (pictures on their lines), and their payment attempts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from mercato.demo import images
from mercato.logistics.services import allocate
from mercato.orders import domain
from mercato.orders.adapters.tables import Order, OrderLine
from mercato.platform.db import Database
from tests.orders import admin_factory as f
from tests.payments.payment_rows import add_payment

PEOPLE = [
    ("13800000101", "李雷", "13912345678"),
    ("13800000102", "韩梅梅", "13700000002"),
    ("13800000103", "王芳", "13611112222"),
    ("13800000104", "张伟", "13533334444"),
]
PICTURES = {"tee": ("#b48a6a", "tee"), "polo": ("#5b7fb5", "polo"), "cup": ("#6fb59a", "cup")}
# (who, {product: [sku index, quantity], ...}, status) in the order they were placed.
ORDERS = [
    (0, {"tee": (0, 1), "cup": (0, 2)}, domain.COMPLETED),
    (1, {"polo": (1, 1)}, domain.CANCELLED),
    (2, {"cup": (1, 1)}, domain.CLOSED),
    (3, {"tee": (2, 2), "polo": (0, 1), "cup": (0, 1)}, domain.SHIPPED),
    (0, {"polo": (2, 1), "tee": (1, 1)}, domain.PICKING),
    (1, {"cup": (1, 3)}, domain.PICKING),
    (2, {"tee": (3, 1)}, domain.PAID),
    (3, {"polo": (3, 2), "cup": (1, 1)}, domain.PAID),
    (0, {"tee": (0, 1)}, domain.PENDING),
]
_PATH = {
    domain.PENDING: (),
    domain.PAID: ("pay",),
    domain.PICKING: ("pay", domain.PICKING),
    domain.SHIPPED: ("pay", domain.PICKING, domain.SHIPPED),
    domain.COMPLETED: ("pay", domain.PICKING, domain.SHIPPED, domain.SIGNED, domain.COMPLETED),
    domain.CANCELLED: (domain.CANCELLED,),
    domain.CLOSED: ("pay", domain.CLOSED),
}
_PROVIDERS = [("sandbox", "page"), ("wechatpay", "native"), ("alipay", "page")]


def _pictures(media: Path) -> dict[str, str]:
    media.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, (name, (hue, kind)) in enumerate(PICTURES.items()):
        (media / f"line-{name}.svg").write_text(images.product_svg(i * 5 + 1, hue, kind))
        out[name] = f"/media/line-{name}.svg"
    return out


def _move(db: Database, number: str, status: str) -> None:
    steps = _PATH[status]
    if steps and steps[0] == "pay":
        f.pay(db, number)
        steps = steps[1:]
    for target in steps:
        reason = {"closed": "缺货，与顾客协商后关闭", "cancelled": "顾客来电取消"}.get(target, "")
        f.move(db, number, target, reason=reason)


def seed(db: Database, shop: dict[str, Any], media: Path) -> dict[str, list[str]]:
    """Orders by status (numbers, oldest first) after making them and their payments."""
    f.order_shop(db, shop)
    people = [f.customer(db, *p) for p in PEOPLE]
    pictures = _pictures(media)
    by_status: dict[str, list[str]] = {}
    for who, lines, status in ORDERS:
        chosen = {shop[p]["skus"][i]: q for p, (i, q) in lines.items()}
        number = f.place(db, people[who], chosen, note="请工作日送货" if who == 3 else "")
        with db.transaction() as tx:
            for product, (i, _q) in lines.items():
                tx.execute(
                    update(OrderLine)
                    .where(OrderLine.sku_id == shop[product]["skus"][i])
                    .values(image=pictures[product])
                )
        _move(db, number, status)
        if status in (domain.PAID, domain.PICKING):  # as the running shop's relay would
            with db.transaction() as tx:
                allocate.allocate_order(tx, number)
        by_status.setdefault(status, []).append(number)
    _payments(db, by_status)
    return by_status


def _payments(db: Database, by_status: dict[str, list[str]]) -> None:
    with db.transaction() as tx:
        orders = {o.number: o for o in tx.scalars(select(Order))}
        for i, (number, o) in enumerate(sorted(orders.items())):
            provider, channel = _PROVIDERS[i % 3]
            at = o.placed_at + timedelta(seconds=30)
            kind = {
                domain.PENDING: "pending",
                domain.CANCELLED: "closed",
                domain.CLOSED: "refund_failed",
            }.get(o.status, "paid")
            if o.status == domain.CLOSED:  # refunded through the gateway the test installs
                provider, channel = "sandbox", "page"
            if o.status == domain.PENDING:
                add_payment(tx, number, "failed", at, "alipay", "page", o.total_fen, 1, "failed")
                add_payment(tx, number, kind, at, "wechatpay", "native", o.total_fen, 2)
                continue
            add_payment(tx, number, kind, at, provider, channel, o.total_fen)
        # Money that came twice for one order (refunded) and a refund still at the provider.
        shipped = by_status[domain.SHIPPED][0]
        total = orders[shipped].total_fen
        at = orders[shipped].placed_at + timedelta(minutes=2)
        add_payment(tx, shipped, "refunded", at, "wechatpay", "native", total, 2)
        done = by_status[domain.COMPLETED][0]
        at = orders[done].placed_at + timedelta(minutes=3)
        add_payment(tx, done, "refunding", at, "alipay", "wap", orders[done].total_fen, 2)
