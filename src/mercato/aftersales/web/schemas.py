"""After-sales API shapes: the client names lines and units; money is computed here."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from mercato.aftersales.services.views import Detail
from mercato.web.strict import FILLED, NoNulBody, trimmed
from mercato.web.times import ShopDateTime

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class LineIn(NoNulBody):
    line_id: Id
    quantity: Annotated[int, Field(ge=1, le=10_000)]


class RequestIn(NoNulBody):
    kind: Literal["return", "exchange", "refund"]
    # no_reason (七天无理由) and the quality reasons for returns and exchanges; not_needed,
    # out_of_stock or wrong_item for a refund only.
    reason: Literal["no_reason", "quality", "damaged", "wrong_item", "not_as_described",
                    "not_needed", "out_of_stock"]
    description: Annotated[str, Field(max_length=500)] = ""
    # Which units come back (ignored for a refund only, which covers the whole order).
    lines: Annotated[list[LineIn], Field(default_factory=list, max_length=100)]
    photo_ids: Annotated[list[Id], Field(default_factory=list, max_length=6)]  # uploaded first


class WaybillIn(NoNulBody):
    carrier: Annotated[str, Field(min_length=1, max_length=40, pattern=FILLED)]
    # Letters, digits and dashes, 6-40 of them (spaces around are ignored).
    waybill: Annotated[str, Field(min_length=6, max_length=40,
                                  pattern=trimmed("[A-Za-z0-9-]{6,40}"))]


class OptionLineOut(BaseModel):
    line_id: int
    sku_id: int
    name: str
    quantity: int  # bought
    left: int  # not yet in a live request
    paid_fen: int  # the line's share of what was paid
    no_reason_days: int  # 0: no no-reason returns for this item


class OptionsOut(BaseModel):
    order_number: str
    order_status: str
    kinds: list[str]  # what may be asked now: return, exchange, refund
    lines: list[OptionLineOut]


class PhotoOut(BaseModel):
    id: int


class LineOut(BaseModel):
    order_line_id: int
    sku_id: int
    name: str
    quantity: int
    refund_fen: int
    disposition: str  # "" until inspected, then restock | quarantine


class StepOut(BaseModel):
    status: str
    at: ShopDateTime
    note: str


class RequestOut(BaseModel):
    number: str
    order_number: str
    kind: str
    reason: str
    description: str
    # requested | approved | rejected | returning | received | refunding | refunded |
    # exchanged | cancelled
    status: str
    refund_fen: int
    currency: str = "CNY"
    decision_note: str
    return_to: str
    return_carrier: str
    return_waybill: str
    created_at: ShopDateTime
    lines: list[LineOut]
    steps: list[StepOut]


def request_out(d: Detail) -> RequestOut:
    r = d.request
    return RequestOut(
        number=r.number, order_number=r.order_number, kind=r.kind, reason=r.reason,
        description=r.description, status=r.status, refund_fen=r.refund_fen,
        decision_note=r.decision_note, return_to=r.return_to, return_carrier=r.return_carrier,
        return_waybill=r.return_waybill, created_at=r.created_at,
        lines=[LineOut(order_line_id=x.order_line_id, sku_id=x.sku_id, name=x.name,
                       quantity=x.quantity, refund_fen=x.refund_fen,
                       disposition=x.disposition) for x in d.lines],
        steps=[StepOut(status=s.to_status, at=s.at, note=s.note) for s in d.steps],
    )
