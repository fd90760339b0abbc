"""The waiting room: when more buyers arrive in a second than the event admits, the rest
get a signed queue token for a later second instead of a seat attempt.

Fair, first come first served: each arrival takes a place in the first second that has room
(platform.admission), so a buyer turned away at 10:00:00 holds a place in, say, 10:00:03,
and buyers arriving at 10:00:01 queue behind them. Coming back with the token in or after
that second admits them without counting again; too early, they are told to wait the rest;
more than GRACE_SECONDS late, the place is gone (token_expired) and they join again. A token
admits once. Tokens are signed with the shop's secret key (itsdangerous, salt
"flashsale-queue"): a forged or altered one, or one of another event, is token_invalid."""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from itsdangerous import BadSignature, URLSafeSerializer

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.flashsale.services.backend import current
from mercato.kernel.errors import Conflict, Forbidden
from mercato.platform.db import Database

GRACE_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Admitted:
    event_id: int


@dataclass(frozen=True, slots=True)
class QueueToken:
    event_id: int
    token: str
    retry_after: int  # whole seconds (HTTP Retry-After)
    turn_at: int  # epoch second from which the token admits


def _epoch(now: datetime) -> float:
    return (now if now.tzinfo else now.replace(tzinfo=UTC)).timestamp()


def _signer() -> URLSafeSerializer:
    secret = current().secret
    if not secret:
        raise RuntimeError("flashsale.public.configure(...) was not called with a secret")
    return URLSafeSerializer(secret, salt="flashsale-queue")


_rates: dict[int, tuple[float, int]] = {}  # event id → (read until, admit_per_second)


def _rate(db: Database, event_id: int) -> int:
    # Read at most once a second per process: arrivals come in thousands a second.
    hit = _rates.get(event_id)
    if hit is not None and hit[0] > time.monotonic():
        return hit[1]
    with db.core_reads() as tx:
        rows = seat_sql.event_rows(tx, [event_id])
    if not rows:
        raise domain.NotFound("flashsale.event_not_found", domain.N_("No such flash sale"),
                              "event_id")
    if len(_rates) > 10_000:
        _rates.clear()
    _rates[event_id] = (time.monotonic() + 1.0, int(rows[0].admit_per_second))
    return int(rows[0].admit_per_second)


def _invalid() -> Forbidden:
    return Forbidden("flashsale.token_invalid", domain.N_("This queue ticket is not valid"),
                     "token")


def _token(event_id: int, turn: int, t: float) -> QueueToken:
    body = _signer().dumps({"e": event_id, "t": turn, "n": secrets.token_hex(8)})
    return QueueToken(event_id, body, max(1, math.ceil(turn - t)), turn)


def _present(event_id: int, token: str, t: float) -> Admitted | QueueToken:
    try:
        data = _signer().loads(token)
        turn, ticket = int(data["t"]), str(data["n"])
        if int(data["e"]) != event_id:
            raise _invalid()
    except (BadSignature, KeyError, TypeError, ValueError):
        raise _invalid()
    if t < turn:
        return QueueToken(event_id, token, max(1, math.ceil(turn - t)), turn)
    if t > turn + 1 + GRACE_SECONDS:
        raise Conflict("flashsale.token_expired",
                       domain.N_("Your turn in the queue has passed; please try again"), "token")
    if not current().gate.use_once(ticket, 2 * GRACE_SECONDS + 2):
        raise Conflict("flashsale.token_used", domain.N_("This queue ticket was used"), "token")
    return Admitted(event_id)


def admit(db: Database, event_id: int, now: datetime, token: str = "",
          rate: int | None = None) -> Admitted | QueueToken:
    t = _epoch(now)
    if token:
        return _present(event_id, token, t)
    rate = _rate(db, event_id) if rate is None else rate
    if rate <= 0:
        return Admitted(event_id)
    second = math.floor(t)
    turn = current().gate.reserve(f"flashsale:{event_id}", second, rate)
    return Admitted(event_id) if turn <= second else _token(event_id, turn, t)
