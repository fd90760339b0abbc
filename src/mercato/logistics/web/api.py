"""Logistics API: the carriers' tracking pushes (answered in each carrier's format), and the
customer's view of their own order's parcels with 确认收货."""

from __future__ import annotations

import logging
from typing import Annotated

import orjson
from fastapi import Path, Request
from fastapi.responses import Response

from mercato.kernel.errors import DomainError
from mercato.logistics import carriers
from mercato.logistics.services import signing, tracking, views
from mercato.logistics.web.deps import carrier_book
from mercato.logistics.web.schemas import ParcelOut, ReceiptOut, parcel_out
from mercato.members import public as members
from mercato.platform.units import run_unit
from mercato.web.deps import ReadDep, TxDep
from mercato.web.errors import error_body, error_responses
from mercato.web.routing import Router

log = logging.getLogger(__name__)
router = Router(prefix="/api/v1", tags=["logistics"])
Number = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
Integration = Annotated[str, Path(max_length=20)]
PUSH_TOKEN = "x-push-token"  # where an SF push's ?token= goes (see adapters.sf_express)


@router.post("/logistics/push/{integration}", include_in_schema=False)
async def push(integration: Integration, request: Request) -> Response:
    """Carrier → shop. Authenticate first (the adapter), then store and apply once; the
    answer tells the carrier to stop (ok) or push again (not ok). The busiest route of a
    shop that ships: async with no dependency to solve (the sync carrier book cost a
    worker-thread hop of its own), the form read and checked on the loop, the database work
    where platform.units puts a unit (PostgreSQL: a worker thread)."""
    adapter = carrier_book(request).integrations.get(integration)
    if adapter is None:
        return _error(404, "logistics.unknown_carrier", "This shop has no such carrier")
    headers = dict(request.headers)
    if "token" in request.query_params:
        headers[PUSH_TOKEN] = request.query_params["token"]
    try:
        events = adapter.parse_push(headers, await request.body())
    except carriers.PushRejected as exc:
        log.warning("%s push refused: %s", integration, exc.code)
        return _error(401, exc.code, exc.message)
    if events:
        try:
            db = request.app.state.db
            await run_unit(db, tracking.ingest_push, db, events)
        except DomainError as exc:  # none of its waybills is ours
            return _error(exc.status, exc.code, exc.message)
    status, body, ctype = adapter.push_ack(True)
    return Response(body, status, media_type=ctype.split(";")[0])


def _error(status: int, code: str, message: str) -> Response:
    body = orjson.dumps(error_body(code, message))
    return Response(body, status, media_type="application/json")


@router.get(
    "/orders/{number}/parcels",
    response_model=list[ParcelOut],
    responses=error_responses(401, 404, 422),
    summary="The parcels of one's own order, with their tracking",
)
def parcels(number: Number, tx: ReadDep, customer: members.CustomerDep) -> list[ParcelOut]:
    return [parcel_out(p) for p in views.parcels_for_customer(tx, number, customer.id)]


@router.post(
    "/orders/{number}/receipt",
    response_model=ReceiptOut,
    responses=error_responses(401, 404, 409, 422),
    summary="Confirm receipt (确认收货): every parcel on its way is signed for",
)
def confirm(number: Number, tx: TxDep, customer: members.CustomerDep) -> ReceiptOut:
    signed = signing.confirm_receipt(tx, number, customer.id)
    return ReceiptOut(number=number, parcels_signed=signed)
