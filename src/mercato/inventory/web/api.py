"""Staff stock API (bearer token): set the on-hand count of a SKU in a warehouse. The change
goes through inventory's conditional update and ledger, like every stock movement."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from mercato.access.public import StaffApiDep, needs
from mercato.inventory import services
from mercato.inventory.domain import MAX_QTY
from mercato.web.deps import DbDep, LocaleDep
from mercato.web.routing import Router
from mercato.web.strict import NoNulBody

router = Router(prefix="/api/v1", tags=["staff: stock"])

MAX_ID = 2_147_483_647
# The shared error body, registered in the schema by the catalogue API (ErrorOut).
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or invalid bearer token", **_ERROR},
    404: {"description": "Unknown SKU or warehouse", **_ERROR},
    409: {"description": "Fewer units than are reserved for orders", **_ERROR},
    422: {"description": "Invalid input; `field` names it", **_ERROR},
}
_bearer = HTTPBearer(auto_error=False, description="A staff API token from POST /auth/token")

# Counts and manual corrections only: reserve/release/ship belong to order flows.
Reason = Literal["count", "receive", "adjust", "initial", "import", "return", "damage"]


class StockIn(NoNulBody):
    sku_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    warehouse_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    on_hand: Annotated[int, Field(ge=0, le=MAX_QTY, description="Units counted on the shelf")]
    reason: Reason = "count"
    reference: Annotated[str, Field(max_length=120)] = ""


class StockOut(BaseModel):
    sku_id: int
    warehouse_id: int
    on_hand: int
    reserved: int
    available: int


@router.put(
    "/admin/stock",
    response_model=StockOut,
    responses=_RESPONSES,
    dependencies=[Depends(_bearer), needs("stock", api=True)],
    summary="Set on-hand units of a SKU in a warehouse",
)
def put_stock(body: StockIn, staff: StaffApiDep, db: DbDep, _loc: LocaleDep) -> StockOut:
    on_hand, reserved = db.unit(
        lambda tx: services.set_on_hand(
            tx,
            body.sku_id,
            body.warehouse_id,
            body.on_hand,
            body.reason,
            body.reference,
            staff.email,
        )
    )
    return StockOut(
        sku_id=body.sku_id,
        warehouse_id=body.warehouse_id,
        on_hand=on_hand,
        reserved=reserved,
        available=max(on_hand - reserved, 0),
    )
