"""Presales (预售) for apps: the campaigns taking deposits or awaiting balances, one campaign,
and placing a deposit order. The order is paid in two parts through the payment centre
(POST /orders/{number}/payments opens the part due: the deposit now, the balance in its
window); its price is the campaign's, never the client's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header, Path
from fastapi.responses import Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.platform import idempotency
from mercato.platform.clock import utcnow
from mercato.platform.i18n import gettext_ as _
from mercato.platform.tx import AnyTx
from mercato.presale import public as presale
from mercato.presale.domain import MAX_LIMIT
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.errors import error_body, error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["presales"])
_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]
CampaignId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class PresaleItemOut(BaseModel):
    sku_id: int
    price_fen: int = Field(description="The presale price of one unit")
    deposit_fen: int = Field(description="The deposit of one unit, paid first")
    deduct_fen: int = Field(description="What the deposit counts as off the price (≥ it: 定金膨胀)")
    balance_fen: int = Field(description="The balance of one unit (goods; the order adds shipping)")
    planned: int
    remaining: int


class PresaleOut(BaseModel):
    id: int
    name: str
    phase: str = Field(description="upcoming, deposit, waiting, balance, ended or cancelled")
    deposit_starts: datetime
    deposit_ends: datetime
    balance_starts: datetime
    balance_ends: datetime
    ship_on: date = Field(description="The expected ship date")
    rule: str = Field(description="An unpaid balance's deposit: keep (not refunded) or refund")
    per_customer_limit: int
    items: list[PresaleItemOut]


class DepositIn(BaseModel):
    sku_id: int = Field(ge=1, le=2**31 - 1)
    quantity: int = Field(1, ge=1, le=MAX_LIMIT)
    address_id: int = Field(ge=1, le=2**31 - 1)
    shipping_method: str = Field(min_length=1, max_length=32)


class DepositOrderOut(BaseModel):
    number: str
    total_fen: int = Field(description="Deposit and balance together, shipping included")
    deposit_fen: int = Field(description="Due now")
    balance_fen: int = Field(description="Due in the balance window")
    currency: str
    status: str
    pay_deadline: datetime = Field(description="Until when the deposit may be paid")
    balance_from: datetime
    balance_until: datetime


def _out(c: presale.CampaignView) -> PresaleOut:
    w = c.windows
    return PresaleOut(
        id=c.id, name=c.name, phase=c.phase, deposit_starts=w.deposit_starts,
        deposit_ends=w.deposit_ends, balance_starts=w.balance_starts,
        balance_ends=w.balance_ends, ship_on=c.ship_on, rule=c.rule,
        per_customer_limit=c.per_customer_limit,
        items=[PresaleItemOut(sku_id=i.sku_id, price_fen=i.price_fen, deposit_fen=i.deposit_fen,
                              deduct_fen=i.deduct_fen, balance_fen=i.balance_fen,
                              planned=i.planned, remaining=max(i.planned - i.taken, 0))
               for i in c.items])


@router.get("/presales", response_model=list[PresaleOut],
            summary="Presales taking deposits, about to, or awaiting balances")
def list_presales(tx: ReadDep) -> list[PresaleOut]:
    return [_out(c) for c in presale.list_campaigns(tx, utcnow(), live_only=True)]


@router.get("/presales/{campaign_id}", response_model=PresaleOut,
            responses=error_responses(404, 422), summary="A presale")
def get_presale(campaign_id: CampaignId, tx: ReadDep) -> PresaleOut:
    return _out(presale.get_campaign(tx, campaign_id, utcnow(), public=True))


_PLACE = """The deposit order of `quantity` units: pending payment, its deposit payable at once
(until `pay_deadline`), its balance from `balance_from` until `balance_until` (an unpaid balance
ends the order; the deposit is kept or refunded by the campaign's `rule`). Errors (nothing
kept): 404 `presale.not_found`, `presale.item_not_found`, `orders.address_not_found`,
`checkout.shipping_method_not_found`; 409 `presale.not_started`, `presale.deposit_closed`,
`presale.cancelled`, `presale.sold_out`, `presale.limit_reached`, `orders.out_of_stock` (the
item was withdrawn); 422 invalid fields, `presale.invalid_quantity` (above the campaign's
limit), `checkout.no_delivery`. The price is the campaign's: a client sends none. With an
`Idempotency-Key`, a replay answers what was stored (`Idempotent-Replayed: true`), another body
under the same key 422 `idempotency.key_reused`."""


def _order_out(placed: orders.Placed) -> str:
    d = placed.detail
    assert d.balance_from is not None and d.balance_until is not None
    return DepositOrderOut(
        number=placed.number, total_fen=placed.total_fen, deposit_fen=d.deposit_fen,
        balance_fen=placed.total_fen - d.deposit_fen, currency=placed.currency,
        status=placed.status, pay_deadline=d.summary.pay_deadline, balance_from=d.balance_from,
        balance_until=d.balance_until).model_dump_json()


def _error_json(exc: DomainError) -> str:
    return orjson.dumps(error_body(exc.code, _(exc.message), exc.field)).decode()


@router.post("/presales/{campaign_id}/orders", status_code=201, response_model=DepositOrderOut,
             dependencies=SECURED, responses=error_responses(401, 404, 409, 422),
             summary="Place a presale deposit order", description=_PLACE)
def place_deposit(
    campaign_id: CampaignId,
    body: DepositIn,
    customer: members.CustomerDep,
    db: DbDep,
    loc: LocaleDep,
    idempotency_key: Annotated[
        str | None,
        Header(max_length=255, json_schema_extra={"pattern": idempotency.KEY_PATTERN}),
    ] = None,
) -> Response:
    ask = presale.DepositAsk(campaign_id, body.sku_id, body.quantity, customer.id,
                             body.address_id, body.shipping_method, "app")
    label = _("Presale")
    if idempotency_key is None:
        placed = db.unit(lambda tx: presale.place_deposit(tx, ask, loc, label))
        return Response(_order_out(placed), 201, media_type="application/json")

    def work(tx: AnyTx) -> tuple[int, str]:
        # The key's claim, the order and the stored answer share one transaction: the
        # presale's ORM work runs in a Session joined to it (it never commits it itself).
        with Session(bind=tx.connection(), join_transaction_mode="rollback_only") as session:
            placed = presale.place_deposit(session, ask, loc, label)
            session.flush()
            tx.info.update(session.info)  # e.g. "an event was recorded": the relay's nudge
        return 201, _order_out(placed)

    path = f"/api/v1/presales/{campaign_id}/orders"
    stored = idempotency.run(
        db, f"customer:{customer.id}:POST {path}", idempotency_key,
        idempotency.request_hash("POST", path, body.model_dump(mode="json")), work,
        _error_json)
    headers = {"Idempotent-Replayed": "true"} if stored.replayed else {}
    return Response(stored.body, stored.status, headers, media_type="application/json")
