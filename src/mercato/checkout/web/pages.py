"""The cart page (/cart) and its forms. Guests are known by the HttpOnly `mercato_cart`
cookie, customers by their session. A quantity typed or stepped is kept within 1..99 and
stock (the page says why it changed); a removed line can be put back (undo). Lines are
ticked for checkout in the page itself: the ticked SKUs (`sku`) and those shown (`seen`) go
along with every change, so the chosen total is always computed here, and 结算 goes to
/checkout?sku=…&sku=… with exactly them. Script requests (`HX-Request`) get the cart
fragment back; plain form posts a redirect."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.checkout import domain, services
from mercato.checkout.domain import CartView
from mercato.checkout.public import CART_COOKIE, merge_guest_cart
from mercato.checkout.services import cart_page, pricing
from mercato.checkout.web import pages_add
from mercato.checkout.web.cart_common import Digits, owner_of, quantity_of, say
from mercato.checkout.web.schemas import MAX_ID
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
router.include_router(pages_add.router)

SkuId = Annotated[int, Path(ge=1, le=MAX_ID)]
FormIds = Annotated[list[str], Form()]
QueryIds = Annotated[list[str], Query()]
Short = Annotated[str, Query(max_length=40)]
MAX_IDS = 200


def _ids(values: list[str]) -> set[int]:
    return {int(v) for v in values[:MAX_IDS] if v.isascii() and v.isdigit() and len(v) <= 18}


def ticked(cart: CartView, skus: list[str], seen: list[str]) -> frozenset[int] | None:
    """The lines ticked on the page: those sent as `sku`, and any line the page did not show
    yet (`seen` lacks it: added meanwhile, ticked as new lines are). None: all of them."""
    if not skus and not seen:
        return None
    picked, shown = _ids(skus), _ids(seen)
    return frozenset(
        ln.sku_id for ln in cart.lines if ln.sku_id in picked or ln.sku_id not in shown
    )


def _context(
    request: Request,
    tx: Session,
    cart: CartView,
    customer: Any,
    tick: frozenset[int] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    chosen = domain.chosen(cart, tick)
    lines = [ln for ln in cart.lines if ln.sku_id in chosen]
    who = customer.id if customer is not None else None
    return {
        "cart": cart,
        "chosen": chosen,
        # The chosen lines through the pricing pipeline: promotions and the member's prices
        # (coupons and points are chosen at checkout).
        "offer": pricing.offer(tx, lines, who),
        "error": "",
        "notes": {},
        "undo": None,
        "csrf": members.csrf_token(request),
        "customer": customer,
        **extra,
    }


def _page(
    request: Request, tx: Session, loc: str, ctx: dict[str, Any], status: int = 200
) -> Response:
    response = catalog.render_page(request, tx, loc, "checkout/cart.html", ctx, status=status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


def _fragment(request: Request, ctx: dict[str, Any]) -> Response:
    body = request.app.state.templates.get_template("checkout/_cart.html").render(ctx)
    response = HTMLResponse(body, headers={"Cache-Control": "no-store"})
    return members.remember_csrf(request, response)


def _answer(
    request: Request, tx: Session, loc: str, ctx: dict[str, Any], status: int = 200
) -> Response:
    if request.headers.get("hx-request"):
        return _fragment(request, ctx)
    return _page(request, tx, loc, ctx, status)


def _failed(
    request: Request, tx: Session, loc: str, exc: DomainError, customer: Any, line: int = 0
) -> Response:
    """The cart as it was, with the reason next to the line (or above the cart): a fragment
    (200, so the script swaps it in), else the whole page with the error's status."""
    tx.rollback()
    cart = services.view_cart(tx, owner_of(request, customer), loc)
    notes = {line: say(exc)} if line and exc.field == "quantity" else {}
    ctx = _context(request, tx, cart, customer, error="" if notes else say(exc), notes=notes)
    return _answer(request, tx, loc, ctx, exc.status)


