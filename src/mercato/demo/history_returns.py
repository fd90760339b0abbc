"""The demo's after-sales: a few delivered orders come back. Planned per order from its own
seeded random source (so adding returns changes nothing else of the planned history), then
taken through the after-sales services like the rest: the customer asks, customer service
decides, the customer posts it back, the warehouse receives and restocks; the refund itself
is sent by the payments job when the events are delivered (history.py)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.aftersales import domain as aftersales
from mercato.aftersales.adapters.tables import Request, RequestLine
from mercato.aftersales.services import requests, staff
from mercato.kernel.errors import DomainError

SHARE = 0.045  # of the orders signed for
REJECT = 0.15
KINDS = ("ask_return", "approve_return", "reject_return", "send_back", "receive_return")
STAFF = "admin@mercato.local"  # the demo owner, as in history_plan
REASONS = ("no_reason", "no_reason", "no_reason", "quality", "damaged", "not_as_described")
NOTES = ("尺码不合适", "颜色和图片有差异", "收到时外包装破损", "买重复了", "")


def plan(order: int, signed: datetime) -> list[tuple[datetime, str]]:
    """This order's return steps (time, kind), if it has one: asked within five days of
    sign-for."""
    rng = random.Random(f"return-{order}")
    if rng.random() >= SHARE:
        return []
    ask = signed + timedelta(hours=rng.randint(6, 120))
    decided = ask + timedelta(hours=rng.randint(1, 20))
    if rng.random() < REJECT:
        return [(ask, "ask_return"), (decided, "reject_return")]
    back = decided + timedelta(hours=rng.randint(2, 48))
    received = back + timedelta(hours=rng.randint(20, 72))
    return [(ask, "ask_return"), (decided, "approve_return"), (back, "send_back"),
            (received, "receive_return")]


class Returns:
    def __init__(self) -> None:
        self.numbers: dict[int, str] = {}

    def ask(self, tx: Session, order: int, number: str, customer_id: int,
            line_ids: list[int]) -> bool:
        rng = random.Random(f"ask-{order}")
        ask = aftersales.Ask("return", rng.choice(REASONS), {line_ids[0]: 1},
                             description=rng.choice(NOTES))
        savepoint = tx.begin_nested()
        try:
            made = requests.open_request(tx, customer_id, number, ask, [])
        except DomainError:  # a fresh-food line (no no-reason returns), say: not asked
            savepoint.rollback()
            return False
        savepoint.commit()
        self.numbers[order] = made.number
        return True

    def move(self, tx: Session, order: int, kind: str, customer_id: int) -> None:
        rn = self.numbers.get(order)
        if rn is None:
            return
        if kind == "approve_return":
            staff.approve(tx, rn, STAFF, "请用顺丰寄回，勿寄到付")
        elif kind == "reject_return":
            staff.reject(tx, rn, STAFF, "商品已使用，影响二次销售")
        elif kind == "send_back":
            waybill = f"SF{random.Random(rn).randint(10**12, 10**13 - 1)}"
            requests.send_back(tx, rn, customer_id, "顺丰速运", waybill)
        elif kind == "receive_return":
            rid_lines = tx.scalars(
                select(RequestLine.id).join(Request, RequestLine.request_id == Request.id)
                .where(Request.number == rn)).all()
            staff.receive(tx, rn, STAFF, dict.fromkeys(rid_lines, aftersales.RESTOCK))
