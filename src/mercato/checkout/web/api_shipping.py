"""Shipping API: the shop's methods and fee quotes (public), and their management (staff
bearer token). DELETE only deactivates: orders keep naming the method's code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path
from fastapi.responses import Response
from fastapi.security import HTTPBearer

from mercato.access.public import StaffApiDep, needs
from mercato.checkout.services import shipping as services
from mercato.checkout.services.shipping import MethodView, RuleView
from mercato.checkout.services.shipping_input import MethodData, RuleData
from mercato.checkout.web.schemas_shipping import (
    MethodAdminOut,
    MethodIn,
    MethodOut,
    MethodsAdminOut,
    MethodsOut,
    QuoteIn,
    QuoteOut,
    QuotesOut,
    RuleOut,
)
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/api/v1")

MethodId = Annotated[int, Path(ge=1, le=2_147_483_647)]  # the id column is 32-bit
# Documents the scheme only; StaffApiDep does the checking (and answers 401 as JSON).
_bearer = HTTPBearer(auto_error=False, description="A staff API token from POST /auth/token")
SECURED: list[Any] = [Depends(_bearer), needs("shipping", api=True)]
STAFF_TAGS: list[Any] = ["staff: shipping"]
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_TEXT = {
    401: "Missing or invalid bearer token",
    404: "No such shipping method",
    409: "Another shipping method uses this code",
    422: "Invalid input; `field` names it (rules.<i>.<field> for a fee rule)",
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": _TEXT[c], **_ERROR} for c in codes}


def _rule_out(r: RuleView) -> RuleOut:
    return RuleOut(
        provinces=list(r.provinces),
        first_weight_g=r.first_weight_g,
        first_fee_fen=r.first_fee,
        step_g=r.step_g,
        step_fee_fen=r.step_fee,
        free_over_fen=r.free_over,
    )


def _admin_out(m: MethodView) -> MethodAdminOut:
    return MethodAdminOut(
        id=m.id,
        code=m.code,
        name_zh=m.name_zh,
        name_en=m.name_en,
        carrier=m.carrier,
        position=m.position,
        active=m.active,
        rules=[_rule_out(r) for r in m.rules],
    )


def _data(body: MethodIn) -> MethodData:
    rules = tuple(
        RuleData(
            tuple(r.provinces),
            r.first_weight_g,
            r.first_fee_fen,
            r.step_g,
            r.step_fee_fen,
            r.free_over_fen,
        )
        for r in body.rules
    )
    return MethodData(
        body.code, body.name_zh, body.name_en, rules, body.carrier, body.position, body.active
    )


@router.get(
    "/shipping-methods",
    tags=["shipping"],
    response_model=MethodsOut,
    summary="The shop's active shipping methods and their fee rules",
)
def shipping_methods(tx: ReadDep, loc: LocaleDep) -> MethodsOut:
    methods = services.list_methods(tx, active_only=True)
    return MethodsOut(
        methods=[
            MethodOut(
                code=m.code,
                name=m.name(loc),
                carrier=m.carrier,
                rules=[_rule_out(r) for r in m.rules],
            )
            for m in methods
        ]
    )


@router.post(
    "/shipping/quote",
    tags=["shipping"],
    response_model=QuotesOut,
    responses=_errors(422),
    summary="Shipping fees for a parcel: every method delivering there, cheapest first",
)
def quote(body: QuoteIn, tx: ReadDep, loc: LocaleDep) -> QuotesOut:
    found = services.quotes(tx, body.province, body.weight_g, body.subtotal_fen, loc)
    return QuotesOut(
        quotes=[
            QuoteOut(code=q.code, name=q.name, fee_fen=q.fee_fen, carrier=q.carrier) for q in found
        ]
    )


@router.get(
    "/admin/shipping-methods",
    tags=STAFF_TAGS,
    dependencies=SECURED,
    response_model=MethodsAdminOut,
    responses=_errors(401),
    summary="Every shipping method, inactive ones included",
)
def list_methods(_staff: StaffApiDep, tx: ReadDep) -> MethodsAdminOut:
    return MethodsAdminOut(methods=[_admin_out(m) for m in services.list_methods(tx)])


@router.post(
    "/admin/shipping-methods",
    tags=STAFF_TAGS,
    dependencies=SECURED,
    status_code=201,
    response_model=MethodAdminOut,
    responses=_errors(401, 409, 422),
    summary="Create a shipping method with its fee rules",
)
def create_method(body: MethodIn, _staff: StaffApiDep, tx: TxDep) -> MethodAdminOut:
    return _admin_out(services.create_method(tx, _data(body)))


@router.put(
    "/admin/shipping-methods/{method_id}",
    tags=STAFF_TAGS,
    dependencies=SECURED,
    response_model=MethodAdminOut,
    responses=_errors(401, 404, 409, 422),
    summary="Replace a shipping method and all of its fee rules",
)
def update_method(
    method_id: MethodId, body: MethodIn, _staff: StaffApiDep, tx: TxDep
) -> MethodAdminOut:
    return _admin_out(services.update_method(tx, method_id, _data(body)))


@router.delete(
    "/admin/shipping-methods/{method_id}",
    tags=STAFF_TAGS,
    dependencies=SECURED,
    status_code=204,
    response_class=Response,
    responses=_errors(401, 404, 422),
    summary="Deactivate a shipping method (it is kept for the orders naming it)",
)
def deactivate_method(method_id: MethodId, _staff: StaffApiDep, tx: TxDep) -> Response:
    services.deactivate_method(tx, method_id)
    return Response(status_code=204)
