"""Group buying (拼团) for apps and mini-programs: a product's group deal with the groups one
may join, a group by its share code, opening a group and joining one. Each opening or
joining places the order at the deal's price (a client sends none); the order ships once
the group has succeeded (the deal's group size paid in time; a filled group takes more
people up to the deal's max_size, each order then shipping as it is paid), and is refunded
whole if the group runs out of time before. Once a group is complete (at its most paid, or
at its time) each paid member gets the cashback of the ladder step reached (阶梯返现)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header, Path
from fastapi.responses import Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.web import buying
from mercato.kernel.errors import DomainError, NotFound
from mercato.members import public as members
from mercato.platform import idempotency, leases
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.errors import error_body, error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["group buying"])
_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]
DealId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SkuId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Code = Annotated[str, Path(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
KeyHeader = Annotated[str | None, Header(
    max_length=255, json_schema_extra={"pattern": idempotency.KEY_PATTERN})]


class OpenGroupOut(BaseModel):
    code: str
    seats_left: int = Field(description="Seats free, up to the group's most people")
    expires_at: datetime
    succeeded: bool = Field(description="Filled already: joining it, the order ships once paid")
    to_succeed: int = Field(description="Seats still to take for it to succeed (0 if filled)")


class StepOut(BaseModel):
    people: int
    cashback_fen: int = Field(description="Back to each paid member of a group this big")


class DealOut(BaseModel):
    id: int
    sku_id: int
    group_size: int = Field(description="Paid members for a group to succeed")
    max_size: int = Field(description="The most people a group takes (≥ group_size)")
    price_fen: int
    time_limit_minutes: int
    ends_at: datetime
    ladder: list[tuple[int, int]] = Field(description="(participants, cashback fen each)")
    steps: list[StepOut] = Field(description="The ladder, step by step")
    cashback_how: str
    groups: list[OpenGroupOut] = Field(description="Groups one may join now")


class NextStepOut(BaseModel):
    people: int
    invite: int = Field(description="Paid members still to come for this step")
    cashback_fen: int


class GroupOut(BaseModel):
    code: str
    status: str = Field(description="open, filled (succeeded) or failed")
    size: int = Field(description="Paid members for it to succeed")
    max_size: int = Field(description="The most people it takes")
    seats_taken: int
    seats_paid: int
    seats_left: int = Field(description="Seats one may still take (0 once it takes none)")
    to_succeed: int = Field(description="Seats still to take for it to succeed (0 if filled)")
    expires_at: datetime
    completed: bool = Field(description="Filled, then at its most paid or its time: ended")
    completed_at: datetime | None
    cashback_fen: int = Field(description="Each paid member's cashback, fixed on completion")
    next_step: NextStepOut | None = Field(
        description="While it takes people: the next cashback step and the members to invite")
    share_path: str
    deal: DealOut


class SeatIn(BaseModel):
    address_id: int = Field(ge=1, le=2**31 - 1)
    shipping_method: str = Field(min_length=1, max_length=32)


class GroupOrderOut(BaseModel):
    number: str
    total_fen: int
    currency: str
    status: str
    code: str = Field(description="The group's share code (share /groups/{code})")
    pay_deadline: datetime


def _deal_out(d: groupbuy.DealView, groups: tuple[Any, ...] = ()) -> DealOut:
    return DealOut(id=d.id, sku_id=d.sku_id, group_size=d.group_size, max_size=d.max_size,
                   price_fen=d.price_fen, time_limit_minutes=d.time_limit_minutes,
                   ends_at=d.ends_at, ladder=list(d.ladder),
                   steps=[StepOut(people=n, cashback_fen=fen) for n, fen in d.ladder],
                   cashback_how=d.cashback_how,
                   groups=[OpenGroupOut(code=g.code, seats_left=g.seats_left,
                                        expires_at=g.expires_at, succeeded=g.succeeded,
                                        to_succeed=g.to_succeed) for g in groups])


@router.get("/products/skus/{sku_id}/group-deal", response_model=DealOut,
            responses=error_responses(404, 422), summary="A SKU's running group deal")
def sku_deal(sku_id: SkuId, tx: ReadDep) -> DealOut:
    found = groupbuy.deal_for_sku(tx, sku_id, utcnow())
    if found is None:
        raise NotFound("groupbuy.deal_not_found", "No group deal for this item", "sku_id")
    return _deal_out(found.deal, found.groups)


@router.get("/groups/{code}", response_model=GroupOut, responses=error_responses(404, 422),
            summary="A group by its share code")
def get_group(code: Code, tx: ReadDep) -> GroupOut:
    g = groupbuy.group_view(tx, code, utcnow())
    step = g.next_step
    return GroupOut(code=g.code, status=g.status, size=g.size, max_size=g.max_size,
                    seats_taken=g.seats_taken, seats_paid=g.seats_paid,
                    seats_left=g.seats_left, to_succeed=g.to_succeed,
                    expires_at=g.expires_at, completed=g.completed,
                    completed_at=g.completed_at, cashback_fen=g.cashback_fen,
                    next_step=NextStepOut(people=step.people, invite=step.invite,
                                          cashback_fen=step.cashback_fen) if step else None,
                    share_path=g.share_path, deal=_deal_out(g.deal))


_ERRORS = """Errors (nothing kept): 404 `groupbuy.deal_not_found`, `groupbuy.group_not_found`
(also a forged code), `orders.address_not_found`, `checkout.shipping_method_not_found`; 409
`groupbuy.deal_not_running`, `groupbuy.group_full`, `groupbuy.group_expired`,
`groupbuy.already_joined`, `orders.out_of_stock`; 422 invalid fields, `checkout.no_delivery`.
The order is at the deal's price, payable until the group's end; it ships once the group has
succeeded (at once if it already had) and is refunded whole if the group runs out of time
before. With an `Idempotency-Key` (one key, one request, across both group-buy POSTs), a
retry answers what the first try did (`Idempotent-Replayed: true`; no second seat or order,
even if the first try's process died after its order was written), the same key with another
body or path 422 `idempotency.key_reused`, a retry while the first still runs 409
`idempotency.in_progress`."""


def _error_json(exc: DomainError) -> str:
    return orjson.dumps(error_body(exc.code, _(exc.message), exc.field)).decode()


def _answer(db: Database, customer_id: int, key: str | None, path: str, body: SeatIn,
            take: Callable[[buying.Progress | None], buying.Taken]) -> Response:
    """The seat and its order; under an Idempotency-Key, once per key (leases.run_outside:
    the work runs its own transaction, its recovery point noted in it)."""

    def work(progress: buying.Progress | None = None) -> tuple[int, str]:
        if progress is not None and progress.recovered:
            done = buying.recovered(db, progress.recovered, customer_id)
        else:
            done = take(progress)
        out = GroupOrderOut(number=done.number, total_fen=done.total_fen,
                            currency=done.currency, status=done.status, code=done.code,
                            pay_deadline=done.pay_deadline)
        return 201, out.model_dump_json()

    if key is None:
        status, text = work()
        return Response(text, status, media_type="application/json")
    # One scope for both POSTs: the path is in the request's fingerprint, so a key used to
    # open a group cannot join one, nor open another deal's.
    stored = leases.run_outside(
        db, f"customer:{customer_id}:POST /api/v1/groupbuy", key,
        idempotency.request_hash("POST", path, body.model_dump(mode="json")), work,
        _error_json)
    headers = {"Idempotent-Replayed": "true"} if stored.replayed else {}
    return Response(stored.body, stored.status, headers, media_type="application/json")


@router.post("/group-deals/{deal_id}/groups", status_code=201, response_model=GroupOrderOut,
             dependencies=SECURED, responses=error_responses(401, 404, 409, 422),
             summary="Open a group (the first seat and its order)", description=_ERRORS)
def open_group(deal_id: DealId, body: SeatIn, customer: members.CustomerDep, db: DbDep,
               settings: SettingsDep, loc: LocaleDep,
               idempotency_key: KeyHeader = None) -> Response:
    def take(progress: buying.Progress | None) -> buying.Taken:
        return buying.taken(*buying.open_group(
            db, deal_id, customer.id, body.address_id, body.shipping_method, loc,
            settings.order_pay_minutes, "app", progress))

    return _answer(db, customer.id, idempotency_key, f"/api/v1/group-deals/{deal_id}/groups",
                   body, take)


@router.post("/groups/{code}/orders", status_code=201, response_model=GroupOrderOut,
             dependencies=SECURED, responses=error_responses(401, 404, 409, 422),
             summary="Join a group by its share code", description=_ERRORS)
def join_group(code: Code, body: SeatIn, customer: members.CustomerDep, db: DbDep,
               settings: SettingsDep, loc: LocaleDep,
               idempotency_key: KeyHeader = None) -> Response:
    def take(progress: buying.Progress | None) -> buying.Taken:
        return buying.taken(*buying.join_group(
            db, code, customer.id, body.address_id, body.shipping_method, loc,
            settings.order_pay_minutes, "app", progress))

    return _answer(db, customer.id, idempotency_key, f"/api/v1/groups/{code}/orders", body,
                   take)
