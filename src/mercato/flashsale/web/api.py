"""Flash sales (秒杀) for apps and the storefront's script: the running events, and buying a
unit. A buy goes through the waiting room (429 with a queue token when more buyers arrive
in a second than the event admits), takes a seat (never more units than the event has, nor
more than the customer's limit), then writes the order at the flash price; if the order
cannot be written the seat goes back on sale at once."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header, Path
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from mercato.flashsale import public as flashsale
from mercato.flashsale.web import buying
from mercato.kernel.errors import NotFound
from mercato.members import public as members
from mercato.platform import idempotency, leases
from mercato.platform.clock import utcnow
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.errors import error_body, error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["flash sales"])
_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]
EventId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class FlashItemOut(BaseModel):
    sku_id: int
    price_fen: int
    quantity: int
    remaining: int


class FlashEventOut(BaseModel):
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime
    phase: str = Field(description="scheduled, running, ended or cancelled")
    per_customer_limit: int
    items: list[FlashItemOut]


class FlashBuyIn(BaseModel):
    sku_id: int = Field(ge=1, le=2**31 - 1)
    quantity: int = Field(1, ge=1, le=99)
    address_id: int = Field(ge=1, le=2**31 - 1)
    shipping_method: str = Field(min_length=1, max_length=32)
    queue_token: str = Field("", max_length=400, description="The token a 429 answer gave")


class FlashOrderOut(BaseModel):
    number: str
    total_fen: int
    currency: str
    status: str
    seat_id: str


def _event_out(e: flashsale.EventView) -> FlashEventOut:
    return FlashEventOut(
        id=e.id, name=e.name, starts_at=e.starts_at, ends_at=e.ends_at, phase=e.phase,
        per_customer_limit=e.per_customer_limit,
        items=[FlashItemOut(sku_id=i.sku_id, price_fen=i.price_fen, quantity=i.quantity,
                            remaining=max(i.quantity - i.taken, 0)) for i in e.items])


@router.get("/flash-sales", response_model=list[FlashEventOut],
            summary="Flash sales running or about to start")
def list_flash_sales(tx: ReadDep) -> list[FlashEventOut]:
    found = flashsale.list_events(tx, utcnow())
    return [_event_out(e) for e in found if e.phase in ("scheduled", "running")]


@router.get("/flash-sales/{event_id}", response_model=FlashEventOut,
            responses=error_responses(404, 422), summary="A flash sale")
def get_flash_sale(event_id: EventId, tx: ReadDep) -> FlashEventOut:
    found = flashsale.get_event(tx, event_id, utcnow())
    if found.phase == "draft":  # not shown to buyers: unknown to them
        raise NotFound("flashsale.event_not_found", "No such flash sale", "event_id")
    return _event_out(found)


_BUY = """Waiting room: 429 `flashsale.queued` with `Retry-After` and a `queue_token` to send
back then. Errors (nothing kept): 404 `flashsale.event_not_found`, `flashsale.item_not_found`,
`orders.address_not_found`, `checkout.shipping_method_not_found`; 409 `flashsale.not_started`,
`flashsale.ended`, `flashsale.sold_out`, `flashsale.limit_reached`, `orders.out_of_stock`;
403 `flashsale.token_invalid`; 409 `flashsale.token_expired`, `flashsale.token_used`; 422
invalid fields, `checkout.no_delivery`. The price is the event's: a client sends none.
With an `Idempotency-Key`, a retry answers what the first try did (`Idempotent-Replayed:
true`; no second seat or order, even if the first try's process died after its order was
written), another body under the same key 422 `idempotency.key_reused`; a 429 keeps
nothing (come back with the queue token under the same key)."""


@router.post("/flash-sales/{event_id}/orders", status_code=201, response_model=FlashOrderOut,
             dependencies=SECURED, responses=error_responses(401, 403, 404, 409, 422, 429),
             summary="Buy a flash-sale item", description=_BUY)
def buy(event_id: EventId, body: FlashBuyIn, customer: members.CustomerDep, db: DbDep,
        settings: SettingsDep, loc: LocaleDep,
        idempotency_key: Annotated[str | None, Header(
            max_length=255, json_schema_extra={"pattern": idempotency.KEY_PATTERN})] = None,
        ) -> Response:
    def work(progress: buying.Progress | None = None) -> tuple[int, str]:
        done = buying.buy(db, event_id, body.sku_id, body.quantity, customer.id,
                          body.address_id, body.shipping_method, loc,
                          settings.flash_pay_minutes, body.queue_token, "app", progress)
        if isinstance(done, flashsale.QueueToken):
            raise _Queued(done)  # not an answer to keep: the key stays free for the retry
        placed, seat_id = done
        out = FlashOrderOut(number=placed.number, total_fen=placed.total_fen,
                            currency=placed.currency, status=placed.status, seat_id=seat_id)
        return 201, out.model_dump_json()

    try:
        if idempotency_key is None:
            status, text = work()
            return Response(text, status, media_type="application/json")
        path = f"/api/v1/flash-sales/{event_id}/orders"
        # The queue token changes from try to try: the same buy is the same request.
        params = body.model_dump(mode="json", exclude={"queue_token"})
        stored = leases.run_outside(
            db, f"customer:{customer.id}:POST {path}", idempotency_key,
            idempotency.request_hash("POST", path, params), work,
            lambda e: orjson.dumps(error_body(e.code, _(e.message), e.field)).decode())
    except _Queued as q:
        return _queued(q.entry)
    headers = {"Idempotent-Replayed": "true"} if stored.replayed else {}
    return Response(stored.body, stored.status, headers, media_type="application/json")


class _Queued(Exception):
    def __init__(self, entry: flashsale.QueueToken) -> None:
        super().__init__("queued")
        self.entry = entry


def _queued(entry: flashsale.QueueToken) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": "flashsale.queued", "field": None,
                   "message": _("Many shoppers are buying: wait your turn")},
         "queue_token": entry.token, "retry_after": entry.retry_after},
        status_code=429, headers={"Retry-After": str(entry.retry_after)})
