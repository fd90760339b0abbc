"""The group-deal form of the admin: read as staff typed it (the SKU by its code, prices in
yuan to fen through Decimal, the group size and the most people a group takes (empty: the
group size), the time limit in hours and minutes, the window in shop time, up to five
cashback steps), every problem under its field; and a deal as the form shows it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.catalog import public as catalog
from mercato.groupbuy import domain
from mercato.groupbuy import public as groupbuy
from mercato.platform import clock
from mercato.platform.i18n import N_
from mercato.web.forms import FormReader

Values = dict[str, Any]
STEPS = range(domain.MAX_STEPS)  # the ladder's rows on the form
# The domain's fields as the form names them.
FIELDS = {"sku_id": "sku_code", "price_fen": "price", "time_limit_minutes": "time_limit"}


class Reader(FormReader):
    """The deal form: group sizes and minutes are counts, never below nought."""

    def whole(self, name: str, default: int = 0, field: str = "") -> int:
        if self.text(name).startswith("-"):
            return self.fail(field or name, N_("Enter a whole number"))
        return super().whole(name, default, field)


def _sku(tx: Session, r: Reader, loc: str) -> tuple[int, int]:
    """(SKU id, product id) of the code typed, or (0, 0) with the problem said."""
    code = r.text("sku_code", 64)
    if not code:
        r.fail("sku_code", N_("Enter a SKU code"))
        return 0, 0
    sku_id = catalog.sku_ids_for_codes(tx, [code]).get(code)
    snapshot = catalog.sku_snapshots(tx, [sku_id], loc).get(sku_id) if sku_id else None
    if snapshot is None:
        r.fail("sku_code", N_("No SKU has this code"))
        return 0, 0
    return snapshot.sku_id, snapshot.product_id


def _ladder(r: Reader) -> domain.Ladder:
    """The filled steps in order; a step half filled is a problem on its empty half."""
    steps = []
    for i in STEPS:
        people, cash = f"step_people_{i}", f"step_cashback_{i}"
        if not r.text(people) and not r.text(cash):
            continue
        at = r.whole(people)
        if not r.text(people):
            r.fail(people, N_("Enter the number of people"))
        fen = r.fen(cash, N_("Enter the cashback"))
        steps.append((at, fen))
    return tuple(steps)


def _most(r: Reader) -> int:
    """The most people a group takes; left empty, the group size (0)."""
    if not r.text("max_size"):
        return 0
    most = r.whole("max_size")
    if most < 1 and "max_size" not in r.problems:
        r.fail("max_size", N_("The most people: from the group size up to 50"))
    return most


def read_deal(tx: Session, form: FormData, loc: str) -> tuple[domain.DealData, domain.Problems]:
    r = Reader(form)
    sku_id, product_id = _sku(tx, r, loc)
    price = r.fen("price", N_("Enter the group price"))
    minutes = r.whole("limit_hours", field="time_limit") * 60 + r.whole(
        "limit_minutes", field="time_limit")
    data = domain.DealData(
        sku_id=sku_id, product_id=product_id, group_size=r.whole("group_size"),
        price_fen=price, time_limit_minutes=minutes, starts_at=r.time("starts_at"),
        ends_at=r.time("ends_at"), ladder=_ladder(r),
        cashback_how=r.text("cashback_how", 10) or domain.POINTS,
        enabled=r.text("enabled", 2) == "1", max_size=_most(r))
    found = {FIELDS.get(k, k): v for k, v in domain.check_deal(data).items()}
    if "price" in r.problems or any(k.startswith("step_") for k in r.problems):
        found.pop("ladder", None)  # said on the rows (or the price) already
    if "max_size" in r.problems or "max_size" in found:
        found.pop("ladder", None)  # the steps are checked against the most, said wrong
    return data, {**found, **r.problems}


def shown_problems(problems: domain.Problems) -> domain.Problems:
    """Problems from the domain (Invalid.problems) under the form's field names."""
    return {FIELDS.get(k, k): v for k, v in problems.items()}


def typed(form: FormData) -> Values:
    return {k: str(v)[:200] for k, v in form.items() if k != "csrf"}


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _when(at: datetime) -> str:
    return clock.local(at).strftime("%Y-%m-%dT%H:%M")


def fresh_values(now: datetime) -> Values:
    """A new deal: three people, a day to fill, for a week from the next full hour."""
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return {"group_size": "3", "limit_hours": "24", "limit_minutes": "0",
            "starts_at": _when(start), "ends_at": _when(start + timedelta(days=7)),
            "cashback_how": domain.POINTS}


def deal_values(d: groupbuy.DealView, code: str) -> Values:
    values: Values = {
        "sku_code": code, "price": yuan(d.price_fen), "group_size": str(d.group_size),
        "max_size": str(d.max_size),
        "limit_hours": str(d.time_limit_minutes // 60),
        "limit_minutes": str(d.time_limit_minutes % 60),
        "starts_at": _when(d.starts_at), "ends_at": _when(d.ends_at),
        "cashback_how": d.cashback_how, "enabled": "1" if d.enabled else ""}
    for i, (at, fen) in enumerate(d.ladder):
        values[f"step_people_{i}"], values[f"step_cashback_{i}"] = str(at), yuan(fen)
    return values