@router.get("/cart", response_class=HTMLResponse)
def cart_page_view(
    request: Request,
    db: DbDep,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    sku: QueryIds = [],  # noqa: B006 (FastAPI copies defaults)
    seen: QueryIds = [],  # noqa: B006
    undo: Short = "",
    undo_q: Short = "",
    undo_at: Short = "",
) -> Response:
    guest = request.cookies.get(CART_COOKIE)
    if me is not None and guest:
        # Signed in with a guest cart still in the cookie: fold it into the customer's cart,
        # in a write of its own. The page itself only reads: on SQLite a write transaction
        # holds the one writer lock, and every shopper looking at their cart would queue
        # behind (and hold up) every checkout while the page is priced and rendered.
        with db.transaction() as write:
            merge_guest_cart(write, guest, me.id)
    cart = services.view_cart(tx, owner_of(request, me), loc)
    put_back = _undo(undo, undo_q, undo_at)
    ctx = _context(request, tx, cart, me, ticked(cart, sku, seen), undo=put_back)
    response = _answer(request, tx, loc, ctx)
    if me is not None and guest:
        response.delete_cookie(CART_COOKIE)
    return response


def _undo(sku: str, quantity: str, at: str) -> cart_page.Removed | None:
    """A removal to offer undoing, as a plain form post's redirect names it."""
    if not (_ids([sku]) and _ids([quantity])):
        return None
    return cart_page.Removed(int(sku), int(quantity), _when(at), "")


def _when(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _note(done: cart_page.Adjusted) -> str:
    if done.reason == "min":
        return _("At least 1: the quantity is now 1")
    if done.reason == "max":
        return _("At most 99 of one item: the quantity is now 99")
    if done.reason == "stock":
        return _("Only %(n)s left: the quantity is now %(n)s") % {"n": done.limit}
    return ""


def _step(value: str) -> int:
    return {"-1": -1, "1": 1, "+1": 1}.get(value.strip(), 0)


@router.post("/cart/lines/{sku_id}", response_class=HTMLResponse)
def change_line(
    request: Request,
    sku_id: SkuId,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    quantity: Digits = "",
    step: Annotated[str, Form(max_length=3)] = "",
    sku: FormIds = [],  # noqa: B006
    seen: FormIds = [],  # noqa: B006
) -> Response:
    try:
        wanted = quantity_of(quantity) + _step(step)
        done = cart_page.adjust_quantity(tx, owner_of(request, me), sku_id, wanted, loc)
    except DomainError as exc:
        return _failed(request, tx, loc, exc, me, sku_id)
    if not request.headers.get("hx-request"):
        return RedirectResponse("/cart", status_code=303)
    note = _note(done)
    ctx = _context(request, tx, done.cart, me, ticked(done.cart, sku, seen))
    return _fragment(request, {**ctx, "notes": {sku_id: note} if note else {}})


@router.post("/cart/lines/{sku_id}/remove", response_class=HTMLResponse)
def remove_line(
    request: Request,
    sku_id: SkuId,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    sku: FormIds = [],  # noqa: B006
    seen: FormIds = [],  # noqa: B006
) -> Response:
    try:
        cart, removed = cart_page.remove_line(tx, owner_of(request, me), sku_id, loc)
    except DomainError as exc:
        return _failed(request, tx, loc, exc, me)
    if not request.headers.get("hx-request"):
        at = removed.added_at.isoformat() if removed.added_at else ""
        query = {"undo": removed.sku_id, "undo_q": removed.quantity, "undo_at": at}
        return RedirectResponse("/cart?" + urlencode(query), status_code=303)
    ctx = _context(request, tx, cart, me, ticked(cart, sku, seen), undo=removed)
    return _fragment(request, ctx)


@router.post("/cart/lines/{sku_id}/restore", response_class=HTMLResponse)
def restore_line(
    request: Request,
    sku_id: SkuId,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    quantity: Digits = "1",
    added_at: Annotated[str, Form(max_length=40)] = "",
    sku: FormIds = [],  # noqa: B006
    seen: FormIds = [],  # noqa: B006
) -> Response:
    owner = owner_of(request, me)
    try:
        qty = quantity_of(quantity)
        cart = cart_page.restore_line(tx, owner, sku_id, qty, _when(added_at), loc)
    except DomainError as exc:
        return _failed(request, tx, loc, exc, me)
    if not request.headers.get("hx-request"):
        return RedirectResponse("/cart", status_code=303)
    return _fragment(request, _context(request, tx, cart, me, ticked(cart, sku, seen)))
