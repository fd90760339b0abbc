"""The demo shop's past orders, planned: how many each day (a small shop that grew from about
7 to 16 orders a day over the last 90 days, busier at weekends and in the evening, with the
Double 11 peak and a smaller Golden Week lift, or an anniversary sale when neither falls in
the window), who orders, how many lines, and what became of each order and when (paid in a
few minutes, picked and shipped in working hours, signed for days later, completed a week
after; some never paid, some cancelled, a few closed and refunded). Pure and seeded: the run
(history.py) takes the steps in time order through the real services, up to now."""

from __future__ import annotations

import math
import random
from bisect import bisect
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mercato.demo import history_returns
from mercato.demo.people import Person
from mercato.platform import clock

DAYS = 90
START_PER_DAY, END_PER_DAY = 7.0, 16.0
WEEKDAY = (0.92, 0.9, 0.95, 1.0, 1.08, 1.3, 1.24)  # Monday first
HOURS = (
    0.35, 0.18, 0.1, 0.06, 0.05, 0.08, 0.2, 0.45, 0.7, 0.85, 0.95, 1.0,
    1.25, 1.1, 0.9, 0.85, 0.85, 0.9, 1.0, 1.2, 1.6, 1.85, 1.7, 1.0,
)  # fmt: skip
# (month, day): factor. Double 11 and Double 12, Golden Week; shoppers wait for Double 11.
EVENTS = {(11, 10): 1.7, (11, 11): 4.2, (11, 12): 1.5, (12, 12): 2.4, (12, 11): 1.3}
EVENTS |= {(10, d): 1.12 for d in range(1, 8)} | {(11, d): 0.85 for d in range(1, 10)}
LINES = ((1, 62), (2, 26), (3, 9), (4, 3))
QUANTITY = ((1, 82), (2, 14), (3, 4))
NOTES = (
    "请尽快发货，谢谢",
    "不要放快递柜",
    "工作日白天送货",
    "是礼物，请不要放价格单",
    "发顺丰可以吗",
)
CLOSE_REASONS = ("买家申请退款：不想要了", "缺货，与买家协商后退款", "买家拍错规格，已退款")
STAFF = "admin@mercato.local"


@dataclass(frozen=True, slots=True)
class Step:
    at: datetime  # stored time
    kind: str  # place | pay | cancel | timeout | picking | shipped | signed | completed | closed
    order: int  # index in the plan


@dataclass(frozen=True, slots=True)
class PlannedOrder:
    at: datetime
    customer: int  # index in the people list
    address: int  # index in their addresses
    lines: int
    quantities: tuple[int, ...]
    shipping: str
    channel: str
    note: str
    invoice: bool
    reason: str  # why it was closed, if it is


def factor(day: date, today: date) -> float:
    """How busy a day is against an ordinary one: weekday and shopping festivals."""
    f = WEEKDAY[day.weekday()] * EVENTS.get((day.month, day.day), 1.0)
    if not any(v >= 2 for (m, d), v in EVENTS.items() if _within(m, d, today)):
        f *= 3.0 if (today - day).days == 25 else 1.0  # the shop's anniversary sale
    return f


def _within(month: int, day: int, today: date) -> bool:
    for year in (today.year, today.year - 1):
        try:
            if 1 <= (today - date(year, month, day)).days < DAYS:
                return True
        except ValueError:
            continue
    return False


def per_day(today: date) -> list[tuple[date, float]]:
    """Each of the last DAYS local days (today included) and the orders expected on it."""
    growth = math.log(END_PER_DAY / START_PER_DAY) / (DAYS - 1)
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    return [
        (d, START_PER_DAY * math.exp(growth * i) * factor(d, today)) for i, d in enumerate(days)
    ]


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k, p = k + 1, p * rng.random()
    return k


def _pick(rng: random.Random, table: tuple[tuple[int, int], ...]) -> int:
    return rng.choices([v for v, _w in table], [w for _v, w in table])[0]


