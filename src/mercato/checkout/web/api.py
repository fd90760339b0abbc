"""Cart API. Customers are known by their bearer token (or session cookie plus X-CSRF-Token);
guests by the X-Cart-Token header, handed out by their first add. Prices and totals are
always computed here from current catalogue data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Request, Response

from mercato.checkout import services
from mercato.checkout.domain import CartOwner, CartView, ShortOfStock
from mercato.checkout.web.cart_common import say
from mercato.checkout.web.schemas import MAX_ID, CartLineOut, CartOut, LineIn, QuantityIn
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.platform.units import run_planned
from mercato.web.bodies import fields_of
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.lean import LeanRoute
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["cart"], route_class=LeanRoute)

TOKEN_HEADER = "X-Cart-Token"
ADD_ATTEMPTS = 3
SkuId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_TEXT = {
    401: "Invalid customer token",
    403: "Cookie session without a valid X-CSRF-Token header",
    404: "Unknown SKU (sku_not_found) or not in your cart (line_not_found)",
    409: "Another request of yours changed the cart at the same moment (cart_busy): retry",
    422: "Invalid input (`field` names it), item no longer sold or not enough stock "
    "(`checkout.insufficient_stock`, its message saying how many are left)",
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": _TEXT[c], **_ERROR} for c in codes}


async def cart_owner(request: Request, customer: members.OptionalCustomerDep) -> CartOwner:
    """The signed-in customer, else the guest named by X-Cart-Token (maybe nobody yet)."""
    if customer is not None:
        return CartOwner(customer.id, None)
    return CartOwner(None, request.headers.get(TOKEN_HEADER) or None)


OwnerDep = Annotated[CartOwner, Depends(cart_owner)]


def _out(view: CartView, token: str | None = None) -> CartOut:
    lines = [
        CartLineOut(**{**fields_of(v), "option_labels": list(v.option_labels)}) for v in view.lines
    ]
    return CartOut(
        currency=view.currency,
        lines=lines,
        item_count=view.item_count,
        subtotal_fen=view.subtotal_fen,
        token=token,
    )


@router.get("/cart", response_model=CartOut, responses=_errors(401), summary="The cart")
def get_cart(owner: OwnerDep, tx: ReadDep, loc: LocaleDep) -> CartOut:
    return _out(services.view_cart(tx, owner, loc))


@router.post(
    "/cart/lines",
    response_model=CartOut,
    responses=_errors(401, 403, 404, 409, 422),
    summary="Add an item (a guest's first add returns a cart token)",
)
async def add_line(body: LineIn, owner: OwnerDep, db: DbDep, loc: LocaleDep) -> Response:
    # Planned from reads, then only the line written (mercato.platform.units.run_planned): on
    # SQLite the writer lock covers one statement, not the reads and pricing too. Another
    # request of the same shopper writing the cart in between makes the write refuse; the
    # add is then planned again.
    def plan() -> services.PlannedAdd:
        with db.core_reads() as reads:
            return services.plan_add(reads, owner, body.sku_id, body.quantity, loc)

    def write(planned: services.PlannedAdd) -> tuple[CartView, str | None]:
        with db.core_transaction() as tx:
            return services.apply_add(tx, owner, planned)

    try:
        view, token = await run_planned(db, plan, write, services.CartChanged, ADD_ATTEMPTS)
    except ShortOfStock as exc:
        raise _left(exc) from None
    headers = {TOKEN_HEADER: token} if token else None
    # Serialised once here: FastAPI would validate the returned model again.
    return Response(_out(view, token).model_dump_json(), 200, headers, "application/json")


@router.patch(
    "/cart/lines/{sku_id}",
    response_model=CartOut,
    responses=_errors(401, 403, 404, 422),
    summary="Change an item's quantity",
)
def change_line(
    sku_id: SkuId, body: QuantityIn, owner: OwnerDep, tx: TxDep, loc: LocaleDep
) -> CartOut:
    try:
        return _out(services.set_quantity(tx, owner, sku_id, body.quantity, loc))
    except ShortOfStock as exc:
        raise _left(exc) from None


def _left(exc: ShortOfStock) -> DomainError:
    """Short stock, its message saying how many are left ("库存不足，仅剩 3 件")."""
    return DomainError(exc.code, say(exc), exc.field)


@router.delete(
    "/cart/lines/{sku_id}",
    response_model=CartOut,
    responses=_errors(401, 403, 404, 422),
    summary="Remove an item",
)
def delete_line(sku_id: SkuId, owner: OwnerDep, tx: TxDep, loc: LocaleDep) -> CartOut:
    return _out(services.remove_item(tx, owner, sku_id, loc))
