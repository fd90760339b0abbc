"""Staff orders API (bearer token, or an admin session with X-CSRF-Token): the filtered
list, one order with its timeline, status changes and notes. Every rule lives in the orders
services; their errors come back in the standard JSON shape."""

from __future__ import annotations

import re
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
from mercato.web.strict import FILLED, NO_NUL, stated

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


# A Beijing calendar day as YYYY-MM-DD from 1900-01-01 to 9999-12-30 (admin_forms.check_range;
# an end day is taken up to its last second): a real date too (`format`).
_MONTH_DAY = r"(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
DAY = (
    rf"^(?:(?:19[0-9]{{2}}|[2-8][0-9]{{3}}|9[0-8][0-9]{{2}}|99[0-8][0-9]|999[0-8])-{_MONTH_DAY}"
    r"|9999-(?:(?:0[1-9]|1[01])-(?:0[1-9]|[12][0-9]|3[01])|12-(?:0[1-9]|[12][0-9]|30)))$"
)
# Sent as text and read here: FastAPI's date would also take "0" or "1700000000" (seconds
# since 1970) for a day.
Day = Annotated[str | None, Query(json_schema_extra={"format": "date", "pattern": DAY})]


def _day(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise DomainError("request.invalid", "Enter a date as YYYY-MM-DD", field)


_ENDED = [domain.CANCELLED, domain.CLOSED]


class OrderStatusIn(StrictIn):
    status: Annotated[
        str,
        Field(
            min_length=1,
            max_length=20,
            description="`paid` and `pending_payment` are not staff's to set (403)",
            json_schema_extra={"enum": list(domain.STATUSES)},
        ),
    ]
    reason: Annotated[
        str, Field(max_length=500, description="Required (some text) to cancel or close")
    ] = ""

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        # cancelled and closed need a reason: stated as "another status, or a reason".
        schema["anyOf"] = [
            {"properties": {"status": {"not": {"enum": _ENDED}}}},
            {"properties": {"reason": {"pattern": FILLED}}, "required": ["reason"]},
        ]


class OrderNoteIn(StrictIn):
    note: Annotated[str, Field(max_length=500, json_schema_extra=stated(FILLED))]


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
    status: Annotated[
        str, Query(max_length=20, json_schema_extra={"enum": ["", *domain.STATUSES]})
    ] = "",
    q: Annotated[str, Query(max_length=forms.MAX_QUERY, pattern=NO_NUL)] = "",
    date_from: Day = None,
    date_to: Annotated[Day, Query(description="Not before date_from")] = None,
    page: Annotated[int, Query(ge=1, le=forms.MAX_PAGE)] = 1,
) -> StaffOrderPageOut:
    if status and status not in domain.STATUSES:
        raise DomainError("orders.invalid_status", "Unknown order status", "status")
    start, end = _day(date_from, "date_from"), _day(date_to, "date_to")
    forms.check_range(start, end)
    f = forms.OrderFilter(status, q.strip(), start, end, page)
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
