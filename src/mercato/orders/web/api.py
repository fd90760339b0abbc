"""Orders API for customers (bearer token, or session cookie + X-CSRF-Token). Creating an
order honours `Idempotency-Key` (Stripe semantics: a replay returns the stored response, the
same key with another body is refused)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import orjson
from fastapi import Header, Path, Query, Response
from fastapi.responses import JSONResponse

from mercato.checkout import public as checkout
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.orders import domain
from mercato.orders.adapters import queries
from mercato.orders.services import preview as preview_service
from mercato.orders.services import transitions
from mercato.orders.services.place_order import (
    OrderPlan,
    PlaceOrder,
    Replan,
    plan_order,
    write_order,
)
from mercato.orders.web import convert
from mercato.orders.web.schemas import (
    CancelIn,
    OrderIn,
    OrderOut,
    OrderPageOut,
    PreviewIn,
    PreviewOut,
)
from mercato.platform import idempotency
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _
from mercato.platform.units import run_planned
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.errors import error_body, error_responses
from mercato.web.lean import LeanRoute
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["orders"], route_class=LeanRoute)
Number = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
ORDER_ATTEMPTS = 3


def _error_json(exc: DomainError) -> str:
    return orjson.dumps(error_body(exc.code, _(exc.message), exc.field)).decode()


_PLACE = """Places an order of the customer's cart, priced and totalled here from current
data: the whole cart, or with `sku_ids` only those lines (the cart's other lines stay in it,
untouched). The lines ordered are taken out of the cart exactly as priced; stock is held for
them at once and is never oversold.

Errors: 404 `orders.address_not_found`, `checkout.shipping_method_not_found`; 409
`orders.cart_changed` (a line is no longer sellable in its quantity, or a chosen line is no
longer in the cart: review the cart), `orders.busy` or `db.busy` (the cart or stock changed
meanwhile, several times: retry); 422 `orders.empty_cart`, invalid fields (`field` names
them), `checkout.no_delivery`. Coupons and points: 404 `promotions.coupon_not_found` (not
yours, or no such coupon); 409 `promotions.coupon_used` (used, by this or another order
meanwhile); 422 `coupon.expired`, `coupon.not_started`, `coupon.min_spend`,
`coupon.not_eligible`, `members.points_insufficient` (more than you hold),
`orders.points_over_limit` (points pay at most half of the goods). With an
`Idempotency-Key`, a replay answers what was stored (`Idempotent-Replayed: true`), another
body under the same key 422
`idempotency.key_reused`; transient 409s are not stored."""


@router.post(
    "/orders",
    status_code=201,
    response_model=OrderOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Place an order from the customer's cart (all of it, or the chosen lines)",
    description=_PLACE,
)
async def create_order(
    body: OrderIn,
    customer: members.CustomerDep,
    db: DbDep,
    settings: SettingsDep,
    loc: LocaleDep,
    idempotency_key: Annotated[
        str | None,
        Header(max_length=255, json_schema_extra={"pattern": idempotency.KEY_PATTERN}),
    ] = None,
) -> Response:
    cmd = PlaceOrder(
        customer.id,
        body.address_id,
        body.shipping_method,
        domain.InvoiceRequest(**body.invoice.model_dump()),
        body.note,
        frozenset(body.sku_ids) if body.sku_ids is not None else None,
        body.coupon_id or checkout.NO_COUPON,
        body.points,
        "app",
    )

    # Planned from reads, then written in one transaction that checks the cart and stock
    # still hold what the plan relied on, else planned again (mercato.platform.units
    # .run_planned): on SQLite the writer lock covers the write alone.
    def plan() -> OrderPlan:
        with db.core_reads() as reads:
            return plan_order(reads, cmd, loc, settings.order_pay_minutes)

    scope = f"customer:{customer.id}:POST /api/v1/orders"
    write = _writer(db, scope, idempotency_key, _hashed(body))
    stored = await run_planned(db, plan, write, Replan, ORDER_ATTEMPTS)
    headers = {"Idempotent-Replayed": "true"} if stored.replayed else {}
    return Response(stored.body, stored.status, headers, media_type="application/json")


# Invoice fields of a special VAT invoice, added after keys were first stored.
_SPECIAL_FIELDS = ("vat_type", "address", "phone", "bank", "account")


def _hashed(body: OrderIn) -> dict[str, Any]:
    """The body as an Idempotency-Key remembers it. Fields added later are left out while
    unused (sku_ids absent; an ordinary invoice with no special details): a key stored
    before they existed still matches its replay."""
    params = body.model_dump(mode="json", exclude={"sku_ids"} if body.sku_ids is None else None)
    invoice = params["invoice"]
    if invoice["vat_type"] == "ordinary" and not any(invoice[f] for f in _SPECIAL_FIELDS[1:]):
        for name in _SPECIAL_FIELDS:
            del invoice[name]
    return params


def _writer(
    db: Database, scope: str, key: str | None, params: dict[str, Any]
) -> Callable[[OrderPlan], idempotency.Stored]:
    """The write of a planned order; under an Idempotency-Key, once per key (Stripe's
    semantics: a replay answers what was stored)."""

    def work(planned: OrderPlan) -> Callable[[Any], tuple[int, str]]:
        def in_tx(tx: Any) -> tuple[int, str]:
            return 201, convert.order_out(write_order(tx, planned).detail).model_dump_json()

        return in_tx

    if key is None:

        def once(planned: OrderPlan) -> idempotency.Stored:
            with db.core_transaction() as tx:
                return idempotency.Stored(*work(planned)(tx), False)

        return once
    digest = idempotency.request_hash("POST", "/api/v1/orders", params)
    return lambda planned: idempotency.run(db, scope, key, digest, work(planned), _error_json)


@router.get(
    "/orders", response_model=OrderPageOut, responses=error_responses(401, 422), summary="My orders"
)
def list_orders(
    customer: members.CustomerDep,
    tx: ReadDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    status: Annotated[str, Query(max_length=20)] = "",
) -> OrderPageOut:
    return convert.page_out(queries.customer_orders(tx, customer.id, page, status))


@router.get(
    "/orders/{number}",
    response_model=OrderOut,
    responses=error_responses(401, 404, 422),
    summary="An order",
)
def get_order(number: Number, customer: members.CustomerDep, tx: ReadDep) -> OrderOut:
    return convert.order_out(queries.detail(tx, number, customer.id))


@router.post(
    "/orders/{number}/cancel",
    response_model=OrderOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Cancel an unpaid order",
)
def cancel_order(
    number: Number, body: CancelIn, customer: members.CustomerDep, db: DbDep
) -> OrderOut:
    db.unit(lambda tx: transitions.cancel_by_customer(tx, number, customer.id, body.reason))
    with db.reading() as tx:  # after the commit: the stock rows' locks are not held meanwhile
        return convert.order_out(queries.detail(tx, number, customer.id))


@router.post(
    "/checkout/preview",
    response_model=PreviewOut,
    responses=error_responses(401, 404, 422),
    summary="Totals and shipping options for the cart (or its chosen lines) to an address",
)
def preview(
    body: PreviewIn, customer: members.CustomerDep, tx: ReadDep, loc: LocaleDep
) -> JSONResponse:
    chosen = frozenset(body.sku_ids) if body.sku_ids is not None else None
    coupon = checkout.BEST_COUPON if body.coupon_id is None else body.coupon_id
    p = preview_service.preview(
        tx, customer.id, body.address_id, body.shipping_method, loc, chosen, coupon, body.points
    )
    return JSONResponse(convert.preview_out(p).model_dump(mode="json"))
