"""Putting an item in the cart from another page (the product page): `POST /cart/add`,
`POST /cart/buy` ("buy now") and `GET /cart/count` (the header's badge).

/cart/add answers JSON to a script (`Accept: application/json`): `{"count", "message"}` or
the error shape with how many are left. A plain form post (no JavaScript) is sent back to the
page it came from (a same-origin Referer, else the product page) with the message in the
`cart_msg` query parameter, and `cart_error=1` when the item was not added."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from mercato.catalog import public as catalog
from mercato.checkout import services
from mercato.checkout.domain import CartOwner
from mercato.checkout.web.cart_common import (
    Digits,
    owner_of,
    quantity_of,
    remember_cart,
    say,
    sku_of,
    wants_json,
)
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, TxDep
from mercato.web.errors import error_body
from mercato.web.routing import Router

router = Router(include_in_schema=False)
MESSAGE, FAILED = "cart_msg", "cart_error"


async def add_guard(request: Request) -> None:
    """The product page is rendered by the catalogue, which cannot hold the members CSRF
    token; a browser's own same-origin proof (Sec-Fetch-Site / Origin) is accepted instead."""
    origin = request.headers.get("origin", "")
    if request.headers.get("sec-fetch-site") == "same-origin" or (
        origin and urlsplit(origin).netloc == request.url.netloc
    ):
        return
    await members.check_csrf(request)


GuardDep = Annotated[None, Depends(add_guard)]


def _back(request: Request, tx: TxDep, sku_id: str, loc: str, params: dict[str, str]) -> str:
    """Where a form post goes back to: the same-origin page it came from, else the item's
    product page, else home; earlier cart messages dropped, this one added."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        path, query = referer.path, parse_qsl(referer.query)
    else:
        path, query = "/", []
        sku = sku_id.strip()
        if sku.isascii() and sku.isdigit() and len(sku) <= 18:
            found = catalog.sku_snapshots(tx, [int(sku)], loc).get(int(sku))
            if found is not None:
                path, query = f"/p/{found.product_slug}", [("sku", sku)]
    kept = [(k, v) for k, v in query if k not in (MESSAGE, FAILED)]
    return path + "?" + urlencode([*kept, *params.items()])


def _refused(request: Request, tx: TxDep, exc: DomainError, sku_id: str, loc: str) -> Response:
    tx.rollback()
    if wants_json(request):
        body = error_body(exc.code, say(exc), exc.field)
        return JSONResponse(body, exc.status, headers={"Cache-Control": "no-store"})
    target = _back(request, tx, sku_id, loc, {MESSAGE: say(exc), FAILED: "1"})
    return RedirectResponse(target, status_code=303)


def _put(
    tx: TxDep, owner: CartOwner, sku_id: str, quantity: str, loc: str, replace: bool
) -> tuple[int, int, str | None]:
    sku = sku_of(sku_id)
    view, token = services.add_item(tx, owner, sku, quantity_of(quantity), loc, replace)
    return sku, view.units, token


@router.post("/cart/add")
def add_to_cart(
    request: Request,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _guard: GuardDep,
    sku_id: Digits = "",
    quantity: Digits = "1",
) -> Response:
    try:
        _sku, units, token = _put(tx, owner_of(request, me), sku_id, quantity, loc, False)
    except DomainError as exc:
        return _refused(request, tx, exc, sku_id, loc)
    message = _("Added to cart")
    response: Response
    if wants_json(request):
        body = {"count": units, "message": message}
        response = JSONResponse(body, headers={"Cache-Control": "no-store"})
    else:
        response = RedirectResponse(_back(request, tx, sku_id, loc, {MESSAGE: message}), 303)
    return remember_cart(request, response, token)


@router.post("/cart/buy")
def buy_now(
    request: Request,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _guard: GuardDep,
    sku_id: Digits = "",
    quantity: Digits = "1",
) -> Response:
    """The line holds exactly `quantity` (other lines untouched), then checkout of it alone."""
    try:
        sku, _units, token = _put(tx, owner_of(request, me), sku_id, quantity, loc, True)
    except DomainError as exc:
        return _refused(request, tx, exc, sku_id, loc)
    response = RedirectResponse("/checkout?" + urlencode({"sku": sku}), status_code=303)
    return remember_cart(request, response, token)


@router.get("/cart/count")
async def cart_count(request: Request, db: DbDep, me: members.SessionCustomerDep) -> Response:
    """Units in the shopper's cart: one indexed read (plus the session's, signed in)."""
    owner = owner_of(request, me)
    units = 0
    if owner.customer_id is not None or owner.guest_token:
        with db.core_reads() as reads:
            units = services.cart_units(reads, owner)
    return JSONResponse({"count": units}, headers={"Cache-Control": "no-store"})
