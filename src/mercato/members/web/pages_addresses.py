"""Storefront address book: list, add, edit, delete, choose the default, and paste
recognition (POST /account/addresses/parse: JSON for address.js, or the form page filled in).
Every address is fetched through the owner-scoped repository, so another customer's id is a
plain 404. An address added from checkout (`next=/checkout…`) goes back there chosen."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.kernel.errors import DomainError, Unauthorized
from mercato.members import public as members
from mercato.members.address_text import recognise
from mercato.members.domain import CustomerView
from mercato.members.regions import regions
from mercato.members.services import addresses
from mercato.members.web.common import render, safe_next, to_login
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)

AddressId = Annotated[int, Path(ge=1, le=2**63 - 1)]
Short = Annotated[str, Form(max_length=200)]
LIST = "/account/addresses"
PARSE = "/account/addresses/parse"


class AddressForm:
    """The address form's fields, as posted."""

    def __init__(
        self,
        recipient: Short = "",
        phone: Short = "",
        province: Short = "",
        city: Short = "",
        district: Short = "",
        street: Short = "",
        postcode: Short = "",
        is_default: Short = "",
    ) -> None:
        self.values = {
            "recipient": recipient,
            "phone": phone,
            "province": province,
            "city": city,
            "district": district,
            "street": street,
            "postcode": postcode,
        }
        self.make_default = is_default in ("1", "on", "true")


FormDep = Annotated[AddressForm, Depends()]


def _form_page(
    request: Request, tx: Session, loc: str, me: CustomerView, ctx: dict[str, Any], status: int
) -> Response:
    ctx = {"parse_action": _with_next(PARSE, request), "paste": "", **ctx}
    return render(request, tx, loc, "members/address_form.html", ctx, status, customer=me)


def _with_next(path: str, request: Request) -> str:
    back = safe_next(request.query_params.get("next", ""), "")
    return path + ("?" + urlencode({"next": back}, safe="/") if back else "")


def _after_adding(request: Request, address_id: int) -> str:
    """Back to where the form was opened from; checkout gets the new address chosen."""
    back = safe_next(request.query_params.get("next", ""), LIST)
    if back == "/checkout" or back.startswith("/checkout?"):
        back += ("&" if "?" in back else "?") + urlencode({"address_id": address_id})
    return back


@router.get("/account/addresses", response_class=HTMLResponse)
def address_list(
    request: Request, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep
) -> Response:
    if me is None:
        return to_login(request)
    ctx = {"addresses": addresses.list_addresses(tx, me.id)}
    return render(request, tx, loc, "members/addresses.html", ctx, customer=me)


@router.get("/account/addresses/new", response_class=HTMLResponse)
def new_address(
    request: Request, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep
) -> Response:
    if me is None:
        return to_login(request)
    # From checkout: come back there once the address is saved.
    ctx: dict[str, Any] = {"form": {}, "action": _with_next(LIST, request), "address": None}
    return _form_page(request, tx, loc, me, ctx, 200)


@router.post("/account/addresses", response_class=HTMLResponse)
def create_address(
    request: Request,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    form: FormDep,
) -> Response:
    if me is None:
        return to_login(request)
    try:
        added = addresses.add_address(tx, me.id, form.values, form.make_default)
    except DomainError as exc:
        tx.rollback()
        action = _with_next(LIST, request)
        ctx = {"form": form.values, "action": action, "address": None, "errors": _errors(exc)}
        return _form_page(request, tx, loc, me, ctx, exc.status)
    return RedirectResponse(_after_adding(request, added.id), status_code=303)


@router.post(PARSE, response_class=HTMLResponse)
def parse_address(
    request: Request,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    form: FormDep,
    paste: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Recipient, phone, region, street and postcode recognised in pasted text: JSON (every
    field, "" where nothing was found) for a script, else the form filled in with them."""
    found = recognise(paste, regions()).as_dict()
    if "application/json" in request.headers.get("accept", ""):
        if me is None:
            raise Unauthorized("members.login_required", "Please sign in")
        return JSONResponse(found, headers={"Cache-Control": "no-store"})
    if me is None:
        return to_login(request)
    values = {**form.values, **{k: v for k, v in found.items() if v}}
    ctx = {"form": values, "action": _with_next(LIST, request), "address": None, "paste": paste}
    return _form_page(request, tx, loc, me, ctx, 200)


def _errors(exc: DomainError) -> dict[str, str]:
    # Errors about no form field (a full address book, ...) show above the form.
    field = exc.field if exc.field in addresses.FIELDS else ""
    return {field: _(exc.message)}


@router.get("/account/addresses/{address_id}/edit", response_class=HTMLResponse)
def edit_address(
    request: Request,
    address_id: AddressId,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
) -> Response:
    if me is None:
        return to_login(request)
    found = members.address_for(tx, me.id, address_id)
    if found is None:
        return catalog.render_not_found(request, tx, loc, _("No such address"))
    values = {f: getattr(found, f) for f in addresses.FIELDS}
    ctx = {"form": values, "action": f"{LIST}/{found.id}", "address": found}
    return _form_page(request, tx, loc, me, ctx, 200)


@router.post("/account/addresses/{address_id}", response_class=HTMLResponse)
def update_address(
    request: Request,
    address_id: AddressId,
    tx: TxDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    form: FormDep,
) -> Response:
    if me is None:
        return to_login(request)
    make_default = True if form.make_default else None
    try:
        addresses.update_address(tx, me.id, address_id, form.values, make_default)
    except DomainError as exc:
        if exc.status == 404:
            raise
        tx.rollback()
        found = members.address_for(tx, me.id, address_id)
        ctx = {"form": form.values, "action": f"{LIST}/{address_id}", "address": found}
        return _form_page(request, tx, loc, me, {**ctx, "errors": _errors(exc)}, exc.status)
    return RedirectResponse(LIST, status_code=303)


@router.post("/account/addresses/{address_id}/default")
def make_default(
    request: Request,
    address_id: AddressId,
    tx: TxDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
) -> Response:
    if me is None:
        return to_login(request)
    addresses.set_default(tx, me.id, address_id)
    return RedirectResponse(LIST, status_code=303)


@router.post("/account/addresses/{address_id}/delete")
def delete_address(
    request: Request,
    address_id: AddressId,
    tx: TxDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
) -> Response:
    if me is None:
        return to_login(request)
    addresses.delete_address(tx, me.id, address_id)
    return RedirectResponse(LIST, status_code=303)
