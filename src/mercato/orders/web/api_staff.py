"""Staff orders API (bearer token, or an admin session with X-CSRF-Token): the filtered
list, one order with its timeline, status changes and notes. Every rule lives in the orders
services; their errors come back in the standard JSON shape."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Path, Query
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mercato.access.public import StaffApiDep, needs
from mercato.kernel.errors import DomainError
from mercato.orders import domain
from mercato.orders.adapters import queries
from mercato.orders.services import transitions
from mercato.orders.web import admin_forms as forms
from mercato.orders.web import convert
from mercato.orders.web.schemas import OrderOut, OrderSummaryOut, StrictIn
from mercato.web.deps import DbDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/api/v1/admin/orders", tags=["staff: orders"])
# Documents the scheme only; StaffApiDep does the checking (and answers 401 as JSON).
_bearer = HTTPBearer(auto_error=False, description="A staff API token from POST /auth/token")
SECURED: list[Any] = [Depends(_bearer), needs("orders", api=True)]
Number = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_TEXT = {
    401: "Missing or invalid bearer token",
    403: "Staff cannot set this status (`paid` comes only from a verified payment), or the "
    "admin session's X-CSRF-Token is missing",
    404: "No such order",
    409: "The order's current status does not allow this change",
    422: "Invalid input; `field` names it",
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": _TEXT[c], **_ERROR} for c in codes}


class StaffOrderSummaryOut(OrderSummaryOut):
    recipient: str
    phone: str


class StaffOrderPageOut(BaseModel):
    orders: list[StaffOrderSummaryOut]
    total: int
    page: int
    pages: int


class StaffOrderOut(OrderOut):
    customer_id: int
    postcode: str
    payment_provider: str
    next_statuses: list[str] = Field(description="Statuses staff may move this order to now")


class OrderStatusIn(StrictIn):
    status: Annotated[str, Field(min_length=1, max_length=20)]
    reason: Annotated[str, Field(max_length=500, description="Required to cancel or close")] = ""


class OrderNoteIn(StrictIn):
    note: Annotated[str, Field(max_length=500)]


def _order_out(tx: Session, number: str) -> StaffOrderOut:
    d = queries.detail(tx, number, None)
    return StaffOrderOut(
        **convert.order_out(d).model_dump(),
        customer_id=d.customer_id,
        postcode=d.postcode,
        payment_provider=d.payment_provider,
        next_statuses=list(forms.next_statuses(d.summary.status)),
    )


@router.get(
    "",
    dependencies=SECURED,
    response_model=StaffOrderPageOut,
    responses=_errors(401, 422),
    summary="Orders, newest first (20 a page)",
    description="`q`: order number prefix, exact phone or part of the recipient's name. "
    "`date_from`/`date_to`: Beijing calendar days, both inclusive.",
)
def list_orders(
    _staff: StaffApiDep,
    tx: ReadDep,
    status: Annotated[str, Query(max_length=20)] = "",
    q: Annotated[str, Query(max_length=forms.MAX_QUERY)] = "",
    date_from: date | None = None,
    date_to: date | None = None,
    page: Annotated[int, Query(ge=1, le=forms.MAX_PAGE)] = 1,
) -> StaffOrderPageOut:
    if status and status not in domain.STATUSES:
        raise DomainError("orders.invalid_status", "Unknown order status", "status")
    forms.check_range(date_from, date_to)
    f = forms.OrderFilter(status, q.strip(), date_from, date_to, page)
    p = queries.staff_orders(tx, f.status, f.q, f.since(), f.until(), f.page)
    orders = [
        StaffOrderSummaryOut(
            **convert.summary_out(s).model_dump(), recipient=s.recipient, phone=s.phone
        )
        for s in p.orders
    ]
    return StaffOrderPageOut(orders=orders, total=p.total, page=p.page, pages=p.pages)


@router.get(
    "/{number}",
    dependencies=SECURED,
    response_model=StaffOrderOut,
    responses=_errors(401, 404, 422),
    summary="One order with its lines and timeline",
)
def get_order(number: Number, _staff: StaffApiDep, tx: ReadDep) -> StaffOrderOut:
    return _order_out(tx, number)


@router.post(
    "/{number}/status",
    dependencies=SECURED,
    response_model=StaffOrderOut,
    responses=_errors(401, 403, 404, 409, 422),
    summary="Move an order to another status (picking, shipped, ... cancelled, closed)",
)
def change_status(
    number: Number, body: OrderStatusIn, staff: StaffApiDep, db: DbDep
) -> StaffOrderOut:
    def change(tx: Session) -> StaffOrderOut:
        transitions.change_by_staff(tx, number, body.status, staff.email, body.reason)
        return _order_out(tx, number)

    return db.unit(change)


@router.post(
    "/{number}/notes",
    dependencies=SECURED,
    status_code=201,
    response_model=StaffOrderOut,
    responses=_errors(401, 403, 404, 422),
    summary="Add a staff note to an order's timeline",
)
def add_note(number: Number, body: OrderNoteIn, staff: StaffApiDep, tx: TxDep) -> StaffOrderOut:
    transitions.add_note(tx, number, staff.email, body.note)
    return _order_out(tx, number)