def _customer(
    rng: random.Random, people: list[Person], cumulative: list[float], at: datetime
) -> int:
    eligible = max(bisect([p.joined for p in people], at), 1)
    return bisect(cumulative, rng.random() * cumulative[eligible - 1])


def _order(rng: random.Random, at: datetime, who: int, person: Person) -> PlannedOrder:
    province = person.addresses[0]["province"]
    remote = province.startswith(("新疆", "西藏"))
    lines = _pick(rng, LINES)
    return PlannedOrder(
        at=at,
        customer=who,
        address=rng.randrange(len(person.addresses)) if rng.random() < 0.3 else 0,
        lines=lines,
        quantities=tuple(_pick(rng, QUANTITY) for _ in range(lines)),
        shipping="sf" if remote else rng.choices(("sf", "zto", "ems"), (45, 45, 10))[0],
        channel=rng.choices(("h5", "native"), (65, 35))[0],
        note=rng.choice(NOTES) if rng.random() < 0.08 else "",
        invoice=rng.random() < 0.06,
        reason=rng.choice(CLOSE_REASONS),
    )


def plan_orders(
    rng: random.Random, people: list[Person], today: date, now: datetime, scale: float = 1.0
) -> list[PlannedOrder]:
    """Every order placed in the last DAYS local days up to `now` (`scale` times as many as
    the full shop's), in time order."""
    cumulative, total = [], 0.0
    for p in people:
        total += p.weight
        cumulative.append(total)
    out = []
    for day, mean in per_day(today):
        start = clock.day_start_utc(day)
        for _ in range(_poisson(rng, mean * scale)):
            hour = rng.choices(range(24), HOURS)[0]
            at = start + timedelta(hours=hour, seconds=rng.randrange(3600))
            if at < now:
                who = _customer(rng, people, cumulative, at)
                out.append(_order(rng, at, who, people[who]))
    out.sort(key=lambda o: o.at)
    return out


def _working(at: datetime, rng: random.Random) -> datetime:
    """The same moment if the warehouse works then (09:00-21:00 local), else next morning."""
    local = clock.local(at)
    if 9 <= local.hour < 21:
        return at
    day = local.date() + timedelta(days=1 if local.hour >= 21 else 0)
    return clock.day_start_utc(day) + timedelta(hours=9, minutes=rng.randrange(60))


def steps(rng: random.Random, orders: list[PlannedOrder]) -> list[Step]:
    """What happens to each order after it is placed, in time order (also after now: the
    run stops at now)."""
    out = []
    for i, o in enumerate(orders):
        out.append(Step(o.at, "place", i))
        roll = rng.random()
        if roll < 0.06:
            out.append(Step(o.at + timedelta(minutes=30, seconds=rng.randint(5, 55)), "timeout", i))
            continue
        if roll < 0.09:
            out.append(Step(o.at + timedelta(seconds=rng.randint(90, 1200)), "cancel", i))
            continue
        paid = o.at + timedelta(seconds=min(int(20 + rng.lognormvariate(4.2, 0.8)), 1500))
        out.append(Step(paid, "pay", i))
        if roll > 0.975:
            out.append(Step(paid + timedelta(minutes=rng.randint(30, 600)), "closed", i))
            continue
        picking = _working(paid + timedelta(minutes=rng.randint(20, 900)), rng)
        shipped = _working(picking + timedelta(minutes=rng.randint(30, 300)), rng)
        signed = shipped + timedelta(hours=rng.randint(28, 96))
        out += [
            Step(picking, "picking", i),
            Step(shipped, "shipped", i),
            Step(signed, "signed", i),
            Step(signed + timedelta(days=7, minutes=rng.randint(0, 120)), "completed", i),
            *(Step(at, kind, i) for at, kind in history_returns.plan(i, signed)),
        ]
    out.sort(key=lambda s: (s.at, s.order))
    return out
