"""Group buying (拼团) for apps and mini-programs: a product's group deal with the groups one
may join, a group by its share code, opening a group and joining one. Each opening or
joining places the order at the deal's price (a client sends none); the order ships once
the group is full, and is refunded whole if the group runs out of time."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Path
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.web import buying
from mercato.kernel.errors import NotFound
from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.errors import error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["group buying"])
_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]
DealId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SkuId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Code = Annotated[str, Path(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]


class OpenGroupOut(BaseModel):
    code: str
    seats_left: int
    expires_at: datetime


class DealOut(BaseModel):
    id: int
    sku_id: int
    group_size: int
    price_fen: int
    time_limit_minutes: int
    ends_at: datetime
    ladder: list[tuple[int, int]] = Field(description="(participants, cashback fen each)")
    cashback_how: str
    groups: list[OpenGroupOut] = Field(description="Groups one may join now")


class GroupOut(BaseModel):
    code: str
    status: str = Field(description="open, filled or failed")
    size: int
    seats_taken: int
    seats_paid: int
    seats_left: int
    expires_at: datetime
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
    return DealOut(id=d.id, sku_id=d.sku_id, group_size=d.group_size, price_fen=d.price_fen,
                   time_limit_minutes=d.time_limit_minutes, ends_at=d.ends_at,
                   ladder=list(d.ladder), cashback_how=d.cashback_how,
                   groups=[OpenGroupOut(code=g.code, seats_left=g.seats_left,
                                        expires_at=g.expires_at) for g in groups])


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
    return GroupOut(code=g.code, status=g.status, size=g.size, seats_taken=g.seats_taken,
                    seats_paid=g.seats_paid, seats_left=g.seats_left, expires_at=g.expires_at,
                    share_path=g.share_path, deal=_deal_out(g.deal))


_ERRORS = """Errors (nothing kept): 404 `groupbuy.deal_not_found`, `groupbuy.group_not_found`
(also a forged code), `orders.address_not_found`, `checkout.shipping_method_not_found`; 409
`groupbuy.deal_not_running`, `groupbuy.group_full`, `groupbuy.group_expired`,
`groupbuy.already_joined`, `orders.out_of_stock`; 422 invalid fields, `checkout.no_delivery`.
The order is at the deal's price, payable until the group's end; it ships once the group is
full and is refunded whole if the group runs out of time."""


def _out(placed: Any, seat: groupbuy.Seat) -> GroupOrderOut:
    return GroupOrderOut(number=placed.number, total_fen=placed.total_fen,
                         currency=placed.currency, status=placed.status, code=seat.code,
                         pay_deadline=placed.detail.summary.pay_deadline)


@router.post("/group-deals/{deal_id}/groups", status_code=201, response_model=GroupOrderOut,
             dependencies=SECURED, responses=error_responses(401, 404, 409, 422),
             summary="Open a group (the first seat and its order)", description=_ERRORS)
def open_group(deal_id: DealId, body: SeatIn, customer: members.CustomerDep, db: DbDep,
               settings: SettingsDep, loc: LocaleDep) -> GroupOrderOut:
    placed, seat = buying.open_group(db, deal_id, customer.id, body.address_id,
                                     body.shipping_method, loc, settings.order_pay_minutes,
                                     "app")
    return _out(placed, seat)


@router.post("/groups/{code}/orders", status_code=201, response_model=GroupOrderOut,
             dependencies=SECURED, responses=error_responses(401, 404, 409, 422),
             summary="Join a group by its share code", description=_ERRORS)
def join_group(code: Code, body: SeatIn, customer: members.CustomerDep, db: DbDep,
               settings: SettingsDep, loc: LocaleDep) -> GroupOrderOut:
    placed, seat = buying.join_group(db, code, customer.id, body.address_id,
                                     body.shipping_method, loc, settings.order_pay_minutes,
                                     "app")
    return _out(placed, seat)
